/** «Сводка» stacks its sections one under another, from column A, whatever job wrote last. */
import { SHEETS } from '../../src/core/messages';
import { LocalHost } from '../../src/local/host';
import type { ConditionalFormatRule } from '../../src/local/rules';
import type { Sheet } from '../../src/local/spreadsheet';
import { INDICATOR_PROGRESS_HEADER, refreshIndicators } from '../../src/sheets/indicators-job';
import { previewReminders } from '../../src/sheets/reminders';
import { summarySections, writeSummarySection } from '../../src/sheets/summary-sheet';
import { mailWorkbook } from './mail-workbook';

const INDICATORS = [
  ['№ мероприятия', 'Показатель', 'Плановое значение', 'Факт'],
  ['1', 'Охват самооценкой, %', '100%', '100%'],
  ['2', 'Число семинаров', '3', '1'],
];

function book(): LocalHost {
  return LocalHost.fromSheets(
    { ...mailWorkbook(), [SHEETS.indicators]: INDICATORS },
    { now: '2021-04-21', timeZone: 'Europe/Moscow' },
  );
}

const text = (host: LocalHost): string[][] =>
  host.values(SHEETS.summary).map((r) => r.map((v) => String(v ?? '')));
const summarySheet = (host: LocalHost): Sheet =>
  host.spreadsheet.getSheetByName(SHEETS.summary) as unknown as Sheet;
const rulesOf = (host: LocalHost): ConditionalFormatRule[] => summarySheet(host).getConditionalFormatRules();

describe('«Сводка» written by previewReminders and refreshIndicators', () => {
  const first = book();
  previewReminders(first.services());
  refreshIndicators(first.services());
  const sheet = text(first);
  const blank = sheet.findIndex((r) => r.every((v) => v === ''));

  it('holds «Показатели» and then the mail preview, one under the other from column A, a blank row between', () => {
    expect(sheet[0]?.[0]).toMatch(/^Показатели — обновлено /);
    expect(sheet[1]?.slice(0, INDICATOR_PROGRESS_HEADER.length)).toEqual([...INDICATOR_PROGRESS_HEADER]);
    expect(sheet[2]?.[0]).toBe('Охват самооценкой, %');
    expect(blank).toBeGreaterThan(2);
    expect(sheet[blank + 1]?.[0]).toBe('Предпросмотр писем — на 21.04.2021');
    expect(sheet[blank + 1]?.slice(1).every((v) => v === '')).toBe(true);
    expect(sheet[blank + 2]?.slice(0, 4)).toEqual(['Кому', 'Вид', 'Тема', 'Текст письма']);
    expect(sheet[blank + 3]?.[0]).toContain('@');
    // Nothing side by side: no section starts right of column A.
    expect(summarySections(first.values(SHEETS.summary)).map((s) => [s.title, s.column])).toEqual([
      ['Показатели', 1],
      ['Предпросмотр писем', 1],
    ]);
  });

  it("ends the preview with the mail's key under a plain name, explained in a note (no «Хэш»)", () => {
    const header = sheet[blank + 2] ?? [];
    const last = header.length - 1 - [...header].reverse().findIndex((v) => v !== '');
    expect(header[last]).toBe('Ключ письма');
    expect(header).not.toContain('Хэш');
    expect(sheet[blank + 3]?.[last]).toMatch(/^[0-9a-f]{14}$/);
    const note = summarySheet(first)
      .getRange(blank + 3, last + 1)
      .getNote();
    expect(note).toContain('«Ключ» листа «Журнал»');
  });

  it('is the same sheet when the jobs run the other way round, and when either runs again', () => {
    const other = book();
    refreshIndicators(other.services());
    previewReminders(other.services());
    expect(text(other)).toEqual(sheet);
    previewReminders(other.services());
    refreshIndicators(other.services());
    expect(text(other)).toEqual(sheet);
  });

  it('colours exactly the rows of «Показатели», with two rules however often the sheet is rewritten', () => {
    const ranges = (): string[] => rulesOf(first).map((r) => r.getRanges()[0]?.getA1Notation() ?? '');
    expect(ranges()).toEqual([`A3:J${blank}`, `A3:J${blank}`]);
    previewReminders(first.services());
    refreshIndicators(first.services());
    expect(ranges()).toEqual([`A3:J${blank}`, `A3:J${blank}`]);
  });
});

