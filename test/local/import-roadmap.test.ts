import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { LocalHost } from '../../src/local/host';
import { importRoadmap, parseCsv, readRoadmapFile } from '../../src/local/import-roadmap';
import { decodeText } from '../../src/local/text-encoding';
import { ONE_CELL_PER_LINE } from '../fixtures/roadmap-shapes';
import { captured } from '../fixtures/captured-output';
import { readGrid, seedPath } from '../fixtures/seed-roadmaps';
import { windows1251 } from '../fixtures/windows-1251';

const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = (): void => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
};
afterEach(() => jest.restoreAllMocks());

describe('roadmap500 import', () => {
  it.each([
    ['000_', 31, '2020'],
    ['001_', 41, '2021'],
    ['002_', 20, '2023'],
    ['003_', 28, '2022'],
    ['004_', 59, '2021'],
  ])(
    'seed %s becomes a workbook whose roadmap reads back (%i activities, period from %s)',
    async (prefix, count, year) => {
      quiet();
      const out = path.join(dir, `${prefix}.xlsx`);
      expect(await importRoadmap(seedPath(prefix), out)).toBe(0);
      const host = await LocalHost.open(out);
      const settings = host.values('Настройки');
      expect(settings.find((r) => r[0] === 'Начало периода')?.[1]).toBe(Number(year));
      const r = readGrid(host.values('Мероприятия'), { settings });
      expect(r.activities).toHaveLength(count);
      expect(r.period.source).toBe('settings');
    },
  );

  it('says what it wrote in plain Russian: «52 строки», a period of one year as «2021», the next command with this file', async () => {
    const said = captured(process.stdout);
    const out = path.join(dir, 'summary.xlsx');
    expect(await importRoadmap(seedPath('001_'), out)).toBe(0);
    const text = said.join('');
    expect(text).toContain('(52 строки на листе «Мероприятия»)');
    expect(text).toContain('период дорожной карты 2021.');
    expect(text).toContain(`roadmap500 validateRoadmap "${out}"`);
  });

  it('keeps text as text in the workbook («1.1.», «01.03 2021», «100%»)', async () => {
    quiet();
    const out = path.join(dir, 'text.xlsx');
    await importRoadmap(seedPath('001_'), out);
    const host = await LocalHost.open(out);
    const flat = host.values('Мероприятия').flat();
    expect(flat).toContain('01.03 2021');
    expect(flat).toContain('До 01.04.2021');
    expect(host.values('Показатели').flat()).toContain('100%');
  });

  it('reads a CSV saved by Russian Excel (semicolons, Windows-1251, quoted multi-line cells)', async () => {
    const csv =
      'Дорожная карта на 2022 год;;;\n№;Мероприятие;Срок;Ответственные\n1;"Совещание\nкоординаторов";апрель 2022;УО\n2;"Семинар ""Точка роста""";май 2022;ММЦ\n';
    const file = path.join(dir, 'roadmap.csv');
    writeFileSync(file, windows1251(csv));
    expect(parseCsv(csv)[2]).toEqual(['1', 'Совещание\nкоординаторов', 'апрель 2022', 'УО']);
    expect(decodeText(new Uint8Array([0xc0, 0xef, 0xf0, 0xe5, 0xeb, 0xfc]))).toBe('Апрель');
    // Notepad's «Юникод» (UTF-16 with its byte order mark).
    expect(decodeText(Buffer.from('\uFEFFАпрель', 'utf16le'))).toBe('Апрель');
    const imported = await readRoadmapFile(file);
    expect(imported.period).toEqual({ start: 2022, end: 2022 });
    expect(readGrid(imported.activities).activities.map((a) => a.title)).toEqual([
      'Совещание координаторов',
      'Семинар "Точка роста"',
    ]);
  });

  it('reads an .xlsx exported from Word: merged section rows, dates as dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Таблица 1');
    ws.addRow(['План-график на 2021-2023 годы']);
    ws.addRow(['№ п/п', 'Содержание действия', 'Ответственный исполнитель', 'Сроки']);
    ws.addRow(['1. Действия по кадрам', '', '', '']);
    ws.mergeCells('A3:D3');
    ws.addRow(['1.', 'Мониторинг кадров', 'МОУО', new Date(Date.UTC(2021, 10, 25))]);
    ws.addRow(['2.', 'Создание кабинетов', 'МОУО ПРШ', 'декабрь 2021 г.']);
    const file = path.join(dir, 'word.xlsx');
    await wb.xlsx.writeFile(file);
    const imported = await readRoadmapFile(file);
    const r = readGrid(imported.activities);
    expect(r.activities.map((a) => [a.id, a.sectionPath, a.deadlineText])).toEqual([
      ['1.1', ['1. Действия по кадрам'], '25.11.2021'],
      ['1.2', ['1. Действия по кадрам'], 'декабрь 2021 г.'],
    ]);
    expect(imported.period).toEqual({ start: 2021, end: 2023 });
  });

  it('reads text copied one cell per line; refuses one whose rows cannot be told apart, naming the line (exit 2, nothing written)', async () => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const errors = captured(process.stderr);
    const good = path.join(dir, 'с-сайта.txt');
    writeFileSync(good, ONE_CELL_PER_LINE);
    expect(await importRoadmap(good, path.join(dir, 'с-сайта.xlsx'))).toBe(0);
    const bad = path.join(dir, 'с-пропуском.txt');
    writeFileSync(bad, ONE_CELL_PER_LINE.replace('Рисковые профили школ\n', ''));
    const out = path.join(dir, 'с-пропуском.xlsx');
    expect(await importRoadmap(bad, out)).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(errors.join('')).toMatch(
      /не удалось прочитать «.*с-пропуском\.txt»: Строка 26: в строке таблицы с номером «1\.2» 4 ячейки/,
    );
  });

  describe('text copied from a PDF (test/fixtures/pdf-copies)', () => {
    const pdfCopy = (name: string): string => path.join(__dirname, '../fixtures/pdf-copies', name);
    const rowsOf = async (out: string): Promise<string[]> =>
      (await LocalHost.open(out)).values('Мероприятия').map((r) => r.filter((c) => c !== '').join(' | '));

    it('drops the page number «2» between rows 1.2 and 1.3: no shifted cells, the result «Протокол» kept', async () => {
      quiet();
      const out = path.join(dir, 'pdf-page-number.xlsx');
      expect(await importRoadmap(pdfCopy('page-number.txt'), out)).toBe(0);
      const rows = await rowsOf(out);
      expect(rows).toContain('1.3 | Совещания с руководителями ОО | IV квартал 2025 | ИМЦ | Протокол');
      expect(rows.filter((r) => /^2\b/.test(r))).toEqual([]);
      const read = readGrid((await LocalHost.open(out)).values('Мероприятия'));
      expect(read.activities.map((a) => a.id)).toEqual(['1.1', '1.2', '1.3']);
    });

    it('reads a header wrapped over lines («Срок» / «исполнения», «№» / «п/п», «Ожидаемый» / «результат»)', async () => {
      quiet();
      const out = path.join(dir, 'pdf-wrapped-header.xlsx');
      expect(await importRoadmap(pdfCopy('wrapped-header.txt'), out)).toBe(0);
      expect(await rowsOf(out)).toEqual([
        'ПЛАН МЕРОПРИЯТИЙ («ДОРОЖНАЯ КАРТА») на 2025 год',
        '',
        '№ п/п | Наименование мероприятия | Срок исполнения | Ответственные | Ожидаемый результат',
        '1. Организационно-управленческие мероприятия',
        '1.1 | Утверждение муниципального плана поддержки ШНОР | до 25 декабря 2024 г. | Управление образования администрации Ленского района | Приказ',
        '1.2 | Мониторинг реализации планов антирисковых мер | ежеквартально | Управление образования администрации Ленского района | Аналитическая справка',
      ]);
    });

    it('reads wrapped cells by the columns of the other rows, and drops the page number «2» (wrapped-cells.txt)', async () => {
      quiet();
      const out = path.join(dir, 'pdf-wrapped-cells.xlsx');
      expect(await importRoadmap(pdfCopy('wrapped-cells.txt'), out)).toBe(0);
      expect((await rowsOf(out)).slice(4)).toEqual([
        '1.1 | Утверждение муниципального плана поддержки школ с низкими результатами обучения | до 25 декабря 2024 г. | Управление образования администрации Ленского района | Приказ',
        '1.2 | Мониторинг реализации планов антирисковых мер | ежеквартально | Управление образования администрации Ленского района | Аналитическая справка',
        '1.3 | Совещания с руководителями ОО | IV квартал 2025 | ИМЦ | Протокол',
      ]);
    });

    it('refuses wrapped cells it cannot place with advice that fits: which lines to join (exit 2, nothing written)', async () => {
      const errors = captured(process.stderr);
      const input = path.join(dir, 'перенос.txt');
      // No other row has «Управление образования администрации Ленского района» whole: it may end either way.
      writeFileSync(
        input,
        readFileSync(pdfCopy('wrapped-cells.txt'), 'utf8').replace(
          'ежеквартально\nУправление образования администрации Ленского района',
          'ежеквартально\nИМЦ',
        ),
      );
      const out = path.join(dir, 'перенос.xlsx');
      expect(await importRoadmap(input, out)).toBe(2);
      expect(existsSync(out)).toBe(false);
      const said = errors.join('');
      expect(said).toContain(
        'Строка 8: в строке таблицы с номером «1.1» 7 ячеек, а столбцов в заголовке 5: похоже, текст ячейки перенесён на новую строку.',
      );
      expect(said).toContain(
        'Соедините в одну строки 12 и 13 (или 13 и 14) — ту пару, где перенесена одна ячейка, а также строки 9 и 10,',
      );
      expect(said).not.toContain('Впишите «—»');
    });
  });

  it('names the missing folder of --out and what to do (exit 2), not «ENOENT … x.xlsx.2157765131»', async () => {
    const errors = captured(process.stderr);
    const folder = path.join(dir, 'нет-такой-папки');
    expect(await importRoadmap(seedPath('002_'), path.join(folder, 'x.xlsx'))).toBe(2);
    expect(errors.join('')).toBe(
      `roadmap500 import: Папки «${folder}» для книги нет. Создайте её или укажите другую в --out.\n`,
    );
    expect(existsSync(folder)).toBe(false);
  });

  it.each([
    ['broken.xlsx', 'это не книга Excel'],
    ['notes.docx', 'что-то'],
    ['prose.txt', 'Просто текст без таблицы мероприятий.\n\nЕщё абзац.'],
  ])('exits 2 and writes nothing for %s', async (name, content) => {
    const errors = captured(process.stderr);
    const input = path.join(dir, name);
    writeFileSync(input, content);
    const out = path.join(dir, `${name}.out.xlsx`);
    expect(await importRoadmap(input, out)).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(errors.join('')).toMatch(
      /^roadmap500 import: .*(не удалось прочитать|не найдена таблица мероприятий)/,
    );
  });
});
