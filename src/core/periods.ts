/** Reporting periods of recurring deadlines (and the events of «several dates»): keys, Russian labels, which have ended. */
import {
  MONTHS_RU,
  addDays,
  dayNumber,
  daysBetween,
  formatRu,
  isoDate,
  isValidDate,
  lastDayOfMonth,
  parts,
  weekday,
  type IsoDate,
} from './dates';
import type { Deadline, RecurrenceUnit } from './deadline-types';
import { count, NOUNS, type NounForms } from './plural';

/** The unit a single report covers. */
export type PeriodUnit = 'week' | 'month' | 'quarter' | 'half-year' | 'year' | 'event';

/**
 * One period that needs its own report. Keys are what `Отчёты` stores in «Период»:
 * «2021-03», «2021-Q1», «2021-H2», «2021», ISO weeks «2021-W05», and «2021-11-25» for one of several dates.
 */
export interface Period {
  key: string;
  unit: PeriodUnit;
  /** How many units the period spans («1 раз в 2 недели» → 2). */
  span: number;
  start: IsoDate;
  /** Last day of the period: a report is due by then. */
  end: IsoDate;
}

/** The roadmap's own period, used when a deadline does not bound its recurrence. */
export interface PeriodBounds {
  periodStart: IsoDate;
  periodEnd: IsoDate;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** Monday of the ISO week a date falls in. */
function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - weekday(date));
}

/** ISO week-numbering year and week of a date («2021-01-03» → 2020, 53). */
export function isoWeek(date: IsoDate): { year: number; week: number } {
  const thursday = addDays(mondayOf(date), 3);
  const year = parts(thursday).y;
  return { year, week: Math.floor((dayNumber(thursday) - dayNumber(isoDate(year, 1, 1))) / 7) + 1 };
}

/** Monday of ISO week `week` of ISO year `year`. */
function isoWeekMonday(year: number, week: number): IsoDate {
  return addDays(mondayOf(isoDate(year, 1, 4)), (week - 1) * 7);
}

/** The unit a recurrence is reported in, and how many of them make one period. */
function reportingUnit(
  unit: RecurrenceUnit,
  times: number,
  interval: number,
): { unit: Exclude<PeriodUnit, 'event'>; span: number } {
  // «2 раза в год» is read as one report per half-year: each event gets its own period when the
  // count divides the unit evenly; otherwise one report covers the whole unit.
  const months = { year: 12, 'half-year': 6, quarter: 3, month: 1 } as const;
  if (unit === 'day' || unit === 'week') return { unit: 'week', span: unit === 'week' ? interval : 1 };
  const perEvent = months[unit] / Math.max(1, times);
  const unitOf: Record<number, Exclude<PeriodUnit, 'event' | 'week'>> = {
    12: 'year',
    6: 'half-year',
    3: 'quarter',
    1: 'month',
  };
  const split = unitOf[perEvent];
  if (split !== undefined && interval === 1) return { unit: split, span: 1 };
  if (unit === 'month' && times === 4 && interval === 1) return { unit: 'week', span: 1 };
  return { unit, span: interval };
}

/** First day of the unit containing a date. */
function unitStart(unit: Exclude<PeriodUnit, 'event'>, date: IsoDate): IsoDate {
  const { y, m } = parts(date);
  switch (unit) {
    case 'week':
      return mondayOf(date);
    case 'month':
      return isoDate(y, m, 1);
    case 'quarter':
      return isoDate(y, m - ((m - 1) % 3), 1);
    case 'half-year':
      return isoDate(y, m <= 6 ? 1 : 7, 1);
    case 'year':
      return isoDate(y, 1, 1);
  }
}

/** First day of the unit after the one starting at `start`. */
function nextUnitStart(unit: Exclude<PeriodUnit, 'event'>, start: IsoDate): IsoDate {
  if (unit === 'week') return addDays(start, 7);
  const { y, m } = parts(start);
  const months = { month: 1, quarter: 3, 'half-year': 6, year: 12 }[unit];
  const next = m - 1 + months;
  return isoDate(y + Math.floor(next / 12), (next % 12) + 1, 1);
}

