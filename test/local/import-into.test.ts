/** `import` never replaces a workbook by surprise: an existing --out is refused, --into keeps every other sheet. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { seedPath } from '../fixtures/seed-roadmaps';

const bin = join(__dirname, '../../bin/roadmap500.js');
const samples = join(__dirname, '../../samples');
const dir = mkdtempSync(join(tmpdir(), 'roadmap500-into-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function roadmap500(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A workbook as a coordinator has it after weeks of work: the roadmap plus their own and the product's sheets. */
async function workedBook(path: string): Promise<void> {
  expect(roadmap500('import', join(samples, 'roadmap.txt'), '--out', path).status).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  wb.addWorksheet('Ответственные').addRows([
    ['Ответственный', 'Email'],
    ['ММЦ', 'mmc@edu.example.ru'],
  ]);
  wb.addWorksheet('Отчёты').addRows([
    ['Дата', 'Школа'],
    ['01.04.2021', 'МБОУ СОШ № 5'],
  ]);
  wb.addWorksheet('Журнал').addRows([
    ['Когда', 'Задача'],
    ['01.04.2021', 'sendReminders'],
  ]);
  await wb.xlsx.writeFile(path);
}

describe('roadmap500 import over an existing workbook', () => {
  it('exits 2 and leaves the workbook byte-identical without --force', async () => {
    const book = join(dir, 'карта.xlsx');
    await workedBook(book);
    const before = readFileSync(book);
    const r = roadmap500('import', join(samples, 'roadmap.txt'), '--out', book);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('уже есть');
    expect(r.stderr).toContain('--force');
    expect(r.stderr).toContain('--into');
    expect(readFileSync(book).equals(before)).toBe(true);
  });

  it('sample-responses refuses an existing --out too', () => {
    const book = join(dir, 'ответы.xlsx');
    const args = ['sample-responses', '--schools', '2', '--respondents', '2', '--out', book];
    expect(roadmap500(...args).status).toBe(0);
    const before = readFileSync(book);
    expect(roadmap500(...args).status).toBe(2);
    expect(readFileSync(book).equals(before)).toBe(true);
    expect(roadmap500(...args, '--force').status).toBe(0);
  });

  it('with --into replaces «Мероприятия» and keeps «Ответственные», «Отчёты», «Журнал»', async () => {
    const book = join(dir, 'рабочая.xlsx');
    await workedBook(book);
    const before = new ExcelJS.Workbook();
    await before.xlsx.readFile(book);
    const r = roadmap500('import', seedPath('003_'), '--into', book);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(book);
    expect(after.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
    expect(after.getWorksheet('Мероприятия')?.getSheetValues()).not.toEqual(
      before.getWorksheet('Мероприятия')?.getSheetValues(),
    );
    for (const name of ['Ответственные', 'Отчёты', 'Журнал'])
      expect(after.getWorksheet(name)?.getSheetValues()).toEqual(before.getWorksheet(name)?.getSheetValues());
    // «Настройки» keeps every row but the period, which is the new roadmap's (2022, not seed 001's 2021):
    // deadlines without a year fall in it, so the old years would make them overdue.
    const settings = (wb: ExcelJS.Workbook): Map<string, unknown> =>
      new Map(
        (wb.getWorksheet('Настройки')?.getSheetValues() ?? []).filter(Boolean).map((row) => {
          const cells = (row ?? []) as unknown[];
          return [String(cells[1]), cells[2]];
        }),
      );
    const changed = [...settings(after)].filter(([key, value]) => settings(before).get(key) !== value);
    expect(changed).toEqual([
      ['Начало периода', 2022],
      ['Конец периода', 2022],
    ]);
    // The coordinator is told what the period was and what it is now, and nothing claims «Настройки» untouched.
    expect(r.stdout).toContain('Период в «Настройки» изменён: был 2021, стал 2022 (из документа).');
    expect(r.stdout).not.toContain('Остальные листы книги не тронуты');
  });

  it('with --into keeps the coordinator\u2019s own period when it already covers the document\u2019s years', async () => {
    const book = join(dir, 'учебный-год.xlsx');
    await workedBook(book);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const ws = wb.getWorksheet('Настройки')!;
    const rowOf = (key: string): ExcelJS.Row => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((r) => {
        if (r.getCell(1).text === key) found = r;
      });
      return found!;
    };
    // One typed as a date (a Date cell), one as text: both are the coordinator's school-year period.
    const typed = rowOf('Начало периода').getCell(2);
    typed.value = new Date(Date.UTC(2021, 8, 1));
    typed.numFmt = 'dd.mm.yyyy';
    rowOf('Конец периода').getCell(2).value = '31.08.2023';
    await wb.xlsx.writeFile(book);
    const r = roadmap500('import', seedPath('003_'), '--into', book);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(book);
    const period = ['Начало периода', 'Конец периода'].map((key) => {
      let v: unknown;
      after.getWorksheet('Настройки')!.eachRow((row) => {
        if (row.getCell(1).text === key) v = row.getCell(2).value;
      });
      return v;
    });
    expect(period).toEqual([new Date(Date.UTC(2021, 8, 1)), '31.08.2023']);
    expect(r.stdout).toContain(
      'Период на листе «Настройки» оставлен прежним: 01.09.2021–31.08.2023 охватывает годы документа (2022).',
    );
    expect(r.stdout).not.toContain('Период записан');
    expect(r.stdout).toContain('Остальные листы книги не тронуты');
  });
});
