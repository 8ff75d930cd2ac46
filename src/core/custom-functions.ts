/**
 * The logic of the custom functions ROADMAP_DEADLINE, ROADMAP_STATUS and RISK_LEVEL: each takes a single
 * value or a whole range (2-D array) and returns a value or a same-shaped array, computed in one call.
 * A bad cell gets its own Russian error text; blank cells stay blank.
 */
import { isDateValue, isoDate, isValidDate, parts, type IsoDate } from './dates';
import { parseDeadline, recurrenceLabel } from './deadline';
import type { Deadline, DeadlineContext } from './deadline-types';
import { cellText } from './grid';
import { REPORT_STATUSES, type ActivityStatus, type Report, type ReportStatus } from './layouts';
import { memo } from './memo';
import { STATUS_MSG } from './messages';
import { riskLevel } from './risk';
import { defaultSettings } from './settings';
import { statusAgainst, type StatusSettings } from './status';
import { dateInZoneFn, midnightInZoneFn } from './zone-dates';

/** What the Apps Script side supplies once per call: the spreadsheet's time zone and today in it. */
export interface CustomFunctionContext {
  timeZone: string;
  today: IsoDate;
}

/** A year's bounds for deadline phrases without one, and the default «Скоро срок» days. */
type YearSettings = StatusSettings & DeadlineContext;

/**
 * What the cells of one call share, built once per call rather than per cell (a 10,000-row column must
 * answer well within Sheets' 30 s): placing a date in the spreadsheet's zone costs an Intl call, many
 * times the parse of a deadline, and a column repeats few calendar days, fewer years and todays, and
 * many phrases («ежеквартально», «в течение года»), whose meaning depends on their text and year only.
 */
interface RangeCall extends CustomFunctionContext {
  dateOf(instant: Date): IsoDate;
  /**
   * A calendar date as the Date a custom function returns: midnight of that day in the spreadsheet's
   * zone. Sheets turns a returned Date into a date serial in the spreadsheet's zone, so midnight there
   * gives a whole serial (the cell compares equal to DATE(…) and TODAY()) shown as the right day. Noon
   * UTC would carry a fraction of a day and, east of UTC+12, show the next day.
   */
  midnight(date: IsoDate): Date;
  year(y: number): YearSettings;
  /** A deadline phrase in a year: parsed, or the Russian error text for it. */
  phrase(text: string, year: number): Deadline | string;
  /** The year a cell gives (a column of years repeats one or two). */
  yearOf(v: unknown): number | undefined;
  /** The report a mark's text stands for ([] for no mark), or the Russian error text for it. */
  reportsOf(markText: string): readonly Report[] | string;
  statusOn(today: IsoDate): (deadline: Deadline, reports: readonly Report[]) => ActivityStatus;
}

function rangeCall(ctx: CustomFunctionContext): RangeCall {
  const year = memo((y: number): YearSettings => ({
    periodStart: isoDate(y, 1, 1),
    periodEnd: isoDate(y, 12, 31),
    defaultYear: y,
    soonDays: defaultSettings(y).soonDays,
  }));
  const phrasesOf = memo((y: number) =>
    memo((text: string): Deadline | string => {
      const d = parseDeadline(text, year(y));
      const problem = d.issues.find((i) => i.severity === 'ошибка');
      return problem ? err(problem.message) : d;
    }),
  );
  return {
    ...ctx,
    dateOf: dateInZoneFn(ctx.timeZone),
    midnight: midnightInZoneFn(ctx.timeZone),
    year,
    phrase: (text, y) => phrasesOf(y)(text),
    yearOf: memo(yearOf),
    reportsOf: memo(reportsOf),
    statusOn: memo((today: IsoDate) => {
      const statusOf = statusAgainst(today, year(parts(today).y), ctx.timeZone);
      // Parsed phrases and marks' reports are shared objects: one status per phrase and mark.
      const byDeadline = memo((d: Deadline) => memo((reports: readonly Report[]) => statusOf(d, reports)));
      return (d, reports) => byDeadline(d)(reports);
    }),
  };
}

