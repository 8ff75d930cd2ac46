import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { CellValue, Grid } from '../../src/core/grid';
import { LocalHost } from '../../src/local/host';
import { writeImportedWorkbook } from '../../src/local/import-roadmap';
import { importText } from '../../src/core/import-text';
import type { JobResult } from '../../src/sheets/job';
import { loadRoadmap } from '../../src/sheets/roadmap-source';
import { validateRoadmap } from '../../src/sheets/validate-roadmap';
import { seedActivitiesGrid, seedText } from '../fixtures/seed-roadmaps';
import { statusSheets } from '../fixtures/status-workbook';

const ROOT = path.join(__dirname, '../..');
const RESPONSIBLE: Grid = [
  ['Код или имя', 'Полное наименование / ФИО', 'Email', 'Роль'],
  ['МОУО', 'Отдел управления образованием', 'mouo@example.ru', 'координатор'],
  ['ШНОР', 'Школы проекта', 'schools@example.ru', ''],
  ['ОО', 'Образовательные организации', 'oo@example.ru', ''],
  ['ММС', 'Муниципальная методическая служба', 'mms@example.ru', ''],
  ['ИРО', 'Институт развития образования', 'iro@example.ru', ''],
];
const SETTINGS: Grid = [
  ['Параметр', 'Значение'],
  ['Дней до срока', 7],
];

const snapshot = (host: LocalHost, sheets: string[]): Record<string, CellValue[][]> =>
  Object.fromEntries(
    sheets.map((s) => [
      s,
      host.values(s).map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v))),
    ]),
  );

describe('validateRoadmap through the built bundle', () => {
  it('seed 003 with its executors: exit 0, Проверка lists only warnings with links, user sheets unchanged', () => {
    const host = LocalHost.fromSheets(
      { Мероприятия: seedActivitiesGrid('003_'), Ответственные: RESPONSIBLE, Настройки: SETTINGS },
      { now: '2022-05-01' },
    );
    const before = snapshot(host, ['Мероприятия', 'Ответственные', 'Настройки']);
    const result = host.run<JobResult>('validateRoadmap');
    expect(result.exitCode).toBe(0);
    expect(result.message).toMatch(/^Проверено мероприятий: 28\. Ошибок: 0/);
    // Warnings only: the message still says where they are, not only where the roadmap is.
    expect(result.message).toContain('Предупреждения — на листе «Проверка»');
    expect(snapshot(host, ['Мероприятия', 'Ответственные', 'Настройки'])).toEqual(before);
    const check = host.values('Проверка');
    expect(check[0]).toEqual(['Серьёзность', 'Лист', 'Ячейка', 'Сообщение', 'Что сделать']);
    expect(check.slice(1).map((r) => r[0])).not.toContain('ошибка');
    // One row for the executor, however many activities name it (7 and 8 of the seed).
    expect(check.slice(1).filter((r) => String(r[3]).includes('«экспертный совет»'))).toEqual([
      [
        'предупреждение',
        'Мероприятия',
        expect.any(String),
        expect.stringMatching(
          /^Исполнитель «экспертный совет» не найден на листе «Ответственные» \(также в D\d+\)\.$/,
        ),
        expect.stringContaining('Добавьте его'),
      ],
    ]);
    const sheet = host.spreadsheet.getSheetByName('Проверка');
    const gid = host.spreadsheet.getSheetByName('Мероприятия')?.getSheetId();
    expect(sheet?.getRange('C2').getFormulas()[0]?.[0]).toMatch(
      new RegExp(`^=HYPERLINK\\("#gid=${gid}&range=[A-Z]+\\d+","[A-Z]+\\d+"\\)$`),
    );
    expect(sheet?.getRange('A2').getBackgrounds()).toEqual([['#fce8b2']]);
    expect(host.values('Дорожная карта')).toHaveLength(29);
  });

  it('seed 001: missing deadlines make exit 1 and come first in Проверка', () => {
    const host = LocalHost.fromSheets({ Мероприятия: seedActivitiesGrid('001_') }, { now: '2021-05-01' });
    const before = snapshot(host, ['Мероприятия']);
    const result = host.run<JobResult>('validateRoadmap');
    expect(result.exitCode).toBe(1);
    expect(result.message).toMatch(/Ошибок: 7.*«Проверка»/);
    const check = host.values('Проверка');
    expect(check.slice(1, 8).map((r) => r[0])).toEqual(Array(7).fill('ошибка'));
    expect(check[1]?.[3]).toMatch(/^Не указан срок мероприятия «Привлечь руководителей/);
    expect(check.slice(8).every((r) => r[0] === 'предупреждение')).toBe(true);
    expect(snapshot(host, ['Мероприятия'])).toEqual(before);
    expect(host.values('Журнал').at(-1)?.slice(1, 6)).toEqual([
      'validateRoadmap',
      'Проверка дорожной карты',
      '',
      'мероприятий: 41, ошибок: 7, предупреждений: 4',
      'есть ошибки',
    ]);
  });

  it('says which sheet is missing when there is no «Мероприятия»', () => {
    const host = LocalHost.fromSheets({ Лист1: [['x']] });
    expect(() => host.run('validateRoadmap')).toThrow(/В таблице нет листа «Мероприятия»/);
  });
});