function unitKey(unit: Exclude<PeriodUnit, 'event'>, start: IsoDate): string {
  const { y, m } = parts(start);
  switch (unit) {
    case 'week': {
      const w = isoWeek(start);
      return `${w.year}-W${String(w.week).padStart(2, '0')}`;
    }
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'half-year':
      return `${y}-H${m <= 6 ? 1 : 2}`;
    case 'year':
      return String(y);
  }
}

/** Where a recurrence runs: the deadline's own bounds, else the roadmap's period. */
export function recurrenceBounds(
  deadline: Deadline,
  roadmap: PeriodBounds,
): { start: IsoDate; end: IsoDate } {
  return { start: deadline.start ?? roadmap.periodStart, end: deadline.end ?? roadmap.periodEnd };
}

/**
 * The periods of a recurring deadline that lie at least half within its bounds, ascending; for «several dates», one
 * period per date (key = the ISO date). Other deadlines have none. `until` stops the list after the
 * period containing that date (statuses need nothing later).
 */
export function periodsOf(deadline: Deadline, roadmap: PeriodBounds, until?: IsoDate): Period[] {
  if (deadline.kind === 'several') return eventPeriods(deadline);
  const r = deadline.recurrence;
  if (deadline.kind !== 'recurring' || !r) return [];
  const { start, end } = recurrenceBounds(deadline, roadmap);
  const last = until !== undefined && until < end ? until : end;
  const { unit, span } = reportingUnit(r.unit, r.timesPerPeriod, r.interval);
  const out: Period[] = [];
  for (let s = unitStart(unit, start); s <= last;) {
    let e = s;
    for (let i = 0; i < span; i++) e = nextUnitStart(unit, e);
    const pEnd = addDays(e, -1);
    // A period counts when at least half of it lies within the bounds: the week of 1 January 2021 (a
    // Friday, 28.12–03.01) is not the roadmap's, a quarter that ends a month after it still is.
    const inside = daysBetween(start > s ? start : s, pEnd < end ? pEnd : end) + 1;
    if (inside * 2 >= daysBetween(s, pEnd) + 1)
      out.push({ key: unitKey(unit, s), unit, span, start: s, end: pEnd });
    s = e;
  }
  return out;
}

function eventPeriods(deadline: Deadline): Period[] {
  const dues = [...new Set(deadline.due)].sort();
  return dues.map((due, i) => ({
    key: due,
    unit: 'event',
    span: 1,
    start:
      i === 0
        ? deadline.start !== undefined && deadline.start <= due
          ? deadline.start
          : due
        : addDays(dues[i - 1], 1),
    end: due,
  }));
}

/** True when the period is over on `today` (its last day is before today): a report for it is now due. */
export function hasEnded(period: Period, today: IsoDate): boolean {
  return period.end < today;
}

/**
 * The periods a school may report for on `today`: every period that has started (ended ones included,
 * since a late report still covers its period), newest first.
 */
export function openPeriods(
  deadline: Deadline,
  today: IsoDate,
  roadmap?: PeriodBounds,
): { key: string; label: string; start: IsoDate; end: IsoDate }[] {
  const y = parts(today).y;
  const bounds = roadmap ?? { periodStart: isoDate(y, 1, 1), periodEnd: isoDate(y, 12, 31) };
  return periodsOf(deadline, bounds, today)
    .filter((p) => p.start <= today)
    .reverse()
    .map((p) => ({ key: p.key, label: periodLabel(p), start: p.start, end: p.end }));
}

function shortDate(date: IsoDate): string {
  return formatRu(date).slice(0, 5);
}

/** The case a period label takes in its sentence: «неделя …» alone, «за неделю …», «с недели …». */
export type LabelCase = 'nom' | 'acc' | 'gen';