/** Shown in a cell whose input cannot be used. */
const err = STATUS_MSG.cellError;

const isBlank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Sheets passes a range as rows of cells; a single cell as the value itself. */
const isRange = (v: unknown): v is unknown[][] => Array.isArray(v) && v.every((row) => Array.isArray(row));

/**
 * Applies `fn` cell by cell. The first argument sets the shape; every other argument (up to three in all,
 * as many as a custom function here takes) is a single value (used for every cell), a 1×1 range (same),
 * or a range of exactly that shape (cell by cell).
 */
function mapCells(
  args: readonly [unknown, unknown?, unknown?],
  fn: (a: unknown, b: unknown, c: unknown) => unknown,
): unknown {
  const [first] = args;
  const single = (a: unknown): unknown => (isRange(a) ? a[0]?.[0] : a);
  if (!isRange(first)) return fn(first, single(args[1]), single(args[2]));
  const rows = first.length;
  const cols = first[0]?.length ?? 0;
  args.forEach((a, i) => {
    if (
      i > 0 &&
      isRange(a) &&
      !(a.length === 1 && a[0]?.length === 1) &&
      (a.length !== rows || (a[0]?.length ?? 0) !== cols)
    ) {
      // A whole-call problem: thrown, so Sheets shows it on the formula cell as #ERROR! with this text.
      throw new Error(STATUS_MSG.shapeMismatch(`${rows}×${cols}`, `${a.length}×${a[0]?.length ?? 0}`));
    }
  });
  // Each argument's shape is settled once, not per cell: checking a whole range for every cell made a
  // 10,000-row call quadratic (about 30 s against Sheets' 30-second limit for a custom function).
  const cellOf = (a: unknown): ((r: number, c: number) => unknown) => {
    if (!isRange(a)) return () => a;
    if (a.length === 1 && a[0]?.length === 1) return () => a[0]?.[0];
    return (r, c) => a[r]?.[c];
  };
  // Three fixed readers rather than an array of them spread into `fn`: no allocation per cell.
  const [a, b, c] = [cellOf(args[0]), cellOf(args[1]), cellOf(args[2])];
  return first.map((row, r) => row.map((_, col) => fn(a(r, col), b(r, col), c(r, col))));
}

/** The year a cell gives: 2021, «2021», «2021 г.»; undefined when not a year. */
function yearOf(v: unknown): number | undefined {
  const m = /^(\d{4})(?:\s*(?:г\.?|год))?$/.exec(cellText(v));
  return m ? Number(m[1]) : undefined;
}

/** The parsed deadline of a cell, or the Russian error text for it. */
function deadlineOfCell(v: unknown, year: number, call: RangeCall): Deadline | string {
  if (isDateValue(v)) {
    const day = call.dateOf(v);
    return { kind: 'date', text: day, due: [day], end: day, issues: [] };
  }
  return call.phrase(cellText(v), year);
}

/** ROADMAP_DEADLINE for one cell: the due date, a short text for deadlines without one, or an error. */
function deadlineCell(text: unknown, year: unknown, call: RangeCall): unknown {
  if (isBlank(text)) return '';
  const y = isBlank(year) ? parts(call.today).y : call.yearOf(year);
  if (y === undefined) return err(STATUS_MSG.badYear(cellText(year)));
  const d = deadlineOfCell(text, y, call);
  if (typeof d === 'string') return d;
  const due = d.due[d.due.length - 1] ?? (d.kind === 'from' || d.kind === 'ongoing' ? undefined : d.end);
  if (d.kind === 'recurring' && d.recurrence)
    return STATUS_MSG.recurringDeadline(recurrenceLabel(d.recurrence));
  if (due !== undefined) return call.midnight(due);
  if (d.kind === 'external') return STATUS_MSG.externalDeadline(d.schedule ?? '');
  return STATUS_MSG.noDeadline;
}

