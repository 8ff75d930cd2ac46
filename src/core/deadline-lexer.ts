/** Tokenizer of Russian deadline phrases: numbers, dates, month names in every case, keywords, dashes. */
import { MARKUP_TAG } from './grid';

/** What a token is; `word` is any word the grammar does not know (kept for schedule owners). */
export type TokenType =
  | 'num' // 3, 2021, «2-е», «два»
  | 'date' // 25.11.2021, 01.03 2021, 01.03.21, 01.03, 2021-03-01
  | 'month' // январь, января, январе, янв.
  | 'roman' // I, II, IV
  | 'kw' // a grammar word, see Keyword
  | 'word' // anything else
  | 'dash' // - – — ‐ ‑ ‒ −
  | 'slash' // 2020/2021
  | 'sep'; // , ;

/** Grammar words; `value` of the token carries the unit, weekday or ordinal where relevant. */
export type Keyword =
  | 'до'
  | 'с'
  | 'по'
  | 'в'
  | 'на'
  | 'течение'
  | 'начиная'
  | 'ежегодно' // every adverb «ежемесячно», «ежегодное»…; value = unit
  | 'каждый' // каждый, каждую…
  | 'раз' // раз, раза
  | 'кратно' // дважды = 2, трижды = 3 (value)
  | 'единица' // неделя, месяц, день, полгода (value = unit)
  | 'год' // г, гг, год, года, годы, лет
  | 'учебный' // уч, учебный, учебного
  | 'квартал' // квартал, кв
  | 'полугодие'
  | 'порядковое' // первый, второе… (value)
  | 'день-недели' // вторникам, вторник (value = ISO weekday)
  | 'постоянно' // постоянно, круглогодично, регулярно
  | 'весь' // весь, всего, все
  | 'период'
  | 'срок' // срок, срока
  | 'необходимости'
  | 'сроки' // сроки, сроков
  | 'установленные'
  | 'учетом'
  | 'график'
  | 'план'
  | 'работы'
  | 'согласно'
  | 'конец' // конца, начала: «до конца января», «с начала 2021 года»
  | 'сезон'; // весна, лето, осень (value 1, 2, 3)

export interface Token {
  type: TokenType;
  kw: Keyword | '';
  /** num/roman/ordinal value, month number, unit index, weekday. */
  value: number;
  /** Digits written for a number (0 for a number word such as «два»). */
  digits: number;
  /** A date's day, month and year (year 0 when the date gives none: «01.03»). */
  day: number;
  month: number;
  year: number;
  /** Source offsets [start, end) in the original text. */
  start: number;
  end: number;
}

/** Recurrence units in Recurrence['unit'] order (token values of 'единица', 'ежегодно'). */
export const UNITS = ['day', 'week', 'month', 'quarter', 'half-year', 'year'] as const;
export const UNIT_DAY = 0;
export const UNIT_WEEK = 1;
export const UNIT_MONTH = 2;
export const UNIT_QUARTER = 3;
export const UNIT_HALF = 4;
export const UNIT_YEAR = 5;

interface Entry {
  type: TokenType;
  kw: Keyword | '';
  value: number;
}

const WORDS = new Map<string, Entry>();

function add(type: TokenType, kw: Keyword | '', value: number, forms: string): void {
  for (const f of forms.split(' ')) WORDS.set(f, { type, kw, value });
}
const kw = (k: Keyword, forms: string, value = 0): void => add('kw', k, value, forms);

// Month names in every case (ё is folded to е before lookup) and their short forms.
const SOFT_MONTHS: [string, number][] = [
  ['январ', 1],
  ['феврал', 2],
  ['апрел', 4],
  ['июн', 6],
  ['июл', 7],
  ['сентябр', 9],
  ['октябр', 10],
  ['ноябр', 11],
  ['декабр', 12],
];
for (const [stem, m] of SOFT_MONTHS)
  add('month', '', m, ['ь', 'я', 'е', 'ю', 'ем'].map((e) => stem + e).join(' '));
