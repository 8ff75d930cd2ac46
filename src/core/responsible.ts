/**
 * Responsible parties as staff write them («УО, ММЦ, ОО», «Лаврентьева С.А.», «МОУО ПРШ группы риска»,
 * «Руководители ОО, педагоги») and their match in `Ответственные` (code or name → email).
 */
import { a1, cellText, type Grid } from './grid';
import { LEGAL_FORM_LEVELS, LEGAL_FORMS } from './legal-forms';
import { SHEETS } from './messages';
import type { Party, Problem } from './roadmap-model';

/** One row of `Ответственные`. */
export interface ResponsibleEntry {
  code: string;
  fullName: string;
  email: string;
  role: string;
  /** 1-based row in `Ответственные`. */
  row: number;
  /** The row had only the template's example addresses: its own warning says so, not «нет адреса». */
  example?: boolean;
}

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"„“”']/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[.,;:\s]+$/, '')
    .trim();

const ABBR = /^[A-ZА-ЯЁ][A-ZА-ЯЁ0-9-]*[A-ZА-ЯЁ0-9]$/;
const INITIALS = /^(?:[А-ЯЁA-Z]\.\s?){1,2}$|^[А-ЯЁA-Z]\.[А-ЯЁA-Z]\.?$/;
const CAPITALIZED = /^[А-ЯЁA-Z][а-яёa-z-]+$/;
/** «Лаврентьева С.А.», «Лаврентьева С. А.», «С.А. Лаврентьева». */
const PERSON =
  /^([А-ЯЁ][а-яё-]+)\s+([А-ЯЁ])\.\s*(?:([А-ЯЁ])\.?)?$|^([А-ЯЁ])\.\s*(?:([А-ЯЁ])\.)?\s*([А-ЯЁ][а-яё-]+)$/;

const EMAIL = /[^\s<>()«»,;:]+@[^\s<>()«»,;:]+\.[a-zа-я]{2,}/i;

/**
 * An address of the template's example rows (createTemplate writes …@example.com, a domain reserved for
 * examples): never mailed, and a school with only such addresses is not counted.
 */
export function isTemplateExample(email: string): boolean {
  return /@example\.com$/i.test(email.trim());
}