describe('writeSummarySection', () => {
  it('moves the sections below when one above shrinks, and leaves no old rows behind', () => {
    const host = LocalHost.fromSheets({ Лист: [['x']] });
    const rows = (n: number): string[][] => [
      ['Показатель', 'Статус'],
      ...Array.from({ length: n }, (_, i) => [`П${i + 1}`, 'достигнуто']),
    ];
    writeSummarySection(host.services(), 'Показатели', rows(10));
    writeSummarySection(host.services(), 'Предпросмотр писем', [['Кому'], ['a@example.ru']]);
    writeSummarySection(host.services(), 'Показатели', rows(1));
    expect(text(host).filter((r) => r.some((v) => v !== ''))).toHaveLength(6);
    expect(text(host).slice(0, 6)).toEqual([
      ['Показатели', ''],
      ['Показатель', 'Статус'],
      ['П1', 'достигнуто'],
      ['', ''],
      ['Предпросмотр писем', ''],
      ['Кому', ''],
    ]);
    expect(text(host)[6]?.[0]).toBe('a@example.ru');
    expect(rulesOf(host).map((r) => r.getRanges()[0]?.getA1Notation())).toEqual(['A3:B3', 'A3:B3']);
  });

  it('reads the sheet once and writes it once, whatever the number of rows', () => {
    const calls = (n: number): Record<string, number> => {
      const host = LocalHost.fromSheets({ Лист: [['x']] });
      const rows = [['Кому'], ...Array.from({ length: n }, (_, i) => [`s${i}@example.ru`])];
      writeSummarySection(host.services(), 'Показатели', [
        ['Показатель', 'Статус'],
        ['П', 'достигнуто'],
      ]);
      host.calls.reset();
      writeSummarySection(host.services(), 'Предпросмотр писем', rows);
      return host.calls.byMethod();
    };
    const few = calls(3);
    expect(few['Range.getValues']).toBe(1);
    expect(few['Range.setValues']).toBe(1);
    // Past the sheet's 1000 rows it grows once more (insertRowsAfter), nothing else.
    expect(calls(3000)).toEqual(calls(1200));
    expect(calls(3000)).toEqual({ ...few, 'Sheet.insertRowsAfter': 1 });
  });

  it('stacks a sheet an older version wrote with the sections side by side, keeping both', () => {
    const host = LocalHost.fromSheets({
      Сводка: [
        ['Показатели — обновлено 01.04.2021 09:00', '', 'Предпросмотр писем — на 2021-04-01'],
        ['Показатель', 'Статус', 'Кому'],
        ['П1', 'достигнуто', 'a@example.ru'],
        ['П2', 'не достигнуто', ''],
      ],
    });
    const sheet = summarySheet(host);
    sheet.setFrozenRows(2);
    const old = sheet.getRange('A3:J1000');
    const rule = (formula: string): ConditionalFormatRule =>
      host
        .services()
        .spreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(formula)
        .setBackground('#d9ead3')
        .setRanges([old])
        .build() as unknown as ConditionalFormatRule;
    sheet.setConditionalFormatRules([rule('=$H3="достигнуто"'), rule('=$H3="не достигнуто"')]);
    writeSummarySection(host.services(), 'Предпросмотр писем', [['Кому'], ['b@example.ru']], 'на 2021-04-02');
    // Column C of the old block is cleared: the preview now starts at A.
    expect(text(host)).toEqual([
      ['Показатели — обновлено 01.04.2021 09:00', ''],
      ['Показатель', 'Статус'],
      ['П1', 'достигнуто'],
      ['П2', 'не достигнуто'],
      ['', ''],
      ['Предпросмотр писем — на 2021-04-02', ''],
      ['Кому', ''],
      ['b@example.ru', ''],
    ]);
    expect(sheet.getFrozenRows()).toBe(0);
    expect(rulesOf(host).map((r) => r.getRanges()[0]?.getA1Notation())).toEqual(['A3:B4', 'A3:B4']);
  });
});
