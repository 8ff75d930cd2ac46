/** Cell values as Apps Script's Range.getValues returns them, and A1 addresses. */
import { dateInZone, isDateValue, parts } from './dates';

export type CellValue = string | number | boolean | Date | null;
export type Grid = CellValue[][];

/** 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1 address of a 1-based row and column. */
export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** What String() gives for a value read from a sheet, untrimmed; null and undefined give ''. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- cells hold primitives and Dates, whose String() is their text; this is the one place the project turns an untyped cell into text
  return String(v);
}

/** «3,5» for 3.5: a number as Russian users write it (Sheets in a Russian locale types «3,5» into 3.5). */
export function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(n).replace('.', ',');
}

/** A number shown with a percent format as its text: Sheets types «100%» into 1 and «3,5%» into 0.035. */
export function percentText(n: number): string {
  return `${numberText(Number((n * 100).toPrecision(12)))}%`;
}

/** «dd.MM», «d mmmm»: a date format that shows no year («General», «dd.MM.yyyy» and times do not count). */
function isYearlessDateFormat(format: string): boolean {
  const f = format.replace(/"[^"]*"|\\./g, '');
  return /[dm]/i.test(f) && !/[yhs]/i.test(f) && !/general|@/i.test(f);
}

/** A date Sheets made of «d.m» typed in a Russian locale, written back as typed: 2 October → «2.10». */
export function dayMonthText(v: Date, timeZone: string): string {
  const { m, d } = parts(dateInZone(v, timeZone));
  return `${d}.${m}`;
}

/**
 * Puts back what was typed where Sheets turned it into a number or a date (`formats` as getNumberFormats gives
 * them): «100%» is the number 1 with a percent format, and a date shown without its year is «4.12» typed into a
 * Russian-locale sheet (4 December of whatever year it was pasted in). Both read as written. Changes `grid`.
 */
export function keepAsTyped(grid: Grid, formats: readonly (readonly string[])[], timeZone: string): void {
  formats.forEach((row, r) =>
    row.forEach((format, c) => {
      const v = grid[r]?.[c];
      if (typeof v === 'number' && format.includes('%')) grid[r][c] = percentText(v);
      else if (isDateValue(v) && isYearlessDateFormat(format)) grid[r][c] = dayMonthText(v, timeZone);
    }),
  );
}

/** A cell's text, trimmed; numbers keep their digits, empty cells give ''. */
export function cellText(v: unknown): string {
  return valueText(v).trim();
}

/**
 * An HTML tag of the kinds that come with text copied from web pages and documents (`<i>`, `</i>`, `<b>`,
 * `<br/>`, `<p class="…">`, `<ul …>`). Only tag names are matched, so «<3 … >4» in a cell is text and stays.
 */
export const MARKUP_TAG =
  /<\/?(?:a|b|i|u|s|p|br|hr|em|strong|span|div|font|sub|sup|small|big|strike|del|ins|mark|center|ul|ol|li|table|thead|tbody|tr|td|th|h[1-6])(?:\s[^<>]*)?\/?>/gi;
