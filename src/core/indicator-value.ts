/** The grammar of planned and actual indicator values as roadmaps write them: «не менее 3», «до 15%», «1,5». */
import { cellText, MARKUP_TAG } from './grid';

/** Which way is better: more (≥ plan), less (≤ plan), or a plain target with no qualifier. */
export type Direction = 'more' | 'less' | 'exact';

export interface IndicatorValue {
  readable: true;
  /** The number; null for a blank cell or «—» (no value given). */
  value: number | null;
  /** «%», «шт.», or a short unit as written («раза в год», «чел.»), '' when none. */
  unit: string;
  direction: Direction;
  /**
   * «снижение на 10%», «увеличение на 2»: the value is the size of a change, not a level to reach. A bigger
   * change is better, so the direction is «more».
   */
  change?: 'increase' | 'decrease';
  /** Starting level of «с 33,3% до 44,4%». */
  from?: number;
  /** Yes/no indicator («наличие», «да», «отсутствие»): value 1 = present, 0 = absent. */
  presence: boolean;
  /** The year named in the text («до 2023 года», «в 2021 году»), as 'YYYY'. */
  year?: string;
  /** The cell's text as written. */
  text: string;
}

export interface UnreadableValue {
  readable: false;
  text: string;
  /** Why, in Russian, to show the user. */
  reason: string;
}

export type ParsedValue = IndicatorValue | UnreadableValue;

const NUMBER = /\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?/g;
/** End of a Cyrillic word (JavaScript's \\b only knows Latin letters). */
const END = '(?=[^а-яa-z]|$)';
const YEAR_AFTER = new RegExp(`^\\s*(?:г\\.|гг\\.?|г${END}|год${END}|года${END}|году${END}|годом${END})`);
const PIECES = new RegExp(`^\\s*(?:-?х\\s+)?(?:шт\\.|шт${END}|штук|ед\\.|ед${END}|единиц)`);
const DASHES = /^[-‐‑‒–—―]+$/;

