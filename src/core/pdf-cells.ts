/**
 * What a PDF does to a table copied from it as text, one cell per line: the page's furniture lands between the
 * rows («2», «– 2 –», «Страница 2 из 5»), and a cell too long for its column runs over two lines or more.
 * A row with more cells than the table has columns is put back together only when one way fits the columns.
 */
import type { DeadlineContext } from './deadline-types';
import { parseDeadline } from './deadline';
import { classifyHeader, startsLowercase } from './roadmap-reader';

/** A page number as PDFs print it: «– 2 –», «- 2 -», «Страница 2 из 5», «стр. 2», «2 из 5», «2/5». */
export const PAGE_MARK =
  /^(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:стр\.?|страница)\s*\d{1,4}(?:\s*(?:из|\/)\s*\d{1,4})?|\d{1,4}\s*(?:из|\/)\s*\d{1,4})$/i;
/** A bare number: a row number, or a page number when it breaks the numbering of the rows. */
export const LONE_NUMBER = /^\d{1,4}$/;

/** A cell of a row and the 1-based line it stands on. */
export interface Piece {
  text: string;
  line: number;
}

/** One way to read a row: its cells, and which of them are joined from several lines. */
export interface Way {
  cells: string[];
  joined: boolean[];
}

/**
 * A row no one way fits: the `ways` that do, and the pairs of lines that hold a wrapped cell, `sure` in every
 * way, `either` in some (all empty when none fits or too many do).
 */
export interface Unfitted {
  ways: Way[];
  sure: [number, number][];
  either: [number, number][];
}

/** The row's cells, one per column, or what fits it when no one way does. */
export type Fit = { cells: string[] } | Unfitted;

const ANY_YEAR: DeadlineContext = { periodStart: '2000-01-01', periodEnd: '2000-12-31', defaultYear: 2000 };

/** A whole cell that reads as a deadline («до 25 декабря 2024 г.», «ежеквартально», «IV квартал 2025»). */
function isDeadline(text: string): boolean {
  const d = parseDeadline(text, ANY_YEAR);
  return (
    d.kind !== 'unknown' &&
    d.kind !== 'external' &&
    d.kind !== 'empty' &&
    !d.issues.some((i) => i.severity === 'ошибка')
  );
}

/** This many ways or more: the row is too broken to weigh them. */
const MAX_WAYS = 8;

/**
 * The ways to deal `pieces` out to `columns` in order, a column taking one piece or several (a wrapped cell):
 * the deadline column takes a piece that reads as a deadline, and a piece that continues a cell is no deadline
 * of its own. `strict`: a continuation starts lowercase or follows a hyphen or comma, as a wrapped line does.
 * Each way is the index of the first piece of each column.
 */
function ways(pieces: readonly Piece[], columns: readonly string[], strict: boolean): number[][] {
  const deadline = columns.findIndex((c) => classifyHeader(c) === 'deadline');
  const continues = (col: number, k: number): boolean => {
    const text = pieces[k]?.text ?? '';
    if (col === deadline) return startsLowercase(text) || /^\d/.test(text);
    if (isDeadline(text) || LONE_NUMBER.test(text)) return false;
    return !strict || startsLowercase(text) || /[-‐,]$/.test(pieces[k - 1]?.text ?? '');
  };
  const found: number[][] = [];
  const starts: number[] = [];
  const place = (col: number, from: number): void => {
    if (found.length >= MAX_WAYS) return;
    if (col === columns.length) {
      if (from === pieces.length) found.push([...starts]);
      return;
    }
    if (col === deadline && !isDeadline(pieces[from]?.text ?? '')) return;
    starts.push(from);
    for (let to = from + 1; to <= pieces.length - (columns.length - col - 1); to++) {
      if (to > from + 1 && !continues(col, to - 1)) break;
      place(col + 1, to);
    }
    starts.pop();
  };
  place(0, 0);
  return found;
}

function wayOf(pieces: readonly Piece[], starts: readonly number[]): Way {
  const parts = starts.map((from, c) => pieces.slice(from, starts[c + 1] ?? pieces.length));
  return { cells: parts.map((p) => p.map((x) => x.text).join(' ')), joined: parts.map((p) => p.length > 1) };
}

/**
 * The cells of a row that has more pieces than `columns` (the header's columns after the number): page
 * marks are dropped, bare numbers too when the row is then whole and fits, and wrapped cells are joined when
 * one way fits — with continuation lines as a PDF wraps them (lowercase), or else with any.
 */
export function fitRow(row: readonly Piece[], columns: readonly string[]): Fit {
  const pieces = row.filter((p) => !PAGE_MARK.test(p.text));
  const numberless = pieces.filter((p) => !LONE_NUMBER.test(p.text));
  if (numberless.length === columns.length && ways(numberless, columns, true).length === 1)
    return { cells: numberless.map((p) => p.text) };
  if (pieces.length > columns.length + MAX_WAYS) return { ways: [], sure: [], either: [] };
  const strict = ways(pieces, columns, true);
  if (strict.length === 1) return { cells: wayOf(pieces, strict[0] ?? []).cells };
  const loose = ways(pieces, columns, false);
  if (loose.length === 1) return { cells: wayOf(pieces, loose[0] ?? []).cells };
  if (loose.length >= MAX_WAYS) return { ways: [], sure: [], either: [] };
  const joined = (k: number): number => loose.filter((way) => !way.includes(k)).length;
  const lines = (k: number): [number, number] => [pieces[k - 1]?.line ?? 0, pieces[k]?.line ?? 0];
  const continued = pieces.map((_, k) => k).filter((k) => k > 0 && joined(k) > 0);
  return {
    ways: loose.map((way) => wayOf(pieces, way)),
    sure: continued.filter((k) => joined(k) === loose.length).map(lines),
    either: continued.filter((k) => joined(k) < loose.length).map(lines),
  };
}

/**
 * Of the ways to read a wrapped row, the one whose joined cells, where the ways differ, are each written whole
 * in the same column of another row (the same responsible body, the same result) — when exactly one is.
 * `known[c]`: the cells of column c in the rows read whole.
 */
export function settleByColumns(
  ways: readonly Way[],
  known: readonly ReadonlySet<string>[],
): string[] | undefined {
  const differs = (c: number): boolean => ways.some((w) => w.cells[c] !== ways[0]?.cells[c]);
  const seen = ways.filter((w) =>
    w.cells.every((cell, c) => !w.joined[c] || !differs(c) || (known[c]?.has(cell) ?? false)),
  );
  return seen.length === 1 ? seen[0]?.cells : undefined;
}
