import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { Grid } from '../../src/core/grid';
import type { ActivityStatus } from '../../src/core/layouts';
import { LocalHost } from '../../src/local/host';
import { ROADMAP_COL, ROADMAP_HEADER, roadmapRow, writeRoadmapSheet } from '../../src/sheets/roadmap-sheet';
import { loadRoadmap } from '../../src/sheets/roadmap-source';
import { variant } from '../fixtures/roadmap-variants';
import { readGrid, seedActivitiesGrid } from '../fixtures/seed-roadmaps';
import { tempDir } from '../fixtures/temp-dir';

/** `Дорожная карта` rows without the source cell (which moves with the columns). */
const sheetRows = (grid: Grid): (string | number | Date)[][] =>
  readGrid(grid).activities.map((a) => roadmapRow(a, undefined, 0, (d) => new Date(d)).slice(0, -1));
const headerIndex = (grid: Grid): number => grid.findIndex((r) => String(r[0] ?? '').startsWith('№'));

describe('the same roadmap in another shape gives the same «Дорожная карта»', () => {
  it.each([
    // seed 004: the split falls inside section 2.1, so the second table continues its sections.
    [
      '004_',
      ['number', 'title', 'responsible', 'deadline', 'result'],
      32,
      ['result', 'deadline', 'number', 'title', 'responsible'],
      ['title', 'responsible', 'result', 'number', 'deadline'],
    ],
    // …and here the second table starts with the tail of a row broken across the page («2020г.»).
    [
      '004_',
      ['number', 'title', 'responsible', 'deadline', 'result'],
      33,
      ['number', 'title', 'deadline', 'result', 'responsible'],
      ['deadline', 'number', 'title', 'responsible', 'result'],
    ],
    [
      '003_',
      ['number', 'title', 'deadline', 'responsible', 'result'],
      12,
      ['responsible', 'number', 'result', 'title', 'deadline'],
      ['deadline', 'result', 'title', 'responsible', 'number'],
    ],
  ])('seed %s', (prefix, fields, splitAt, orderA, orderB) => {
    const grid = seedActivitiesGrid(prefix);
    const shuffled = variant(grid, headerIndex(grid), fields, splitAt, orderA, orderB);
    expect(shuffled).not.toEqual(grid);
    const original = sheetRows(grid);
    expect(original.length).toBeGreaterThan(20);
    expect(sheetRows(shuffled)).toEqual(original);
  });
});

describe('writeRoadmapSheet', () => {
  const grid = seedActivitiesGrid('003_');

  it('writes one row per activity with a link to its source cell, status columns blank without statuses', () => {
    const host = LocalHost.fromSheets({ Мероприятия: grid }, { now: '2022-05-01' });
    const svc = host.services();
    writeRoadmapSheet(svc, loadRoadmap(svc));
    const values = host.values('Дорожная карта');
    expect(values[0]).toEqual([...ROADMAP_HEADER]);
    expect(values).toHaveLength(29);
    const first = values[1] as unknown[];
    expect(first.slice(0, 13)).toEqual([
      '1',
      '',
      expect.stringMatching(/^Разработка и утверждение/),
      'Апрель 2022 г. апрель 2022 г.',
      'несколько дат',
      '',
      expect.any(Date),
      '',
      'МОУО',
      expect.stringMatching(/^Распоряжение/),
      '',
      '',
      '',
    ]);
    expect(first.slice(ROADMAP_COL.status - 1, ROADMAP_COL.lastReport)).toEqual(['', '', '', '']);
    const sheet = host.spreadsheet.getSheetByName('Дорожная карта');
    const activitiesId = host.spreadsheet.getSheetByName('Мероприятия')?.getSheetId();
    expect(sheet?.getRange(2, ROADMAP_COL.source).getFormulas()).toEqual([
      [`=HYPERLINK("#gid=${activitiesId}&range=B4","Мероприятия!B4")`],
    ]);
    // «1» and «3 квартал» stay text, not numbers or dates; the one due date is a date, shown as it was.
    expect(sheet?.getRange(2, 1).getNumberFormats()).toEqual([['@']]);
    expect(sheet?.getRange(2, ROADMAP_COL.due).getDisplayValues()).toEqual([['30.04.2022']]);
  });

  it('fills the status columns from the statuses it is given and clears rows left from a longer roadmap', () => {
    const host = LocalHost.fromSheets(
      { Мероприятия: grid, 'Дорожная карта': Array.from({ length: 60 }, () => ['старое']) },
      { now: '2022-05-01' },
    );
    const svc = host.services();
    const loaded = loadRoadmap(svc);
    const statuses = new Map<string, ActivityStatus>([
      ['3', { status: 'Просрочено', daysOverdue: 5, missingPeriod: '', lastReport: 'нет отчётов' }],
    ]);
    writeRoadmapSheet(svc, loaded, statuses);
    const values = host.values('Дорожная карта');
    expect(values).toHaveLength(29);
    expect(values[2]?.slice(ROADMAP_COL.status - 1, ROADMAP_COL.lastReport)).toEqual([
      'Просрочено',
      5,
      '',
      'нет отчётов',
    ]);
    expect(values.flat()).not.toContain('старое');
  });

  it('calls a span of calendar years «годы», not «учебный год» (seed 004: «в течение 2020-2023гг.»)', () => {
    const host = LocalHost.fromSheets({ Мероприятия: seedActivitiesGrid('004_') }, { now: '2022-05-01' });
    const svc = host.services();
    writeRoadmapSheet(svc, loadRoadmap(svc));
    const kinds = new Map(
      host.values('Дорожная карта').map((r) => [r[ROADMAP_COL.deadlineText - 1], r[ROADMAP_COL.kind - 1]]),
    );
    expect(kinds.get('в течение 2020-2023гг.')).toBe('годы');
  });

  it('keeps a missed period or last report that looks like a date as text, as Sheets would otherwise turn it into a date', () => {
    const host = LocalHost.fromSheets({ Мероприятия: grid }, { now: '2022-05-01' });
    const svc = host.services();
    const loaded = loadRoadmap(svc);
    const statuses = new Map<string, ActivityStatus>([
      ['1', { status: 'Просрочено', daysOverdue: 1, missingPeriod: '30.04.2022', lastReport: '15.04.2022' }],
    ]);
    writeRoadmapSheet(svc, loaded, statuses);
    expect(host.warnings).toEqual([]);
    const sheet = host.spreadsheet.getSheetByName('Дорожная карта');
    expect(sheet?.getRange(2, ROADMAP_COL.missingPeriod, 1, 2).getNumberFormats()).toEqual([['@', '@']]);
    expect(
      host.values('Дорожная карта')[1]?.slice(ROADMAP_COL.missingPeriod - 1, ROADMAP_COL.lastReport),
    ).toEqual(['30.04.2022', '15.04.2022']);
  });
});