const MONTHS_GEN = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

/** Unit nouns by case: singular, then the plural a period of several units takes («недели 05.04–18.04»). */
const UNIT_WORDS: Record<'week' | 'quarter' | 'half-year' | 'year', Record<LabelCase, [string, string]>> = {
  week: { nom: ['неделя', 'недели'], acc: ['неделю', 'недели'], gen: ['недели', 'недель'] },
  quarter: { nom: ['квартал', 'кварталы'], acc: ['квартал', 'кварталы'], gen: ['квартала', 'кварталов'] },
  'half-year': {
    nom: ['полугодие', 'полугодия'],
    acc: ['полугодие', 'полугодия'],
    gen: ['полугодия', 'полугодий'],
  },
  year: { nom: ['год', 'годы'], acc: ['год', 'годы'], gen: ['года', 'годов'] },
};

function unitLabel(unit: Exclude<PeriodUnit, 'event' | 'week'>, start: IsoDate, c: LabelCase): string {
  const { y, m } = parts(start);
  switch (unit) {
    case 'month':
      return `${(c === 'gen' ? MONTHS_GEN : MONTHS_RU)[m - 1]} ${y}`;
    case 'quarter':
      return `${ROMAN[Math.floor((m - 1) / 3)]} ${UNIT_WORDS.quarter[c][0]} ${y}`;
    case 'half-year':
      return `${ROMAN[m <= 6 ? 0 : 1]} ${UNIT_WORDS['half-year'][c][0]} ${y}`;
    case 'year':
      return `${y} ${UNIT_WORDS.year[c][0]}`;
  }
}

/**
 * Russian label of a period: «март 2021», «I квартал 2021», «II полугодие 2021», «2021 год»,
 * «неделя 05.04–11.04.2021», «25.11.2021»; a period of several units names its first and last. In
 * the case its sentence needs: «за неделю 05.04–11.04.2021», «с января 2021», «за II квартал 2021».
 */
export function periodLabel(period: Period, c: LabelCase = 'nom'): string {
  const { unit, start, end } = period;
  if (unit === 'event') return formatRu(end);
  if (unit === 'week') {
    const from = start.slice(0, 4) === end.slice(0, 4) ? shortDate(start) : formatRu(start);
    return `${UNIT_WORDS.week[c][period.span > 1 ? 1 : 0]} ${from}–${formatRu(end)}`;
  }
  const first = unitLabel(unit, start, c);
  if (period.span === 1) return first;
  if (unit === 'year') return `${start.slice(0, 4)}–${end.slice(0, 4)} ${UNIT_WORDS.year[c][1]}`;
  return `${first} – ${unitLabel(unit, unitStart(unit, end), c)}`;
}

/** Periods of one activity that ended without a report: how many, the oldest and the latest. */
export interface MissedPeriods {
  count: number;
  first: Period;
  last: Period;
  /** The keys of all of them, oldest first: the form marks them overdue. */
  keys: readonly string[];
}

/** What one period is called when counted: «62 недели», «3 месяца», «2 даты», «3 периода» (of 2 weeks). */
function unitNoun(period: Period, c: 'nom' | 'acc'): NounForms {
  if (period.span > 1) return NOUNS.period;
  switch (period.unit) {
    case 'week':
      return c === 'acc' ? NOUNS.weekAcc : NOUNS.week;
    case 'event':
      return c === 'acc' ? NOUNS.dateAcc : NOUNS.date;
    case 'month':
      return NOUNS.month;
    case 'quarter':
      return NOUNS.quarter;
    case 'half-year':
      return NOUNS.halfYear;
    case 'year':
      return NOUNS.year;
  }
}

/**
 * For a sheet cell: «март 2021», or «март 2021 и ещё 2 месяца» when more periods are missing (the
 * oldest first: that is the one to report first).
 */
