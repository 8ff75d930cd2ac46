/**
 * Repeated Google Forms submissions in `Ответы`: the same respondent sending the same answers again a few
 * seconds or minutes later (a double click, a slow connection).
 */
import { isDateValue } from './dates';
import { a1, cellText, type Grid } from './grid';
import { SHEETS } from './messages';
import { count, NOUNS } from './plural';
import type { Problem } from './roadmap-model';

/** Forms' «Адрес электронной почты» column (or «Email», «Почта респондента»). */
const ADDRESS_COLUMN = /адрес электронной почты|e-?mail|электронн\S* почт|^почта/;
/** Forms' «Отметка времени» column. */
const TIME_COLUMN = /отметка времени|timestamp|время отправки/;

export interface Duplicates {
  /** 0-based rows of `Ответы` that repeat an earlier submission and are not counted. */
  merged: Set<number>;
  /** 0-based rows that repeat an earlier submission but were counted: the form collects no addresses. */
  suspected: number[];
  /** For each merged or suspected row, the 0-based row it repeats. */
  original: Map<number, number>;
  /** The address column (0-based), or -1 when the form collects no addresses. */
  addressColumn: number;
}

const norm = (v: unknown): string => cellText(v).toLowerCase().replace(/ё/g, 'е');

/** Milliseconds of a timestamp cell: a date, a serial day number, or «02.12.2026 10:15:03»; NaN when unreadable. */
function timeOf(v: unknown): number {
  if (isDateValue(v)) return v.getTime();
  if (typeof v === 'number') return v * 86_400_000;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(cellText(v));
  if (!m) return Number.NaN;
  return Date.UTC(+m[3], +m[2] - 1, +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

/**
 * Finds submissions that repeat an earlier one: every answer the same (the timestamp aside) and sent within
 * `windowMinutes` of it. With an address column, a repeat must also come from the same address and is
 * merged (counted once); without one, different people may have answered alike, so repeats are only listed.
 * Without a readable timestamp nothing is a repeat.
 */
export function findDuplicates(responses: Grid, windowMinutes: number): Duplicates {
  const header = responses[0] ?? [];
  const timeCol = header.findIndex((h) => TIME_COLUMN.test(norm(h)));
  const addressColumn = header.findIndex((h) => ADDRESS_COLUMN.test(norm(h)));
  const result: Duplicates = { merged: new Set(), suspected: [], original: new Map(), addressColumn };
  if (timeCol < 0 || windowMinutes <= 0) return result;
  const window = windowMinutes * 60_000;
  const last = new Map<string, { row: number; time: number }>();
  for (let r = 1; r < responses.length; r++) {
    const row = responses[r];
    if (!row) continue;
    const time = timeOf(row[timeCol]);
    if (Number.isNaN(time)) continue;
    // A submission without an address cannot be told from another person's: never merged.
    if (addressColumn >= 0 && norm(row[addressColumn]) === '') continue;
    const parts: string[] = [];
    for (let c = 0; c < row.length; c++)
      if (c !== timeCol) parts.push(c === addressColumn ? norm(row[c]) : cellText(row[c]));
    const key = parts.join('\u0001');
    const seen = last.get(key);
    const repeat = seen !== undefined && Math.abs(time - seen.time) <= window;
    if (repeat) {
      result.original.set(r, seen.row);
      if (addressColumn >= 0) result.merged.add(r);
      else result.suspected.push(r);
    }
    // A chain of repeats is measured from the latest one: three clicks a minute apart are one submission.
    last.set(key, { row: repeat ? seen.row : r, time });
  }
  return result;
}

/** Up to ten rows «15 (повтор строки 14)», then «…». */
function rowList(rows: number[], original: Map<number, number>): string {
  const shown = rows.slice(0, 10).map((r) => `${r + 1} (повтор строки ${(original.get(r) ?? r) + 1})`);
  return shown.join(', ') + (rows.length > 10 ? ` и ещё ${rows.length - 10}` : '');
}

/** What `Проверка` says about repeated submissions: one warning for merged ones, one for suspected ones. */
export function duplicateProblems(d: Duplicates, windowMinutes: number): Problem[] {
  const problems: Problem[] = [];
  const merged = [...d.merged].sort((a, b) => a - b);
  if (merged.length > 0) {
    problems.push({
      severity: 'предупреждение',
      sheet: SHEETS.responses,
      cell: a1(merged[0] + 1, 1),
      message:
        `Повторные отправки формы учтены один раз (${count(merged.length, NOUNS.answer)}): с того же адреса и с теми же ` +
        `ответами не позже чем через ${count(windowMinutes, NOUNS.minuteAcc)} после предыдущей — строки ${rowList(merged, d.original)}.`,
      fix: 'Ничего делать не нужно. Окно задаётся в листе «Настройки» («Окно повторных ответов, мин»; 0 — не объединять).',
    });
  }
  if (d.suspected.length > 0) {
    problems.push({
      severity: 'предупреждение',
      sheet: SHEETS.responses,
      cell: a1(d.suspected[0] + 1, 1),
      message:
        `Похоже на повторные отправки (${count(d.suspected.length, NOUNS.answer)}): во всём как отправленные до них не раньше ` +
        `чем за ${count(windowMinutes, NOUNS.minuteAcc)} — строки ${rowList(d.suspected, d.original)}. Адресов респондентов в листе нет, поэтому все они учтены.`,
      fix: 'Если это повторы, удалите лишние строки или включите в форме сбор адресов электронной почты.',
    });
  }
  return problems;
}
