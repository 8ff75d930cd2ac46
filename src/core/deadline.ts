/** Russian deadline phrases («до 01.04.2021», «III квартал», «ежегодно по графику») → calendar ranges. */
import { daysBetween, daysInMonth, formatRu, isValidDate, MONTHS_RU, parts, type IsoDate } from './dates';
import type { Deadline, DeadlineContext, DeadlineIssue, DeadlineKind, Recurrence } from './deadline-types';
import { count, NOUNS, type NounForms } from './plural';
import {
  TokenBuffer,
  UNITS,
  UNIT_HALF,
  UNIT_QUARTER,
  UNIT_WEEK,
  UNIT_YEAR,
  tokenize,
  type Token,
} from './deadline-lexer';

/**
 * How precise a time expression is: «25.11.2021» is a day, «2020-2023гг.» years, «2020-2021 уч.г.» a school
 * year, «I полугодие 2023/24 учебного года» a school half-year, «III четверть» a school term.
 */
type Precision =
  | 'day'
  | 'month'
  | 'quarter'
  | 'half'
  | 'schoolhalf'
  | 'schoolquarter'
  | 'year'
  | 'years'
  | 'school'
  | 'dayonly';

/**
 * Halves and quarters (четверти) of the school year starting in September of year y: [first month, its year
 * offset, last month, its year offset]. Halves are September–December and January–May; quarters
 * September–October, November–December, January–March, April–May.
 */
const SCHOOL_TERMS: Record<
  'schoolhalf' | 'schoolquarter',
  readonly (readonly [number, number, number, number])[]
> = {
  schoolhalf: [
    [9, 0, 12, 0],
    [1, 1, 5, 1],
  ],
  schoolquarter: [
    [9, 0, 10, 0],
    [11, 0, 12, 0],
    [1, 1, 3, 1],
    [4, 1, 5, 1],
  ],
};
const isSchoolTerm = (p: Precision): p is 'schoolhalf' | 'schoolquarter' =>
  p === 'schoolhalf' || p === 'schoolquarter';

/** One time expression; `y` is 0 until a year is known. */
interface Te {
  p: Precision;
  y: number;
  /** Month (day, month), quarter or half number. */
  m: number;
  d: number;
  /** Last year of «2020-2023гг.», «2020-2021 уч.г.». */
  y2: number;
  /** Source offsets, for messages. */
  from: number;
  to: number;
  bad: boolean;
}

/** A time expression or a range of two («апрель - май»). */
interface Span {
  a: Te;
  b: Te | null;
}

const SPACES = /\s+/g;
const TRAILING_DOT = /\.$/;

