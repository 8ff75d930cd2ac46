/** Answers to risk values: scales as written in `Анкета`, respondent roles, and each answer → a risk value in 0..1. */
import { valueText } from './grid';
import { ROLES, type Role, type Scale } from './risk-catalog';

/** Lower case, «ё» as «е», quotes dropped, spaces collapsed. */
function norm(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"“”„'`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function toNumber(text: string): number {
  return Number(text.replace(/\s/g, '').replace(',', '.'));
}

/**
 * Reads a scale cell: «1–5», «1-5», «от 0 до 10» (a range); «да/нет»; or options with scores
 * «Никогда=0; Редко=1; Часто=2» (also «Никогда: 0» or «Никогда (0)», one per line or after «;»).
 * Empty means 1–5. Returns undefined when the text fits none of these.
 */
export function parseScale(text: string): Scale | undefined {
  const t = norm(text);
  if (t === '') return { kind: 'range', min: 1, max: 5 };
  const range = /^(?:от\s*)?(-?\d+(?:[.,]\d+)?)\s*(?:-|–|—|\.\.|до)\s*(-?\d+(?:[.,]\d+)?)$/.exec(t);
  if (range) {
    const min = toNumber(range[1] ?? '');
    const max = toNumber(range[2] ?? '');
    return max > min ? { kind: 'range', min, max } : undefined;
  }
  if (/^да\s*[/,;-]?\s*нет$/.test(t)) return { kind: 'yesno' };
  const parts = text
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const options: { text: string; score: number }[] = [];
  for (const p of parts) {
    const m = /^(.+?)\s*(?:=|:|\()\s*(-?\d+(?:[.,]\d+)?)\s*\)?$/.exec(p);
    if (!m) return undefined;
    options.push({ text: norm(m[1] ?? ''), score: toNumber(m[2] ?? '') });
  }
  if (options.length < 2) return undefined;
  const scores = options.map((o) => o.score);
  if (Math.max(...scores) === Math.min(...scores)) return undefined;
  return { kind: 'options', options };
}

/** A scale as the user would write it back. */
export function scaleText(scale: Scale): string {
  switch (scale.kind) {
    case 'range':
      return `${scale.min}–${scale.max}`;
    case 'yesno':
      return 'да/нет';
    case 'options':
      return scale.options.map((o) => `${o.text}=${o.score}`).join('; ');
  }
}

/** Role stems in the order they are tried («классный руководитель» is a teacher, «руководитель ОО» a director). */
const ROLE_STEMS: [RegExp, Role][] = [
  [/учител|педагог|преподават|классн/, 'учитель'],
  [/директор|руковод|администр|завуч|заместител/, 'директор'],
  [/учени|учащ|обучающ|школьник|студент/, 'ученик'],
  [/родител|законн|мама|папа|мать|отец|опекун/, 'родитель'],
];

/** The role a respondent chose or typed («Педагог», «Обучающийся», «Родитель (законный представитель)»), or undefined. */
export function parseRole(text: string): Role | undefined {
  const t = norm(text);
  if (t === '') return undefined;
  for (const r of ROLES) if (t === r) return r;
  for (const [re, role] of ROLE_STEMS) if (re.test(t)) return role;
  return undefined;
}

/** Reads a roles cell of `Анкета`: roles separated by commas; empty or «все» means all. Unknown words are returned apart. */
export function parseRoles(text: string): { roles: Role[]; unknown: string[] } {
  const t = norm(text);
  if (t === '' || t === 'все' || t === 'все роли') return { roles: [...ROLES], unknown: [] };
  const roles: Role[] = [];
  const unknown: string[] = [];
  for (const part of t
    .split(/[,;/\n]|\sи\s/)
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const r = parseRole(part);
    if (!r) unknown.push(part);
    else if (!roles.includes(r)) roles.push(r);
  }
  return { roles, unknown };
}