add('month', '', 3, 'март марта марте марту мартом');
add('month', '', 8, 'август августа августе августу августом');
add('month', '', 5, 'май мая мае маю маем');
add('month', '', 1, 'янв');
add('month', '', 2, 'фев февр');
add('month', '', 3, 'мар');
add('month', '', 4, 'апр');
add('month', '', 6, 'июн');
add('month', '', 7, 'июл');
add('month', '', 8, 'авг');
add('month', '', 9, 'сен сент');
add('month', '', 10, 'окт');
add('month', '', 11, 'ноя нояб');
add('month', '', 12, 'дек');

kw('до', 'до к позднее позже'); // «к 01.04.2021», «не позднее 1 марта»
kw('с', 'с со c ранее'); // a Latin «c» typed for «с» is common; «не ранее 01.09.2021»
kw('по', 'по');
kw('в', 'в во');
kw('на', 'на');
kw('течение', 'течение течении продолжение');
kw('начиная', 'начиная');
kw('ежегодно', 'ежедневно ежедневный ежедневная ежедневное ежедневные', UNIT_DAY);
kw('ежегодно', 'еженедельно еженедельный еженедельная еженедельное еженедельные', UNIT_WEEK);
kw('ежегодно', 'ежемесячно ежемесячный ежемесячная ежемесячное ежемесячные', UNIT_MONTH);
kw('ежегодно', 'ежеквартально ежеквартальный ежеквартальная ежеквартальное ежеквартальные', UNIT_QUARTER);
kw('ежегодно', 'ежегодно ежегодный ежегодная ежегодное ежегодные ежегодного ежегодной', UNIT_YEAR);
kw('каждый', 'каждый каждую каждое каждого каждые каждых каждая каждой каждом');
kw('раз', 'раз раза');
kw('кратно', 'дважды', 2);
kw('кратно', 'трижды', 3);
kw('единица', 'день дня дней', UNIT_DAY);
kw('единица', 'неделя неделю недели недель неделе', UNIT_WEEK);
kw('единица', 'месяц месяца месяцев месяце', UNIT_MONTH);
kw('единица', 'полгода', UNIT_HALF);
kw('единица', 'четверть четверти четвертей', UNIT_QUARTER); // a school term
kw('год', 'г гг год года году годы годов годах годам лет');
kw('учебный', 'уч учеб учебный учебного учебном учебные учебных');
kw('квартал', 'квартал квартала квартале кварталы кварталов кварталах кв');
kw('полугодие', 'полугодие полугодия полугодии полугодье полугодий');
kw('порядковое', 'первый первое первого первом первая первой первые', 1);
kw('порядковое', 'второй второе второго втором вторая', 2);
kw('порядковое', 'третий третье третьего третьем третья', 3);
kw('порядковое', 'четвертый четвертое четвертого четвертом четвертая', 4);
kw('день-недели', 'понедельникам понедельник', 1);
kw('день-недели', 'вторникам вторник', 2);
kw('день-недели', 'средам среду среда', 3);
kw('день-недели', 'четвергам четверг', 4);
kw('день-недели', 'пятницам пятницу пятница', 5);
kw('день-недели', 'субботам субботу суббота', 6);
kw('день-недели', 'воскресеньям воскресенье', 7);
kw('постоянно', 'постоянно круглогодично регулярно систематически');
kw('весь', 'весь всего все всей');
kw('период', 'период периода периоде');
kw('срок', 'срок срока');
kw('необходимости', 'необходимости мере'); // «по необходимости», «по мере поступления»
kw('сроки', 'сроки сроков срокам');
kw('установленные', 'установленные установленных установленный установленные определенные определенных');
kw('учетом', 'учетом');
kw('график', 'график графику графика графиком');
kw('план', 'план плану плана планом');
kw('работы', 'работы');
kw('согласно', 'согласно соответствии');
kw('конец', 'конца конец окончания начала начало начале');
kw('сезон', 'весна весны весне весну весной весенний весеннего весеннем', 1);
kw('сезон', 'лето лета лете летом летний летнего летнем', 2);
kw('сезон', 'осень осени осенью осенний осеннего осеннем', 3);
add('num', '', 1, 'один одна одну');
add('num', '', 2, 'два две');
add('num', '', 3, 'три');
add('num', '', 4, 'четыре');
add('num', '', 5, 'пять');
add('num', '', 6, 'шесть');