export function missedLabel(m: Omit<MissedPeriods, 'keys'>): string {
  const first = periodLabel(m.first);
  return m.count > 1 ? `${first} и ещё ${count(m.count - 1, unitNoun(m.first, 'nom'))}` : first;
}

/**
 * For a sentence: «нет отчёта за неделю 04.01–10.01.2021», «нет отчётов за 62 недели (с недели
 * 04.01–10.01.2021 по неделю 08.03–14.03.2022)».
 */
export function missedReports(m: Omit<MissedPeriods, 'keys'>): string {
  if (m.count === 1) return `нет отчёта за ${periodLabel(m.first, 'acc')}`;
  return (
    `нет отчётов за ${count(m.count, unitNoun(m.first, 'acc'))} ` +
    `(с ${periodLabel(m.first, 'gen')} по ${periodLabel(m.last, 'acc')})`
  );
}

const MONTH_STEMS = [
  'январ',
  'феврал',
  'март',
  'апрел',
  'ма',
  'июн',
  'июл',
  'август',
  'сентябр',
  'октябр',
  'ноябр',
  'декабр',
];

/** 0-based month of a word: «март», «марта», «мая», or a cut form of at least three letters («мар.», «сент»). */
function monthIndex(word: string): number {
  const w = word.replace(/\.$/, '');
  if (/^ма[йяе]$/.test(w)) return 4;
  const full = MONTH_STEMS.findIndex((s, k) => k !== 4 && new RegExp(`^${s}[ьяеа]?$`).test(w));
  if (full >= 0 || w.length < 3) return full;
  return MONTHS_RU.findIndex((m) => m.startsWith(w));
}

/** A quarter or half-year by its number («II», «2», «2-й», «2-е»), or undefined when out of range. */
function numberedKey(n: string, unit: string, year: string): string | undefined {
  const digits = /^(\d)(?:-?[а-я]{1,2})?$/.exec(n);
  const k = digits ? Number(digits[1]) : ROMAN.indexOf(n.toUpperCase() as (typeof ROMAN)[number]) + 1;
  if (unit.startsWith('кв')) return k >= 1 && k <= 4 ? `${year}-Q${k}` : undefined;
  return k === 1 || k === 2 ? `${year}-H${k}` : undefined;
}

/** «апрель–июнь 2024» as the one quarter, half-year or year it spans; other ranges name no single period. */
function monthRangeKey(from: number, to: number, year: string): string | undefined {
  if (from === to) return `${year}-${String(from + 1).padStart(2, '0')}`;
  if (from === 0 && to === 11) return year;
  if (to - from === 5 && from % 6 === 0) return `${year}-H${from / 6 + 1}`;
  if (to - from === 2 && from % 3 === 0) return `${year}-Q${from / 3 + 1}`;
  return undefined;
}

/**
 * The period key a cell of `Отчёты` means: a key as the form writes it, or what a person types — «март 2021»,
 * «мар. 2021», «03.2021», «I квартал 2021», «II кв. 2021», «2-й квартал 2021», «апрель–июнь 2021»,
 * «1 полугодие 2021», «2021 год», «2021 г.», «25.11.2021», «неделя 05.04–11.04.2021»; a leading «за» is allowed. Undefined when
 * unreadable. Statuses and «Последний отчёт» both read periods through this one function.
 */