/** «Иванова И.И. (ivanova@school.ru)» → the name and the address written with it. */
export function splitEmail(party: string): { name: string; email?: string } {
  const m = EMAIL.exec(party);
  if (!m) return { name: party };
  const name = party
    .replace(m[0], '')
    .replace(/[(<[]\s*[)>\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { name, email: m[0] };
}

/** Surname and initials of a person written as «Фамилия И.О.» or «И.О. Фамилия». */
export function personName(text: string): { surname: string; initials: string } | undefined {
  const m = PERSON.exec(text.trim());
  if (!m) return undefined;
  if (m[1]) return { surname: norm(m[1]), initials: norm((m[2] ?? '') + (m[3] ?? '')) };
  return { surname: norm(m[6] ?? ''), initials: norm((m[4] ?? '') + (m[5] ?? '')) };
}

/** Words that head the name of a body: «Министерство …», «Отдел …», «Комитет по …». */
const BODY_HEAD =
  /^(?:министерств|управлени|комитет|отдел|департамент|агентств|служб|центр|институт|администраци|сектор|совет|инспекци|академи|университет|колледж|учреждени|объединени|ассоциаци|палат|фонд)/i;
/** Words that start another party after «и»: people by role, schools («… и директора школ», «… и ОО»). */
const PEOPLE =
  /^(?:директор|руководител|педагог|учител|специалист|заместител|методист|родител|обучающ|учащ|классн|завуч|координатор|куратор|сотрудник|работник|эксперт|представител|член|психолог|логопед|дефектолог|наставник|тьютор|воспитател)/i;
const PARTY_START = new RegExp(
  `${PEOPLE.source.slice(0, -1)}|администраци|школ|образовательн|организаци|учреждени|органы)`,
  'i',
);

/** Prepositions that lead into the name after them («в Крестинской СШ», «на базе Лицея № 2», «силами ИМЦ»): never a party. */
const PREPOSITION = /^(?:в|во|на|базе|силами|с|со|участием)$/i;
/** A position or preposition that opens a party naming someone by where they work: «директор Лицея № 2». */
const leads = (word: string): boolean => PEOPLE.test(word) || PREPOSITION.test(word);

/**
 * A party with the position or preposition before its name dropped, for matching: «директор МБОУ СОШ №5»,
 * «заместитель директора по УВР МБОУ СОШ №5», «в МБОУ СОШ №5» → «МБОУ СОШ №5». Other texts as they are.
 */
function withoutLead(text: string): string {
  const words = text.split(/\s+/);
  return words.slice(leadLength(words)).join(' ');
}

/** How many words of a position or preposition open `words` («заместитель директора по УВР …» → 4), or 0. */
function leadLength(words: readonly string[]): number {
  if (!leads(words[0] ?? '')) return 0;
  let k = 1;
  while (k < words.length && (/^[а-яё]/.test(words[k] ?? '') || words[k - 1] === 'по')) k++;
  return k;
}

/** Words that are all a position of one person or a preposition: «директор», «в» (not «педагоги»: a party of its own). */
const leadsToPerson = (words: readonly string[]): boolean =>
  words.length > 0 && leadLength(words) === words.length && !/[иы]$/i.test(words[0] ?? '');

/** A role or note in brackets after a name («Сидорова А.В. (куратор)», «(по согласованию)»): not part of the name. */
const withoutNote = (name: string): string =>
  name
    .replace(/\s*\([^()]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** «(далее - Министерство)», «(далее – «Министерство»)»: a short name the document uses from here on. */
const ALIAS_CLAUSE =
  /\(\s*(?:далее|дал\.)\s*(?:[-–—:]\s*)?(?:по тексту\s*[-–—]?\s*)?[«"„]?([^()«»"„“”]+?)[»"“”]?\s*\)/gi;

/** «Муниципальное казённое учреждение …», «Районный отдел …»: words before the head of a body's name. */
const BODY_QUALIFIER =
  /^(?:муниципальн|государственн|областн|региональн|районн|городск|краев|окружн|казенн|казённ|бюджетн|автономн)/i;

/** Words that start with the name of a body («Комитет по культуре», «Муниципальное учреждение …»), not «МОУО учреждения …». */
function isBodyName(words: readonly string[]): boolean {
  let k = 0;
  const before = (w: string): boolean =>
    BODY_QUALIFIER.test(w) || LEGAL_FORMS.has(w) || LEGAL_FORM_LEVELS.has(w);
  while (k < words.length - 1 && before(words[k] ?? '')) k++;
  return BODY_HEAD.test((words[k] ?? '').replace(/^[«"„]/, ''));
}

const unbalancedQuotes = (s: string): boolean =>
  (s.match(/«/g) ?? []).length > (s.match(/»/g) ?? []).length || (s.match(/"/g) ?? []).length % 2 === 1;
/** An open bracket not yet closed: «Иванова И.И. (куратор, …» goes on after the comma. */
const openBracket = (s: string): boolean => (s.match(/\(/g) ?? []).length > (s.match(/\)/g) ?? []).length;

/**
 * Splits on «и» between parties, keeping it inside a body's name: «Министерство образования и науки
 * Калужской области», «Комитет по культуре и спорту» are one party, «УМЦ и директора школ» two.
 */
function splitOnAnd(chunk: string): string[] {
  const out: string[] = [];
  for (const piece of chunk.split(/\s+и\s+/)) {
    const left = out[out.length - 1];
    const first = piece.trim().split(/\s+/)[0] ?? '';
    const joins =
      left !== undefined &&
      (unbalancedQuotes(left) ||
        openBracket(left) ||
        (isBodyName(left.trim().split(/\s+/)) && /^[а-яё]/.test(first) && !PARTY_START.test(first)));
    if (joins) out[out.length - 1] = `${left} и ${piece}`;
    else out.push(piece);
  }
  return out;
}

/** «Ивановна», «Ильич»: a patronymic, the third word of a person's full name. */
const PATRONYMIC = /^[А-ЯЁ][а-яё]+(?:вна|вич|ична|инична|ич)$/;
/**
 * «Иванова Ирина Ивановна» or «Ирина Ивановна Иванова» at `k`: the three names of one person, surname first
 * or last (the patronymic tells which).
 */
const fullNameAt = (tokens: readonly string[], k: number): boolean =>
  CAPITALIZED.test(tokens[k] ?? '') &&
  CAPITALIZED.test(tokens[k + 1] ?? '') &&
  CAPITALIZED.test(tokens[k + 2] ?? '') &&
  (PATRONYMIC.test(tokens[k + 2] ?? '') || PATRONYMIC.test(tokens[k + 1] ?? ''));

/** Genitive words that go on with a name rather than start a party: «МКУ «Управление образования» администрации …». */
const GENITIVE_GOES_ON = /^(?:администрации|при|им\.|имени)$/;
/** A lower-case word that goes on with the name before it (not «педагоги», «руководители ОО»). */
const goesOn = (word: string): boolean =>
  /^[а-яё]/.test(word) && (GENITIVE_GOES_ON.test(word) || !PARTY_START.test(word));

/**
 * An active participle or «который» opening a clause about the name before the comma: «органы местного
 * самоуправления, осуществляющие управление в сфере образования». Not titles like «ведущие специалисты».
 */
const CLAUSE =
  /^(?:котор[а-яё]+|(?!ведущ|управляющ|руководящ)[а-яё]+(?:ющ|ящ|ащ|ущ|вш)(?:ий|ая|ее|ие|их|им|ими|ей|ую|его|ему))$/;

/** A line that names a body: «Управление образования», «МКУ «…»», «ГАУ ДПО …». */
function namesBody(part: string): boolean {
  const words = part.split(/\s+/);
  return isBodyName(words) || LEGAL_FORMS.has(words[0] ?? '') || /[»"]$/.test(part);
}

/**
 * The cell cut at commas, semicolons and line breaks, with what belongs together joined back: a
 * participle clause after a comma, and a body's name broken across lines of a cell («Управление
 * образования» / «администрации Чарского района», Shift+Enter in Word).
 */
function cellParts(text: string): string[] {
  const out: string[] = [];
  let sepBefore = '';
  for (const m of text.matchAll(/([^,;\n]*)([,;\n]*)/g)) {
    const part = (m[1] ?? '').trim();
    const sep = m[2] ?? '';
    if (part === '') {
      sepBefore += sep;
      continue;
    }
    const left = out[out.length - 1];
    const first = part.split(/\s+/)[0] ?? '';
    const comma = sepBefore.includes(',');
    const inBracket = left !== undefined && openBracket(left);
    const joins =
      left !== undefined &&
      (inBracket ||
        (!sepBefore.includes(';') && (CLAUSE.test(first) || (!comma && namesBody(left) && goesOn(first)))));
    if (joins)
      out[out.length - 1] = `${left}${comma ? ',' : inBracket && sepBefore.includes(';') ? ';' : ''} ${part}`;
    else out.push(part);
    sepBefore = sep;
  }
  return out;
}

/**
 * Splits a responsible cell into parties. Commas, semicolons, line breaks and «и» separate (not «и» inside
 * a body's name, not a participle clause after a comma, not a line that goes on with a body's name);
 * inside a part, bare abbreviations are separate bodies («МОУО ОО ПРШ» → three), an abbreviation after
 * words belongs to them («Руководители ОО», «ПРШ группы риска»), a legal form opens the name after it
 * («МОУ Чарская СОШ №1», «ГАУ ДПО «Институт …»»), a quoted name belongs to the abbreviation before it
 * («МБОУ «Чистовская СШ»») and goes on in the genitive («… администрации района»), initials belong to one
 * surname («С.В. Ильина А.П. Мороз» → two people), «Фамилия Имя Отчество» and «Имя Отчество Фамилия» are one
 * person, a position or preposition goes with the name after it («директор Лицея № 2», «в Крестинской СШ»,
 * «учитель Иванова Ирина Ивановна»; never a party «в»), a note in brackets with the name before it
 * («Сидорова А.В. (куратор, заместитель)»). «(далее - …)» clauses are left out. Duplicates are dropped.
 */
export function parseParties(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (words: string[]): void => {
    const name = words
      .join(' ')
      .replace(/^[,;:.\s]+|[,;:\s]+$/g, '')
      .trim();
    const key = norm(name);
    // «в» before a name that went elsewhere, a bracketed note alone: no one to write to.
    if (key === '' || seen.has(key) || words.every((w) => PREPOSITION.test(w)) || withoutNote(name) === '')
      return;
    seen.add(key);
    out.push(name);
  };
  const parts = cellParts(text.replace(ALIAS_CLAUSE, ' ')).flatMap(splitOnAnd);
  for (const part of parts) {
    const whole = part.trim();
    if (whole === '') continue;
    if (personName(splitEmail(whole).name)) {
      add([whole]);
      continue;
    }
    // 'form': an organisation's name opened by a legal form, or going on after its quoted name; 'named': «Фамилия Имя Отчество».
    let cur: string[] = [];
    let curKind: 'abbr' | 'words' | 'quoted' | 'person' | 'named' | 'form' | undefined;
    let inQuote = false;
    let inBracket = false;
    /** The words of the party being built after the position before it: «И.И.» of «директор И.И.». */
    const ownWords = (): string[] => cur.slice(leadLength(cur));
    const flush = (): void => {
      if (cur.length > 0) add(cur);
      cur = [];
      curKind = undefined;
    };
    const tokens = whole.split(/\s+/);
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k] ?? '';
      if (EMAIL.test(token)) {
        cur.push(token);
        continue;
      }
      // A note in brackets stays with the name before it, whatever its words.
      if (inBracket || token.startsWith('(')) {
        cur.push(token);
        inBracket = openBracket(cur.join(' '));
        continue;
      }
      if (inQuote) {
        cur.push(token);
        if (token.includes('»') || (token.endsWith('"') && token.length > 1)) {
          inQuote = false;
          curKind = 'quoted';
        }
        continue;
      }
      if (/^[«"]/.test(token)) {
        if (curKind !== 'abbr' && curKind !== 'form' && !(curKind === 'words' && leads(cur[0] ?? '')))
          flush();
        cur.push(token);
        if (token.includes('»') || (token.length > 1 && token.endsWith('"'))) curKind = 'quoted';
        else inQuote = true;
        continue;
      }
      // After «Фамилия Имя Отчество» only an address goes on with the person.
      if (curKind === 'named') flush();
      if (fullNameAt(tokens, k)) {
        // «учитель Иванова Ирина Ивановна»: the position goes with the person.
        if (!(curKind === 'words' && leadsToPerson(cur))) flush();
        cur = [...cur, ...tokens.slice(k, k + 3)];
        curKind = 'named';
        k += 2;
        continue;
      }
      if (curKind === 'quoted') {
        if (goesOn(token)) {
          cur.push(token);
          curKind = 'form';
          continue;
        }
        flush();
      }
      if (INITIALS.test(token)) {
        // «С.В. Ильина А.П. Мороз»: initials after a whole «И.О. Фамилия» start the next person, as after a body.
        if (curKind === 'abbr' || curKind === 'form') flush();
        if (curKind === 'person' && !ownWords().every((w) => INITIALS.test(w))) flush();
        // «педагоги И.И. Иванова»: people by role, then a person; «директор И.И. Иванова» is one.
        const last = cur[cur.length - 1] ?? '';
        if (curKind === 'words' && (/^[а-яё]/.test(last) || PEOPLE.test(last)) && !leadsToPerson(cur))
          flush();
        cur.push(token);
        curKind = 'person';
        continue;
      }
      const surname = INITIALS.test(tokens[k + 1] ?? '');
      if (LEGAL_FORMS.has(token) || (curKind === 'form' && LEGAL_FORM_LEVELS.has(token))) {
        // «ГАУ ДПО …» is one form; «Директор МБОУ СОШ №2» — the school of the words before.
        const formOnly = cur.every((w) => LEGAL_FORMS.has(w) || LEGAL_FORM_LEVELS.has(w));
        if (curKind !== 'words' && !(curKind === 'form' && formOnly)) flush();
        cur.push(token);
        curKind = 'form';
        continue;
      }
      if (curKind === 'form') {
        // «МБОУ СОШ № 5 педагоги»: people by role after a school are the next party.
        if (PEOPLE.test(token)) flush();
        else if (!(CAPITALIZED.test(token) && surname)) {
          cur.push(token);
          continue;
        }
      }
      if (ABBR.test(token)) {
        if (curKind === 'words') cur.push(token);
        else {
          flush();
          cur.push(token);
          curKind = 'abbr';
        }
        continue;
      }
      if (CAPITALIZED.test(token) && curKind !== undefined) {
        if (curKind === 'person' && ownWords().every((w) => INITIALS.test(w))) {
          cur.push(token);
          continue;
        }
        // «Министерство образования Калужской области»: a capitalized word inside a body's name, not a surname;
        // «директор Лицея № 2», «в Крестинской СШ»: the name after a position or preposition.
        const led = leads(cur[0] ?? '') && !PEOPLE.test(token);
        if (
          curKind === 'words' &&
          (((isBodyName(cur) || led) && !surname) || (surname && leadsToPerson(cur)))
        ) {
          cur.push(token);
          continue;
        }
        flush();
      }
      cur.push(token);
      curKind = 'words';
    }
    flush();
  }
  return out;
}

/** The nominative head of a body's name, where a name starts («Управление …», not «приказу Управления …»). */
const NOMINATIVE_HEAD =
  /^[«"„]?(?:Министерство|Управление|Комитет|Отдел|Департамент|Агентство|Служба|Центр|Институт|Администрация|Сектор|Совет|Инспекция|Академия|Университет|Колледж|Учреждение|Объединение|Ассоциация|Палата|Фонд)$/;

/** Where the body's name ending at the last word starts: its nearest head, with the legal form and qualifiers before it. */
function nameStart(words: readonly string[]): number {
  let k = words.length - 1;
  while (k >= 0 && !NOMINATIVE_HEAD.test(words[k] ?? '') && !LEGAL_FORMS.has(words[k] ?? '')) k--;
  const before = (w: string): boolean =>
    LEGAL_FORMS.has(w) || LEGAL_FORM_LEVELS.has(w) || BODY_QUALIFIER.test(w) || /^учреждени/i.test(w);
  while (k > 0 && before(words[k - 1] ?? '')) k--;
  return k;
}

/**
 * Short names a document defines for bodies: «Министерство образования и науки Калужской области (далее -
 * Министерство)» → Министерство stands for the full name: the name right before the clause (back to a
 * comma or a bracket), from its nearest head («Управление», «ГАУ ДПО …») on — not a body an earlier
 * paragraph of the title names («Приложение к приказу Управления образования … Управление … (далее - …)»).
 */
export function aliasDefinitions(text: string): { alias: string; fullName: string }[] {
  const out: { alias: string; fullName: string }[] = [];
  if (!/дал(?:ее|\.)/i.test(text)) return out;
  let from = 0;
  for (const m of text.matchAll(ALIAS_CLAUSE)) {
    const before =
      text
        .slice(from, m.index)
        .split(/[,;\n(]/)
        .pop() ?? '';
    from = (m.index ?? 0) + m[0].length;
    const words = before.trim().split(/\s+/);
    const head = nameStart(words);
    const alias = (m[1] ?? '').trim();
    if (head < 0 || alias === '') continue;
    const fullName = parseParties(words.slice(head).join(' ')).pop();
    if (fullName) out.push({ alias, fullName });
  }
  return out;
}

/** `Ответственные`, indexed for lookups by code, full name and surname. */
export class ResponsibleDirectory {
  private readonly byKey = new Map<string, ResponsibleEntry>();
  private readonly bySurname = new Map<string, { entry: ResponsibleEntry; initials: string }[]>();
  /** Cells repeat across a roadmap («УО, ОО»): each text is split and matched once. */
  private readonly resolved = new Map<string, Party[]>();
  private readonly found = new Map<string, ResponsibleEntry | undefined>();
  /** Short names the roadmap defines («(далее - Министерство)»), normalized → the full name. */
  private readonly aliases = new Map<string, string>();

  constructor(readonly entries: readonly ResponsibleEntry[]) {
    for (const e of entries) {
      for (const k of [e.code, e.fullName]) {
        const key = norm(k);
        if (key !== '' && !this.byKey.has(key)) this.byKey.set(key, e);
      }
      for (const k of [e.code, e.fullName]) {
        const p = personName(k) ?? fullPersonName(k);
        if (!p) continue;
        const list = this.bySurname.get(p.surname) ?? [];
        if (!list.some((x) => x.entry === e)) list.push({ entry: e, initials: p.initials });
        this.bySurname.set(p.surname, list);
      }
    }
  }

  /**
   * Lets a short name the roadmap defines stand for a full name («Министерство» for «Министерство
   * образования и науки Калужской области»). A row of `Ответственные` under the short name itself wins.
   */
  defineAlias(alias: string, fullName: string): void {
    const key = norm(alias);
    if (key === '' || key === norm(fullName) || this.aliases.has(key)) return;
    this.aliases.set(key, fullName);
    this.found.clear();
    this.resolved.clear();
  }

  /**
   * `addresses` with the real addresses of the rows whose «Роль» is `role` («координатор», «куратор») added,
   * each address once whatever its case.
   */
  withRole(role: string, addresses: readonly string[]): string[] {
    const out = [...addresses];
    const seen = new Set(out.map((a) => a.toLowerCase()));
    for (const e of this.entries) {
      if (norm(e.role) !== role) continue;
      for (const a of e.email.split(/,\s*/))
        if (a !== '' && !seen.has(a.toLowerCase())) {
          seen.add(a.toLowerCase());
          out.push(a);
        }
    }
    return out;
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /** The entry for a party as written: by code, by full name, or by surname (initials only break ties). */
  find(party: string): ResponsibleEntry | undefined {
    if (this.found.has(party)) return this.found.get(party);
    const entry = this.lookup(party);
    this.found.set(party, entry);
    return entry;
  }

  /** The party as written, then without a note in brackets, then without the position before its name. */
  private lookup(party: string): ResponsibleEntry | undefined {
    const bare = withoutNote(party);
    for (const name of new Set([party, bare, withoutLead(bare)])) {
      const entry = this.lookupName(name);
      if (entry) return entry;
    }
    return undefined;
  }

  private lookupName(party: string): ResponsibleEntry | undefined {
    const exact = this.byKey.get(norm(party));
    if (exact) return exact;
    const full = this.aliases.get(norm(party));
    if (full !== undefined) return this.byKey.get(norm(full));
    const person = personName(party) ?? fullPersonName(party);
    if (!person) return undefined;
    const list = this.bySurname.get(person.surname) ?? [];
    if (list.length === 1) return list[0]?.entry;
    const same = list.filter(
      (x) => x.initials.startsWith(person.initials) || person.initials.startsWith(x.initials),
    );
    return same.length === 1 ? same[0]?.entry : undefined;
  }

  /** Parties of a cell with their emails (undefined when unknown or without email). */
  resolve(text: string): Party[] {
    let parties = this.resolved.get(text);
    if (!parties) {
      parties = parseParties(text).map((written) => {
        const { name, email: inCell } = splitEmail(written);
        const email = this.find(name)?.email ?? inCell;
        return email ? { name, email } : { name };
      });
      this.resolved.set(text, parties);
    }
    return parties.map((p) => ({ ...p }));
  }
}

/**
 * An address written with a name in one cell («Петрова С.А. (petrova@school.ru)») is that name's address in
 * every cell («Петрова С.А.», «Петрова С.А. (по согласованию)»): her letter lists all her activities and no
 * message calls her unknown. The first address written for a name wins.
 */
export function shareWrittenAddresses(lists: readonly Party[][]): void {
  const key = (name: string): string => norm(withoutNote(name));
  const written = new Map<string, string>();
  for (const p of lists.flat()) if (p.email && !written.has(key(p.name))) written.set(key(p.name), p.email);
  for (const p of lists.flat()) {
    const email = p.email ? undefined : written.get(key(p.name));
    if (email) p.email = email;
  }
}

/** «Лаврентьева Светлана Александровна», «Светлана Александровна Лаврентьева» → surname and initials. */
function fullPersonName(text: string): { surname: string; initials: string } | undefined {
  const words = text.trim().split(/\s+/);
  if (words.length !== 3 || !fullNameAt(words, 0)) return undefined;
  const [surname, first, patronymic] = PATRONYMIC.test(words[2] ?? '')
    ? words
    : [words[2], words[0], words[1]];
  return {
    surname: norm(surname ?? ''),
    initials: norm((first ?? '').charAt(0) + (patronymic ?? '').charAt(0)),
  };
}

const HEADER_RULES: readonly (readonly [keyof Omit<ResponsibleEntry, 'row'>, RegExp])[] = [
  ['email', /e-?mail|почт|адрес/],
  ['fullName', /полное|фио|ф\.и\.о/],
  ['role', /роль|должност/],
  ['code', /код|имя|сокращ|наименование|исполнитель/],
];

/** Reads `Ответственные` by its header names (any order); rows without code and name are skipped. */
export function readResponsible(grid: Grid): { directory: ResponsibleDirectory; problems: Problem[] } {
  const problems: Problem[] = [];
  let headerRow = -1;
  const cols: Partial<Record<keyof Omit<ResponsibleEntry, 'row'>, number>> = {};
  for (let r = 0; r < Math.min(grid.length, 10) && headerRow < 0; r++) {
    const row = grid[r] ?? [];
    const found: typeof cols = {};
    row.forEach((v, c) => {
      const t = cellText(v).toLowerCase().replace(/ё/g, 'е');
      if (t === '') return;
      const rule = HEADER_RULES.find(([, re]) => re.test(t));
      if (rule && found[rule[0]] === undefined) found[rule[0]] = c;
    });
    if (found.email !== undefined && (found.code !== undefined || found.fullName !== undefined)) {
      headerRow = r;
      Object.assign(cols, found);
    }
  }
  if (headerRow < 0) return { directory: new ResponsibleDirectory([]), problems };
  const entries: ResponsibleEntry[] = [];
  for (let r = headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const get = (k: keyof typeof cols): string => (cols[k] === undefined ? '' : cellText(row[cols[k]]));
    const entry: ResponsibleEntry = {
      code: get('code'),
      fullName: get('fullName'),
      email: get('email'),
      role: get('role'),
      row: r + 1,
    };
    if (entry.code === '' && entry.fullName === '') continue;
    // Several addresses in one cell («a@x.ru; b@y.ru», one per line) each get the mail; one that is not an
    // address is refused here, with its cell, instead of failing the whole message at sending.
    const parts = entry.email.split(/[,;\s]+/).filter((p) => p !== '');
    const bad = parts.filter((p) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(p));
    const examples = parts.filter(isTemplateExample);
    entry.email = parts.filter((p) => !bad.includes(p) && !examples.includes(p)).join(', ');
    if (examples.length > 0) {
      entry.example = entry.email === '' && bad.length === 0;
      const who = entry.code || entry.fullName;
      problems.push({
        severity: 'предупреждение',
        sheet: SHEETS.responsible,
        cell: a1(r + 1, (cols.email as number) + 1),
        message: `${examples.map((b) => `«${b}»`).join(', ')} — адрес-пример из шаблона: ${entry.example ? `у «${who}» нет настоящего адреса, писем не будет` : 'писем на него не будет'}.`,
        fix: 'Замените пример настоящим адресом или удалите строку.',
      });
    }
    if (bad.length > 0) {
      problems.push({
        severity: 'предупреждение',
        sheet: SHEETS.responsible,
        cell: a1(r + 1, (cols.email as number) + 1),
        message: `${bad.map((b) => `«${b}»`).join(', ')} не похоже на адрес электронной почты: ${entry.email ? `письма уйдут только на ${entry.email}` : 'писем этому ответственному не будет'}.`,
        fix: 'Запишите адрес в виде name@example.ru; несколько адресов — через запятую.',
      });
    }
    entries.push(entry);
  }
  return { directory: new ResponsibleDirectory(entries), problems };
}
