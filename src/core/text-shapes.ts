/**
 * The shapes a roadmap takes as copied text, each turned into the lines of cells the import reads:
 * - tab-separated (copied from Excel, Sheets or Word) — as is;
 * - cells between «|» (legal databases, Markdown, box-drawn tables): one row per line, or per group of lines
 *   between «├──┼──┤» rules;
 * - cells ending with « |», one or several lines each (КонсультантПлюс, Гарант copied from the browser);
 * - one cell per line or per paragraph (a web page or PDF copied as text; numbers alone on a line «   1»).
 * In the last two, rows are not marked: the columns come from the header cells the roadmap reader recognises,
 * rows start at their numbers. What cannot be told apart unambiguously is refused with its line number.
 */
import { UserError } from './errors';
import { count, NOUNS } from './plural';
import { splitPastedText, type SourceLine } from './import-text';
import { fitRow, LONE_NUMBER, PAGE_MARK, settleByColumns, type Piece, type Unfitted } from './pdf-cells';
import {
  classifyHeader,
  cleanText,
  HEADER_WORDS,
  headerKind,
  joinHeaderLines,
  NUMBER_ONLY,
  startsLowercase,
} from './roadmap-reader';

/** A cell of a stream shape and the 1-based line it starts on. */
interface StreamCell {
  text: string;
  line: number;
}

const FIX =
  'Впишите «—» в пустые ячейки таблицы в исходном документе и скопируйте её снова, или сохраните документ как .docx (страницу сайта — как .html) и укажите этот файл.';

const refuse = (line: number, what: string, fix = FIX): never => {
  throw new UserError(`Строка ${line}: ${what}`, fix);
};

/** What to do with a row that has cells wrapped over lines: join the lines of `fit` (or all of them), or copy the table otherwise. */
function joinFix(fit: Pick<Unfitted, 'sure' | 'either'>): string {
  const pairs = (list: readonly [number, number][]): string[] => list.map(([a, b]) => `${a} и ${b}`);
  const [first, ...others] = pairs(fit.either);
  const sure = pairs(fit.sure);
  const which =
    first !== undefined
      ? `Соедините в одну строки ${first}${others.length > 0 ? ` (или ${others.join(', или ')})` : ''} — ту пару, где перенесена одна ячейка${sure.length > 0 ? `, а также строки ${sure.join(', ')}` : ''}, —`
      : 'Соедините в исходном тексте перенесённые части каждой ячейки этой строки в одну строку';
  return `${which} и повторите импорт, или сохраните документ как .docx (страницу сайта — как .html) и укажите этот файл.`;
}

/** A cell's text wrapped over several lines (the width of a page or a column), as one line. */
const unwrap = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();
const textLine = (text: string): SourceLine => ({ cells: [text], tabbed: false });
const rowLine = (cells: string[]): SourceLine => ({ cells, tabbed: true });
const BLANK: SourceLine = { cells: [], tabbed: false };

// ---------------------------------------------------------------------------------------------------------
// Numbering

const numberParts = (s: string): string[] =>
  s
    .replace(/\s+/g, '')
    .replace(/[.)]+$/, '')
    .split('.');
const ROMAN = /^[IVXLC]+$/;
const romanValue = (s: string): number =>
  [...s].reduce((acc, ch, i) => {
    const v = { I: 1, V: 5, X: 10, L: 50, C: 100 }[ch] ?? 0;
    const next = { I: 1, V: 5, X: 10, L: 50, C: 100 }[s[i + 1] ?? ''] ?? 0;
    return acc + (v < next ? -v : v);
  }, 0);

/** A row number alone in a cell: «1», «1.2.», «IV», «3)». */
export const isRowNumber = (s: string): boolean => NUMBER_ONLY.test(s.trim());

