/** `Сводка`: one product sheet shared by several jobs, each writing its own fixed block of columns. */
import { isDateValue } from '../core/dates';
import type { CellValue } from '../core/grid';
import { SHEETS } from '../core/messages';
import type { RangePort, Services, SheetPort } from './ports';
import { ensureSize } from './sheet-size';

/**
 * Where each section lives on `Сводка`: a fixed block of columns, so a job rewrites its own block without
 * reading or moving anyone else's (and conditional-format rules on a block keep pointing at it).
 * A job that needs a section adds one line here (additive edit; blocks must not overlap).
 */
export const SUMMARY_BLOCKS = {
  Показатели: { column: 1, width: 10 },
  'Предпросмотр писем': { column: 12, width: 8 },
} as const satisfies Record<string, { column: number; width: number }>;

export type SummarySectionTitle = keyof typeof SUMMARY_BLOCKS;

/** Rows of a section start at this sheet row: row 1 holds the section titles, row 2 the column headers. */
export const SUMMARY_FIRST_ROW = 1;

/**
 * Text as plain text, so a value such as «=5» or «1/2» does not turn into a formula or a date; whole numbers
 * without a decimal point («0.##» would show «200.»).
 */
function formatOf(v: CellValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? '0' : '0.0##';
  return isDateValue(v) ? 'dd.MM.yyyy' : '@';
}

export interface WrittenSection {
  sheet: SheetPort;
  /** The block's first column. */
  column: number;
  /** The range written: title row, header row and data rows. */
  range: RangePort;
}

/**
 * Rewrites one section of `Сводка`: row 1 of the block holds the title (with `subtitle`, e.g. the time of
 * the update), `rows[0]` is the column header (bold), the rest are data. Other sections are left as they
 * are. One clearContent and one setValues, whatever the number of rows.
 */
export function writeSummarySection(
  svc: Services,
  title: SummarySectionTitle,
  rows: CellValue[][],
  subtitle = '',
): WrittenSection {
  const { column, width } = SUMMARY_BLOCKS[title];
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  let sheet = ss.getSheetByName(SHEETS.summary);
  if (!sheet) {
    sheet = ss.insertSheet(SHEETS.summary);
    sheet.setFrozenRows(2);
  }
  const titleRow: CellValue[] = [subtitle ? `${title} — ${subtitle}` : title];
  const grid = [titleRow, ...rows].map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  // Rows for long sections, columns for blocks on the right.
  ensureSize(sheet, SUMMARY_FIRST_ROW + grid.length - 1, column + width - 1);
  const previous = sheet.getLastRow();
  if (previous > 0) sheet.getRange(1, column, previous, width).clearContent();
  const range = sheet.getRange(SUMMARY_FIRST_ROW, column, grid.length, width);
  range.setNumberFormats(grid.map((r) => r.map(formatOf)));
  range.setValues(grid);
  range.setFontWeights(grid.map((_, i) => Array.from({ length: width }, () => (i < 2 ? 'bold' : 'normal'))));
  return { sheet, column, range };
}
