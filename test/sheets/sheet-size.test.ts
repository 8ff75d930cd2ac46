/** Jobs grow their sheets before writing past the last row or column, as real Sheets requires. */
import { LocalHost } from '../../src/local/host';
import { appendJournal, JOURNAL_HEADER, readJournal } from '../../src/sheets/journal';
import { refreshStatuses } from '../../src/sheets/refresh-statuses';
import { ROADMAP_COL } from '../../src/sheets/roadmap-sheet';
import { ensureSize } from '../../src/sheets/sheet-size';
import { writeSummarySection } from '../../src/sheets/summary-sheet';
import { validateRoadmap } from '../../src/sheets/validate-roadmap';
import { ACTIVITY_ROWS, statusSheets } from '../fixtures/status-workbook';

const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

describe('the local host, like Sheets', () => {
  it('refuses a range past a new sheet’s 1000 rows or 26 columns', () => {
    const sheet = LocalHost.fromSheets({ Лист: [['x']] }).spreadsheet.insertSheet('Вывод');
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow(OUTSIDE);
    expect(() => sheet.getRange(1, 26, 1, 2)).toThrow(OUTSIDE);
    expect(() => sheet.getRange('A1:AA1')).toThrow(OUTSIDE);
    expect(sheet.getRange(1000, 26).getValues()).toEqual([['']]);
  });
});

describe('ensureSize', () => {
  it('grows a sheet to at least the rows and columns asked for, never shrinks it, in constant calls', () => {
    const host = LocalHost.fromSheets({ Лист: [['x']] });
    const sheet = host.services().spreadsheetApp.getActiveSpreadsheet().insertSheet('Вывод');
    host.calls.reset();
    ensureSize(sheet, 25_000, 40);
    expect(host.calls.total()).toBe(4);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([25_000, 40]);
    ensureSize(sheet, 10, 3);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([25_000, 40]);
    sheet.getRange(25_000, 40).setValues([['край']]);
    expect(sheet.getRange(25_000, 40).getValues()).toEqual([['край']]);
  });
});

describe('jobs on a sheet that is already full', () => {
  it('validateRoadmap and refreshStatuses write all 10,000 activities to «Дорожная карта»', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const seed = ACTIVITY_ROWS[i % ACTIVITY_ROWS.length];
      return [`${i + 1}.`, `${seed[1]} (${i + 1})`, ...seed.slice(2)];
    });
    const host = LocalHost.fromSheets(statusSheets([], rows), { now: '2021-04-01' });
    expect(validateRoadmap(host.services()).exitCode).toBe(0);
    expect(host.values('Дорожная карта')).toHaveLength(10_001);
    refreshStatuses(host.services());
    const roadmap = host.values('Дорожная карта');
    expect(roadmap).toHaveLength(10_001);
    const ids = new Set(roadmap.slice(1).map((r) => String(r[ROADMAP_COL.id - 1])));
    expect(ids.size).toBe(10_000);
    expect(roadmap.some((r) => String(r[ROADMAP_COL.title - 1]).endsWith('(10000)'))).toBe(true);
    expect(roadmap.slice(1).filter((r) => r[ROADMAP_COL.status - 1] === '')).toEqual([]);
  });

  it('a «Сводка» section longer than 1000 rows is written whole', () => {
    const host = LocalHost.fromSheets({ Лист: [['x']] });
    const rows = [
      ['Кому', 'Тема'],
      ...Array.from({ length: 1500 }, (_, i) => [`школа${i + 1}@example.ru`, 'Напоминание']),
    ];
    writeSummarySection(host.services(), 'Предпросмотр писем', rows);
    const summary = host.values('Сводка');
    expect(summary).toHaveLength(1502);
    expect(summary[1501]?.slice(0, 2)).toEqual(['школа1500@example.ru', 'Напоминание']);
  });

  it('appendJournal adds an entry to a «Журнал» that already has 1000 rows', () => {
    const old = Array.from({ length: 999 }, (_, i) => [
      new Date('2021-03-01T09:00:00Z'),
      'dailyRefresh',
      `запуск ${i + 1}`,
      '',
      '',
      'готово',
      '',
    ]);
    const host = LocalHost.fromSheets({ Журнал: [[...JOURNAL_HEADER], ...old] }, { now: '2021-04-01' });
    expect(host.spreadsheet.getSheetByName('Журнал')?.getMaxRows()).toBe(1000);
    appendJournal(host.services(), [{ job: 'validateRoadmap', event: 'проверка', status: 'готово' }]);
    const journal = readJournal(host.services());
    expect(journal).toHaveLength(1000);
    expect(journal[999]?.slice(1, 3)).toEqual(['validateRoadmap', 'проверка']);
  });
});