/**
 * ROADMAP_DEADLINE(text, [year]): the due date of a deadline phrase (the last day of its period), with
 * the roadmap's year for phrases without one (default: the current year).
 */
export function ROADMAP_DEADLINE(text: unknown, year: unknown, ctx: CustomFunctionContext): unknown {
  const call = rangeCall(ctx);
  return mapCells([text, year], (t, y) => deadlineCell(t, y, call));
}

const normalize = (s: string): string => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
const REPORT_BY_TEXT = new Map<string, ReportStatus>(REPORT_STATUSES.map((s) => [normalize(s), s]));

/** A date cell or «01.04.2021» as a calendar date in the spreadsheet's zone. */
function dateOfCell(v: unknown, call: RangeCall): IsoDate | undefined {
  if (isDateValue(v)) return call.dateOf(v);
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(cellText(v));
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? isoDate(y, mo, d) : undefined;
}

/** The one report a mark stands for in ROADMAP_STATUS ([] for no mark), or the error text for the mark. */
function reportsOf(markText: string): readonly Report[] | string {
  if (!markText) return [];
  const status = REPORT_BY_TEXT.get(normalize(markText));
  if (!status) return err(STATUS_MSG.badMark(markText, REPORT_STATUSES));
  const r = { user: '', school: '', activityId: '', period: '', fact: '', comment: '', link: '', key: '' };
  return [{ ...r, time: new Date(Number.NaN), status }];
}

/** ROADMAP_STATUS for one cell. */
function statusCell(deadline: unknown, mark: unknown, todayCell: unknown, call: RangeCall): unknown {
  if (isBlank(deadline)) return '';
  const today = isBlank(todayCell) ? call.today : dateOfCell(todayCell, call);
  if (today === undefined) return err(STATUS_MSG.badDate(cellText(todayCell)));
  const reports = call.reportsOf(isBlank(mark) ? '' : cellText(mark));
  if (typeof reports === 'string') return reports;
  const d = deadlineOfCell(deadline, parts(today).y, call);
  if (typeof d === 'string') return d;
  // A recurring activity needs a report per period, which one status cell cannot hold; the
  // «Дорожная карта» sheet (refreshStatuses) tracks its periods.
  if (d.kind === 'recurring') return 'Регулярное';
  return call.statusOn(today)(d, reports).status;
}

/**
 * ROADMAP_STATUS(deadline, status, [today]): the activity's status from its deadline (a date or a
 * phrase), the mark «Выполнено»/«В работе»/…, and today (default: today in the spreadsheet's zone).
 * «Скоро срок» uses the default 7 days: a custom function reads no other sheet.
 */
export function ROADMAP_STATUS(
  deadline: unknown,
  status: unknown,
  today: unknown,
  ctx: CustomFunctionContext,
): unknown {
  const call = rangeCall(ctx);
  return mapCells([deadline, status, today], (d, s, t) => statusCell(d, s, t, call));
}

/** RISK_LEVEL for one cell. */
function riskCell(score: unknown): unknown {
  if (isBlank(score)) return '';
  const n = typeof score === 'number' ? score : Number(cellText(score).replace(',', '.'));
  if (typeof score === 'boolean' || !Number.isFinite(n) || n < 0 || n > 1) {
    return err(STATUS_MSG.badScore(cellText(score)));
  }
  const { mediumRiskFrom, highRiskFrom } = defaultSettings(2000);
  return riskLevel(n, { mediumRiskFrom, highRiskFrom });
}

/** RISK_LEVEL(score): «низкий», «средний» or «высокий» by the default thresholds 0.35 and 0.6 (edges go up). */
export function RISK_LEVEL(score: unknown): unknown {
  return mapCells([score], riskCell);
}
