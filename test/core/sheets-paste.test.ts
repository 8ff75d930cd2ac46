/**
 * A roadmap pasted into a Russian-locale Google Sheet: Sheets types what it can («1.2» → 1 February of the
 * current year, «3,5» → 3.5, «100%» → 1 with a percent format, «15.12.2023» → a date). Reading that sheet
 * gives the same roadmap as the text.
 */
import { dateInZone, isValidDate } from '../../src/core/dates';
import { keepAsTyped, type CellValue, type Grid } from '../../src/core/grid';
import { importText } from '../../src/core/import-text';
import type { ReadRoadmapResult } from '../../src/core/roadmap-reader';
import { wallTimeToInstant } from '../../src/core/zone-dates';
import { readGrid, seedText } from '../fixtures/seed-roadmaps';

const ZONE = 'Europe/Moscow';
/** The year Sheets gives a date typed without one; unlike any seed's period. */
const THIS_YEAR = 2026;

const midnight = (y: number, m: number, d: number): Date => wallTimeToInstant(Date.UTC(y, m - 1, d), ZONE);

/** A cell as Sheets types it, with the number format it gets. */
function sheetsTyped(cell: CellValue): { value: CellValue; format: string } {
  const plain = { value: cell, format: 'General' };
  if (typeof cell !== 'string') return plain;
  const t = cell.trim();
  let m = /^(\d{1,2})\.(\d{1,2})$/.exec(t);
  if (m && isValidDate(THIS_YEAR, Number(m[2]), Number(m[1])))
    return { value: midnight(THIS_YEAR, Number(m[2]), Number(m[1])), format: 'dd.MM' };
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m && isValidDate(Number(m[3]), Number(m[2]), Number(m[1])))
    return { value: midnight(Number(m[3]), Number(m[2]), Number(m[1])), format: 'dd.MM.yyyy' };
  m = /^(-?\d+(?:,\d+)?)\s?%$/.exec(t);
  if (m) return { value: Number(m[1].replace(',', '.')) / 100, format: '0%' };
  if (/^-?\d+,\d+$/.test(t)) return { value: Number(t.replace(',', '.')), format: 'General' };
  if (/^-?\d+$/.test(t)) return { value: Number(t), format: 'General' };
  return plain;
}

/**
 * The grid getValues gives after the paste; with `formats`, what loadRoadmap then reads back from the number
 * formats (percents, dates shown without a year). Without, dates stay dates (the reader's own rule for them).
 */
function pastedIntoSheets(text: Grid, withFormats = true): { grid: Grid; typed: number } {
  let typed = 0;
  const formats: string[][] = [];
  const grid = text.map((row, r) =>
    row.map((cell, c) => {
      const { value, format } = sheetsTyped(cell);
      (formats[r] ??= [])[c] = format;
      if (value !== cell) typed++;
      return value;
    }),
  );
  if (withFormats) keepAsTyped(grid, formats, ZONE);
  return { grid, typed };
}

/** What a user sees of a read roadmap: each activity's numbering, text and deadlines, and every problem. */
function normalized(read: ReadRoadmapResult): unknown {
  return {
    period: read.period,
    activities: read.activities.map((a) => ({
      id: a.id,
      number: a.number,
      sections: a.sectionPath,
      title: a.title,
      deadline: a.deadlineText,
      kind: a.deadline.kind,
      due: a.deadline.due,
      responsible: a.responsible,
      result: a.expectedResult,
      planned: a.planned,
      byYear: a.plannedByYear,
    })),
    problems: read.roadmap.problems,
  };
}

describe('a seed pasted into a Russian-locale Google Sheet reads as the text does', () => {
  it.each([
    ['000_', 31],
    ['001_', 41],
    ['002_', 20],
    ['003_', 28],
    ['004_', 59],
  ])('seed %s: %i activities, same numbering, due dates and problems', (prefix, count) => {
    const text = importText(seedText(prefix)).activities;
    const fromText = readGrid(text);
    expect(fromText.activities).toHaveLength(count);
    for (const withFormats of [true, false]) {
      const fromSheets = readGrid(pastedIntoSheets(text, withFormats).grid);
      expect(normalized(fromSheets)).toEqual(normalized(fromText));
    }
  });

  it('seed 000: «1.2» … «4.12» became dates, and read back as «1.2» … «4.12» («4.10» is not «4.1»)', () => {
    const text = importText(seedText('000_')).activities;
    const { grid, typed } = pastedIntoSheets(text, false);
    expect(typed).toBe(18);
    const dates = grid.flat().filter((v): v is Date => v instanceof Date);
    expect(dates.map((d) => dateInZone(d, ZONE))).toContain('2026-10-04');
    const ids = readGrid(grid).activities.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['1.2', '2.4', '3.5', '4.10', '4.11', '4.12']));
    expect(ids).not.toContain('4.1(2)');
  });

  it('keeps «3,5», «100%», «15.12.2023» and «2.10» as written in a table made for it', () => {
    const text: Grid = [
      ['№ п/п', 'Мероприятие', 'Срок', 'Ответственные', 'Ожидаемый результат', '2023', '2024'],
      ['1.', 'Организационные мероприятия'],
      ['1.1', 'Диагностика', '15.12.2023', 'УО', 'Отчёт', '3,5', '100%'],
      ['1.2', 'Семинар', 'до 01.03.2024', 'ММЦ', 'Протокол', '12,5%', '4'],
      ['2.', 'Методическое сопровождение'],
      ['2.1', 'Консультации', 'в течение II полугодия 2024 г.', 'ММЦ', 'Справка', '', '1'],
      ['2.10', 'Итоговая конференция', '4.12', 'УО', 'Резолюция', '', '1'],
    ];
    expect(pastedIntoSheets(text, false).grid[6][0]).toBeInstanceOf(Date);
    const { grid } = pastedIntoSheets(text);
    const fromText = readGrid(text);
    const fromSheets = readGrid(grid);
    expect(fromSheets.activities.map((a) => a.id)).toEqual(['1.1', '1.2', '2.1', '2.10']);
    expect(fromSheets.activities[0].plannedByYear).toEqual({ '2023': '3,5', '2024': '100%' });
    expect(fromSheets.activities[0].deadline.due).toEqual(['2023-12-15']);
    expect(normalized(fromSheets)).toEqual(normalized(fromText));
  });
});