export function periodKeyOf(text: string): string | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .replace(/^за /, '')
    .replace(/ ?(?:гг?\.?|год[а-я]*)$/, '');
  if (t === '') return undefined;
  let m = /^(\d{4})(?:-(0[1-9]|1[0-2]|q[1-4]|h[12]|w(?:0[1-9]|[1-4]\d|5[0-3])))?$/.exec(t);
  if (m) return m[2] === undefined ? m[1] : `${m[1]}-${m[2].toUpperCase()}`;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t) ?? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) {
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [y, mo, d] = a > 31 ? [a, b, c] : [c, b, a];
    return isValidDate(y, mo, d) ? isoDate(y, mo, d) : undefined;
  }
  m = /^недел[яиюь] (\d{2})\.(\d{2})(?:\.(\d{4}))?-\d{2}\.\d{2}\.(\d{4})$/.exec(t.replace(/ ?[–—] ?/, '-'));
  if (m) {
    // The label a week period has: «неделя 05.04–11.04.2021» (its year on the first date only across a new year).
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3] ?? m[4])];
    if (!isValidDate(y, mo, d)) return undefined;
    const w = isoWeek(isoDate(y, mo, d));
    return `${w.year}-W${String(w.week).padStart(2, '0')}`;
  }
  m = /^(\d{1,2})[./](\d{4})$/.exec(t);
  if (m) {
    const mo = Number(m[1]);
    return mo >= 1 && mo <= 12 ? `${m[2]}-${String(mo).padStart(2, '0')}` : undefined;
  }
  m = /^([ivx]+|\d(?:-?[а-я]{1,2})?) ?(квартал[а-я]*|кв\.?|полугоди[а-я]*|пол\.?) ?(\d{4})$/.exec(t);
  if (m) return numberedKey(m[1], m[2], m[3]);
  m = /^([а-я]+\.?) ?[-–—] ?([а-я]+\.?) (\d{4})$/.exec(t);
  if (m) {
    const [from, to] = [monthIndex(m[1]), monthIndex(m[2])];
    return from >= 0 && to >= from ? monthRangeKey(from, to, m[3]) : undefined;
  }
  m = /^([а-я]+\.?) ?(\d{4})$/.exec(t);
  if (m) {
    const i = monthIndex(m[1]);
    return i >= 0 ? `${m[2]}-${String(i + 1).padStart(2, '0')}` : undefined;
  }
  return undefined;
}

/** What a person reads for a cell of «Период»: the label of the period it names («2025-03» → «март 2025»), else the text. */
export function periodWords(text: string): string {
  const key = periodKeyOf(text);
  const period = key === undefined ? undefined : periodOfKey(key);
  return period ? periodLabel(period) : text;
}

/**
 * What the form writes into «Период»: the period's label («январь 2025»), which people read and periodKeyOf
 * reads back; the key itself where the label would not read back (a period of several quarters).
 */
export function storedPeriod(period: { key: string; label: string }): string {
  return periodKeyOf(period.label) === period.key ? period.label : period.key;
}

/** The period of `periods` that contains `date`, if any (binary search: periods are ascending). */
export function periodContaining(periods: readonly Period[], date: IsoDate): Period | undefined {
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = periods[mid];
    if (date < p.start) hi = mid - 1;
    else if (date > p.end) lo = mid + 1;
    else return p;
  }
  return undefined;
}

/** The single-unit period a key names («2021-W05» is Monday to Sunday of that ISO week), if it is a key. */
export function periodOfKey(key: string): Period | undefined {
  const period = (unit: PeriodUnit, start: IsoDate, end: IsoDate): Period => ({
    key,
    unit,
    span: 1,
    start,
    end,
  });
  let m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (m) {
    const start = isoWeekMonday(Number(m[1]), Number(m[2]));
    return period('week', start, addDays(start, 6));
  }
  m = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$/.exec(key);
  if (m) {
    const y = Number(m[1]);
    if (m[2] !== undefined)
      return period('month', isoDate(y, Number(m[2]), 1), lastDayOfMonth(y, Number(m[2])));
    if (m[3] !== undefined)
      return period('quarter', isoDate(y, Number(m[3]) * 3 - 2, 1), lastDayOfMonth(y, Number(m[3]) * 3));
    if (m[4] !== undefined)
      return m[4] === '1'
        ? period('half-year', isoDate(y, 1, 1), isoDate(y, 6, 30))
        : period('half-year', isoDate(y, 7, 1), isoDate(y, 12, 31));
    return period('year', isoDate(y, 1, 1), isoDate(y, 12, 31));
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(key) ? period('event', key, key) : undefined;
}
