/**
 * Reads the `Мероприятия` grid as staff really keep it: header rows found by synonyms (any order, several
 * header rows, a row of column numbers), section rows at every level, continuation rows merged into the row
 * above, separators and blank rows, several tables in one sheet, per-year planned value columns.
 */
import { dateInZone, formatRu, isDateValue, isoDate, type IsoDate } from './dates';
import { parseDeadline } from './deadline';
import type { Deadline, DeadlineContext } from './deadline-types';
import { a1, columnLetter, dayMonthText, MARKUP_TAG, numberText, type CellValue, type Grid } from './grid';
import { NO_ACTIVITIES, SHEETS } from './messages';
import {
  aliasDefinitions,
  readResponsible,
  shareWrittenAddresses,
  type ResponsibleDirectory,
} from './responsible';
import type { Activity, Problem, Roadmap } from './roadmap-model';
import type { School } from './schools';
import { readSettings, SETTING_KEYS, type Settings } from './settings';
import { checkActivities } from './validate';

/**
 * Columns the reader knows. `deadlineEnd` is a second deadline column («Сроки: начало | окончание»); per-year
 * planned value columns are kept apart (`Table.yearColumns`).
 */
export type Field =
  | 'number'
  | 'title'
  | 'deadline'
  | 'deadlineEnd'
  | 'responsible'
  | 'result'
  | 'indicator'
  | 'planned'
  | 'riskFactor';

/**
 * Header words → field, tried in this order on a lower-cased header («Результат выполнения мероприятия» is a
 * result, «Ответственный за результат» a responsible, «Плановое значение» a planned value). Gathered from the
 * seeds and published plans of the genre: «№ п.п.», «N п/п», «№№», «Содержание работы», «Наименование
 * мероприятия», «Направления деятельности», «Исполнители», «Срок исполнения», «Сроки реализации»,
 * «Ожидаемый (планируемый) результат», «Использование результатов», «Форма отчетности».
 */
const FIELD_RULES: readonly (readonly [Field, RegExp])[] = [
  [
    'number',
    /^(?:№\s*№|№|n|no|nn|мо|номер)\s*\.?\s*(?:п\s*[./\\]\s*п\.?|пп\.?)?$|^п\s*[./\\]\s*п\.?(?:\s*№)?$/,
  ],
  ['result', /^(?:планир\S*|планов\S*|ожидаем\S*|достигнут\S*|конечн\S*|итогов\S*)\s+результат/],
  ['planned', /планов\S*|целев\S* значени|значени\S* показател/],
  ['indicator', /показател|индикатор/],
  ['responsible', /ответствен|исполнител/],
  ['deadline', /срок|дата|период|время проведения/],
  ['result', /результат|итогов\S* документ|отчетн\S* документ|форм\S* отчетност/],
  ['riskFactor', /фактор\S* риск|групп\S* риск/],
  ['title', /мероприят|действи|задач|наименование|содержание|направлени|вид\S* работ/],
];

/** «Направления деятельности»: the title column only when no column names the activities themselves. */
const WEAK_TITLE = /^направлени/;

/** «2021», «2021 г.», «2021 год»: a per-year column. */
const YEAR_LABEL = /^((?:19|20)\d{2})\s*(?:г\.?|год)?$/;

/** One table of activities in the sheet: where its header is and which column holds what (0-based). */
export interface Table {
  /** 0-based row of the (first) header row. */
  headerRow: number;
  /** 0-based row of the last row belonging to the header (sub-headers, column numbers). */
  headerEnd: number;
  columns: Partial<Record<Field, number>>;
  yearColumns: { year: string; column: number }[];
  /** Fields present, as a key: two tables with the same key are one table split across pages. */
  shape: string;
}

/** An activity as read, with the A1 address of each of its cells (absent when the table has no such column). */
export interface ReadActivity extends Activity {
  cells: Partial<Record<Field, string>>;
  /** Per-year cells: year → A1. */
  yearCells: Record<string, string>;
  /** Key of the innermost section (for checks within a section). */
  sectionKey: string;
  /** Index of the table the activity was read from (0-based; a table split by a repeated header counts once). */
  table: number;
}

export interface Period {
  start: IsoDate;
  end: IsoDate;
  /** Where the period came from, for messages: «Настройки», «заголовок», «столбцы по годам», «сроки». */
  source: 'settings' | 'title' | 'year-columns' | 'deadlines' | 'default';
}

export interface RoadmapRead {
  /** Activities without parsed deadlines yet (`deadline` is a placeholder until `applyDeadlines`). */
  activities: ReadActivity[];
  tables: Table[];
  problems: Problem[];
  /** Text of the rows above the first table (the document's title), joined. */
  title: string;
}

// ---------------------------------------------------------------------------------------------------------
// Cell text

