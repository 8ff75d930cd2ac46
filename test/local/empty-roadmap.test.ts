/**
 * A roadmap without activities (a header only, or an empty sheet): every job that needs activities says so
 * plainly, with what to do, exits 1 as validateRoadmap does, and sends or colours nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { NO_ACTIVITIES } from '../../src/core/messages';
import { LocalHost } from '../../src/local/host';
import { Range } from '../../src/local/range';
import type { JobResult } from '../../src/sheets/job';
import { mailWorkbook } from '../sheets/mail-workbook';
import { tempDir } from '../fixtures/temp-dir';

const bin = join(__dirname, '../../bin/roadmap500.js');
const dir = tempDir('roadmap500-empty-');

const HEADER = ['№', 'Мероприятие', 'Срок', 'Ответственные', 'Ожидаемый результат'];

async function book(name: string, activities: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Мероприятия');
  for (const row of activities) sheet.addRow(row);
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe.each([
  ['только заголовок.xlsx', [HEADER], 'A2'],
  ['пустой лист.xlsx', [], 'A1'],
])('roadmap500 on «%s»', (name, rows, cell) => {
  let file = '';
  beforeAll(async () => {
    file = await book(name, rows);
  });

  it.each([
    'validateRoadmap',
    'refreshStatuses',
    'sendReminders',
    'previewReminders',
    'dailyRefresh',
    'sendWeeklySummary',
    'weeklySummary',
  ])(
    '%s says there are no activities and how to add them, and exits 1',
    (job) => {
      const out = join(dir, `${job}-${name}`);
      const outbox = join(dir, `outbox-${job}-${name}`);
      const r = spawnSync(process.execPath, [bin, job, file, '--out', out, '--outbox', outbox], {
        encoding: 'utf8',
        cwd: dir,
      });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(
        `На листе «Мероприятия» нет ни одного мероприятия: проверять, обновлять статусы и напоминать не о чем. ${NO_ACTIVITIES.fix} Или загрузите её из файла: roadmap500 import <дорожная-карта.docx|.html|.txt|.xlsx|.csv> --into "${out}"`,
      );
      expect(r.stdout).not.toMatch(
        /мероприятий 0|Отправлено писем: 0|Напоминать не о чем: нет просроченных|Некому отправить/,
      );
      expect(existsSync(outbox) ? readdirSync(outbox) : []).toEqual([]);
    },
    60_000,
  );

  it('validateRoadmap writes the same reason on «Проверка», at the cell where activities belong', async () => {
    const host = await LocalHost.open(file, { now: '2026-03-15' });
    const result = host.run<JobResult>('validateRoadmap');
    expect(result).toEqual({
      exitCode: 1,
      message: `${NO_ACTIVITIES.message} ${NO_ACTIVITIES.fix} Ошибок: 1, предупреждений: 0 — на листе «Проверка».`,
    });
    expect(
      host
        .values('Проверка')
        .slice(1)
        .map((r) => [r[0], r[1], r[3], r[4]]),
    ).toEqual([['ошибка', 'Мероприятия', NO_ACTIVITIES.message, NO_ACTIVITIES.fix]]);
    expect(host.spreadsheet.getSheetByName('Проверка')?.getRange('C2').getFormulas()[0]?.[0]).toMatch(
      new RegExp(`,"${cell}"\\)$`),
    );
  });
});

/** The messages of the errors listed on «Проверка». */
const checkErrors = (host: LocalHost): unknown[] =>
  host
    .values('Проверка')
    .slice(1)
    .filter((r) => r[0] === 'ошибка')
    .map((r) => r[3]);

describe('a roadmap whose activities were all deleted', () => {
  it('keeps «Дорожная карта» and its colours as they were, sends nothing, and lists the reason on «Проверка»', () => {
    const host = LocalHost.fromSheets(mailWorkbook(), { now: '2021-04-21' });
    expect(host.run<JobResult>('refreshStatuses').exitCode).toBe(0);
    const roadmap = host.values('Дорожная карта');
    expect(roadmap.length).toBeGreaterThan(1);
    host.spreadsheet.getSheetByName('Мероприятия')?.getRange('A2:D5').clearContent();
    const journal = host.values('Журнал').length;

    for (const job of ['refreshStatuses', 'sendReminders', 'sendWeeklySummary']) {
      const result = host.run<JobResult>(job);
      expect([job, result.exitCode]).toEqual([job, 1]);
      expect(result.message).toBe(`${NO_ACTIVITIES.message} ${NO_ACTIVITIES.fix}`);
    }
    expect(host.values('Дорожная карта')).toEqual(roadmap);
    expect(host.sentMail).toEqual([]);
    expect(host.values('Журнал')).toHaveLength(journal);
    // The unattended run says the same, and «Журнал» keeps it: nobody reads its message.
    expect(host.run<JobResult>('dailyRefresh')).toEqual({
      exitCode: 1,
      message: `${NO_ACTIVITIES.message} ${NO_ACTIVITIES.fix}`,
    });
    expect(host.values('Дорожная карта')).toEqual(roadmap);
    expect(
      host
        .values('Журнал')
        .filter((r) => r[1] === 'dailyRefresh')
        .map((r) => [r[2], r[4], r[5]]),
    ).toEqual([
      ['Ежедневное обновление', `${NO_ACTIVITIES.message} ${NO_ACTIVITIES.fix}`, 'есть ошибки в данных'],
    ]);
    expect(checkErrors(host)).toEqual([NO_ACTIVITIES.message]);
  });
});

describe('an empty roadmap under the installed triggers', () => {
  it('gets «Проверка» written once a run day, the weekly summary’s day too', () => {
    const host = LocalHost.fromSheets(mailWorkbook(), { now: '2021-04-19' });
    expect(host.run<JobResult>('installTriggers').exitCode).toBe(0);
    host.spreadsheet.getSheetByName('Мероприятия')?.getRange('A2:D5').clearContent();
    // Every write of «Проверка» is one setValues on it (writeCheckSheet).
    const setValues = jest.spyOn(Range.prototype, 'setValues');
    try {
      const fired = host.fireDue('2021-04-27');
      // Eight days, eight daily runs; on Monday 26 April the weekly summary runs at the same hour.
      expect(fired.map((f) => f.handler).filter((h) => h === 'dailyRefresh')).toHaveLength(8);
      expect(fired.filter((f) => f.handler === 'weeklySummary').map((f) => f.result)).toEqual([
        { exitCode: 1, message: `${NO_ACTIVITIES.message} ${NO_ACTIVITIES.fix}` },
      ]);
      const checkWrites = setValues.mock.contexts.filter(
        (range) => (range as Range).getSheet().getName() === 'Проверка',
      ).length;
      expect(checkWrites).toBe(8);
    } finally {
      setValues.mockRestore();
    }
    expect(checkErrors(host)).toEqual([NO_ACTIVITIES.message]);
  });
});