/** '01'…'31': dates are built from this table (10,000 parses must take under 30 ms). */
const TWO_DIGITS = Array.from({ length: 32 }, (_, n) => (n < 10 ? `0${n}` : String(n)));
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isoDate = (y: number, m: number, d: number): IsoDate => `${y}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
const lastDayOfMonth = (y: number, m: number): IsoDate =>
  isoDate(y, m, m === 2 ? daysInMonth(y, 2) : DAYS_IN_MONTH[m]);

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/**
 * Reads the tokens of one phrase into its parts: recurrence, ongoing words, schedule owner, «с …» and
 * «до …» bounds, and standalone time expressions. One instance is reused for every phrase.
 */
class Parser {
  toks: Token[] = [];
  n = 0;
  text = '';
  i = 0;
  /** Index after the last time expression read by `te`. */
  pos = 0;
  /** Source end of the last year read by `yearAfter` (0 if none), for messages. */
  yearEnd = 0;
  rec: Recurrence | undefined;
  weekday = 0;
  ongoing = false;
  schedule: string | undefined;
  startB: Span | undefined;
  endB: Span | undefined;
  spans: Span[] = [];
  /** Earlier «до …» of «до 01.09.2021, до 01.12.2021» (several due dates). */
  extraEnds: Span[] = [];
  meaningful = false;
  /** Set by «I-II квартал»: the second quarter of the range being read. */
  pendingB: Te | null = null;

  run(tokens: TokenBuffer, text: string): void {
    this.toks = tokens.items;
    this.n = tokens.length;
    this.text = text;
    this.i = this.pos = this.yearEnd = this.weekday = 0;
    this.rec = this.schedule = this.startB = this.endB = undefined;
    this.spans = [];
    this.extraEnds = [];
    this.ongoing = this.meaningful = false;
    this.pendingB = null;
    const toks = this.toks;
    while (this.i < this.n) this.step(toks[this.i]);
  }

  private at(j: number): Token | undefined {
    return j < this.n ? this.toks[j] : undefined;
  }

  private kwAt(j: number): string {
    return j < this.n ? this.toks[j].kw : '';
  }

  private step(t: Token): void {
    const i = this.i;
    if (t.type === 'num' && this.kwAt(i + 1) === 'раз') {
      this.i = i + 2;
      this.every(t.value);
      return;
    }
    if (t.type !== 'kw') {
      if (t.type !== 'word' && t.type !== 'sep' && t.type !== 'dash' && t.type !== 'slash') {
        const s = this.span(i);
        if (s) {
          this.spans.push(s);
          return;
        }
      }
      this.i = i + 1;
      return;
    }
    const next = this.kwAt(i + 1);
    switch (t.kw) {
      case 'ежегодно':
        this.setRec(UNITS[t.value], 1, 1);
        this.i = i + 1;
        return;
      case 'каждый':
        this.i = i + 1;
        if (next === 'день-недели') {
          this.weekday = this.at(i + 1)!.value;
          this.i = i + 2;
          this.meaningful = true;
        } else this.unitAfter(1);
        return;
      case 'раз':
        this.i = i + 1;
        this.every(1);
        return;
      case 'кратно':
        this.i = i + 1;
        this.every(t.value);
        return;
      case 'день-недели':
        this.weekday = t.value;
        this.meaningful = true;
        this.i = i + 1;
        return;
      case 'по':
        if (next === 'день-недели') {
          this.weekday = this.at(i + 1)!.value;
          this.meaningful = true;
          this.i = i + 2;
        } else if (next === 'график' || next === 'план') {
          this.i = i + 2;
          this.owner();
        } else if (next === 'необходимости') {
          this.ongoing = this.meaningful = true;
          this.i = i + 2;
        } else this.bound(i, false);
        return;
      case 'до':
        this.bound(i, false);
        return;
      case 'с':
        if (next === 'учетом') {
          this.i = i + 2;
          if (this.kwAt(this.i) === 'сроки' || this.kwAt(this.i) === 'график' || this.kwAt(this.i) === 'план')
            this.i++;
          this.owner();
        } else this.bound(i, true);
        return;
      case 'в':
        if (next === 'сроки') {
          let j = i + 2;
          if (this.at(j)?.type === 'sep') j++;
          if (this.kwAt(j) === 'установленные') j++;
          this.i = j;
          this.owner();
        } else this.i = i + 1;
        return;
      case 'течение':
      case 'весь':
        this.during(i);
        return;
      case 'постоянно':
      case 'необходимости':
        this.ongoing = this.meaningful = true;
        this.i = i + 1;
        return;
      case 'график':
      case 'план':
        this.i = i + 1;
        this.owner();
        return;
      case 'согласно':
        this.i = i + 1;
        if (this.kwAt(this.i) === 'с') this.i++;
        this.owner();
        return;
      case 'сезон':
      case 'порядковое': {
        const s = this.span(i);
        if (s) this.spans.push(s);
        else this.i = i + 1;
        return;
      }
      default:
        this.i = i + 1;
    }
  }

  private setRec(unit: Recurrence['unit'], interval: number, times: number): void {
    this.rec = { unit, interval: interval > 0 ? interval : 1, timesPerPeriod: times > 0 ? times : 1 };
    this.meaningful = true;
  }

  /** After «N раз»: «в [M] недели|месяц|год…». */
  private every(times: number): void {
    const k = this.kwAt(this.i);
    if (k === 'в' || k === 'на') this.i++;
    this.unitAfter(times);
  }

  /** «[M] unit» at `i`: «2 недели», «месяц», «3 года», «полгода». */
  private unitAfter(times: number): void {
    let j = this.i;
    let interval = 1;
    const n = this.at(j);
    if (n && n.type === 'num') {
      interval = n.value;
      j++;
    }
    if (this.kwAt(j) === 'учебный') j++; // «3 раза в учебный год»
    const u = this.at(j);
    if (!u || u.type !== 'kw') return;
    let unit = -1;
    if (u.kw === 'единица') unit = u.value;
    else if (u.kw === 'год') unit = UNIT_YEAR;
    else if (u.kw === 'квартал') unit = UNIT_QUARTER;
    else if (u.kw === 'полугодие') unit = UNIT_HALF;
    if (unit < 0) return;
    this.setRec(UNITS[unit], interval, times);
    this.i = j + 1;
  }

  /** «до …», «по …», «с …», «до конца года». */
  private bound(i: number, isStart: boolean): void {
    let j = i + 1;
    if (this.kwAt(j) === 'конец') j++;
    let s = this.span(j);
    if (!s && !isStart) {
      const t = this.at(j);
      if (t && t.kw === 'год') {
        s = { a: te('year', 0, 0, 0, t.start, t.end), b: null };
        this.i = j + 1;
      } else if (t && t.kw === 'учебный' && this.kwAt(j + 1) === 'год') {
        s = { a: te('school', 0, 0, 0, t.start, this.at(j + 1)!.end), b: null };
        s.a.y = -1; // resolved to the school year ending in the default year
        this.i = j + 2;
      }
    }
    if (!s) {
      this.i = i + 1;
      return;
    }
    this.meaningful = true;
    if (isStart) this.startB = s;
    else {
      if (this.endB && !this.startB) this.extraEnds.push(this.endB);
      this.endB = s;
    }
  }

  /** «в течение …», «весь …». */
  private during(i: number): void {
    let j = i + 1;
    if (this.kwAt(j) === 'весь') j++;
    const k = this.kwAt(j);
    if (k === 'период' || k === 'срок' || k === 'единица' || k === 'постоянно') {
      this.ongoing = this.meaningful = true;
      this.i = j + 1;
    } else if (
      this.at(j)?.type === 'num' &&
      this.at(j)!.digits <= 2 &&
      isUnit(this.kwAt(j + 1)) &&
      !this.isOrdinalPeriod(j + 1)
    ) {
      this.ongoing = this.meaningful = true; // «в течение 3 лет»
      this.i = j + 2;
    } else if (k === 'год' && this.at(j + 1)?.type !== 'num') {
      this.ongoing = this.meaningful = true;
      this.i = j + 1;
    } else if (k === 'учебный' && this.kwAt(j + 1) === 'год') {
      this.ongoing = this.meaningful = true;
      this.i = j + 2;
    } else this.i = i + 1;
  }

  /**
   * «в течение 1 полугодия», «в течение 2 квартала 2024 г.», «в течение 3 четверти»: a number before a
   * quarter, half-year or school term in the singular names which one; «в течение 2 кварталов» is a length of time.
   */
  private isOrdinalPeriod(j: number): boolean {
    const t = this.at(j);
    const term = t?.kw === 'единица' && t.value === UNIT_QUARTER; // «в течение 2 четверти»
    if (!t || (t.kw !== 'квартал' && t.kw !== 'полугодие' && !term)) return false;
    return !/(?:ов|ий|ей)$/i.test(this.text.slice(t.start, t.end));
  }

  /** Whose schedule: the words after «по графику», «согласно», «в сроки, установленные». */
  private owner(): void {
    const toks = this.toks;
    let j = this.i;
    if (this.kwAt(j) === 'работы') j++;
    const first = j;
    while (j < this.n) {
      const t = toks[j];
      if (t.type === 'word' || t.type === 'roman') j++;
      else if (
        t.type === 'kw' &&
        (t.kw === 'по' ||
          t.kw === 'в' ||
          t.kw === 'на' ||
          t.kw === 'с' ||
          t.kw === 'план' ||
          t.kw === 'работы' ||
          t.kw === 'сроки') &&
        this.at(j + 1)?.type === 'word'
      )
        j++;
      else break;
    }
    let who = '';
    for (let k = first; k < j; k++) {
      const t = toks[k];
      let w = this.text.slice(t.start, t.end);
      if (w.charCodeAt(w.length - 1) === 46 && k === j - 1) w = w.slice(0, -1);
      who = who === '' ? w : `${who} ${w}`;
    }
    this.schedule = who;
    this.meaningful = true;
    this.i = j;
  }

  /** A time expression at `j`, or a range of two joined by a dash; sets `this.i` past it. */
  private span(j: number): Span | null {
    const a = this.te(j);
    if (!a) return null;
    let k = this.pos;
    const sep = this.at(k);
    let b: Te | null = this.pendingB;
    this.pendingB = null;
    if (!b && sep && (sep.type === 'dash' || (a.p === 'dayonly' && (sep.kw === 'по' || sep.kw === 'до')))) {
      b = this.te(k + 1);
      if (b) k = this.pos;
    }
    if (a.p === 'dayonly' && (!b || (b.p !== 'day' && b.p !== 'month'))) return null;
    this.i = k;
    this.meaningful = true;
    return { a, b };
  }

  /** Ordinal at `j` for «3 квартал», «III квартал», «второе полугодие»; 0 if none. */
  private ordinalAt(j: number): number {
    const t = this.at(j);
    if (!t) return 0;
    if ((t.type === 'num' && t.digits > 0 && t.digits <= 2) || t.type === 'roman' || t.kw === 'порядковое')
      return t.value;
    return 0;
  }

  /** One time expression at `j`; sets `this.pos` past it. */
  private te(j: number): Te | null {
    const t = this.at(j);
    if (!t) return null;
    // «3 квартал», «I-II квартал», «2-е полугодие»
    const q = this.ordinalAt(j);
    if (q > 0) {
      let k = j + 1;
      let q2 = 0;
      if (this.at(k)?.type === 'dash' && this.ordinalAt(k + 1) > 0) {
        q2 = this.ordinalAt(k + 1);
        k += 2;
      }
      const unit = this.kwAt(k);
      // «III четверть», «II квартала 2023/24 учебного года», «первого полугодия 2023-2024 уч. г.»
      const term = this.at(k);
      const schoolQuarter = term?.kw === 'единица' && term.value === UNIT_QUARTER;
      if (q2 === 0 && (schoolQuarter || unit === 'квартал' || unit === 'полугодие')) {
        const p = unit === 'полугодие' ? 'schoolhalf' : 'schoolquarter';
        const school = this.schoolTerm(k + 1, p, q, t.start, schoolQuarter);
        if (school) return school;
      }
      if (unit === 'квартал' || unit === 'полугодие') {
        const p: Precision = unit === 'квартал' ? 'quarter' : 'half';
        const y = this.yearAfter(k + 1);
        const to = y ? this.yearEnd : this.at(k)!.end;
        // «I-II квартал 2021»: the second quarter is the end of a range sharing the year
        if (q2 > 0) this.pendingB = te(p, y, q2, 0, t.start, to);
        return te(p, y, q, 0, t.start, to);
      }
    }
    if (t.kw === 'сезон') {
      // «весна 2022»: March–May, «лето» June–August, «осень» September–November
      const y = this.yearAfter(j + 1);
      const to = y ? this.yearEnd : t.end;
      this.pendingB = te('month', y, t.value * 3 + 2, 0, t.start, to);
      return te('month', y, t.value * 3, 0, t.start, to);
    }
    switch (t.type) {
      case 'date': {
        this.pos = this.skipYearWords(j + 1);
        return te('day', t.year, t.month, t.day, t.start, t.end);
      }
      case 'month': {
        const y = this.yearAfter(j + 1);
        return te('month', y, t.value, 0, t.start, t.end);
      }
      case 'num': {
        if (t.digits === 0) return null;
        const next = this.at(j + 1);
        if (t.digits <= 2 && next && next.type === 'month') {
          const y = this.yearAfter(j + 2);
          return te('day', y, next.value, t.value, t.start, y ? this.yearEnd : next.end);
        }
        if (t.digits === 4 && t.value >= MIN_YEAR && t.value <= MAX_YEAR) return this.years(j, t);
        if (t.digits <= 2 && next && (next.type === 'dash' || next.kw === 'по' || next.kw === 'до')) {
          this.pos = j + 1;
          return te('dayonly', 0, 0, t.value, t.start, t.end);
        }
        return null;
      }
      default:
        return null;
    }
  }

  /**
   * «2023/24 учебного года», «2023-2024 уч. г.», «учебного года» at `j` after «N полугодия» / «N квартала»:
   * that term of the school year (its year left 0 when not written). A «четверть» is a school term anyway.
   */
  private schoolTerm(
    j: number,
    p: 'schoolhalf' | 'schoolquarter',
    n: number,
    from: number,
    always: boolean,
  ): Te | null {
    const t = this.at(j);
    let k = j;
    let y = 0;
    const sep = this.at(j + 1);
    const y2 = this.at(j + 2);
    if (
      t?.type === 'num' &&
      t.digits === 4 &&
      t.value >= MIN_YEAR &&
      t.value <= MAX_YEAR &&
      (sep?.type === 'dash' || sep?.type === 'slash') &&
      y2?.type === 'num' &&
      (y2.digits === 2 || y2.digits === 4) &&
      this.kwAt(j + 3) === 'учебный'
    ) {
      y = t.value;
      k = j + 3;
    }
    if (this.kwAt(k) === 'учебный') k++;
    else if (!always) return null;
    while (this.kwAt(k) === 'год') k++;
    this.pos = k;
    return te(p, y, n, 0, from, this.at(k - 1)!.end);
  }

  /** «2021», «2021 г.», «2020-2023гг.», «2020/2021 уч.г.». */
  private years(j: number, t: Token): Te {
    let k = j + 1;
    let y2 = 0;
    const sep = this.at(k);
    const n2 = this.at(k + 1);
    if (
      sep &&
      (sep.type === 'dash' || sep.type === 'slash') &&
      n2 &&
      n2.type === 'num' &&
      (n2.digits === 4 || n2.digits === 2)
    ) {
      y2 = n2.digits === 2 ? 2000 + n2.value : n2.value;
      k += 2;
    }
    let school = false;
    let end = this.at(k - 1)!.end;
    for (let tk = this.at(k); tk && (tk.kw === 'год' || tk.kw === 'учебный'); tk = this.at(++k)) {
      if (tk.kw === 'учебный') school = true;
      end = tk.end;
    }
    this.pos = k;
    if (school) return te('school', t.value, 0, 0, t.start, end, y2 || t.value + 1);
    return y2 ? te('years', t.value, 0, 0, t.start, end, y2) : te('year', t.value, 0, 0, t.start, end);
  }

  /** The year after a month or a quarter: «2022», «2022 г.», «21г.»; 0 if none. Sets `this.pos`. */
  private yearAfter(j: number): number {
    const t = this.at(j);
    if (t && t.type === 'num') {
      if (t.digits === 4 && t.value >= MIN_YEAR && t.value <= MAX_YEAR) {
        this.yearEnd = t.end;
        this.pos = this.skipYearWords(j + 1);
        return t.value;
      }
      if (t.digits === 2 && this.kwAt(j + 1) === 'год') {
        this.yearEnd = t.end;
        this.pos = this.skipYearWords(j + 1);
        return 2000 + t.value;
      }
    }
    this.pos = j;
    return 0;
  }

  private skipYearWords(j: number): number {
    while (this.kwAt(j) === 'год') j++;
    return j;
  }
}

const isUnit = (k: string): boolean => k === 'единица' || k === 'год' || k === 'квартал' || k === 'полугодие';

function te(p: Precision, y: number, m: number, d: number, from: number, to: number, y2 = 0): Te {
  return { p, y, m, d, y2, from, to, bad: false };
}

/** First month of a time expression, to order two of them. */
function monthKey(t: Te): number {
  switch (t.p) {
    case 'day':
      return t.m * 100 + t.d;
    case 'month':
      return t.m * 100;
    case 'quarter':
      return (t.m * 3 - 2) * 100;
    case 'half':
      return (t.m * 6 - 5) * 100;
    case 'schoolhalf':
    case 'schoolquarter':
      return (SCHOOL_TERMS[t.p][t.m - 1]?.[0] ?? 0) * 100;
    default:
      return 0;
  }
}

/** «апрель», «3 квартал», «до конца года» name no year (school years use −1, see `bound`). */
const needsYear = (t: Te): boolean => t.y === 0;

/** Gives the years a range leaves out: «октябрь – июнь» wraps into the next year. */
function fillRange(a: Te, b: Te, def: number): void {
  if (a.p === 'dayonly') {
    a.p = 'day';
    a.m = b.m;
    a.y = b.y;
    if (a.y === 0 && b.y === 0) a.y = b.y = def;
    return;
  }
  const ka = monthKey(a);
  const kb = monthKey(b);
  if (needsYear(a) && needsYear(b)) {
    a.y = def;
    b.y = kb < ka ? def + 1 : def;
  } else if (needsYear(b)) {
    b.y = kb < ka ? a.y + 1 : a.y;
  } else if (needsYear(a)) {
    a.y = ka > kb ? b.y - 1 : b.y;
  }
}

function spanEndTe(s: Span): Te {
  return s.b ?? s.a;
}

class Resolver {
  constructor(
    readonly text: string,
    readonly issues: DeadlineIssue[],
  ) {}

  checkSpan(s: Span): void {
    this.check(s.a);
    if (s.b) this.check(s.b);
  }

  /** Checks a time expression once; an impossible one is an error and never moved. */
  check(t: Te): void {
    let msg = '';
    if (t.p === 'day' && !isValidDate(t.y, t.m, t.d)) msg = `Дата ${this.raw(t)} не существует`;
    else if (t.p === 'quarter' && (t.m < 1 || t.m > 4))
      msg = `Квартал ${t.m} не существует («${this.raw(t)}»)`;
    else if ((t.p === 'half' || t.p === 'schoolhalf') && (t.m < 1 || t.m > 2))
      msg = `Полугодие ${t.m} не существует («${this.raw(t)}»)`;
    else if (t.p === 'schoolquarter' && (t.m < 1 || t.m > 4))
      msg = `Четверть ${t.m} не существует («${this.raw(t)}»)`;
    else if ((t.p === 'years' || t.p === 'school') && t.y2 <= t.y - (t.p === 'years' ? 1 : 0))
      msg = `Период ${this.raw(t)}: последний год раньше первого`;
    if (msg) {
      t.bad = true;
      this.issues.push({ severity: 'ошибка', message: msg });
    }
  }

  raw(t: Te): string {
    return this.text.slice(t.from, t.to).replace(SPACES, ' ').replace(TRAILING_DOT, '');
  }

  start(t: Te): IsoDate | undefined {
    if (t.bad) return undefined;
    switch (t.p) {
      case 'day':
        return isoDate(t.y, t.m, t.d);
      case 'month':
        return isoDate(t.y, t.m, 1);
      case 'quarter':
        return isoDate(t.y, t.m * 3 - 2, 1);
      case 'half':
        return isoDate(t.y, t.m * 6 - 5, 1);
      case 'schoolhalf':
      case 'schoolquarter': {
        const [m, dy] = SCHOOL_TERMS[t.p][t.m - 1] ?? [9, 0];
        return isoDate(t.y + dy, m, 1);
      }
      case 'school':
        return isoDate(t.y, 9, 1);
      default:
        return isoDate(t.y, 1, 1);
    }
  }

  end(t: Te): IsoDate | undefined {
    if (t.bad) return undefined;
    switch (t.p) {
      case 'day':
        return isoDate(t.y, t.m, t.d);
      case 'month':
        return lastDayOfMonth(t.y, t.m);
      case 'quarter':
        return lastDayOfMonth(t.y, t.m * 3);
      case 'half':
        return lastDayOfMonth(t.y, t.m * 6);
      case 'schoolhalf':
      case 'schoolquarter': {
        const [, , m, dy] = SCHOOL_TERMS[t.p][t.m - 1] ?? [9, 0, 5, 1];
        return lastDayOfMonth(t.y + dy, m);
      }
      case 'school':
        return isoDate(t.y2, 5, 31);
      case 'years':
        return isoDate(t.y2, 12, 31);
      default:
        return isoDate(t.y, 12, 31);
    }
  }
}

/** The kind of a single time expression or of a range of two of the same precision. */
function spanKind(s: Span): DeadlineKind {
  const a = s.a.p;
  const b = s.b ? s.b.p : a;
  if (s.b === null || a === b || (isYearish(a) && isYearish(b))) {
    switch (a) {
      case 'day':
        return s.b ? 'by-date' : 'date';
      case 'month':
        return s.b ? 'month-range' : 'month';
      case 'quarter':
        return 'quarter';
      case 'half':
      case 'schoolhalf':
        return 'half-year';
      case 'schoolquarter':
        return 'month-range';
      case 'year':
        return s.b ? 'school-year' : 'year';
      default:
        return 'school-year';
    }
  }
  return 'by-date';
}

/** Days of one repetition of each unit, to tell a span a recurrence fits in several times. */
const UNIT_DAYS: Record<Recurrence['unit'], number> = {
  day: 1,
  week: 7,
  month: 28,
  quarter: 90,
  'half-year': 181,
  year: 365,
};

/** A span holding at least two repetitions of `unit` bounds a recurrence; years always do. */
function repeatsWithin(s: Span, unit: Recurrence['unit'], r: Resolver): boolean {
  if (isYearish(s.a.p)) return true;
  const start = r.start(s.a);
  const end = r.end(spanEndTe(s));
  return start !== undefined && end !== undefined && daysBetween(start, end) + 1 >= 2 * UNIT_DAYS[unit];
}

const isYearish = (p: Precision): boolean => p === 'year' || p === 'years' || p === 'school';

/** Reused by every call: parsing is synchronous and never re-entered. */
const TOKENS = new TokenBuffer();
const PARSER = new Parser();

const UNKNOWN_HINT =
  'укажите дату (01.04.2021), месяц (апрель 2021), квартал, полугодие, год, период («март – май 2021»), «постоянно» или «ежемесячно»';

/**
 * Parses a deadline phrase as staff write it («До 01.04.2021», «Март – август 2021», «ежегодно по
 * графику до 2022 года»). Never throws: an empty or unreadable phrase is kind 'empty'/'unknown' with
 * an error issue; an impossible date is an error and is never moved to a nearby one.
 */
export function parseDeadline(text: string, ctx: DeadlineContext): Deadline {
  const src = typeof text === 'string' ? text : text == null ? '' : String(text);
  const issues: DeadlineIssue[] = [];
  const d: Deadline = { kind: 'unknown', text: src, due: [], issues };
  const tokens = tokenize(src, TOKENS);
  const p = PARSER;
  p.run(tokens, src);
  if (!p.meaningful) {
    let blank = true;
    for (let k = 0; k < tokens.length; k++)
      if (tokens.items[k].type !== 'dash' && tokens.items[k].type !== 'sep') blank = false;
    if (blank) {
      d.kind = 'empty';
      issues.push({ severity: 'ошибка', message: 'Срок не указан' });
    } else {
      issues.push({
        severity: 'ошибка',
        message: `Срок «${src.trim().replace(SPACES, ' ')}» не распознан: ${UNKNOWN_HINT}`,
      });
    }
    return d;
  }
  assemble(p, d, ctx, new Resolver(src, issues));
  if (p.schedule !== undefined) d.schedule = p.schedule;
  return d;
}

/**
 * «III четверть», «I полугодие учебного года» with no year: the first such term that ends on or after the
 * roadmap's start (a 2023/24 roadmap from September 2023 gets I полугодие 2023/24, a 2021 one II полугодие 2020/21).
 */
function placeSchoolTerms(spans: readonly (Span | undefined)[], periodStart: IsoDate): void {
  const start = parts(periodStart);
  for (const s of spans)
    for (const t of s ? [s.a, s.b] : []) {
      if (!t || !isSchoolTerm(t.p) || t.y !== 0) continue;
      const [, , endMonth, endOffset] = SCHOOL_TERMS[t.p][t.m - 1] ?? [9, 0, 5, 1];
      t.y = start.m >= 9 ? start.y : start.y - 1;
      if (lastDayOfMonth(t.y + endOffset, endMonth) < periodStart) t.y++;
    }
}

function assemble(p: Parser, d: Deadline, ctx: DeadlineContext, r: Resolver): void {
  const def = ctx.defaultYear;
  const spans = p.spans;
  placeSchoolTerms([...spans, p.startB, p.endB, ...p.extraEnds], ctx.periodStart);
  fillSpans(spans, def);
  if (p.startB) fillSpans([p.startB], def);
  if (p.endB) fillSpans([p.endB], def);
  if (p.extraEnds.length) fillSpans(p.extraEnds, def);
  if (p.startB && p.endB && !p.startB.b && !p.endB.b) fillRange(p.startB.a, p.endB.a, def);
  if (p.startB) r.checkSpan(p.startB);
  for (const s of p.extraEnds) r.checkSpan(s);
  for (const s of spans) r.checkSpan(s);
  if (p.endB) r.checkSpan(p.endB);

  const rec = p.rec ?? (p.weekday ? { unit: UNITS[UNIT_WEEK], interval: 1, timesPerPeriod: 1 } : undefined);
  if (rec) {
    if (p.weekday) rec.weekday = p.weekday;
    d.kind = 'recurring';
    d.recurrence = rec;
    // «ежемесячно в 2022 году», «в течение II полугодия 2024 г., ежемесячно»: repeats within that span only
    // («ежегодно в августе» is every August of the roadmap).
    const yearly = spans.length === 1 && repeatsWithin(spans[0], rec.unit, r) ? spans[0] : undefined;
    d.start = p.startB ? r.start(p.startB.a) : yearly ? r.start(yearly.a) : ctx.periodStart;
    d.end = p.endB ? r.end(spanEndTe(p.endB)) : yearly ? r.end(spanEndTe(yearly)) : ctx.periodEnd;
    return;
  }
  if (p.startB && p.endB) {
    setSpan(d, { a: p.startB.a, b: spanEndTe(p.endB) }, r);
    return;
  }
  if (p.startB && p.startB.b) {
    setSpan(d, p.startB, r); // «с 1 по 15 сентября»
    return;
  }
  if (p.startB) {
    d.kind = 'from';
    d.start = r.start(p.startB.a);
    return;
  }
  if (p.endB && p.extraEnds.length) {
    several(d, [...p.extraEnds, p.endB, ...spans], r);
    return;
  }
  if (p.endB) {
    d.kind = 'by-date';
    const e = r.end(spanEndTe(p.endB));
    if (e) {
      d.end = e;
      d.due.push(e);
    }
    return;
  }
  if (spans.length === 1) {
    setSpan(d, spans[0], r);
    return;
  }
  if (spans.length > 1) {
    several(d, spans, r);
    return;
  }
  if (p.ongoing) {
    d.kind = 'ongoing';
    d.start = ctx.periodStart;
    d.end = ctx.periodEnd;
    return;
  }
  d.kind = 'external';
}

/** One due date per expression, ascending; a date given twice is a warning. */
function several(d: Deadline, spans: Span[], r: Resolver): void {
  d.kind = 'several';
  const seen = new Set<IsoDate>();
  for (const s of spans) {
    const e = r.end(spanEndTe(s));
    if (!e) continue;
    if (seen.has(e))
      r.issues.push({ severity: 'предупреждение', message: `Дата ${formatRu(e)} указана дважды` });
    else seen.add(e);
  }
  d.due = [...seen].sort();
  if (d.due.length) d.end = d.due[d.due.length - 1];
}

/** Years for expressions that give none: the next one that does («апрель, май 2021»), else the previous, else the default. */
function fillSpans(spans: Span[], def: number): void {
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k];
    if (s.b) {
      if (s.a.y === -1 || s.b.y === -1) continue;
      fillRange(s.a, s.b, needsYear(s.a) && needsYear(s.b) ? yearNear(spans, k, def) : def);
    } else if (s.a.y === -1) {
      s.a.y = def - 1;
      s.a.y2 = def;
    } else if (needsYear(s.a)) s.a.y = yearNear(spans, k, def);
  }
}

function yearNear(spans: Span[], k: number, def: number): number {
  for (let j = k + 1; j < spans.length; j++) {
    const y = spans[j].a.y || spans[j].b?.y || 0;
    if (y > 0) return y;
  }
  for (let j = k - 1; j >= 0; j--) {
    const y = spans[j].b?.y || spans[j].a.y;
    if (y > 0) return y;
  }
  return def;
}

function setSpan(d: Deadline, s: Span, r: Resolver): void {
  d.kind = spanKind(s);
  const start = r.start(s.a);
  const end = r.end(spanEndTe(s));
  if (start) d.start = start;
  if (end) {
    d.end = end;
    d.due.push(end);
  }
  if (start && end && end < start)
    r.issues.push({
      severity: 'ошибка',
      message: `Конец периода (${formatRu(end)}) раньше начала (${formatRu(start)})`,
    });
}

const KIND_LABELS: Record<DeadlineKind, string> = {
  date: 'дата',
  'by-date': 'до даты',
  month: 'месяц',
  'month-range': 'период месяцев',
  several: 'несколько дат',
  quarter: 'квартал',
  'half-year': 'полугодие',
  year: 'год',
  'school-year': 'учебный год',
  from: 'начиная с',
  recurring: 'регулярно',
  ongoing: 'постоянно',
  external: 'по графику',
  empty: 'не указан',
  unknown: 'не распознан',
};

/** Russian name of a deadline kind for the «Дорожная карта» sheet. */
export function deadlineKindLabel(kind: DeadlineKind): string {
  return KIND_LABELS[kind];
}

const ADVERBS: Record<Recurrence['unit'], string> = {
  day: 'ежедневно',
  week: 'еженедельно',
  month: 'ежемесячно',
  quarter: 'ежеквартально',
  'half-year': '1 раз в полугодие',
  year: 'ежегодно',
};
/** Unit nouns after «в N»: one, few, many. */
const UNIT_NOUNS: Record<Recurrence['unit'], NounForms> = {
  day: NOUNS.day,
  week: NOUNS.weekAcc,
  month: NOUNS.month,
  quarter: NOUNS.quarter,
  'half-year': NOUNS.halfYear,
  year: NOUNS.year,
};
const WEEKDAYS = [
  '',
  'понедельникам',
  'вторникам',
  'средам',
  'четвергам',
  'пятницам',
  'субботам',
  'воскресеньям',
];

/** «ежемесячно», «2 раза в год», «1 раз в 2 недели, по вторникам». */
export function recurrenceLabel(r: Recurrence): string {
  let s: string;
  if (r.timesPerPeriod === 1 && r.interval === 1) s = ADVERBS[r.unit];
  else {
    const times = count(r.timesPerPeriod, NOUNS.times);
    const every = r.interval === 1 ? UNIT_NOUNS[r.unit][0] : count(r.interval, UNIT_NOUNS[r.unit]);
    s = `${times} в ${every}`;
  }
  if (r.weekday) s += `, по ${WEEKDAYS[r.weekday]}`;
  return s;
}

/** Month names by number (1 = январь). */
const MONTHS = ['', ...MONTHS_RU];
const ROMANS = ['', 'I', 'II', 'III', 'IV'];

const monthPhrase = (date: IsoDate): string => `${MONTHS[parts(date).m]} ${parts(date).y} г.`;
const yearOf = (date: IsoDate): number => parts(date).y;

/** «III квартал 2021 г.», «I–II квартал 2021 г.», «IV квартал 2021 г. – I квартал 2022 г.». */
function partsPhrase(start: IsoDate, end: IsoDate, months: number, noun: string): string {
  const n1 = Math.floor((parts(start).m - 1) / months) + 1;
  const n2 = Math.floor((parts(end).m - 1) / months) + 1;
  const y1 = yearOf(start);
  const y2 = yearOf(end);
  if (y1 !== y2) return `${ROMANS[n1]} ${noun} ${y1} г. – ${ROMANS[n2]} ${noun} ${y2} г.`;
  return n1 === n2 ? `${ROMANS[n1]} ${noun} ${y1} г.` : `${ROMANS[n1]}–${ROMANS[n2]} ${noun} ${y1} г.`;
}

/** «I полугодие 2023/2024 учебного года» for September–December or January–May; undefined for a calendar half. */
function schoolHalfPhrase(start: IsoDate, end: IsoDate): string | undefined {
  const y = yearOf(start);
  if (start.endsWith('-09-01') && end === `${y}-12-31`) return `I полугодие ${y}/${y + 1} учебного года`;
  if (start.endsWith('-01-01') && end === `${y}-05-31`) return `II полугодие ${y - 1}/${y} учебного года`;
  return undefined;
}

/**
 * A canonical Russian phrase for a deadline; `parseDeadline(formatDeadline(d))` gives the same kind,
 * range, due dates and recurrence (for the same roadmap period).
 */
export function formatDeadline(d: Deadline): string {
  const main = mainPhrase(d);
  if (main === null) return d.text;
  if (d.schedule === undefined || d.kind === 'external') return main;
  return d.schedule ? `${main} по графику ${d.schedule}` : `${main} по графику`;
}

function mainPhrase(d: Deadline): string | null {
  const { start, end } = d;
  switch (d.kind) {
    case 'empty':
      return '';
    case 'date':
      return end ? formatRu(end) : null;
    case 'by-date':
      if (!end) return null;
      return start ? `с ${formatRu(start)} по ${formatRu(end)}` : `до ${formatRu(end)}`;
    case 'month':
      return start ? monthPhrase(start) : null;
    case 'month-range':
      return start && end ? `${monthPhrase(start)} – ${monthPhrase(end)}` : null;
    case 'several':
      if (d.due.length === 1) return `${formatRu(d.due[0])}, ${formatRu(d.due[0])}`; // «апрель 2022 г. апрель 2022 г.»
      return d.due.length ? d.due.map(formatRu).join(', ') : null;
    case 'quarter':
      return start && end ? partsPhrase(start, end, 3, 'квартал') : null;
    case 'half-year':
      if (!start || !end) return null;
      return schoolHalfPhrase(start, end) ?? partsPhrase(start, end, 6, 'полугодие');
    case 'year':
      return start ? `${yearOf(start)} год` : null;
    case 'school-year':
      if (!start || !end) return null;
      return start.endsWith('-09-01')
        ? `${yearOf(start)}–${yearOf(end)} уч. г.`
        : `${yearOf(start)}–${yearOf(end)} гг.`;
    case 'from':
      return start ? `с ${formatRu(start)}` : null;
    case 'recurring': {
      if (!d.recurrence) return null;
      let s = recurrenceLabel(d.recurrence);
      if (start) s += ` с ${formatRu(start)}`;
      if (end) s += ` по ${formatRu(end)}`;
      return s;
    }
    case 'ongoing':
      return 'постоянно';
    case 'external':
      return d.schedule ? `по графику ${d.schedule}` : 'по графику';
    case 'unknown':
      return null;
  }
}
