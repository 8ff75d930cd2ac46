/** Calendar dates as ISO strings 'YYYY-MM-DD': no time, no machine time zone. */

export type IsoDate = string;

/** Month names in the nominative, January first. */
export const MONTHS_RU = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
] as const;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function isoDate(y: number, m: number, d: number): IsoDate {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function parts(date: IsoDate): { y: number; m: number; d: number } {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Month names after «в»: «в феврале». */
const MONTHS_IN_RU = [
  'январе',
  'феврале',
  'марте',
  'апреле',
  'мае',
  'июне',
  'июле',
  'августе',
  'сентябре',
  'октябре',
  'ноябре',
  'декабре',
];

/** Why a typed day is not in the calendar: «месяц 13», «в феврале 2025 года 28 дней»; undefined when it is. */
export function noSuchDateReason(y: number, m: number, d: number): string | undefined {
  if (isValidDate(y, m, d)) return undefined;
  if (!Number.isInteger(m) || m < 1 || m > 12) return `месяц ${m}`;
  if (d < 1) return `день ${d}`;
  return `в ${MONTHS_IN_RU[m - 1] ?? ''} ${y} года ${daysInMonth(y, m)} ${daysInMonth(y, m) === 31 ? 'день' : 'дней'}`;
}

export function lastDayOfMonth(y: number, m: number): IsoDate {
  return isoDate(y, m, daysInMonth(y, m));
}

/** Days since 1970-01-01 of a calendar date (UTC arithmetic on a date with no zone). */
export function dayNumber(date: IsoDate): number {
  const { y, m, d } = parts(date);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * 86_400_000);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** b − a in days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekday(date: IsoDate): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date that an instant falls on in a time zone (the spreadsheet's, never the machine's).
 * Intl is plain ECMAScript, available in Apps Script V8 and in Node alike.
 */
export function dateInZone(instant: Date, timeZone: string): IsoDate {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  const p = f.formatToParts(instant);
  const get = (t: string): number => Number(p.find((x) => x.type === t)?.value);
  return isoDate(get('year'), get('month'), get('day'));
}

/** Works across realms (values from the local host's vm context are Dates of another realm). */
export function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]' && !Number.isNaN((v as Date).getTime());
}

/** «01.04.2021» for display to Russian users. */
export function formatRu(date: IsoDate): string {
  const { y, m, d } = parts(date);
  return `${pad(d)}.${pad(m)}.${pad(y, 4)}`;
}