describe('dates on «Дорожная карта»', () => {
  // QA: «Начало» and «Срок(и)» were text (numFmt 49), so sorting or filtering by deadline in Excel was wrong.
  const dir = tempDir('roadmap-dates-');
  const grid = [
    ['№', 'Мероприятие', 'Срок', 'Ответственный'],
    ['1', 'Семинар', 'до 25.12.2024', 'МОУО'],
    ['2', 'Совещания', '25.11.2024, 27.01.2025', 'МОУО'],
    ['3', 'Мониторинг', 'ежеквартально', 'МОУО'],
    ['4', 'Десант', 'II полугодие 2025', 'МОУО'],
  ];

  it('writes a single date as an xlsx date formatted dd.mm.yyyy, several dates and no date as text', async () => {
    const host = LocalHost.fromSheets({ Мероприятия: grid }, { now: '2024-10-01', timeZone: 'Asia/Chita' });
    const svc = host.services();
    writeRoadmapSheet(svc, loadRoadmap(svc));
    const file = join(dir, 'book.xlsx');
    await host.save(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Дорожная карта');
    const cell = (row: number, col: number): [unknown, string] => {
      const c = ws?.getCell(row, col);
      const v = c?.value;
      return [v instanceof Date ? v.toISOString().slice(0, 10) : v, c?.numFmt ?? ''];
    };
    const [start, due] = [ROADMAP_COL.start, ROADMAP_COL.due];
    expect(cell(2, due)).toEqual(['2024-12-25', 'dd.mm.yyyy']);
    expect(cell(3, due)).toEqual(['25.11.2024, 27.01.2025', '@']);
    expect(cell(4, due)[0] ?? '').toBe('');
    expect(cell(5, start)).toEqual(['2025-07-01', 'dd.mm.yyyy']);
    expect(cell(5, due)).toEqual(['2025-12-31', 'dd.mm.yyyy']);
    // The ID stays text.
    expect(cell(2, ROADMAP_COL.id)).toEqual(['1', '@']);
  });

  it("holds the calendar date at midnight in the spreadsheet's zone, shown as the roadmap says", () => {
    const host = LocalHost.fromSheets({ Мероприятия: grid }, { now: '2024-10-01', timeZone: 'Asia/Chita' });
    const svc = host.services();
    writeRoadmapSheet(svc, loadRoadmap(svc));
    const due = host.values('Дорожная карта')[1]?.[ROADMAP_COL.due - 1];
    expect(due).toEqual(new Date('2024-12-24T15:00:00Z'));
    const sheet = host.spreadsheet.getSheetByName('Дорожная карта');
    expect(sheet?.getRange(2, ROADMAP_COL.due).getDisplayValues()).toEqual([['25.12.2024']]);
  });
});