/** `next` is the number of the row after `prev`: the next at some level («1.2» → «1.3», «2»), a first child («1» → «1.1»), or «1» under a Roman section. */
export function followsNumber(prev: string | undefined, next: string): boolean {
  if (!isRowNumber(next)) return false;
  if (prev === undefined) return true;
  const p = numberParts(prev);
  const q = numberParts(next);
  if (p.length === 1 && ROMAN.test(p[0] ?? '')) {
    const n = q[0] ?? '';
    return (ROMAN.test(n) && romanValue(n) === romanValue(p[0] ?? '') + 1) || q.join('.') === '1';
  }
  if (q.some((x) => !/^\d+$/.test(x))) return false;
  if (q.length === p.length + 1 && q[q.length - 1] === '1' && q.slice(0, -1).join('.') === p.join('.'))
    return true;
  if (q.length > p.length) return false;
  const k = q.length - 1;
  return q.slice(0, k).join('.') === p.slice(0, k).join('.') && Number(q[k]) === Number(p[k]) + 1;
}

/** A section title may stand between rows `prev` and `next`: the first row, a new numbering («2.1» after «1.5», «1» again). */
function opensSection(prev: string | undefined, next: string): boolean {
  if (prev === undefined) return true;
  const p = numberParts(prev);
  const q = numberParts(next);
  if (q[q.length - 1] === '1' || ROMAN.test(q[0] ?? '')) return true;
  return q.slice(0, -1).join('.') !== p.slice(0, -1).join('.');
}

// ---------------------------------------------------------------------------------------------------------
// Cells between «|», one row per line

const PIPE_ROW = /^\s*[|│┃].*[|│┃]\s*$/;
/** «├────┼────┤», «|---|---|», «+====+»: a rule between rows. */
const RULE = /^[\s|│┃┌┐└┘├┤┬┴┼─━═=+\-:_‰]+$/;

function pipeCells(line: string): string[] {
  const inner = line
    .trim()
    .replace(/^[|│┃]/, '')
    .replace(/[|│┃]$/, '');
  return inner.split(/[|│┃]/).map((c) => c.trim());
}