/** Cell text with stray markup removed (`<i>…</i>`, `<ul …>`, `**`; «<3» stays) and whitespace collapsed. */
export function cleanText(v: CellValue | undefined, timeZone = 'UTC'): string {
  if (v === null || v === undefined) return '';
  if (isDateValue(v)) return formatRu(dateInZone(v, timeZone));
  if (typeof v === 'number') return numberText(v);
  if (typeof v !== 'string') return String(v).trim();
  // Most cells have nothing to clean: skip the replacements (10,000-row sheets are read in one go).
  if (!/[<*&\n\t\r\u00a0]|\s\s/.test(v)) return v.trim();
  return v
    .replace(MARKUP_TAG, ' ')
    .replace(/\*\*/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Like `cleanText`, each line apart: a list written one item per line (parties of a cell) keeps its line breaks. */
export function cleanLines(v: CellValue | undefined, timeZone = 'UTC'): string {
  if (typeof v !== 'string' || !v.includes('\n')) return cleanText(v, timeZone);
  return v
    .split('\n')
    .map((l) => cleanText(l))
    .filter((l) => l !== '')
    .join('\n');
}

const lower = (s: string): string => s.toLowerCase().replace(/ё/g, 'е');

/** Starts with a lowercase letter (after quotes or brackets): the tail of a row broken across a page. */
export function startsLowercase(s: string): boolean {
  return /^[«"„(\s]*[a-zа-яё]/.test(s);
}

/** The most words a header cell has: a longer text is a title or a row. */
export const HEADER_WORDS = 8;

/** The field a header cell names, or undefined. */
export function classifyHeader(text: string): Field | 'year' | undefined {
  const t = lower(text).replace(/\s+/g, ' ').trim();
  if (t === '' || t.length > 80 || t.split(' ').length > HEADER_WORDS) return undefined;
  if (YEAR_LABEL.test(t)) return 'year';
  for (const [field, re] of FIELD_RULES) if (re.test(t)) return field;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Numbering

const ROMAN = /^[IVXLC]+$/;
/** «1», «1.», «1.1.», «I», «II.», «3)» — a row or section number as written. */
export const NUMBER_ONLY = /^(\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6})\s*[.)]?$/;
/** «3. Реализация мер…», «I Организационно-управленческие мероприятия», «1.1 Действия…». */
const NUMBERED_TITLE = /^(\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6})\s*[.)]?\s+([«"A-Za-zА-Яа-яЁё].*)$/;

function normalizeNumber(s: string): string {
  return s.replace(/\s+/g, '').replace(/[.)]+$/, '');
}

function sectionDepth(num: string): number {
  if (num === '' || ROMAN.test(num)) return 0;
  return num.split('.').length;
}

interface Section {
  number: string;
  title: string;
  depth: number;
  key: string;
  /** Titles from the outermost section to this one (shared by its activities: read-only). */
  path: string[];
  /** Numbering of this section and its parents, as activity ids start («1.1», «I»). */
  prefix: string;
}

/**
 * A number column with no header of its own (an empty cell over «1.», «1.1», «2.»): the column left of the
 * titles where most filled cells are row numbers, numbers or dates (Sheets types «1.2» into a date).
 */
function inferNumberColumn(grid: Grid, texts: string[][], table: Table, end: number): void {
  const title = table.columns.title;
  if (table.columns.number !== undefined || title === undefined || title === 0) return;
  const taken = new Set(Object.values(table.columns));
  for (let col = title - 1; col >= 0; col--) {
    if (taken.has(col)) return;
    let numbers = 0;
    let filled = 0;
    for (let r = table.headerEnd + 1; r < end; r++) {
      const text = texts[r]?.[col] ?? '';
      if (text === '') continue;
      filled++;
      const v = grid[r]?.[col];
      if (NUMBER_ONLY.test(text) || isDateValue(v) || typeof v === 'number') numbers++;
    }
    if (filled >= 2 && numbers * 10 >= filled * 8) {
      table.columns.number = col;
      table.shape = tableShape(table.columns, table.yearColumns);
      return;
    }
  }
}

/**
 * Numbering as it was written, in a table's number column: Sheets in a Russian locale types a pasted «1.2»,
 * «2.10» or «4.12» into a date (1 February, 2 October, 4 December), and an English-locale sheet «1.5» into a
 * number; either is the numbering «d.m» again («2.10», not «2.1»).
 */
function numberingAsWritten(
  grid: Grid,
  texts: string[][],
  table: Table,
  end: number,
  timeZone: string,
): void {
  const col = table.columns.number;
  if (col === undefined) return;
  for (let r = table.headerEnd + 1; r < end; r++) {
    const v = grid[r]?.[col];
    if (isDateValue(v)) texts[r][col] = dayMonthText(v, timeZone);
    else if (typeof v === 'number') texts[r][col] = String(v);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Header detection

function rowTexts(row: readonly CellValue[] | undefined, timeZone: string): string[] {
  return (row ?? []).map((v) => cleanText(v, timeZone));
}

/** A row «1 2 3 … n» under the header. */
function isColumnNumberRow(cells: string[]): boolean {
  const nums = cells.filter((c) => c !== '');
  if (nums.length < 3) return false;
  return nums.every((c, i) => c === String(i + 1));
}

function isSeparator(cells: string[]): boolean {
  const ne = cells.filter((c) => c !== '');
  return ne.length > 0 && ne.every((c) => /^[-–—_=*.\s|+]+$/.test(c));
}

interface HeaderGuess {
  labels: (Field | 'year' | undefined)[];
  fields: Set<Field>;
  classified: number;
  nonEmpty: number;
}

function guessHeader(cells: string[]): HeaderGuess {
  const labels = cells.map((c) => (c === '' ? undefined : classifyHeader(c)));
  const fields = new Set<Field>();
  let classified = 0;
  labels.forEach((l) => {
    if (l === undefined) return;
    classified++;
    if (l !== 'year') fields.add(l);
  });
  return { labels, fields, classified, nonEmpty: cells.filter((c) => c !== '').length };
}

/** Words of a deadline: a row holding one is data, however much it reads like a header («Ответственный отдел»). */
const DEADLINE_WORDS =
  /\d{1,2}\.\d{1,2}|январ|феврал|апрел|июн|июл|август|сентябр|октябр|ноябр|декабр|квартал|ежегодн|постоянн/i;

/** A header row of some table: short cells, at least two of them name known columns, no row number or deadline. */
function looksLikeHeader(g: HeaderGuess, cells: string[]): boolean {
  const first = cells.find((c) => c !== '') ?? '';
  if (/^\d/.test(first)) return false;
  if (g.fields.size < 2 || g.classified * 2 < g.nonEmpty) return false;
  return !cells.some((c) => DEADLINE_WORDS.test(c));
}

function isActivityHeader(g: HeaderGuess): boolean {
  const f = g.fields;
  return f.has('title') && (f.has('deadline') || f.has('responsible') || f.has('result') || f.has('planned'));
}

/** What a row starts: a table of activities, of indicators (targets), another table, or nothing (not a header). */
export function headerKind(cells: string[]): 'activities' | 'indicators' | 'other' | undefined {
  const g = guessHeader(cells);
  if (!looksLikeHeader(g, cells)) return undefined;
  if (isActivityHeader(g)) return 'activities';
  return cells.some((c) => /показател|целев|индикатор/i.test(c)) ? 'indicators' : 'other';
}

/**
 * A sub-header row: no row number, every cell names a column, a year or a part of its parent, and either several cells or one
 * under a merged parent (an empty cell of the header row) — a lone «Организационные мероприятия» is a section.
 */
function isSubHeader(cells: string[], top: string[], numberColumn: number | undefined): boolean {
  const filled = cells.flatMap((c, i) => (c === '' ? [] : [i]));
  if (filled.length === 0) return false;
  const numberCell = numberColumn === undefined ? '' : (cells[numberColumn] ?? '');
  // «№» over «п/п»: the second line of a header split across rows, not a row number.
  if (numberCell !== '' && classifyHeader(numberCell) !== 'number') return false;
  if (filled.length === 1 && (top[filled[0]] ?? '') !== '') return false;
  if (filled.some((i) => DEADLINE_WORDS.test(cells[i]))) return false;
  // «наименование», «начало», «окончание»: short lowercase labels under a merged parent.
  const subLabel = (c: string): boolean =>
    classifyHeader(c) !== undefined || (startsLowercase(c) && c.split(' ').length <= 3);
  return filled.every((i) => subLabel(cells[i]));
}

/** Two lines of one header cell: «Ответствен-» + «ные» → «Ответственные», «Срок» + «исполнения» → «Срок исполнения». */
export function joinHeaderLines(a: string, b: string): string {
  if (b === '') return a;
  return /[-‐]$/.test(a) ? `${a.slice(0, -1)}${b}` : `${a} ${b}`;
}

function tableShape(columns: Table['columns'], yearColumns: Table['yearColumns']): string {
  return (Object.keys(columns) as Field[]).sort().join(',') + (yearColumns.length ? ',years' : '');
}

/** Builds a table from its header row and, if present, a sub-header row (merged parent cells span right). */
function buildTable(headerRow: number, top: string[], sub: string[] | undefined, headerEnd: number): Table {
  const columns: Partial<Record<Field, number>> = {};
  const yearColumns: { year: string; column: number }[] = [];
  const width = Math.max(top.length, sub?.length ?? 0);
  let parent = '';
  let weakTitle = false;
  for (let c = 0; c < width; c++) {
    const own = top[c] ?? '';
    if (own !== '') parent = own;
    const subText = sub?.[c] ?? '';
    const parentText = own !== '' ? own : subText !== '' ? parent : '';
    let field: Field | 'year' | undefined;
    const subField = subText === '' ? undefined : classifyHeader(subText);
    if (subField !== undefined && subField !== 'title') field = subField;
    else if (parentText !== '')
      // «Ожидаемый | результат», «Ответствен- | ные»: a header split across two rows reads as one.
      field = classifyHeader(parentText) ?? classifyHeader(joinHeaderLines(parentText, subText)) ?? subField;
    else field = subField;
    const label = lower(own !== '' ? own : subText);
    if (field === 'title' && columns.title !== undefined && weakTitle && !WEAK_TITLE.test(label)) {
      columns.title = c;
      weakTitle = false;
      continue;
    }
    if (field === 'title' && columns.title === undefined) weakTitle = WEAK_TITLE.test(label);
    if (field === 'year') {
      const y = YEAR_LABEL.exec(lower(subText !== '' ? subText : own).trim());
      if (y?.[1]) yearColumns.push({ year: y[1], column: c });
    } else if (field === 'deadline' && columns.deadline !== undefined) {
      columns.deadlineEnd ??= c;
    } else if (field !== undefined && columns[field] === undefined) {
      columns[field] = c;
    }
  }
  // «Срок реализации, годы» over per-year columns is not a deadline column of its own.
  if (columns.deadline !== undefined && yearColumns.some((y) => y.column === columns.deadline))
    delete columns.deadline;
  return { headerRow, headerEnd, columns, yearColumns, shape: tableShape(columns, yearColumns) };
}

interface HeaderScan {
  tables: Table[];
  /** Rows (0-based) that start a table of another kind (indicators…): the activity table before it ends there. */
  foreign: Set<number>;
}

/** Two rows that only together read as a header of activities, joined cell by cell; undefined otherwise. */
function twoLineHeader(top: string[], next: string[] | undefined): string[] | undefined {
  if (!next || /^\d/.test(next.find((c) => c !== '') ?? '')) return undefined;
  const filled = (cells: string[]): number => cells.filter((c) => c !== '').length;
  // Both rows hold parts of several headers, and the second is not a header on its own.
  if (filled(top) < 2 || filled(next) < 2 || looksLikeHeader(guessHeader(next), next)) return undefined;
  const width = Math.max(top.length, next.length);
  const joined = Array.from({ length: width }, (_, c) => joinHeaderLines(top[c] ?? '', next[c] ?? '').trim());
  const g = guessHeader(joined);
  return looksLikeHeader(g, joined) && isActivityHeader(g) ? joined : undefined;
}

function scanHeaders(texts: string[][]): HeaderScan {
  const tables: Table[] = [];
  const foreign = new Set<number>();
  for (let r = 0; r < texts.length; r++) {
    const cells = texts[r] ?? [];
    // Rows starting with a number (activities, sections) are never headers: skip classifying their cells.
    if (/^\d/.test(cells.find((c) => c !== '') ?? '')) continue;
    const g = guessHeader(cells);
    if (!looksLikeHeader(g, cells)) {
      // Every header cell split over two rows («Наименование | мероприятия», «Срок | исполнения»): one header.
      const joined = twoLineHeader(cells, texts[r + 1]);
      if (joined) {
        let end = r + 1;
        const after = texts[end + 1];
        if (after && isColumnNumberRow(after)) end++;
        tables.push(buildTable(r, joined, undefined, end));
        r = end;
      }
      continue;
    }
    if (!isActivityHeader(g)) {
      foreign.add(r);
      continue;
    }
    const numberColumn = g.labels.indexOf('number');
    let end = r;
    let sub: string[] | undefined;
    // A header cell merged over both header rows repeats in the second (merges are filled down): not a sub-label.
    const next = texts[r + 1]?.map((c, i) => (c === cells[i] ? '' : c));
    if (
      next &&
      isSubHeader(next, cells, numberColumn >= 0 ? numberColumn : undefined) &&
      !isColumnNumberRow(next)
    ) {
      sub = next;
      end = r + 1;
    }
    const after = texts[end + 1];
    if (after && isColumnNumberRow(after)) end++;
    tables.push(buildTable(r, cells, sub, end));
    r = end;
  }
  return { tables, foreign };
}

// ---------------------------------------------------------------------------------------------------------
// Rows → activities

const problem = (severity: Problem['severity'], cell: string, message: string, fix: string): Problem => ({
  severity,
  sheet: SHEETS.activities,
  cell,
  message,
  fix,
});

const placeholderDeadline = (text: string): Deadline => ({
  kind: text === '' ? 'empty' : 'unknown',
  text,
  due: [],
  issues: [],
});

/**
 * Reads the activity tables of a `Мероприятия` grid. Deadlines are left as placeholders: the period the
 * deadline grammar needs may itself come from the activities (`readRoadmap` parses them once `resolvePeriod` has it).
 */
export function readActivities(grid: Grid, timeZone = 'UTC'): RoadmapRead {
  const texts = grid.map((row) => rowTexts(row, timeZone));
  const { tables, foreign } = scanHeaders(texts);
  tables.forEach((t, i) => {
    const end = tables[i + 1]?.headerRow ?? texts.length;
    inferNumberColumn(grid, texts, t, end);
    numberingAsWritten(grid, texts, t, end, timeZone);
  });
  const problems: Problem[] = [];
  const activities: ReadActivity[] = [];
  const firstHeader = tables[0]?.headerRow ?? texts.length;
  // The document's title: lines of text above the first table (rows of other tables there are not titles).
  const title = texts
    .slice(0, firstHeader)
    .map((cells) => [...new Set(cells.filter((c) => c !== ''))])
    .filter((distinct) => distinct.length === 1)
    .join(' ');
  if (tables.length === 0) {
    // An empty sheet has no header to look for: it has no activities.
    problems.push(
      texts.every((cells) => cells.every((c) => c === ''))
        ? problem('ошибка', 'A1', NO_ACTIVITIES.message, NO_ACTIVITIES.fix)
        : problem(
            'ошибка',
            'A1',
            'Не найдена строка заголовков таблицы мероприятий.',
            'Добавьте над таблицей строку заголовков, например: «№ п/п», «Мероприятие», «Срок», «Ответственные», «Ожидаемый результат».',
          ),
    );
    return { activities, tables, problems, title };
  }

  const headerAt = new Map(tables.map((t, i) => [t.headerRow, i]));
  let tableIndex = -1;
  let table: Table | undefined;
  let stack: Section[] = [];
  let prev: ReadActivity | undefined;
  const usedIds = new Map<string, number>();
  const numbersSeen = new Map<string, number>();
  const unnumberedCount = new Map<string, number>();
  // A lone line right above a table's header is its caption («ДОРОЖНАЯ КАРТА»), not a row of the table before.
  const captions = new Set<number>();
  for (const h of [...tables.map((t) => t.headerRow), ...foreign]) {
    let k = h - 1;
    while (k >= 0 && (texts[k] ?? []).every((c) => c === '')) k--;
    const lone = new Set((texts[k] ?? []).filter((c) => c !== ''));
    const text = [...lone][0] ?? '';
    if (lone.size === 1 && !startsLowercase(text) && !/^\d/.test(text)) captions.add(k);
  }

  const pushSection = (number: string, text: string, row: number): void => {
    const depth = sectionDepth(number);
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= depth) stack.pop();
    const parent = stack[stack.length - 1];
    const key = `${parent?.key ?? `t${tableIndex}`}/${number || `r${row}`}`;
    const prefix = sectionPrefix([...stack, { number }]);
    stack.push({ number, title: text, depth, key, path: [...(parent?.path ?? []), text], prefix });
    prev = undefined;
  };

  /** Next row (after r) with a row number in the number column, or undefined. */
  const nextNumber = (r: number, col: number): string | undefined => {
    for (let k = r + 1; k < texts.length; k++) {
      if (headerAt.has(k)) return undefined;
      const c = texts[k]?.[col] ?? '';
      if (c === '') continue;
      const m = NUMBER_ONLY.exec(c);
      return m?.[1];
    }
    return undefined;
  };

  for (let r = tables[0]?.headerRow ?? 0; r < texts.length; r++) {
    const startsTable = headerAt.get(r);
    if (startsTable !== undefined) {
      const next = tables[startsTable];
      // A repeated header with the same columns continues the table (a page break, where a broken row may go
      // on right under the header); another shape starts afresh.
      if (!table || table.shape !== next.shape) {
        stack = [];
        prev = undefined;
        tableIndex++;
        reportMissingColumns(next, problems);
      }
      table = next;
      r = table.headerEnd;
      continue;
    }
    if (foreign.has(r)) {
      if (table) {
        problems.push(
          problem(
            'предупреждение',
            a1(r + 1, 1),
            `Таблица со строки ${r + 1} не похожа на таблицу мероприятий (нет столбца «Мероприятие» со сроками или ответственными) и пропущена.`,
            'Если это мероприятия, назовите столбцы: «Мероприятие», «Срок», «Ответственные»; иначе перенесите таблицу на лист «Показатели».',
          ),
        );
      }
      table = undefined;
      continue;
    }
    if (!table) continue;
    const cells = texts[r] ?? [];
    const filled: number[] = [];
    cells.forEach((c, i) => {
      if (c !== '') filled.push(i);
    });
    if (filled.length === 0 || isSeparator(cells) || isColumnNumberRow(cells)) continue;

    const cols = table.columns;
    const numCol = cols.number;
    const titleCol = cols.title ?? 0;
    const numCell = numCol === undefined ? '' : (cells[numCol] ?? '');
    const titleCell = cells[titleCol] ?? '';
    const firstText = cells[filled[0]];
    const oneText = filled.every((i) => cells[i] === firstText);

    // One text in the row (possibly repeated across merged cells): a section title or the tail of the row above.
    if (oneText) {
      if (captions.has(r)) continue;
      const at = filled[0];
      const numbered = NUMBERED_TITLE.exec(firstText);
      if (numbered && !startsLowercase(numbered[2])) {
        pushSection(normalizeNumber(numbered[1]), firstText, r);
        continue;
      }
      const numberAlone = at === numCol && NUMBER_ONLY.test(firstText);
      if (!numberAlone) {
        const leftmost = at === numCol || at === titleCol || at === 0;
        if (startsLowercase(firstText) || /^\d/.test(firstText) || !leftmost) {
          if (prev) appendContinuation(prev, table, cells, [at], r);
          continue;
        }
        pushSection('', firstText, r);
        continue;
      }
    }

    // «I. | Организационные мероприятия» and nothing else in a table without a number column: a section.
    if (numCol === undefined && filled.length === 2 && filled[1] === filled[0] + 1) {
      const lone = NUMBER_ONLY.exec(firstText);
      const sectionTitle = cells[filled[1]];
      if (lone && !startsLowercase(sectionTitle)) {
        pushSection(normalizeNumber(lone[1]), `${firstText} ${sectionTitle}`, r);
        continue;
      }
    }
    const rowNumber = NUMBER_ONLY.exec(numCell)?.[1];
    // «1. | Реализация мер…» with nothing else: a section when the next numbered row is inside it («1.1.»).
    if (rowNumber !== undefined && numCol !== undefined && filled.length === 2 && titleCell !== '') {
      const n = normalizeNumber(rowNumber);
      const following = nextNumber(r, numCol);
      if (ROMAN.test(n) || (following !== undefined && normalizeNumber(following).startsWith(`${n}.`))) {
        pushSection(n, `${numCell} ${titleCell}`, r);
        continue;
      }
    }
    // Number column holding a whole section title, other cells empty except repeats.
    if (rowNumber === undefined && numCell !== '' && NUMBERED_TITLE.test(numCell) && titleCell === '') {
      const m = NUMBERED_TITLE.exec(numCell) as RegExpExecArray;
      pushSection(normalizeNumber(m[1]), numCell, r);
      continue;
    }
    if (numCell === '' && prev && (titleCell === '' || startsLowercase(titleCell))) {
      appendContinuation(prev, table, cells, filled, r);
      continue;
    }

    // A new activity.
    const number = rowNumber !== undefined ? normalizeNumber(rowNumber) : '';
    const section = stack[stack.length - 1];
    // Rows outside any section are scoped by their table, so a second table may number from 1 again.
    const sectionKey = section ? section.key : `t${tableIndex}`;
    const prefix = section?.prefix ?? '';
    let id: string;
    if (number !== '') {
      id = number.includes('.') || prefix === '' ? number : `${prefix}.${number}`;
      const key = `${sectionKey}|${number}`;
      const seenRow = numbersSeen.get(key);
      if (seenRow !== undefined) {
        const where = section ? ` в разделе «${section.title}»` : '';
        problems.push(
          problem(
            'предупреждение',
            a1(r + 1, (numCol ?? 0) + 1),
            `Номер «${numCell}» повторяется${where}: он уже есть в строке ${seenRow}.`,
            'Исправьте нумерацию, чтобы у каждого мероприятия раздела был свой номер.',
          ),
        );
      } else numbersSeen.set(key, r + 1);
    } else {
      const k = (unnumberedCount.get(sectionKey) ?? 0) + 1;
      unnumberedCount.set(sectionKey, k);
      id = prefix === '' ? String(k) : `${prefix}.${k}`;
    }
    const uses = (usedIds.get(id) ?? 0) + 1;
    usedIds.set(id, uses);
    if (uses > 1) {
      id = `${id}(${uses})`;
      usedIds.set(id, 1);
    }

    const rowNo = r + 1;
    const cellOf = (f: Field): string | undefined =>
      cols[f] === undefined ? undefined : `${columnLetter(cols[f] + 1)}${rowNo}`;
    const text = (f: Field): string => (cols[f] === undefined ? '' : (cells[cols[f]] ?? ''));
    const activityCells: Partial<Record<Field, string>> = {};
    for (const f of Object.keys(cols) as Field[]) activityCells[f] = cellOf(f);
    const plannedByYear: Record<string, string> = {};
    const yearCells: Record<string, string> = {};
    for (const { year, column } of table.yearColumns) {
      plannedByYear[year] = cells[column] ?? '';
      yearCells[year] = `${columnLetter(column + 1)}${rowNo}`;
    }
    const activity: ReadActivity = {
      id,
      number: numCell,
      sectionPath: section?.path ?? [],
      title: text('title'),
      deadlineText: deadlineRange(text('deadline'), text('deadlineEnd')),
      deadline: placeholderDeadline(text('deadline')),
      responsibleText:
        cols.responsible === undefined ? '' : cleanLines(grid[r]?.[cols.responsible], timeZone),
      responsible: [],
      expectedResult: text('result'),
      indicator: text('indicator'),
      planned: text('planned'),
      plannedByYear,
      riskFactor: text('riskFactor'),
      sourceRow: r + 1,
      sourceCell: `${columnLetter(titleCol + 1)}${rowNo}`,
      cells: activityCells,
      yearCells,
      sectionKey,
      table: tableIndex,
    };
    activities.push(activity);
    prev = activity;
  }
  if (activities.length === 0) {
    // A header with nothing under it (a fresh template, rows deleted): nothing to check, say so instead of «0 ошибок».
    const under = (tables[0]?.headerEnd ?? 0) + 2;
    problems.push(problem('ошибка', `A${under}`, NO_ACTIVITIES.message, NO_ACTIVITIES.fix));
  }
  return { activities, tables, problems, title };
}

/** Numbering of the enclosing sections: «1.1» for 1 › 1.1, «I» for a Roman section, «I.2» for I › 2. */
function sectionPrefix(stack: readonly Pick<Section, 'number'>[]): string {
  let p = '';
  for (const s of stack) {
    if (s.number === '') continue;
    p = p === '' || s.number === p || s.number.startsWith(`${p}.`) ? s.number : `${p}.${s.number}`;
  }
  return p;
}

const FIELD_OF_KEY: Record<Field, keyof Activity | undefined> = {
  number: undefined,
  title: 'title',
  deadline: 'deadlineText',
  responsible: 'responsibleText',
  result: 'expectedResult',
  indicator: 'indicator',
  planned: 'planned',
  riskFactor: 'riskFactor',
  deadlineEnd: undefined,
};

/** Two deadline columns (start and end) read as one phrase: «с 01.02.2021 по 31.03.2021». */
function deadlineRange(start: string, end: string): string {
  if (start === '' || end === '' || start === end) return start || end;
  return `с ${start} по ${end}`;
}

function joinText(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return `${a} ${b}`;
}

/** Merges a row broken across a page into the activity above, cell by cell. */
function appendContinuation(
  prev: ReadActivity,
  table: Table,
  cells: string[],
  filled: number[],
  row: number,
): void {
  const byColumn = new Map<number, Field>();
  for (const [f, c] of Object.entries(table.columns) as [Field, number][]) byColumn.set(c, f);
  const years = new Map(table.yearColumns.map((y) => [y.column, y.year]));
  for (const c of filled) {
    const text = cells[c] ?? '';
    const year = years.get(c);
    if (year !== undefined) {
      prev.plannedByYear[year] = joinText(prev.plannedByYear[year] ?? '', text);
      if (!prev.yearCells[year]) prev.yearCells[year] = a1(row + 1, c + 1);
      continue;
    }
    const field = byColumn.get(c);
    const key = field === undefined ? undefined : FIELD_OF_KEY[field];
    if (field === undefined || key === undefined) continue;
    const record = prev as unknown as Record<string, string>;
    record[key] = joinText(record[key] ?? '', text);
    if (field === 'deadline') prev.deadline = placeholderDeadline(prev.deadlineText);
  }
}

function reportMissingColumns(table: Table, problems: Problem[]): void {
  const at = a1(table.headerRow + 1, 1);
  if (table.columns.deadline === undefined && table.yearColumns.length === 0) {
    problems.push(
      problem(
        'ошибка',
        at,
        `В таблице со строки ${table.headerRow + 1} нет столбца сроков.`,
        'Добавьте столбец «Срок» (или «Сроки реализации», «Срок исполнения») и укажите срок каждого мероприятия.',
      ),
    );
  }
  if (table.columns.responsible === undefined) {
    problems.push(
      problem(
        'предупреждение',
        at,
        `В таблице со строки ${table.headerRow + 1} нет столбца ответственных: напоминания некому отправлять.`,
        'Добавьте столбец «Ответственные» и укажите исполнителей (например, «УО, ММЦ, ОО» или «Иванова И.И.»).',
      ),
    );
  }
  if (table.columns.result === undefined) {
    problems.push(
      problem(
        'предупреждение',
        at,
        `В таблице со строки ${table.headerRow + 1} нет столбца ожидаемого результата.`,
        'Добавьте столбец «Ожидаемый результат», чтобы было видно, чем подтверждается выполнение.',
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Period

/** «на 2021-2023 годы», «на 2023 - 2025 годы», «в 2022 году», «на 2021 г.» in a title. */
const TITLE_PERIOD =
  /(?:^|[\s(«"])(?:на|в)\s+((?:19|20)\d{2})(?:\s*[-–—]\s*((?:19|20)\d{2}))?\s*(?:гг?\.?|год[ауы]?|годах)(?=$|[\s.,;:)»"*])/i;

/** The years of a period named in a title, or undefined. */
export function periodFromTitle(text: string): { start: number; end: number } | undefined {
  const m = TITLE_PERIOD.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] ? Number(m[2]) : start;
  return end >= start ? { start, end } : undefined;
}

/**
 * The roadmap's period: `Настройки` if the user set it, else the title («на 2021-2023 годы»), else the
 * per-year columns, else the years written in the deadlines, else the fallback year.
 */
export function resolvePeriod(
  read: Pick<RoadmapRead, 'title' | 'tables' | 'activities'>,
  settingsPeriod: { start?: IsoDate; end?: IsoDate },
  fallbackYear: number,
): Period {
  const fromYears = (a: number, b: number, source: Period['source']): Period => ({
    start: isoDate(a, 1, 1),
    end: isoDate(b, 12, 31),
    source,
  });
  const title = periodFromTitle(read.title);
  let guess: Period | undefined;
  if (title) guess = fromYears(title.start, title.end, 'title');
  if (!guess) {
    const years = read.tables.flatMap((t) => t.yearColumns.map((y) => Number(y.year)));
    if (years.length > 0) guess = fromYears(Math.min(...years), Math.max(...years), 'year-columns');
  }
  if (!guess) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const a of read.activities) {
      for (const m of a.deadlineText.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)) {
        const y = Number(m[1]);
        if (y < lo) lo = y;
        if (y > hi) hi = y;
      }
    }
    if (lo <= hi) guess = fromYears(lo, hi, 'deadlines');
  }
  guess ??= fromYears(fallbackYear, fallbackYear, 'default');
  if (settingsPeriod.start || settingsPeriod.end) {
    return {
      start: settingsPeriod.start ?? guess.start,
      end: settingsPeriod.end ?? guess.end,
      source: 'settings',
    };
  }
  return guess;
}

// ---------------------------------------------------------------------------------------------------------
// The whole pipeline

export interface RoadmapSources {
  /** `Мероприятия`, as getValues returns it. */
  activities: Grid;
  /** `Настройки`, or [] when the sheet is missing. */
  settings: Grid;
  /** `Ответственные`, or [] when the sheet is missing. */
  responsible: Grid;
  /** The schools of `Школы` (none when the sheet is missing): they reach a party meaning all schools. */
  schools?: readonly School[];
  /** The spreadsheet's time zone: dates typed into cells are calendar dates there. */
  timeZone: string;
  /** Year used when nothing names the period (today's year in the spreadsheet's zone). */
  fallbackYear: number;
}

export interface ReadRoadmapResult {
  roadmap: Roadmap;
  /** The same activities as `roadmap.activities`, with the cell address of each field. */
  activities: ReadActivity[];
  settings: Settings;
  period: Period;
  directory: ResponsibleDirectory;
  tables: Table[];
}

/** «2020 г., 2021 г.»: the deadline of per-year columns, due on 31 December of each year with a value. */
function yearColumnsDeadline(a: ReadActivity): Deadline {
  const years = Object.entries(a.plannedByYear)
    .filter(([, v]) => v !== '')
    .map(([y]) => Number(y))
    .sort((x, y) => x - y);
  const text = years.map((y) => `${y} г.`).join(', ');
  if (years.length === 0) return { kind: 'empty', text, due: [], issues: [] };
  return {
    kind: years.length === 1 ? 'year' : 'several',
    text,
    start: isoDate(years[0], 1, 1),
    end: isoDate(years[years.length - 1], 12, 31),
    due: years.map((y) => isoDate(y, 12, 31)),
    issues: [],
  };
}

/** Which of the period settings the user actually filled in (readable values only). */
function periodSettings(
  grid: Grid,
  settings: Settings,
  problems: readonly Problem[],
): { start?: IsoDate; end?: IsoDate } {
  const out: { start?: IsoDate; end?: IsoDate } = {};
  grid.forEach((row, i) => {
    const key = cleanText(row[0]).toLowerCase();
    if (cleanText(row[1]) === '' || problems.some((p) => p.cell === a1(i + 1, 2))) return;
    if (key === SETTING_KEYS.periodStart[0].toLowerCase()) out.start = settings.periodStart;
    if (key === SETTING_KEYS.periodEnd[0].toLowerCase()) out.end = settings.periodEnd;
  });
  return out;
}

/**
 * Reads and validates a roadmap from its three sheets: the activities with parsed deadlines and resolved
 * responsible parties, the settings (their period set to the roadmap's), and every problem found.
 * Linear in the number of rows.
 */
export function readRoadmap(src: RoadmapSources): ReadRoadmapResult {
  const read = readActivities(src.activities, src.timeZone);
  const settingsRead = readSettings(src.settings, src.timeZone, src.fallbackYear);
  const responsibleRead = readResponsible(src.responsible);
  const period = resolvePeriod(
    read,
    periodSettings(src.settings, settingsRead.settings, settingsRead.problems),
    src.fallbackYear,
  );
  const directory = responsibleRead.directory;
  // «Роль» on `Ответственные`, as the template suggests: a «координатор» gets what the coordinators of
  // `Настройки` get (escalations, the weekly summary), a «куратор» what the curators get.
  const settings: Settings = {
    ...settingsRead.settings,
    coordinators: directory.withRole('координатор', settingsRead.settings.coordinators),
    curators: directory.withRole('куратор', settingsRead.settings.curators),
    periodStart: period.start,
    periodEnd: period.end,
  };
  const ctx: DeadlineContext = {
    periodStart: period.start,
    periodEnd: period.end,
    defaultYear: Number(period.start.slice(0, 4)),
  };
  // «… (далее - Министерство)» in the title or a cell lets later cells name the body by its short name.
  for (const text of [read.title, ...read.activities.flatMap((a) => [a.responsibleText, a.title])])
    for (const { alias, fullName } of aliasDefinitions(text)) directory.defineAlias(alias, fullName);
  // The same phrases repeat across a roadmap («постоянно», «ежегодно»): parse each once. Deadlines are shared, read-only.
  const parsed = new Map<string, Deadline>();
  const deadlineOf = (text: string): Deadline => {
    let d = parsed.get(text);
    if (!d) {
      d = parseDeadline(text, ctx);
      parsed.set(text, d);
    }
    return d;
  };
  for (const a of read.activities) {
    a.deadline =
      a.cells.deadline === undefined && Object.keys(a.yearCells).length > 0
        ? yearColumnsDeadline(a)
        : deadlineOf(a.deadlineText);
    if (a.cells.deadline === undefined) a.deadlineText = a.deadline.text;
    a.responsible = directory.resolve(a.responsibleText);
  }
  shareWrittenAddresses(read.activities.map((a) => a.responsible));
  const problems = [
    ...settingsRead.problems,
    ...responsibleRead.problems,
    ...read.problems,
    ...checkActivities(read.activities, {
      periodStart: period.start,
      periodEnd: period.end,
      directory,
      schools: src.schools ?? [],
    }),
  ];
  return {
    roadmap: { activities: read.activities, problems, periodStart: period.start, periodEnd: period.end },
    activities: read.activities,
    settings,
    period,
    directory,
    tables: read.tables,
  };
}
