/** `Школы`: the list of schools, tolerant matching of school names as people type them, and which schools an activity concerns. */
import { a1, cellText, type Grid } from './grid';
import { SCHOOLS_HEADER } from './layouts';
import { SHEETS } from './messages';
import { LEGAL_FORMS } from './legal-forms';
import { isTemplateExample, parseParties } from './responsible';
import type { Activity, Problem } from './roadmap-model';

export interface School {
  /** Code from column «Код» (unique); the full name when the code is empty. */
  code: string;
  fullName: string;
  shortName: string;
  /** Emails of those who may report for the school. */
  reporters: string[];
  curators: string[];
  /** 1-based row in `Школы`. */
  row: number;
}

/** Legal-form abbreviations and their spelled-out forms, dropped when comparing names. */
const LEGAL_FORM_TOKENS = new Set([
  ...[...LEGAL_FORMS].map((f) => f.toLowerCase()),
  'оу',
  'муниципальное',
  'муниципальная',
  'государственное',
  'бюджетное',
  'казенное',
  'автономное',
  'частное',
  'общеобразовательное',
  'образовательное',
  'учреждение',
  'организация',
]);

/** Long forms of school types in any grammatical case, reduced to the abbreviation people also write. */
const SCHOOL_TYPE_PHRASES: [RegExp, string][] = [
  [/средн[а-я]* общеобразовательн[а-я]* школ[а-я]*/g, 'сош'],
  [/основн[а-я]* общеобразовательн[а-я]* школ[а-я]*/g, 'оош'],
  [/начальн[а-я]* общеобразовательн[а-я]* школ[а-я]*/g, 'нош'],
  [/средн[а-я]* школ[а-я]*/g, 'сш'],
  [/основн[а-я]* школ[а-я]*/g, 'ош'],
];

/**
 * Word tokens of a name: lower case, «ё» as «е», quotes and «№» dropped, letters and digits split
 * («СОШ№1» → сош, 1), school types abbreviated («средняя общеобразовательная школа» → сош).
 */
export function nameTokens(text: string): string[] {
  let s = text.toLowerCase().replace(/ё/g, 'е');
  for (const [re, abbr] of SCHOOL_TYPE_PHRASES) s = s.replace(re, abbr);
  return s.match(/[a-zа-я]+|\d+/g) ?? [];
}

/** A name with its legal form dropped, as one comparable key: «МОУ "Чарская СОШ №1"» → «чарская сош 1». */
export function schoolNameKey(text: string): string {
  return nameWords(text).join(' ');
}

/** The words of a text that may name a school: its tokens without legal forms («МБОУ», «учреждение»). */
function nameWords(text: string): string[] {
  return nameTokens(text).filter((t) => !LEGAL_FORM_TOKENS.has(t));
}

function plainKey(text: string): string {
  return nameTokens(text).join(' ');
}

/** Column index (0-based) of each header of `Школы`, found by name in any order. */
function headerIndex(header: readonly unknown[]): Map<string, number> {
  const m = new Map<string, number>();
  header.forEach((h, i) => {
    const t = cellText(h).toLowerCase();
    if (t && !m.has(t)) m.set(t, i);
  });
  return m;
}

/** An address inside whatever surrounds it: «Иванова И.И. <ivanova@school.ru>», «mailto:gym1@school.ru». */
const EMAIL_IN_TEXT = /[^\s<>()[\]«»"',;:]+@[^\s<>()[\]«»"',;:@]+\.[^\s<>()[\]«»"',;:@.]{2,}/g;

/** Every address in a cell, lower case, once each (a cell may hold several, separated any way). */
export const emails = (v: unknown): string[] => [
  ...new Set((cellText(v).match(EMAIL_IN_TEXT) ?? []).map((e) => e.replace(/\.+$/, '').toLowerCase())),
];

/**
 * Reads `Школы` (header row first, columns of SCHOOLS_HEADER in any order). Rows without a code and a
 * name are skipped; a duplicate code is an error at its cell.
 */