/** Rows written between «|»; rows drawn over several lines between rules are joined cell by cell. */
function pipeRowLines(lines: readonly string[]): SourceLine[] {
  const isRow = (i: number): boolean => PIPE_ROW.test(lines[i] ?? '') && !RULE.test(lines[i] ?? '');
  // Rules between rows (not only under the header, as in Markdown): a row may take several lines.
  const ruled =
    lines.filter((l, i) => RULE.test(l) && l.trim() !== '' && isRow(i - 1) && isRow(i + 1)).length >= 2;
  const out: SourceLine[] = [];
  let group: { cells: string[]; line: number } | undefined;
  let width: number | undefined;
  const flush = (): void => {
    if (!group) return;
    const { cells, line } = group;
    group = undefined;
    if (width === undefined && headerKind(cells) === 'activities') width = cells.length;
    else if (width !== undefined && cells.length !== width && cells.filter((c) => c !== '').length > 1)
      refuse(
        line,
        `в строке ${count(cells.length, NOUNS.cell)} между «|», а в заголовке таблицы ${width}: не понять, какой ячейке какой столбец соответствует.`,
      );
    out.push(rowLine(cells));
  };
  lines.forEach((l, i) => {
    if (l.trim() === '' || !PIPE_ROW.test(l) || RULE.test(l)) {
      flush();
      if (l.trim() === '') out.push(BLANK);
      else if (!RULE.test(l)) out.push(textLine(l.trim()));
      return;
    }
    const cells = pipeCells(l);
    if (ruled && group) {
      const joined = group.cells;
      group.cells = Array.from({ length: Math.max(joined.length, cells.length) }, (_, k) =>
        [joined[k] ?? '', cells[k] ?? ''].filter((x) => x !== '').join(' '),
      );
      return;
    }
    flush();
    group = { cells, line: i + 1 };
    if (!ruled) flush();
  });
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Streams of cells: «текст |» and one cell per line

/** Cells ending with «|» (a cell may run over several lines; «||||» are empty cells). */
function pipeStreamCells(lines: readonly string[]): { cells: StreamCell[]; tail: StreamCell | undefined } {
  const cells: StreamCell[] = [];
  let pending: StreamCell | undefined;
  lines.forEach((l, i) => {
    const parts = l.split('|');
    parts.forEach((part, k) => {
      const piece = part.trim();
      const last = k === parts.length - 1;
      if (piece !== '') {
        if (pending) pending.text += `\n${piece}`;
        else pending = { text: piece, line: i + 1 };
      } else if (last && pending && parts.length === 1) pending.text += '\n';
      if (!last) {
        cells.push(pending ?? { text: '', line: i + 1 });
        pending = undefined;
      }
    });
  });
  return { cells, tail: pending };
}

/** Paragraphs (blocks between blank lines) or lines, as cells. */
function lineStreamCells(lines: readonly string[], byParagraph: boolean): StreamCell[] {
  const cells: StreamCell[] = [];
  let block: StreamCell | undefined;
  lines.forEach((l, i) => {
    const t = l.trim();
    if (t === '') {
      block = undefined;
      return;
    }
    if (block && byParagraph) block.text += `\n${t}`;
    else {
      block = { text: t, line: i + 1 };
      cells.push(block);
    }
  });
  return cells;
}

/**
 * A cell naming a column; for the first header cell, the lines at its end (the lines before it are the title).
 * Only the lines that hold the last `HEADER_WORDS` words at most are tried: a copy without blank lines is one paragraph.
 */
function headerSuffix(text: string): number | undefined {
  const lines = text.split('\n');
  let from = lines.length;
  for (let filled = 0; from > 0 && (filled < HEADER_WORDS || (lines[from - 1] ?? '').trim() === ''); from--)
    if ((lines[from - 1] ?? '').trim() !== '') filled++;
  for (let k = from; k < lines.length; k++)
    if (classifyHeader(lines.slice(k).join(' ')) !== undefined) return k;
  return undefined;
}

interface HeaderRun {
  /** Index of the first header cell and one past the last. */
  from: number;
  to: number;
  /** Lines of the first cell that are text above the table. */
  titleLines: string[];
  cells: string[];
}

const flat = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * The header cells from `first` (the first one's text) on, to the cell after them. A PDF wraps header cells
 * over lines: a lowercase line continues the cell before when together they still name its column («Срок» +
 * «исполнения», «№» + «п/п»), and a line naming no column starts one with the next («Ожидаемый» + «результат»).
 */
function headerRunAt(
  cells: readonly StreamCell[],
  i: number,
  first: string,
): { cells: string[]; to: number } {
  const run = [first];
  let j = i + 1;
  const nextFilled = (from: number): number => {
    let n = from;
    while (n < cells.length && flat(cells[n]?.text) === '') n++;
    return n;
  };
  for (; j < cells.length; j++) {
    const t = flat(cells[j]?.text);
    if (t === '') continue;
    // A cell starting with a number is a row or a numbered section («1. Организационные мероприятия»).
    if (/^\d/.test(t)) break;
    const kind = classifyHeader(t);
    const prev = run[run.length - 1] ?? '';
    const joined = classifyHeader(joinHeaderLines(prev, t));
    if (startsLowercase(t) && joined !== undefined && (kind === undefined || kind === classifyHeader(prev))) {
      run[run.length - 1] = joinHeaderLines(prev, t);
      continue;
    }
    if (kind === undefined) {
      const n = nextFilled(j + 1);
      const next = flat(cells[n]?.text);
      if (!startsLowercase(next) || classifyHeader(joinHeaderLines(t, next)) === undefined) break;
      run.push(joinHeaderLines(t, next));
      j = n;
      continue;
    }
    run.push(t);
  }
  return { cells: run, to: j };
}

/** The first run of cells that reads as the header of an activity table (empty cells inside it are skipped). */
function findHeader(cells: readonly StreamCell[]): HeaderRun | undefined {
  for (let i = 0; i < cells.length; i++) {
    const first = cells[i]?.text ?? '';
    if (first === '') continue;
    const k = headerSuffix(first);
    if (k === undefined) continue;
    const lines = first.split('\n');
    const run = headerRunAt(cells, i, lines.slice(k).join(' '));
    // «План мероприятий» right above «№ п/п»: a title, not a column; the header starts at the number column.
    if (run.cells.findIndex((c) => classifyHeader(c) === 'number') > 0) continue;
    if (headerKind(run.cells) === 'activities')
      return { from: i, to: run.to, titleLines: lines.slice(0, k), cells: run.cells };
  }
  return undefined;
}

/** The number a cell starts the next row or section with: «1.3», «2. Методическая поддержка» → «2.», «II. …». */
function leadingNumber(text: string): string | undefined {
  if (isRowNumber(text)) return text;
  return /^(\d{1,3}(?:\.\d{1,3})*\.|\d{1,3}(?:\.\d{1,3})+|[IVXLC]{1,6}\.)\s+\S/.exec(text)?.[1];
}

/**
 * Rows of a stream of cells under its header: a row starts at a row number and has as many cells as the header;
 * a title cell before a row number is a section. `exact`: empty cells are written («|»), so every row is whole.
 */
function streamLines(
  cells: readonly StreamCell[],
  tail: StreamCell | undefined,
  exact: boolean,
): SourceLine[] | undefined {
  const header = findHeader(cells);
  if (!header) return undefined;
  const out: SourceLine[] = [];
  const paragraph = (text: string): void => {
    for (const l of text.split('\n')) out.push(l.trim() === '' ? BLANK : textLine(l.trim()));
  };
  for (const c of cells.slice(0, header.from)) paragraph(c.text);
  paragraph(header.titleLines.join('\n'));
  out.push(BLANK, rowLine(header.cells));

  const width = header.cells.length;
  let k = header.to;
  if (!header.cells.some((c) => classifyHeader(c) === 'number'))
    refuse(
      cells[header.from]?.line ?? 0,
      'в таблице нет столбца номеров («№ п/п»), а в скопированном тексте строки таблицы видны только по номерам: не понять, где начинается каждая строка.',
    );
  const texts = cells.map((c) => c.text.trim());
  // A row «1 2 3 … n» of column numbers under the header.
  const numbers: string[] = [];
  for (let j = k; j < texts.length && texts[j] === String(numbers.length + 1); j++)
    numbers.push(texts[j] ?? '');
  if (numbers.length >= 3) {
    if (numbers.length !== width)
      refuse(
        cells[k]?.line ?? 0,
        `номера столбцов под заголовком идут до ${numbers.length}, а названий столбцов ${width}: не понять, где какой столбец.`,
      );
    out.push(rowLine(numbers));
    k += numbers.length;
  }
  const nextFilled = (j: number): number => {
    let n = j;
    while (n < texts.length && texts[n] === '') n++;
    return n;
  };

  let row: string[] | undefined;
  /** The line of each cell of `row`. */
  let rowLines: number[] = [];
  let rowStart = 0;
  let lastNumber: string | undefined;
  /** Rows read whole, for the columns' cells; rows with a wrapped cell read two ways, settled by those cells. */
  const whole: string[][] = [];
  const unsettled: { at: number; line: number; number: string; pieces: number; fit: Unfitted }[] = [];
  const close = (): void => {
    if (row?.length === width) whole.push(row);
    if (row) out.push(rowLine(row));
    row = undefined;
  };
  const wrappedRefusal = (line: number, number: string, pieces: number, fit: Unfitted): never =>
    refuse(
      line,
      `в строке таблицы с номером «${number}» ${count(pieces + 1, NOUNS.cell)}, а столбцов в заголовке ${width}: похоже, текст ячейки перенесён на новую строку.`,
      joinFix(fit),
    );

  /** A bare number at `j` is a page number: the cell after it goes on with the rows as if it were not there. */
  const breaksNumbering = (j: number): boolean => {
    const number = leadingNumber(texts[pastPageBreak(nextFilled(j + 1), false)] ?? '');
    return (
      number !== undefined &&
      (followsNumber(lastNumber, number) || opensSection(lastNumber, number)) &&
      !followsNumber(texts[j], number)
    );
  };
  /**
   * The bare number at `j` with less than a row of text after it and no row below: the last page's number
   * (a row has all its cells; a section is numbered «3.», with its dot).
   */
  const lastPageNumber = (j: number): boolean =>
    texts.length - j - 1 < width - 1 && !texts.slice(j + 1).some((t) => isRowNumber(t));
  /**
   * Past what a PDF prints at a page break, when the rows go on after it: page numbers, the header repeated on
   * the new page (wrapped or not) and its row of column numbers. `j` itself when there is none. `bare`: bare
   * numbers too (the number after a bare one is not looked past: a run of numbers is not a chain of pages).
   */
  const pastPageBreak = (j: number, bare = true): number => {
    let i = j;
    for (;;) {
      const t = texts[i] ?? '';
      const repeated = classifyHeader(t) === 'number' ? headerRunAt(cells, i, t) : undefined;
      if (PAGE_MARK.test(t)) i++;
      else if (repeated && repeated.cells.join('|') === header.cells.join('|')) i = repeated.to;
      else if (width >= 3 && header.cells.every((_, c) => texts[i + c] === String(c + 1))) i += width;
      else if (bare && LONE_NUMBER.test(t) && (breaksNumbering(i) || lastPageNumber(i))) i++;
      else return i;
    }
  };
  /** The next cell from `from` on that is a bare row number or a page break. */
  const nextNumberAt = (from: number): number => {
    let n = from;
    while (n < texts.length && !isRowNumber(texts[n] ?? '') && pastPageBreak(n) === n) n++;
    return n;
  };
  /**
   * Where the cells of a full row end when more follow it before the next row (its number goes on with the
   * numbering); the title of a new section right above that row is not the row's. `from` when none follow.
   */
  const overfullEnd = (from: number): number => {
    let j = nextNumberAt(from);
    const next = texts[pastPageBreak(j)];
    if (j === from || next === undefined) return from;
    const opens = opensSection(lastNumber, next);
    if (!followsNumber(lastNumber, next) && !opens) return from;
    if (opens && !startsLowercase(texts[j - 1] ?? '')) j--;
    return j;
  };
  /** The bare number at `j` inside a row is a page number: after it, `missing` cells fill the row up to the next row. */
  const pageNumberInRow = (j: number, missing: number): boolean => {
    const n = nextNumberAt(j + 1);
    const next = texts[n];
    if (next === undefined || followsNumber(texts[j], next)) return false;
    const between = n - j - 1;
    return (
      (between === missing && followsNumber(lastNumber, next)) ||
      (between === missing + 1 && opensSection(lastNumber, next))
    );
  };

  for (; k < cells.length; k++) {
    const t = texts[k] ?? '';
    if (!row) {
      if (t === '') continue;
      const past = exact ? k : pastPageBreak(k);
      if (past !== k) {
        k = past - 1;
        continue;
      }
      if (isRowNumber(t)) {
        row = [t];
        rowLines = [cells[k]?.line ?? 0];
        rowStart = cells[k]?.line ?? 0;
        lastNumber = t;
        continue;
      }
      // A title between rows is a section when a row follows it; otherwise the table has ended.
      const following = texts[exact ? nextFilled(k + 1) : pastPageBreak(nextFilled(k + 1))] ?? '';
      if (isRowNumber(following)) {
        if (!exact && !opensSection(lastNumber, following))
          refuse(
            cells[k]?.line ?? 0,
            `«${unwrap(t).slice(0, 40)}» стоит между строками «${lastNumber ?? ''}» и «${following}», которые идут подряд: это не раздел, а лишняя ячейка строки «${lastNumber ?? ''}» (ячейка, перенесённая на две строки?).`,
            joinFix({ sure: [], either: [] }),
          );
        out.push(rowLine([unwrap(cells[k]?.text ?? '')]));
        k = nextFilled(k + 1) - 1;
        continue;
      }
      break;
    }
    if (row.length === width) {
      const end = exact ? k : overfullEnd(k);
      if (end > k) {
        // More cells before the next row than the header has columns: a cell wrapped over lines, or a page number.
        const pieces: Piece[] = [
          ...row.slice(1).map((text, c) => ({ text, line: rowLines[c + 1] ?? 0 })),
          ...cells.slice(k, end).map((c) => ({ text: unwrap(c.text), line: c.line })),
        ];
        const fit = fitRow(pieces, header.cells.slice(1));
        if ('cells' in fit) row = [row[0] ?? '', ...fit.cells];
        else if (fit.ways.length > 1) {
          // Settled at the end, by the cells the other rows have whole in its columns.
          unsettled.push({
            at: out.length,
            line: rowStart,
            number: row[0] ?? '',
            pieces: pieces.length,
            fit,
          });
          out.push(BLANK);
          row = undefined;
        } else wrappedRefusal(rowStart, row[0] ?? '', pieces.length, fit);
        k = end;
      }
      close();
      k--;
      continue;
    }
    if (!exact && followsNumber(lastNumber, t)) {
      // «1. | Организационные мероприятия» then «1.1»: a numbered section of two cells.
      const child = numberParts(t)
        .join('.')
        .startsWith(`${numberParts(row[0] ?? '').join('.')}.`);
      if (row.length === 2 && child) {
        close();
        k--;
        continue;
      }
      // A page number inside a row: the row is whole without it, up to the next row.
      if (LONE_NUMBER.test(t) && pageNumberInRow(k, width - row.length)) continue;
      if (row.length === 1 && child)
        refuse(
          rowStart,
          `«${row[0]}» стоит отдельно перед строкой «${t}»: это номер страницы или номер раздела без названия.`,
          'Если это номер страницы, удалите эту строку; если номер раздела — допишите его название в ту же строку (например, «2. Методическая поддержка») и повторите импорт.',
        );
      refuse(
        rowStart,
        `в строке таблицы с номером «${row[0]}» ${count(row.length, NOUNS.cell)}, а столбцов в заголовке ${width}: не понять, какие ячейки пусты.`,
      );
    }
    row.push(unwrap(cells[k]?.text ?? ''));
    rowLines.push(cells[k]?.line ?? 0);
  }
  if (row) {
    const r: string[] = row;
    if (r.length < width && exact)
      refuse(rowStart, `последняя строка таблицы неполная: ${count(r.length, NOUNS.cell)} из ${width}.`);
    if (r.length < width && r.length > 2)
      refuse(
        rowStart,
        `в последней строке таблицы (номер «${r[0]}») ${count(r.length, NOUNS.cell)}, а столбцов в заголовке ${width}: не понять, какие ячейки пусты.`,
      );
    close();
  }
  const known = header.cells.slice(1).map((_, c) => new Set(whole.map((r) => r[c + 1] ?? '')));
  for (const u of unsettled) {
    const settled = settleByColumns(u.fit.ways, known);
    if (!settled) wrappedRefusal(u.line, u.number, u.pieces, u.fit);
    else out[u.at] = rowLine([u.number, ...settled]);
  }
  // Cells left over after the table ends are text below it, unless rows go on: then a cell is where none fits.
  const rest = cells.slice(k);
  const resumed = rest.findIndex((c) => followsNumber(lastNumber, c.text.trim()));
  if (k < cells.length && resumed >= 0)
    refuse(
      cells[k]?.line ?? 0,
      `«${(texts[k] ?? '').slice(0, 40)}» не похоже ни на номер строки, ни на раздел, а ниже таблица продолжается (строка ${rest[resumed]?.line ?? 0}).`,
      'Если это часть ячейки, перенесённая на новую строку, соедините её с предыдущей строкой; если это лишний текст — удалите его. Затем повторите импорт, или сохраните документ как .docx (страницу сайта — как .html) и укажите этот файл.',
    );
  out.push(BLANK);
  for (const c of rest) paragraph(c.text);
  if (tail) paragraph(tail.text);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Which shape

/**
 * The lines of a roadmap copied as text, whatever its shape. Tab-separated text is returned as
 * `splitPastedText` reads it; throws UserError (with the line) when a shape's rows cannot be told apart.
 */
export function textLines(text: string): SourceLine[] {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const tsv = splitPastedText(src);
  // Tab-separated with a header row: the shape of every seed; nothing else is tried.
  if (tsv.some((l) => l.tabbed && headerKind(l.cells.map((c) => cleanText(c))) === 'activities')) return tsv;
  const lines = src.split('\n');
  if (lines.filter((l) => PIPE_ROW.test(l) && pipeCells(l).length >= 2).length >= 2)
    return pipeRowLines(lines);
  if (lines.filter((l) => /\|\s*$/.test(l)).length >= 3) {
    const { cells, tail } = pipeStreamCells(lines);
    const read = streamLines(cells, tail, true);
    if (read) return read;
  }
  for (const byParagraph of [true, false]) {
    const read = streamLines(lineStreamCells(lines, byParagraph), undefined, false);
    if (read) return read;
  }
  return tsv;
}
