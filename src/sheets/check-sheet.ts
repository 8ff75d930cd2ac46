/** `Проверка`: every problem found in the user's sheets, errors first, each with a link to its cell. */
import { SHEETS } from '../core/messages';
import type { Problem } from '../core/roadmap-model';
import type { Services } from './ports';
import { cellLink, productSheet } from './roadmap-sheet';

export const CHECK_HEADER = ['Серьёзность', 'Лист', 'Ячейка', 'Сообщение', 'Что сделать'] as const;

const SEVERITY_COLORS = { ошибка: '#f4c7c3', предупреждение: '#fce8b2' } as const;
const NO_PROBLEMS = 'Проблем не найдено.';

/** Row and column of an A1 address, for sorting in sheet order. */
function position(cell: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return [0, 0];
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [Number(m[2]), col];
}

/** Errors before warnings; within each, by sheet and then in reading order of the cells. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const sheetOrder = Object.values(SHEETS) as string[];
  const keyed = problems.map((p, i) => ({ p, i, pos: position(p.cell), sheet: sheetOrder.indexOf(p.sheet) }));
  keyed.sort(
    (a, b) =>
      (a.p.severity === b.p.severity ? 0 : a.p.severity === 'ошибка' ? -1 : 1) ||
      a.sheet - b.sheet ||
      a.pos[0] - b.pos[0] ||
      a.pos[1] - b.pos[1] ||
      a.i - b.i,
  );
  return keyed.map((k) => k.p);
}

/** Rewrites `Проверка` in one setValues (plus constant formatting calls). */
export function writeCheckSheet(
  svc: Services,
  problems: readonly Problem[],
  sheetIds: Record<string, number>,
): void {
  const rows = sortProblems(problems).map((p) => [
    p.severity,
    p.sheet,
    cellLink(sheetIds[p.sheet], p.sheet, p.cell, p.cell),
    p.message,
    p.fix,
  ]);
  if (rows.length === 0) rows.push(['', '', '', NO_PROBLEMS, '']);
  const sheet = productSheet(svc, SHEETS.check, rows.length + 1, CHECK_HEADER.length);
  sheet.getRange(1, 1, rows.length + 1, CHECK_HEADER.length).setValues([[...CHECK_HEADER], ...rows]);
  sheet.getRange(1, 1, 1, CHECK_HEADER.length).setFontWeight('bold');
  sheet
    .getRange(2, 1, rows.length, 1)
    .setBackgrounds(rows.map((r) => [SEVERITY_COLORS[r[0] as keyof typeof SEVERITY_COLORS] ?? null]));
  sheet.setFrozenRows(1);
  sheet.setColumnWidths(1, CHECK_HEADER.length, 130);
  sheet.setColumnWidth(4, 480);
  sheet.setColumnWidth(5, 420);
  // Messages run to a few hundred characters: wrapped, they are read whole instead of cut at the column edge.
  sheet.getRange(2, 4, rows.length, 2).setWrap(true);
}