export function readSchools(grid: Grid): { schools: School[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const schools: School[] = [];
  if (grid.length === 0) return { schools, problems };
  const idx = headerIndex(grid[0] ?? []);
  const col = (name: string): number => idx.get(name.toLowerCase()) ?? -1;
  const [codeH, fullH, shortH, reportersH, curatorH] = SCHOOLS_HEADER;
  const cCode = col(codeH);
  const cFull = col(fullH);
  const cShort = col(shortH);
  const cRep = col(reportersH);
  const cCur = col(curatorH);
  if (cCode < 0 && cFull < 0 && cShort < 0) {
    problems.push({
      severity: 'ошибка',
      sheet: SHEETS.schools,
      cell: 'A1',
      message: `В первой строке листа «${SHEETS.schools}» нет столбцов «${codeH}», «${fullH}» или «${shortH}».`,
      fix: `Верните заголовки: ${SCHOOLS_HEADER.join(', ')}.`,
    });
    return { schools, problems };
  }
  const seen = new Map<string, number>();
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const at = (c: number): string => (c >= 0 ? cellText(row[c]) : '');
    const fullName = at(cFull);
    const shortName = at(cShort);
    const code = at(cCode) || fullName || shortName;
    if (!code) continue;
    const key = code.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        severity: 'ошибка',
        sheet: SHEETS.schools,
        cell: a1(r + 1, (cCode >= 0 ? cCode : cFull >= 0 ? cFull : cShort) + 1),
        message: `Школа «${code}» уже есть в строке ${first}.`,
        fix: 'Дайте каждой школе свой код или удалите повторную строку.',
      });
      continue;
    }
    seen.set(key, r + 1);
    const reporters = emails(row[cRep]);
    const curators = emails(row[cCur]);
    const addresses = [...reporters, ...curators];
    if (addresses.length > 0 && addresses.every(isTemplateExample)) {
      problems.push({
        severity: 'предупреждение',
        sheet: SHEETS.schools,
        cell: a1(r + 1, (cCode >= 0 ? cCode : cFull >= 0 ? cFull : cShort) + 1),
        message: `«${code}» — строка-пример из шаблона (адреса …@example.com): школа не учитывается.`,
        fix: 'Замените пример своей школой и её адресами или удалите строку.',
      });
      continue;
    }
    schools.push({
      code,
      fullName,
      shortName,
      reporters,
      curators,
      row: r + 1,
    });
  }
  return { schools, problems };
}

/** Finds schools by what people type: code, full or short name, with or without legal form, «№1» or «№ 1», any quotes and case. */
export class SchoolMatcher {
  private readonly exact = new Map<string, School[]>();
  private readonly loose = new Map<string, School[]>();
  private readonly cache = new Map<string, School[]>();

  constructor(readonly schools: readonly School[]) {
    for (const s of schools) {
      for (const name of [s.code, s.fullName, s.shortName]) {
        if (!name) continue;
        add(this.exact, plainKey(name), s);
        add(this.loose, schoolNameKey(name), s);
      }
    }
  }

  /** Schools the text names: none, one, or several when the text is ambiguous. */
  match(text: string): School[] {
    const hit = this.cache.get(text);
    if (hit) return hit;
    const plain = plainKey(text);
    let found = plain ? this.exact.get(plain) : undefined;
    if (!found) {
      const loose = schoolNameKey(text);
      found = loose ? this.loose.get(loose) : undefined;
    }
    const result = found ?? [];
    this.cache.set(text, result);
    return result;
  }
}

function add(map: Map<string, School[]>, key: string, s: School): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [s]);
  else if (!list.includes(s)) list.push(s);
}

/**
 * Words that name all schools of the programme at once: the abbreviations (ОО, ОУ, ПРШ, ШНОР, ШНСУ, ШНРО)
 * and «школы» in the plural («все школы», «школы района», «директора школ», «руководителям школ»). A word
 * that only starts with «школ…» does not: «Школьные координаторы», «Школа кураторов», «Школьная служба
 * примирения» are a body or a programme with an address of their own, not every school.
 */
const GENERIC_TOKENS = new Set([
  'оо',
  'оу',
  'прш',
  'шнор',
  'шнсу',
  'шнро',
  'школы',
  'школ',
  'школам',
  'школах',
  'школами',
]);
/** «(Обще)образовательные организации / учреждения», but not the pre-school or vocational ones. */
const GENERIC_PHRASE =
  /(?<!(?:дошкольн|профессиональн)[а-я]*\s+)(?<![а-я])(?:обще)?образовательн[а-я]*\s+(?:организаци|учреждени)/;

