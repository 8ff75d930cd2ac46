/**
 * A roadmap as someone pasted or exported it (preamble, tab-separated tables, section lines, several tables)
 * → the rows of the workbook's sheets: `Мероприятия` (activity tables as written), `Показатели`
 * (indicator tables, per-year targets) and the period for `Настройки`.
 */
import { MARKUP_TAG, valueText } from './grid';
import {
  cleanLines,
  cleanText,
  headerKind,
  periodFromTitle,
  readActivities,
  resolvePeriod,
  startsLowercase,
} from './roadmap-reader';

export type SheetCell = string | number;

/** One line of the source: its cells, and whether it was a table row (tabs, or several cells in a grid). */
export interface SourceLine {
  cells: string[];
  tabbed: boolean;
}

export interface ImportedTable {
  kind: 'activities' | 'indicators' | 'other';
  /** 1-based line of its header in the source. */
  line: number;
  rows: number;
}

export interface ImportedRoadmap {
  /** The document title (the paragraph naming the period, or the roadmap's name). */
  title: string;
  /** `Мероприятия`: the title, then each activity table with its header, sections and broken rows as written. */
  activities: SheetCell[][];
  /** `Показатели`: indicator tables as written, then per-year planned values of the activities. */
  indicators: SheetCell[][];
  /** Years of the roadmap period, when the document names them (title, per-year columns or deadlines). */
  period?: { start: number; end: number };
  tables: ImportedTable[];
}

/**
 * Splits pasted text into lines of cells. Tabs separate cells; a cell that starts with `"` may run over
 * several lines (how Excel and Google Sheets copy a multi-line cell), `""` inside it being one quote.
 */
export function splitPastedText(text: string): SourceLine[] {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const quoted = parseTsv(src, true);
  const rows = quoted ?? parseTsv(src, false) ?? [];
  return rows.map((cells) => ({ cells, tabbed: cells.length > 1 }));
}

