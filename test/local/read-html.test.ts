import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importText } from '../../src/core/import-text';
import { LocalHost } from '../../src/local/host';
import { importRoadmap, readRoadmapFile } from '../../src/local/import-roadmap';
import { captured } from '../fixtures/captured-output';
import { readHtml } from '../../src/local/read-html';
import { roadmapHtml, roadmapSummary, TSV } from '../fixtures/roadmap-shapes';
import { readGrid } from '../fixtures/seed-roadmaps';
import { windows1251 } from '../fixtures/windows-1251';

const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

const reference = roadmapSummary(importText(TSV));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('a saved web page', () => {
  it('reads as the same roadmap as its tab-separated text: merged section rows, a responsible merged down, lists in cells, two tables, the title', async () => {
    const page = roadmapHtml();
    expect(page).toContain('rowspan="2"');
    expect(page).toContain('<br>');
    expect(await readRoadmapFile(write('карта.html', page)).then(roadmapSummary)).toEqual(reference);
  });

  it('reads a page saved in Windows-1251 (its <meta charset>)', async () => {
    const file = write('карта-1251.htm', windows1251(roadmapHtml('windows-1251')));
    expect(await readRoadmapFile(file).then(roadmapSummary)).toEqual(reference);
  });

  it.each([
    ['Windows-1251', windows1251],
    ['UTF-8', (t: string): Buffer => Buffer.from(t)],
  ])('reads a page saved in %s without a charset tag (the way a .txt is read)', async (name, encode) => {
    const page = roadmapHtml().replace(/<meta charset="[^"]*">/, '');
    expect(page).not.toContain('charset');
    const file = write(`без-meta-${name}.html`, encode(page));
    expect(await readRoadmapFile(file).then(roadmapSummary)).toEqual(reference);
  });

  it("takes the title from the table's caption", async () => {
    const page = roadmapHtml()
      .replace(/<h1>.*?<\/h1>\s*<p>.*?<\/p>/s, '')
      .replace('<table border="1">', '<table border="1"><caption>План мероприятий на 2024 год</caption>');
    const imported = await readRoadmapFile(write('с-подписью.html', page));
    expect(imported.title).toBe('План мероприятий на 2024 год');
    expect(roadmapSummary(imported).activities).toEqual(reference.activities);
  });

  it('keeps scripts, menus and the signature below the table out of the table', () => {
    const { lines, tables } = readHtml(Buffer.from(roadmapHtml()));
    expect(tables.map((t) => t.rows)).toEqual([7, 7]);
    const rows = lines.filter((l) => l.tabbed).map((l) => l.cells.join(' | '));
    expect(rows.some((r) => r.includes('не ячейка') || r.includes('Иванов') || r.includes('Главная'))).toBe(
      false,
    );
    expect(lines.filter((l) => !l.tabbed).map((l) => l.cells.join(''))).toContain(
      'Начальник управления образования И.И. Иванов',
    );
  });

  it('becomes a workbook through roadmap500 import: a list of parties one per line, the merged responsible in each row', async () => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const out = path.join(dir, 'карта.xlsx');
    expect(await importRoadmap(write('страница.html', roadmapHtml()), out)).toBe(0);
    const host = await LocalHost.open(out);
    const rows = host.values('Мероприятия');
    expect(rows.flat()).toContain('Управление образования\nММЦ');
    const read = readGrid(rows).activities;
    expect(read).toHaveLength(10);
    expect(read.filter((a) => a.responsibleText === 'Руководители ОО').map((a) => a.id)).toEqual([
      '1.3',
      '1.4',
      '2.5',
    ]);
  });

  it('refuses a page whose table has no header row naming the columns, with the line of the table (exit 2, nothing written)', async () => {
    const errors = captured(process.stderr);
    const page = roadmapHtml().replace(/<thead>.*?<\/thead>/gs, '');
    const line = page.split('\n').findIndex((l) => l.includes('<table border')) + 1;
    const out = path.join(dir, 'без-шапки.xlsx');
    expect(await importRoadmap(write('без-шапки.html', page), out)).toBe(2);
    expect(errors.join('')).toMatch(
      new RegExp(
        `^roadmap500 import: не удалось прочитать «.*»: Строка ${line}: в таблице страницы \\(6 строк\\) нет строки заголовков.*сохраните исходный документ как \\.docx`,
      ),
    );
  });
});
