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
import { classifyHeader, cleanText, headerKind, NUMBER_ONLY } from './roadmap-reader';

/** A cell of a stream shape and the 1-based line it starts on. */
interface StreamCell {
  text: string;
  line: number;
}

const FIX =
  'Впишите «—» в пустые ячейки таблицы в исходном документе и скопируйте её снова, или сохраните документ как .docx (страницу сайта — как .html) и укажите этот файл.';

const refuse = (line: number, what: string): never => {
  throw new UserError(`Строка ${line}: ${what}`, FIX);
};

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

/** A cell naming a column; for the first header cell, the lines at its end (the lines before it are the title). */
function headerSuffix(text: string): number | undefined {
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) if (classifyHeader(lines.slice(k).join(' ')) !== undefined) return k;
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

/** The first run of cells that reads as the header of an activity table (empty cells inside it are skipped). */
function findHeader(cells: readonly StreamCell[]): HeaderRun | undefined {
  for (let i = 0; i < cells.length; i++) {
    const first = cells[i]?.text ?? '';
    if (first === '') continue;
    const k = headerSuffix(first);
    if (k === undefined) continue;
    const lines = first.split('\n');
    const run = [lines.slice(k).join(' ')];
    let j = i + 1;
    for (; j < cells.length; j++) {
      const t = (cells[j]?.text ?? '').replace(/\s+/g, ' ').trim();
      if (t === '') continue;
      // A cell starting with a number is a row or a numbered section («1. Организационные мероприятия»).
      if (/^\d/.test(t) || classifyHeader(t) === undefined) break;
      run.push(t);
    }
    // «План мероприятий» right above «№ п/п»: a title, not a column; the header starts at the number column.
    if (run.findIndex((c) => classifyHeader(c) === 'number') > 0) continue;
    if (headerKind(run) === 'activities')
      return { from: i, to: j, titleLines: lines.slice(0, k), cells: run };
  }
  return undefined;
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
  let rowStart = 0;
  let lastNumber: string | undefined;
  const close = (): void => {
    if (row) out.push(rowLine(row));
    row = undefined;
  };
  for (; k < cells.length; k++) {
    const t = texts[k] ?? '';
    if (!row) {
      if (t === '') continue;
      if (isRowNumber(t)) {
        row = [t];
        rowStart = cells[k]?.line ?? 0;
        lastNumber = t;
        continue;
      }
      // A title between rows is a section when a row follows it; otherwise the table has ended.
      const following = texts[nextFilled(k + 1)] ?? '';
      if (isRowNumber(following)) {
        if (!exact && !opensSection(lastNumber, following))
          refuse(
            cells[k]?.line ?? 0,
            `«${unwrap(t).slice(0, 40)}» стоит между строками «${lastNumber ?? ''}» и «${following}», которые идут подряд: это не раздел, а лишняя ячейка строки «${lastNumber ?? ''}» (ячейка, перенесённая на две строки?).`,
          );
        out.push(rowLine([unwrap(cells[k]?.text ?? '')]));
        k = nextFilled(k + 1) - 1;
        continue;
      }
      break;
    }
    if (row.length === width) {
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
      refuse(
        rowStart,
        `в строке таблицы с номером «${row[0]}» ${count(row.length, NOUNS.cell)}, а столбцов в заголовке ${width}: не понять, какие ячейки пусты.`,
      );
    }
    row.push(unwrap(cells[k]?.text ?? ''));
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
  // Cells left over after the table ends are text below it, unless rows go on: then a cell is where none fits.
  const rest = cells.slice(k);
  const resumed = rest.findIndex((c) => followsNumber(lastNumber, c.text.trim()));
  if (k < cells.length && resumed >= 0)
    refuse(
      cells[k]?.line ?? 0,
      `«${(texts[k] ?? '').slice(0, 40)}» не похоже ни на номер строки, ни на раздел, а ниже таблица продолжается (строка ${rest[resumed]?.line ?? 0}).`,
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