/** TSV with optional quoting; undefined when a quote never closes (the text was not quoted TSV). */
function parseTsv(src: string, quotes: boolean): string[][] | undefined {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  while (i < src.length) {
    const ch = src[i];
    if (quotes && atCellStart && ch === '"') {
      const close = findClosingQuote(src, i + 1);
      if (close < 0) return undefined;
      const after = src[close + 1];
      if (after === undefined || after === '\t' || after === '\n') {
        cell = src.slice(i + 1, close).replace(/""/g, '"');
        i = close + 1;
        atCellStart = false;
        continue;
      }
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else cell += ch;
    i++;
  }
  row.push(cell);
  rows.push(row);
  return rows;
}

function findClosingQuote(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] !== '"') continue;
    if (src[i + 1] === '"') {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

/**
 * Lines of a grid read from `.csv` or `.xlsx`. Every row is a table row: a one-cell row inside a table is a
 * section title merged across the columns, not prose ending the table (as a line without tabs is in pasted text).
 */
export function gridLines(grid: readonly (readonly unknown[])[]): SourceLine[] {
  return grid.map((row) => ({ cells: row.map(valueText), tabbed: true }));
}

/** Cell text for the workbook: markup removed, line breaks kept, list bullets on their own lines, whole numbers as numbers. */
function sheetCell(raw: string): SheetCell {
  const t = cleanLines(raw)
    .replace(/\s*([•✓])\s*/g, '\n$1 ')
    .trim();
  return /^(?:0|[1-9]\d{0,8})$/.test(t) ? Number(t) : t;
}

const BULLET = /\s*[•✓]\s*/;

/**
 * An indicator table with one indicator per bullet («<ul> • a • b»): each bullet gets its own row, so that
 * every indicator has its own plan and fact cells. A row broken across a page continues the bullets above
 * (its text before the first bullet ends the last bullet).
 */
function bulletRows(rows: readonly string[][]): SheetCell[][] {
  const out: SheetCell[][] = [];
  let group: string[][] | undefined;
  const flush = (): void => {
    if (!group) return;
    const height = Math.max(1, ...group.map((col) => col.length));
    for (let k = 0; k < height; k++) out.push(trimRow(group.map((col) => sheetCell(col[k] ?? ''))));
    group = undefined;
  };
  rows.forEach((row, index) => {
    const split = row.map((c) => {
      const [head = '', ...bullets] = cleanText(c).split(BULLET);
      return { head: head.trim(), bullets: bullets.map((b) => b.trim()).filter((b) => b !== '') };
    });
    const continuation = index > 0 && group !== undefined && (split[0]?.head ?? '') === '';
    if (continuation && group) {
      split.forEach((cell, c) => {
        const col = (group as string[][])[c] ?? [];
        if (cell.head !== '') {
          if (col.length === 0) col.push(cell.head);
          else col[col.length - 1] = `${col[col.length - 1] ?? ''} ${cell.head}`;
        }
        col.push(...cell.bullets);
        (group as string[][])[c] = col;
      });
      return;
    }
    flush();
    group = split.map((cell) =>
      cell.head !== '' ? [cell.head, ...cell.bullets] : cell.bullets.length > 0 ? cell.bullets : [''],
    );
  });
  flush();
  return out;
}

const SECTION_LINE = new RegExp(
  `^(?:${MARKUP_TAG.source}\\s*)*(?:\\d{1,3}(?:\\.\\d{1,3})*|[IVXLC]{1,6})\\s*[.)]?\\s+\\S`,
);

/** Rows of the sheets from the lines of a document. */
export function importLines(lines: readonly SourceLine[]): ImportedRoadmap {
  const texts = lines.map((l) => l.cells.map((c) => cleanText(c)));
  const blank = (i: number): boolean => (texts[i] ?? []).every((c) => c === '');
  const kindAt = (i: number): ImportedTable['kind'] | undefined =>
    (lines[i]?.tabbed ?? false) ? headerKind(texts[i] ?? []) : undefined;
  const nextFilled = (i: number): number => {
    let k = i + 1;
    while (k < lines.length && blank(k)) k++;
    return k;
  };

  interface Block {
    kind: ImportedTable['kind'];
    line: number;
    rows: number[];
  }
  const blocks: Block[] = [];
  const paragraphs: { text: string; before: number }[] = [];
  let current: Block | undefined;
  let paragraph: string[] = [];
  const endParagraph = (i: number): void => {
    if (paragraph.length > 0) paragraphs.push({ text: paragraph.join(' '), before: i });
    paragraph = [];
  };

  for (let i = 0; i < lines.length; i++) {
    if (blank(i)) {
      endParagraph(i);
      continue;
    }
    const kind = kindAt(i);
    // A header line right under a header is its second row («наименование | плановое значение | 2020 г.»).
    const underHeader = current !== undefined && current.rows.length === 1 && current.rows[0] === i - 1;
    if (kind !== undefined && !underHeader) {
      endParagraph(i);
      current = { kind, line: i + 1, rows: [i] };
      blocks.push(current);
      continue;
    }
    const line = lines[i];
    const text = (texts[i] ?? []).filter((c) => c !== '').join(' ');
    if (current && line.tabbed) {
      current.rows.push(i);
      continue;
    }
    // A line of text inside a table: a section title («3. Реализация…», «<i>2.4 …</i>») or a broken row's tail,
    // unless it is the caption of the next table.
    const next = nextFilled(i);
    const captionOfNext = kindAt(next) !== undefined;
    if (
      current &&
      !captionOfNext &&
      (SECTION_LINE.test(line.cells.join(' ').trim()) || startsLowercase(text))
    ) {
      current.rows.push(i);
      continue;
    }
    current = undefined;
    paragraph.push(text);
  }
  endParagraph(lines.length);

  const firstActivities = blocks.find((b) => b.kind === 'activities');
  const beforeTables = paragraphs.filter(
    (p) => p.before <= (firstActivities ? firstActivities.line - 1 : lines.length),
  );
  const titled =
    [...beforeTables].reverse().find((p) => periodFromTitle(p.text)) ??
    [...beforeTables].reverse().find((p) => /дорожн|план/i.test(p.text));
  const title = titled ? cleanText(titled.text) : '';

  const activities: SheetCell[][] = [];
  if (title !== '') activities.push([title], []);
  const indicators: SheetCell[][] = [];
  const tables: ImportedTable[] = [];
  const append = (target: SheetCell[][], rows: SheetCell[][]): void => {
    if (target.length > 0 && (target[target.length - 1] ?? []).length > 0) target.push([]);
    target.push(...rows);
  };
  for (const b of blocks) {
    tables.push({ kind: b.kind, line: b.line, rows: b.rows.length });
    const cells = b.rows.map((i) => lines[i].cells);
    if (b.kind === 'activities') {
      const rows = cells.map((c) => trimRow(c.map(sheetCell)));
      append(activities, rows);
      // Per-year targets («2020 г.», «плановое значение») are indicators too: the table goes to both sheets.
      const header = texts.slice(b.line - 1, b.line + 1).flat();
      if (header.some((h) => /^(?:19|20)\d{2}\s*(?:г\.?|год)?$/i.test(h) || /планов/i.test(h)))
        append(indicators, rows);
    } else if (b.kind === 'indicators') append(indicators, bulletRows(cells));
  }

  const read = readActivities(activities);
  const titlePeriod = periodFromTitle(title);
  let period = titlePeriod;
  if (!period) {
    const p = resolvePeriod(read, {}, 0);
    if (p.source !== 'default')
      period = { start: Number(p.start.slice(0, 4)), end: Number(p.end.slice(0, 4)) };
  }
  return period
    ? { title, activities, indicators, period, tables }
    : { title, activities, indicators, tables };
}

function trimRow(cells: SheetCell[]): SheetCell[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === '') n--;
  return cells.slice(0, n);
}

/** Pasted roadmap text → sheet rows. */
export function importText(text: string): ImportedRoadmap {
  return importLines(splitPastedText(text));
}