describe('sheet calls do not grow with rows', () => {
  const roadmap = (n: number): Grid => {
    const rows: Grid = [
      ['Дорожная карта на 2021 год'],
      ['№ п/п', 'Мероприятие', 'Сроки', 'Ответственные', 'Ожидаемый результат', 'Плановое значение'],
    ];
    for (let s = 0; s < n / 50; s++) {
      rows.push([`${s + 1}. Раздел ${s + 1}`]);
      for (let k = 0; k < 50; k++)
        rows.push([
          `${s + 1}.${k + 1}`,
          `Мероприятие ${s + 1}.${k + 1}`,
          k % 3 === 0 ? 'ежеквартально' : `до ${String((k % 28) + 1).padStart(2, '0')}.0${(k % 9) + 1}.2021`,
          'МОУО, ОО',
          'Справка',
          'не менее 1',
        ]);
    }
    return rows;
  };
  const callsFor = (n: number): Record<string, number> => {
    const host = LocalHost.fromSheets(
      { Мероприятия: roadmap(n), Ответственные: RESPONSIBLE, Настройки: SETTINGS },
      { now: '2021-03-01' },
    );
    host.calls.reset();
    const result = validateRoadmap(host.services());
    expect(result.exitCode).toBe(0);
    expect(host.values('Дорожная карта')).toHaveLength(n + 1);
    return host.calls.byMethod();
  };

  // Both past a new sheet's 1000 rows, so both grow «Дорожная карта» first.
  it('2,000 and 10,000 activities make the same spreadsheet-service calls', () => {
    const small = callsFor(2_000);
    const large = callsFor(10_000);
    expect(large).toEqual(small);
    // 72: the check looks `Школы` and «Отчёты» up (its schools reach «ОО»; a report row it cannot read is
    // listed); here both are missing, so neither is read.
    expect(Object.values(small).reduce((a, b) => a + b, 0)).toBeLessThan(73);
    // One read per input sheet; one write per output sheet (Дорожная карта, Проверка, and Журнал's header and row).
    expect(small['Range.getValues']).toBe(3);
    expect(small['Range.setValues']).toBe(4);
  });

  // 100 rows fit a new sheet; 10,000 need it grown once, which Sheets requires before the write.
  it('100 and 10,000 activities differ only by the one call that grows «Дорожная карта»', () => {
    const small = callsFor(100);
    const large = callsFor(10_000);
    expect({ ...large, 'Sheet.insertRowsAfter': 0 }).toEqual({ ...small, 'Sheet.insertRowsAfter': 0 });
    expect(large['Sheet.insertRowsAfter']).toBe(1);
    expect(small['Sheet.insertRowsAfter'] ?? 0).toBe(0);
  });
});

describe('roadmap500 validateRoadmap on an imported workbook', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-validate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/roadmap500.js'), ...args], {
      encoding: 'utf8',
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('exits 1 when Проверка has an error (seed 001) and 0 when it has none (seed 004)', async () => {
    for (const [prefix, expected] of [
      ['001_', 1],
      ['004_', 0],
    ] as const) {
      const book = path.join(dir, `${prefix}.xlsx`);
      await writeImportedWorkbook(importText(seedText(prefix)), book);
      const out = path.join(dir, `${prefix}-checked.xlsx`);
      const r = run(['validateRoadmap', book, '--out', out, '--today', '2021-11-01']);
      expect({ status: r.status, stderr: r.stderr }).toEqual({
        status: expected,
        stderr: expect.any(String),
      });
      const before = await LocalHost.open(book);
      const after = await LocalHost.open(out);
      for (const sheet of ['Мероприятия', 'Показатели', 'Настройки'])
        expect(after.values(sheet)).toEqual(before.values(sheet));
      expect(
        after
          .values('Проверка')
          .slice(1)
          .some((row) => row[0] === 'ошибка'),
      ).toBe(expected === 1);
    }
  });
});

