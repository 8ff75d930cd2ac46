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

/** A cell's text, trimmed; numbers keep their digits, empty cells give ''. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  return String(v).trim();
}