const NOT_MORE_BEFORE = /(?:^|[\s(])не\s+(?:более|больше|выше|свыше|превыша\S*)\s*$/;
const NOT_LESS_BEFORE = /(?:^|[\s(])не\s+(?:менее|меньше|ниже)\s*$/;
const MORE_BEFORE = /(?:^|[\s(])(?:минимум|от|более|больше|свыше|выше|≥|>=|>)\s*$/;
const LESS_BEFORE = /(?:^|[\s(])(?:максимум|менее|меньше|ниже|до|≤|<=|<)\s*$/;
const RISE_TO = /(?:увеличени\S*|рост\S*|повышени\S*|увеличить|повысить)\s+(?:\S+\s+){0,4}до\s*$/;
const DECREASE_BY =
  /(?:снижени\S*|сокращени\S*|уменьшени\S*|снизить|сократить|уменьшить)\s+(?:\S+\s+){0,4}на\s*$/;
const INCREASE_BY =
  /(?:увеличени\S*|рост\S*|прирост\S*|повышени\S*|увеличить|повысить)\s+(?:\S+\s+){0,4}на\s*$/;
const MORE_AFTER = /^\s*(?:и|или)\s+(?:более|больше|выше)/;
const LESS_AFTER = /^\s*(?:и|или)\s+(?:менее|меньше|ниже)/;
const RISING_WORDING = /^(?:увеличени|рост|повышени|положительн|прирост)/;
const FALLING_WORDING = /^(?:снижени|сокращени|уменьшени)/;
const PRESENT = /^(?:да|есть|имеется|имеются|наличие|в\s+наличии|создан[аоы]?|\+)(?:\s|$)/;
const ABSENT = /^(?:нет|отсутствие|отсутствует|отсутствуют)(?:\s|$)/;

const toNumber = (s: string): number => Number(s.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));

/** «%» or «шт.» right after the number, else a short trailing unit as written, else ''. */
function unitAfter(rest: string): string {
  if (/^\s*(?:%|процент)/.test(rest)) return '%';
  if (PIECES.test(rest)) return 'шт.';
  const tail = rest
    .replace(/^\s*-?х(?=\s|$)/, '')
    .replace(/^\s*(?:и|или)\s+(?:более|больше|выше|менее|меньше|ниже)/, '')
    .trim();
  if (tail === '' || !/^[a-zа-яё]/i.test(tail) || /^(?:до|к|в|на|с|по|за|от|и|или)(?:\s|$)/.test(tail))
    return '';
  return tail.split(/\s+/).length <= 3 ? tail.replace(/[,;]+$/, '') : '';
}

/**
 * Reads one planned or actual value. Numbers may use a decimal comma («1,5») and spaces between thousands;
 * a qualifier before the number sets the direction («не менее», «от» → more; «не более», «до», «менее» →
 * less; «снижение до 5%» → less; «снижение на 10%» → more, a change); «и более» after it too. Years named
 * with «год» («до 2023 года») are not values: they go to `year`. A blank cell or «—» reads as no value;
 * «наличие»/«да» as 1 and «отсутствие»/«нет» as 0 (yes/no indicators). Text with no number, or with two
 * numbers that are not «с X до Y», is unreadable.
 */
export function parseIndicatorValue(raw: unknown): ParsedValue {
  if (typeof raw === 'number') {
    return Number.isFinite(raw)
      ? { readable: true, value: raw, unit: '', direction: 'exact', presence: false, text: String(raw) }
      : { readable: false, text: String(raw), reason: 'значение не является числом' };
  }
  if (typeof raw === 'boolean') {
    return {
      readable: true,
      value: raw ? 1 : 0,
      unit: '',
      direction: raw ? 'more' : 'less',
      presence: true,
      text: raw ? 'да' : 'нет',
    };
  }
  const text = cellText(raw).replace(/\s+/g, ' ');
  const lower = text.toLowerCase().replace(MARKUP_TAG, ' ').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
  if (lower === '' || DASHES.test(lower)) {
    return { readable: true, value: null, unit: '', direction: 'exact', presence: false, text };
  }

  let year: string | undefined;
  const numbers: { value: number; start: number; end: number }[] = [];
  for (const m of lower.matchAll(NUMBER)) {
    const start = m.index;
    const end = start + m[0].length;
    const n = toNumber(m[0]);
    if (/^(?:19|20)\d\d$/.test(m[0]) && YEAR_AFTER.test(lower.slice(end))) {
      year ??= m[0];
      continue;
    }
    numbers.push({ value: n, start, end });
  }

  const withYear = (v: IndicatorValue): IndicatorValue => (year ? { ...v, year } : v);

  if (numbers.length === 0) {
    if (PRESENT.test(lower))
      return withYear({ readable: true, value: 1, unit: '', direction: 'more', presence: true, text });
    if (ABSENT.test(lower))
      return withYear({ readable: true, value: 0, unit: '', direction: 'less', presence: true, text });
    return { readable: false, text, reason: 'в ячейке нет числа' };
  }

  if (numbers.length === 2) {
    const [a, b] = numbers as [(typeof numbers)[0], (typeof numbers)[0]];
    const between = lower.slice(a.end, b.start);
    if (/(?:^|[\s(])(?:с|от)\s*$/.test(lower.slice(0, a.start)) && /\sдо\s*$/.test(between)) {
      const unit = unitAfter(lower.slice(b.end)) || unitAfter(between.replace(/\sдо\s*$/, ''));
      return withYear({
        readable: true,
        value: b.value,
        unit,
        direction: b.value >= a.value ? 'more' : 'less',
        from: a.value,
        presence: false,
        text,
      });
    }
  }
  if (numbers.length > 1) {
    return {
      readable: false,
      text,
      reason: `в ячейке несколько чисел (${numbers.map((n) => n.value).join('; ')}), нужно одно`,
    };
  }

  const n = numbers[0];
  const before = lower.slice(0, n.start);
  const after = lower.slice(n.end);
  const unit = unitAfter(after);
  const base = { readable: true as const, value: n.value, unit, presence: false, text };
  if (DECREASE_BY.test(before)) return withYear({ ...base, direction: 'more', change: 'decrease' });
  if (INCREASE_BY.test(before)) return withYear({ ...base, direction: 'more', change: 'increase' });
  if (RISE_TO.test(before)) return withYear({ ...base, direction: 'more' });
  if (NOT_MORE_BEFORE.test(before)) return withYear({ ...base, direction: 'less' });
  if (NOT_LESS_BEFORE.test(before)) return withYear({ ...base, direction: 'more' });
  if (MORE_BEFORE.test(before) || MORE_AFTER.test(after.replace(/^\s*(?:%|шт\.?)/, '')))
    return withYear({ ...base, direction: 'more' });
  if (LESS_BEFORE.test(before) || LESS_AFTER.test(after.replace(/^\s*(?:%|шт\.?)/, '')))
    return withYear({ ...base, direction: 'less' });
  if (RISING_WORDING.test(lower)) return withYear({ ...base, direction: 'more' });
  if (FALLING_WORDING.test(lower)) return withYear({ ...base, direction: 'less' });
  return withYear({ ...base, direction: 'exact' });
}

/** The plan is met: «more» and plain targets when the fact reaches the plan, «less» when it does not exceed it. */
export function meetsPlan(plan: number, fact: number, direction: Direction): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(plan));
  return direction === 'less' ? fact <= plan + eps : fact >= plan - eps;
}

/**
 * Percent of the plan achieved, one decimal. For «less» it is plan ÷ fact (3 against «не более 5» gives
 * 166.7: better than planned); a zero fact against a «less» plan is 100.
 */
export function percentAchieved(plan: number, fact: number, direction: Direction): number {
  const round = (x: number): number => Math.round(x * 10) / 10;
  if (direction === 'less') {
    if (fact === 0) return 100;
    return round((plan / fact) * 100);
  }
  if (plan === 0) return fact >= 0 ? 100 : 0;
  return round((fact / plan) * 100);
}

/** A value written back compactly: «не менее 3», «100%», «не более 44,4%», «наличие». */
export function formatValue(v: IndicatorValue): string {
  if (v.value === null) return '';
  if (v.presence) return v.value > 0 ? 'наличие' : 'отсутствие';
  const n = String(v.value).replace('.', ',');
  const amount = v.unit === '%' ? `${n}%` : v.unit ? `${n} ${v.unit}` : n;
  return v.direction === 'more'
    ? `не менее ${amount}`
    : v.direction === 'less'
      ? `не более ${amount}`
      : amount;
}