describe('merged cells', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-merged-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a responsible cell merged down over several activities counts for each of them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Мероприятия');
    ws.addRow(['№', 'Мероприятие', 'Срок', 'Ответственные', 'Ожидаемый результат']);
    ws.addRow(['1. Кадры']);
    ws.mergeCells('A2:E2');
    ws.addRow(['1.1', 'Мониторинг кадров', 'ноябрь 2021 г.', 'МОУО, ОО', 'Справка']);
    ws.addRow(['1.2', 'Создание кабинетов', 'декабрь 2021 г.', '', 'Кабинеты']);
    ws.addRow(['1.3', 'Совещание', 'декабрь 2021 г.', '', 'Протокол']);
    ws.mergeCells('D3:D5');
    const file = path.join(dir, 'merged.xlsx');
    await wb.xlsx.writeFile(file);
    const host = await LocalHost.open(file, { now: '2021-10-01' });
    const { roadmap } = loadRoadmap(host.services());
    expect(roadmap.activities.map((a) => [a.id, a.sectionPath, a.responsibleText])).toEqual([
      ['1.1', ['1. Кадры'], 'МОУО, ОО'],
      ['1.2', ['1. Кадры'], 'МОУО, ОО'],
      ['1.3', ['1. Кадры'], 'МОУО, ОО'],
    ]);
    expect(roadmap.problems.filter((p) => p.severity === 'ошибка')).toEqual([]);
  });

  it('a two-row header with cells merged over both rows (seed 000 as a spreadsheet) reads as in the text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Мероприятия');
    const grid = seedActivitiesGrid('000_');
    grid.forEach((row) => ws.addRow(row.map((v) => (v === null ? '' : v))));
    // Rows 3–4 are the header: «№ п/п», «Наименование…», «Исполнитель…» span both; the parents span columns.
    for (const range of ['A3:A4', 'B3:B4', 'H3:H4', 'C3:D3', 'E3:G3']) ws.mergeCells(range);
    const file = path.join(dir, 'seed000.xlsx');
    await wb.xlsx.writeFile(file);
    const host = await LocalHost.open(file, { now: '2021-10-01' });
    const { activities } = loadRoadmap(host.services());
    expect(activities).toHaveLength(31);
    expect(activities[0]).toMatchObject({
      id: '1.1',
      expectedResult: 'Количество школ для адресного сопровождения и помощи',
      planned: '10',
    });
    expect(activities[0]?.plannedByYear).toEqual({ '2020': '10', '2021': '10', '2022': '10' });
  });
});

describe('Проверка as the coordinator reads it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-check-wrap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('wraps the long message and what-to-do texts instead of cutting them at the column edge', async () => {
    const host = LocalHost.fromSheets({ Мероприятия: seedActivitiesGrid('002_') }, { now: '2023-05-01' });
    host.run<JobResult>('validateRoadmap');
    const file = path.join(dir, 'check.xlsx');
    await host.save(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('Проверка');
    const rows = [2, 3];
    expect(Math.max(...rows.map((r) => (sheet?.getCell(`D${r}`).text ?? '').length))).toBeGreaterThan(150);
    for (const cell of rows.flatMap((r) => [`D${r}`, `E${r}`]))
      expect(sheet?.getCell(cell).alignment?.wrapText).toBe(true);
  });
});

describe('validateRoadmap and «Отчёты»', () => {
  it('keeps the rows of «Отчёты» it cannot read listed on «Проверка», counted among the warnings', () => {
    const typed = (id: string, period: string): string[] => ['', '', '', id, period, 'Выполнено'];
    const host = LocalHost.fromSheets(statusSheets([typed('5.', 'март 2021'), typed('55', 'март 2021')]), {
      timeZone: 'Europe/Moscow',
      now: '2021-04-05',
    });
    const result = validateRoadmap(host.services());
    const rows = host.values('Проверка').filter((r) => r[1] === 'Отчёты');
    expect(rows.map((r) => r[3])).toEqual([
      'ID мероприятия «55» не найден на листе «Дорожная карта» — отчёт не учтён.',
    ]);
    expect(result.message).toMatch(/предупреждений: [1-9]/);
  });
});