// Roman numerals, also with a Cyrillic «і» typed for «i».
['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'].forEach((r, k) => {
  add('roman', '', k + 1, `${r} ${r.replace(/i/g, 'і')}`);
});
/** Suffixes of «2-е», «3-й», «1-го» after a hyphen. */
const ORDINAL_SUFFIX = new Set([
  'й',
  'е',
  'я',
  'ое',
  'ой',
  'ий',
  'ая',
  'го',
  'ого',
  'м',
  'ом',
  'ем',
  'х',
  'ых',
]);
/** A markup tag right at the cursor («<i>», not «<3»). */
const TAG = new RegExp(MARKUP_TAG.source, 'iy');
const YO = /ё/g;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Latin, Cyrillic (incl. ё, Ukrainian і) letters. */
const isLetter = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0x400 && c <= 0x4ff);
const isDash = (c: number): boolean => c === 45 || (c >= 0x2010 && c <= 0x2015) || c === 0x2212;
const isSpace = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f;

/**
 * The tokens of one phrase. The parser reuses one buffer from call to call, so tokenizing allocates no
 * token objects (10,000 parses must take under 30 ms).
 */
export class TokenBuffer {
  readonly items: Token[] = [];
  length = 0;

  /** Appends a token (reusing an old object) and returns it. */
  push(type: TokenType, start: number, end: number, value = 0, k: Keyword | '' = ''): Token {
    let t = this.items[this.length];
    if (t === undefined) {
      t = { type, kw: k, value, digits: 0, day: 0, month: 0, year: 0, start, end };
      this.items.push(t);
    } else {
      t.type = type;
      t.kw = k;
      t.value = value;
      t.digits = t.day = t.month = t.year = 0;
      t.start = start;
      t.end = end;
    }
    this.length++;
    return t;
  }
}

/** Reads `n` digits at `i` as a number (caller checked they are digits). */
function num(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) v = v * 10 + s.charCodeAt(i + k) - 48;
  return v;
}

function digitRun(s: string, i: number): number {
  let j = i;
  while (j < s.length && isDigit(s.charCodeAt(j))) j++;
  return j - i;
}

/** Two-digit years are 20xx. */
const fullYear = (y: number, digits: number): number => (digits <= 2 ? 2000 + y : y);

/**
 * Splits a phrase into tokens (into `out`, emptied first), case-insensitively; offsets point into the
 * text. Markup such as `<i>` is skipped.
 */
export function tokenize(s: string, out: TokenBuffer = new TokenBuffer()): TokenBuffer {
  out.length = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 60 /* < */) {
      TAG.lastIndex = i;
      const m = TAG.exec(s);
      i = m ? i + m[0].length : i + 1;
    } else if (isDigit(c)) {
      i = readNumber(s, i, out);
    } else if (isLetter(c)) {
      i = readWord(s, i, out);
    } else if (isDash(c)) {
      out.push('dash', i, i + 1);
      i++;
    } else if (c === 47 /* / */) {
      out.push('slash', i, i + 1);
      i++;
    } else if (c === 44 || c === 59) {
      out.push('sep', i, i + 1);
      i++;
    } else {
      i++; // dots, quotes, brackets, №…
    }
  }
  return out;
}

function foldCase(text: string): string {
  const l = text.toLowerCase();
  return l.indexOf('ё') < 0 ? l : l.replace(YO, 'е');
}

