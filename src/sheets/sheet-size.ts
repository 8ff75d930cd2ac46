/** Growing a sheet before a write: Sheets refuses a range past the sheet's last row or column. */
import type { SheetPort } from './ports';

/**
 * Makes `sheet` at least `rows` × `columns` (a new sheet is 1000 × 26); never shrinks it. At most four
 * calls, whatever the size: Apps Script throws «The coordinates of the range are outside the dimensions
 * of the sheet» instead of growing the sheet for a write.
 */
export function ensureSize(sheet: SheetPort, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}
