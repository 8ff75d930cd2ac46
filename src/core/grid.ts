/** Cell values as Apps Script's Range.getValues returns them, and A1 addresses. */

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