function readNumber(s: string, i: number, out: TokenBuffer): number {
  const n = s.length;
  const len = digitRun(s, i);
  let j = i + len;
  // ISO date 2021-03-01
  if (
    len === 4 &&
    s.charCodeAt(j) === 45 &&
    digitRun(s, j + 1) === 2 &&
    s.charCodeAt(j + 3) === 45 &&
    digitRun(s, j + 4) === 2
  ) {
    const t = out.push('date', i, j + 6);
    t.year = num(s, i, 4);
    t.month = num(s, j + 1, 2);
    t.day = num(s, j + 4, 2);
    return j + 6;
  }
  // dd.mm[.yy[yy]] or dd.mm yyyy
  if (len <= 2 && s.charCodeAt(j) === 46) {
    const mlen = digitRun(s, j + 1);
    if (mlen >= 1 && mlen <= 2) {
      const t = out.push('date', i, j + 1 + mlen);
      t.day = num(s, i, len);
      t.month = num(s, j + 1, mlen);
      j += 1 + mlen;
      if (s.charCodeAt(j) === 46) {
        const ylen = digitRun(s, j + 1);
        if (ylen === 4 || ylen === 2) {
          t.year = fullYear(num(s, j + 1, ylen), ylen);
          j += 1 + ylen;
        }
      } else {
        let k = j;
        while (k < n && isSpace(s.charCodeAt(k))) k++;
        if (k > j && digitRun(s, k) === 4 && s.charCodeAt(k + 4) !== 46) {
          t.year = num(s, k, 4);
          j = k + 4;
        }
      }
      t.end = j;
      return j;
    }
  }
  const t = out.push('num', i, j, num(s, i, Math.min(len, 9)));
  t.digits = len;
  // «2-е», «3-й»: an ordinal suffix after a hyphen
  if (isDash(s.charCodeAt(j)) && isLetter(s.charCodeAt(j + 1))) {
    let k = j + 1;
    while (k < n && isLetter(s.charCodeAt(k))) k++;
    if (ORDINAL_SUFFIX.has(foldCase(s.slice(j + 1, k)))) {
      t.end = k;
      j = k;
    }
  }
  return j;
}

function readWord(s: string, i: number, out: TokenBuffer): number {
  const n = s.length;
  let j = i;
  while (j < n && isLetter(s.charCodeAt(j))) j++;
  let e = lookup(s.slice(i, j));
  if (e === null) {
    // A word broken by a page or line break: «необходимост и» (a tail of at most 3 letters).
    let k = j;
    while (k < n && isSpace(s.charCodeAt(k))) k++;
    let k2 = k;
    while (k2 < n && k2 - k <= 3 && isLetter(s.charCodeAt(k2))) k2++;
    if (k > j && k2 > k && k2 - k <= 3) {
      const joined = WORDS.get(foldCase(s.slice(i, j) + s.slice(k, k2)));
      if (joined && joined.type === 'kw') {
        e = joined;
        j = k2;
      }
    }
  }
  // «II-го полугодия», «IV-й квартал»: an ordinal suffix after a Roman numeral
  if (e !== null && e.type === 'roman' && isDash(s.charCodeAt(j)) && isLetter(s.charCodeAt(j + 1))) {
    let k = j + 1;
    while (k < n && isLetter(s.charCodeAt(k))) k++;
    if (ORDINAL_SUFFIX.has(foldCase(s.slice(j + 1, k)))) j = k;
  }
  if (s.charCodeAt(j) === 46) j++; // «янв.», «г.», «кв.»: the abbreviation's dot
  if (e === null) out.push('word', i, j);
  else out.push(e.type, i, j, e.value, e.kw); // a number word («два») has no digits
  return j;
}

/** Words as written («Апреля», «АПРЕЛЯ») → their entry, null for a word the grammar does not know. */
const SEEN = new Map<string, Entry | null>();
const SEEN_LIMIT = 20000;

/** Looks a word up case-insensitively; remembers the written form so later phrases skip lowercasing. */
function lookup(w: string): Entry | null {
  let e = SEEN.get(w);
  if (e === undefined) {
    e = WORDS.get(foldCase(w)) ?? null;
    if (SEEN.size >= SEEN_LIMIT) SEEN.clear();
    SEEN.set(w, e);
  }
  return e;
}
