/** The saved workbook reads well in Excel and LibreOffice: wrapped rows tall enough, widths, print setup (the chart picture: chart-svg.test.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { LocalHost } from '../../src/local/host';
import { linesFor } from '../../src/local/print-layout';
import { seedActivitiesGrid } from '../fixtures/seed-roadmaps';
import { mailWorkbook } from '../sheets/mail-workbook';
import { refreshIndicators } from '../../src/sheets/indicators-job';
import { previewReminders } from '../../src/sheets/reminders';

const dir = mkdtempSync(join(tmpdir(), 'roadmap500-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('estimates lines from characters and column width, paragraphs and long words included', () => {
  expect(linesFor('', 20)).toBe(1);
  expect(linesFor('короткий текст', 20)).toBe(1);
  expect(linesFor('слово '.repeat(20).trim(), 20)).toBeGreaterThanOrEqual(6);
  expect(linesFor('один\nдва\nтри', 40)).toBe(3);
  expect(linesFor('x'.repeat(100), 10)).toBeGreaterThanOrEqual(10);
});

it('«Проверка» gets a row height above 15 pt on every row whose message wraps, and A4 landscape fit to width', async () => {
  const host = LocalHost.fromSheets({ Мероприятия: seedActivitiesGrid('002_') }, { now: '2021-10-01' });
  host.run('validateRoadmap');
  const book = join(dir, 'проверка.xlsx');
  await host.save(book);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  const ws = wb.getWorksheet('Проверка')!;
  let wrapped = 0;
  ws.eachRow((row, r) => {
    if (r === 1) return;
    row.eachCell((cell, c) => {
      const width = ws.getColumn(c).width ?? 8.43;
      if (cell.alignment?.wrapText && linesFor(cell.text, width) > 1) {
        wrapped += 1;
        expect({ row: r, height: row.height }).toEqual({ row: r, height: expect.any(Number) as unknown });
        expect(row.height).toBeGreaterThan(15);
      }
    });
  });
  expect(wrapped).toBeGreaterThan(0);
  expect(ws.pageSetup).toMatchObject({
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
  });
  expect(ws.pageSetup.printTitlesRow).toBe('1:1');
  for (const name of ['Проверка', 'Дорожная карта', 'Журнал'].filter((n) => wb.getWorksheet(n)))
    wb.getWorksheet(name)!.columns.forEach((col) => expect(col.width).toBeGreaterThan(0));
});

it("«Сводка» prints its stacked sections on A4 landscape fit to width, no one section's header repeated", async () => {
  const host = LocalHost.fromSheets(
    {
      ...mailWorkbook(),
      Показатели: [
        ['Показатель', 'Плановое значение', 'Факт'],
        ['Охват, %', '100%', '60%'],
      ],
    },
    { now: '2021-04-21' },
  );
  previewReminders(host.services());
  refreshIndicators(host.services());
  const book = join(dir, 'сводка.xlsx');
  await host.save(book);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  const ws = wb.getWorksheet('Сводка')!;
  const titles: string[] = [];
  ws.eachRow((row) => {
    const first = row.getCell(1).text;
    if (/^(Показатели|Предпросмотр писем)( — |$)/.test(first)) titles.push(first.split(' — ')[0]);
  });
  expect(titles).toEqual(['Показатели', 'Предпросмотр писем']);
  expect(ws.pageSetup).toMatchObject({
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
  });
  expect(ws.pageSetup.printTitlesRow).toBeUndefined();
  for (const c of [1, 2, 3, 4]) expect(ws.getColumn(c).width).toBeGreaterThan(0);
  // The titles run on over the empty cells beside them: column A is as wide as the addresses under them.
  expect(ws.getCell('A1').text.length).toBeGreaterThan(30);
  expect(ws.getColumn(1).width).toBeLessThan(30);
});