/** Agreement and frequency words → how strongly the respondent agrees, 0..1. Longest phrases first. */
const AGREEMENT: [RegExp, number][] = [
  [/^(?:полностью|совсем|совершенно|абсолютно|категорически|определенно) не соглас/, 0],
  [/^(?:скорее|пожалуй|частично) не соглас/, 0.25],
  [/^не соглас/, 0.25],
  [/^(?:полностью|совершенно|абсолютно|целиком|определенно) соглас/, 1],
  [/^(?:скорее|пожалуй|частично) соглас/, 0.75],
  [/^соглас/, 0.75],
  [/^(?:затрудняюсь|не знаю|нейтрально|ни да,? ни нет|не могу сказать|трудно сказать)/, 0.5],
  [/^(?:скорее|пожалуй) нет/, 0.25],
  [/^(?:скорее|пожалуй) да/, 0.75],
  [/^(?:определенно|точно) нет/, 0],
  [/^(?:определенно|точно) да/, 1],
  [/^(?:нет|no|false|ложь)$/, 0],
  [/^(?:да|yes|true|истина)$/, 1],
  [/^никогда/, 0],
  [/^редко/, 0.25],
  [/^иногда/, 0.5],
  [/^(?:часто|очень часто)/, 0.75],
  [/^(?:всегда|постоянно)/, 1],
];

/** How strongly a text answer agrees (0..1), or undefined for text that is not an agreement word. */
export function agreement(text: string): number | undefined {
  const t = norm(text);
  for (const [re, v] of AGREEMENT) if (re.test(t)) return v;
  return undefined;
}

/** Returned by an answer reader for an empty cell. */
export const BLANK = -1;
/** Returned by an answer reader for an answer it cannot read (NaN). */
export const UNREADABLE = Number.NaN;

/**
 * A reader for one question's answers: cell → risk value in 0..1 (high means risk), BLANK for an empty
 * cell, NaN for an answer the scale cannot read. Numbers on a range scale are placed in it; text is
 * read as a number («4», «4 — скорее согласен»), then as an agreement word; options by their text.
 * Reversed scales turn the value over. Text answers are cached: a column holds few distinct ones.
 */
export function answerReader(scale: Scale, reversed: boolean): (v: unknown) => number {
  const turn = (x: number): number => (Number.isNaN(x) ? x : reversed ? 1 - x : x);
  const cache = new Map<string, number>();
  const fromNumber = numberReader(scale);
  const fromText = textReader(scale, fromNumber);
  return (v: unknown): number => {
    if (v === null || v === undefined || v === '') return BLANK;
    if (typeof v === 'number') return turn(fromNumber(v));
    if (typeof v === 'boolean') return turn(scale.kind === 'options' ? UNREADABLE : v ? 1 : 0);
    const key = valueText(v);
    let r = cache.get(key);
    if (r === undefined) {
      r = key.trim() === '' ? BLANK : turn(fromText(key));
      cache.set(key, r);
    }
    return r;
  };
}

function numberReader(scale: Scale): (n: number) => number {
  switch (scale.kind) {
    case 'range': {
      const { min, max } = scale;
      const span = max - min;
      return (n) => (n >= min && n <= max ? (n - min) / span : UNREADABLE);
    }
    case 'yesno':
      return (n) => (n === 1 ? 1 : n === 0 ? 0 : UNREADABLE);
    case 'options': {
      const scores = scale.options.map((o) => o.score);
      const lo = Math.min(...scores);
      const span = Math.max(...scores) - lo;
      return (n) => (scores.includes(n) ? (n - lo) / span : UNREADABLE);
    }
  }
}

function textReader(scale: Scale, fromNumber: (n: number) => number): (text: string) => number {
  if (scale.kind === 'options') {
    const scores = scale.options.map((o) => o.score);
    const lo = Math.min(...scores);
    const span = Math.max(...scores) - lo;
    const byText = new Map(scale.options.map((o) => [o.text, (o.score - lo) / span]));
    return (text) => byText.get(norm(text)) ?? UNREADABLE;
  }
  return (text) => {
    const lead = /^\s*(-?\d+(?:[.,]\d+)?)(?:\s*[-–—.:)]\s*\S.*)?\s*$/.exec(text);
    if (lead) return fromNumber(toNumber(lead[1] ?? ''));
    return agreement(text) ?? UNREADABLE;
  };
}
