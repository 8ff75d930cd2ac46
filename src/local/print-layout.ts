/**
 * What Google Sheets does by itself and Excel or LibreOffice do not, applied to the product's sheets when
 * the workbook is saved: rows tall enough for their wrapped text, column widths, A4 landscape printing with
 * the header repeated, and charts embedded as pictures.
 */
import { Resvg } from '@resvg/resvg-js';
import type ExcelJS from 'exceljs';
import { SHEETS } from '../core/messages';

/** The sheets the product writes (the user's own sheets keep their layout). */
const PRODUCT_SHEETS: ReadonlySet<string> = new Set([
  SHEETS.check,
  SHEETS.roadmap,
  SHEETS.profiles,
  SHEETS.reports,
  SHEETS.journal,
  SHEETS.summary,
]);

/** Sheets of stacked tables, each with its own header: no one row to repeat on every printed page. */
const STACKED_SHEETS: ReadonlySet<string> = new Set([SHEETS.summary]);

/** One line of 11-pt text in Excel and LibreOffice, in points. */
const LINE_PT = 15;
/** Excel's default column width, in characters of «0». */
const DEFAULT_CHARS = 8.43;
/** A column sized from its content stays within these widths (characters). */
const MIN_CHARS = 8;
const MAX_CHARS = 50;
/** «31.12.2025 23:59:59» and a little air: dates never show as ###. */
const DATE_CHARS = 19;

export function isProductSheet(name: string): boolean {
  return PRODUCT_SHEETS.has(name);
}

function textOf(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return '';
  return cell.text;
}

/** Lines the text takes in a column `chars` wide, wrapping at words (a long word is cut). */
export function linesFor(text: string, chars: number): number {
  // Cyrillic letters are a little wider than the «0» the width is counted in.
  const perLine = Math.max(1, Math.floor(chars * 0.9));
  return text.split('\n').reduce((n, paragraph) => {
    let lines = 1;
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (used > 0 && used + 1 + word.length <= perLine) {
        used += 1 + word.length;
        continue;
      }
      // The word starts a line (the first, or a new one) and takes as many lines as its length needs.
      lines += (used > 0 ? 1 : 0) + Math.ceil(word.length / perLine) - 1;
      used = word.length % perLine || perLine;
    }
    return n + lines;
  }, 0);
}

/**
 * Column widths where the script set none (from the longest text, dates wide enough; a title alone in its
 * row left out), row heights from the wrapped text, and the page: A4 landscape, fit to one page wide, the
 * first row repeated on every page (except on a sheet of stacked tables).
 */
export function fitForReading(ws: ExcelJS.Worksheet): void {
  const longest = new Map<number, number>();
  const spread = ws.actualColumnCount > 1;
  ws.eachRow((row) =>
    row.eachCell((cell, c) => {
      // A title alone in its row runs on over the empty cells to its right: it does not widen its column.
      if (spread && row.actualCellCount === 1 && typeof cell.value === 'string' && !cell.alignment?.wrapText)
        return;
      const chars =
        cell.value instanceof Date
          ? DATE_CHARS
          : Math.max(
              ...textOf(cell)
                .split('\n')
                .map((l) => l.length),
            );
      longest.set(c, Math.max(longest.get(c) ?? 0, chars));
    }),
  );
  for (const [c, chars] of longest) {
    const column = ws.getColumn(c);
    if (column.width === undefined) column.width = Math.min(MAX_CHARS, Math.max(MIN_CHARS, chars + 2));
  }
  ws.eachRow((row) => {
    let lines = 1;
    row.eachCell((cell, c) => {
      if (!cell.alignment?.wrapText || cell.isMerged) return;
      lines = Math.max(lines, linesFor(textOf(cell), ws.getColumn(c).width ?? DEFAULT_CHARS));
    });
    if (lines > 1) row.height = lines * LINE_PT;
  });
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: STACKED_SHEETS.has(ws.name) ? undefined : '1:1',
  };
}

/** A chart's SVG as a PNG picture anchored at its cell (1-based row and column, as Sheets positions it). */
export function embedChart(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  svg: string,
  at: { row: number; column: number },
): void {
  const rendered = new Resvg(svg, {
    // Arial where the system has it (Windows, macOS); DejaVu on Linux: both have Cyrillic.
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  }).render();
  const id = wb.addImage({ buffer: rendered.asPng() as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(id, {
    tl: { col: at.column - 1, row: at.row - 1 },
    ext: { width: rendered.width, height: rendered.height },
    editAs: 'oneCell',
  });
}