/** The parts of an activity that may name schools. */
export type ActivityText = Pick<Activity, 'title' | 'responsibleText' | 'expectedResult'> &
  Partial<Pick<Activity, 'responsible'>>;

/** Token sequences of a school's names without legal form (code as a token when it contains a letter). */
const schoolPatterns = new WeakMap<School, string[][]>();
function patternsOf(school: School): string[][] {
  let p = schoolPatterns.get(school);
  if (!p) {
    const names = [school.fullName, school.shortName];
    if (/[a-zа-яё]/i.test(school.code)) names.push(school.code);
    p = names.map(nameWords).filter((t) => t.length > 0);
    schoolPatterns.set(school, p);
  }
  return p;
}

/**
 * Whether two name words are the same word in any grammatical case: equal, or (both of at least four
 * letters) sharing all but their last three letters and at least four («Крестинской» = «Крестинская»,
 * «лицея» = «лицей»; «Чарская» ≠ «Новочарская»). Numbers and abbreviations must be equal.
 */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  // Most words compared differ at once: settle those before the digit tests.
  if (a[0] !== b[0] || a.length < 4 || b.length < 4 || /\d/.test(a) || /\d/.test(b)) return false;
  const need = Math.max(4, Math.max(a.length, b.length) - 3);
  if (Math.min(a.length, b.length) < need) return false;
  for (let i = 0; i < need; i++) if (a[i] !== b[i]) return false;
  return true;
}

function containsWords(tokens: readonly string[], seq: readonly string[]): boolean {
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let j = 0; j < seq.length; j++) if (!sameWord(tokens[i + j], seq[j])) continue outer;
    return true;
  }
  return false;
}

/** Whether a text's words (nameWords) name a school: one of its names, in any grammatical case. */
function namesSchool(words: readonly string[], school: School): boolean {
  return patternsOf(school).some((seq) => containsWords(words, seq));
}

/** Whether a text names schools generically (ОО, ПРШ, ШНОР, «школы», «образовательные организации»). */
function namesAllSchools(text: string): boolean {
  return (
    nameTokens(text).some((t) => GENERIC_TOKENS.has(t)) ||
    GENERIC_PHRASE.test(text.toLowerCase().replace(/ё/g, 'е'))
  );
}

interface ActivityScan {
  generic: boolean;
  words: string[];
}

function scan(activity: ActivityText): ActivityScan {
  const text = [activity.responsibleText, activity.title, activity.expectedResult].join(' \n ');
  return { generic: namesAllSchools(text), words: nameWords(text) };
}

function concerns(a: ActivityScan, activity: ActivityText, school: School): boolean {
  if (a.generic) return true;
  if (activity.responsible?.some((p) => p.name.trim().toLowerCase() === school.code.toLowerCase()))
    return true;
  return namesSchool(a.words, school);
}

/**
 * The schools an activity concerns, in list order: those its responsible list, title or expected result
 * names (code, full or short name, in any grammatical case, with or without legal form), or all of them
 * when it names schools generically (ОО, ОУ, ПРШ, ШНОР, ШНСУ, ШНРО, «школы», «образовательные
 * организации»). Used by assignedSchools when an activity has no responsible list; risk coverage goes
 * by reachOfParties.
 */
export function schoolsOfActivity(activity: ActivityText, schools: readonly School[]): School[] {
  const a = scan(activity);
  return schools.filter((s) => concerns(a, activity, s));
}

/**
 * A party that means every school of the programme: «ОО», «ПРШ группы риска», «все школы», «руководители ОО»
 * (namesAllSchools; not «Школьные координаторы»), unless a number or quotes name one school («Школа № 5»).
 * Risk coverage (reachOfParties), reporting (assignedSchools) and reminders go by this one rule.
 */
export function meansAllSchools(party: string): boolean {
  if (/\d/.test(party) || /[«"]/.test(party)) return false;
  return namesAllSchools(party);
}

/** Which schools an activity's responsible parties reach, and the party that reaches each. */
export interface PartyReach {
  /** The first party meaning all schools («ОО», «ШНОР»), if any. */
  all: string | undefined;
  /** Schools a party names, with that party. */
  named: Map<School, string>;
}

/**
 * The schools an activity's responsible parties name — by code, full or short name, in any grammatical
 * case, with or without legal form («Крестинская СШ», «в Крестинской СШ», «МБОУ «Крестинская СШ»») —
 * and whether a party means all schools. The title and the expected result are not read: who does an
 * activity decides whom it reaches.
 */
export function reachOfParties(
  activity: Pick<Activity, 'responsibleText'> & Partial<Pick<Activity, 'responsible'>>,
  schools: readonly School[],
): PartyReach {
  const parties =
    activity.responsible && activity.responsible.length > 0
      ? activity.responsible.map((p) => p.name)
      : parseParties(activity.responsibleText);
  const named = new Map<School, string>();
  let all: string | undefined;
  const whole = nameWords(activity.responsibleText);
  for (const party of parties) {
    const tokens = nameWords(party);
    const code = party.trim().toLowerCase();
    let namesOne = false;
    for (const school of schools) {
      if (code === school.code.toLowerCase() || namesSchool(tokens, school)) {
        if (!named.has(school)) named.set(school, party);
        namesOne = true;
      }
    }
    if (!namesOne && all === undefined && meansAllSchools(party)) all = party;
  }
  // A name the party splitter cut in two («Гимназия № 1, корпус 2») is still found in the whole cell.
  for (const school of schools) {
    if (!named.has(school) && namesSchool(whole, school)) named.set(school, activity.responsibleText.trim());
  }
  return { all, named };
}

/**
 * The schools that must report an activity, read from its responsible list: the schools its parties name
 * as reachOfParties finds them (in any grammatical case: «Директор Крестинской СШ» asks Крестинская СШ to
 * report, as risk coverage counts the activity for it), or all schools when it names them generically
 * («ОО», «ШНОР», «Руководители ОО»; then a title or result naming some schools narrows it to those). A list
 * of district bodies or people only («МОУО, ИМЦ», «УО») assigns no school: the activity is the district's.
 * Without a responsible list, the title decides as in schoolsOfActivity.
 */
export function assignedSchools(activity: ActivityText, schools: readonly School[]): School[] {
  if (activity.responsibleText.trim() === '') return schoolsOfActivity(activity, schools);
  const { named } = reachOfParties(activity, schools);
  if (named.size > 0) return schools.filter((s) => named.has(s));
  if (!namesAllSchools(activity.responsibleText)) return [];
  const title = nameWords([activity.title, activity.expectedResult].join(' \n '));
  const inTitle = schools.filter((s) => namesSchool(title, s));
  return inTitle.length > 0 ? inTitle : [...schools];
}

/** A party `Школы` can give addresses for: all schools («ОО»), or a school listed there («МОУ Чарская СОШ №1»). */
export function isSchoolParty(party: string, schools: readonly School[]): boolean {
  return meansAllSchools(party) || reachOfParties({ responsibleText: party }, schools).named.size > 0;
}

/**
 * Whether a party without an address in `Ответственные` is still reached: it names a school of `Школы`
 * («МОУ Чарская СОШ №1») or means all schools («ОО», «руководители ОО»), and `Школы` gives a reporter's
 * address for a school it is assigned to, so that school's reporters get its school digest. A fake «ОО»
 * row in `Ответственные` would only add a wrong recipient.
 */
export function reachedThroughSchools(party: string, schools: readonly School[]): boolean {
  return assignedSchools({ responsibleText: party, title: '', expectedResult: '' }, schools).some(
    (s) => s.reporters.length > 0,
  );
}

/** Activity id → codes of its assigned schools, for the activities some school must report. */
export function assignmentsOf(
  activities: readonly (ActivityText & Pick<Activity, 'id'>)[],
  schools: readonly School[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (schools.length === 0) return out;
  for (const a of activities) {
    const codes = assignedSchools(a, schools).map((s) => s.code);
    if (codes.length > 0) out.set(a.id, codes);
  }
  return out;
}

/** What people call a school: its short name, else its full name, else its code. */
export const displayName = (s: School): string => s.shortName || s.fullName || s.code;

/** A school's name by its code, for texts people read; a code not in `Школы` is shown as written. */
export function schoolNames(schools: readonly School[]): (code: string) => string {
  const byCode = new Map(schools.map((s) => [s.code.trim().toLowerCase(), displayName(s)]));
  return (code) => byCode.get(code.trim().toLowerCase()) ?? code;
}
