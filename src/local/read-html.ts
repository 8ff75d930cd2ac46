/**
 * A saved web page (`.html`) → the lines the roadmap import reads: text outside tables as lines (the title
 * above the table), each data table's rows as rows of cells (`colspan`/`rowspan` resolved like Word's merges,
 * `<br>` and `<p>` inside a cell as line breaks). A table that holds other tables is page layout: its
 * cells are read as text around the tables inside.
 */
import * as cheerio from 'cheerio';
import { isDocument, isTag, isText, type AnyNode, type Element } from 'domhandler';
import type { SourceLine } from '../core/import-text';
import { fillMerges, layoutSpans, type SpanCell } from '../core/merged-table';
import { textEncoding } from './text-encoding';

const SKIPPED = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'button', 'select']);
/** Elements that start a new line of text. */
const BLOCKS = new Set(
  'p pre blockquote center h1 h2 h3 h4 h5 h6 li dt dd caption hr address figcaption'.split(' '),
);
/** Parts of a page (a menu, a layout cell, the content): their text is a paragraph of its own. */
const CONTAINERS = new Set(
  'div section article header footer main nav aside form ul ol dl table thead tbody tfoot tr td th'.split(
    ' ',
  ),
);

const tagName = (n: Element): string => n.name.toLowerCase();

function hasTable(el: Element): boolean {
  return el.children.some((c) => isTag(c) && (tagName(c) === 'table' || hasTable(c)));
}

/** The rows of a table (those of its own sections, not of tables nested in it). */
function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (el: Element): void => {
    for (const c of el.children) {
      if (!isTag(c)) continue;
      const t = tagName(c);
      if (t === 'tr') rows.push(c);
      else if (t === 'thead' || t === 'tbody' || t === 'tfoot') visit(c);
    }
  };
  visit(table);
  return rows;
}

/**
 * Collects text in lines: block elements and `<br>` break lines, runs of whitespace are one space. Given
 * `onTable`, a data table is handed to it instead (its text ends the line before it).
 */
class TextLines {
  readonly lines: string[] = [];
  private current = '';

  constructor(private readonly onTable?: (table: Element) => void) {}

  text(s: string): void {
    this.current += s;
  }

  break(): void {
    const t = this.current.replace(/[\s\u00a0]+/g, ' ').trim();
    if (t !== '') this.lines.push(t);
    this.current = '';
  }

  /** Ends the paragraph: a blank line, unless there is one already. */
  gap(): void {
    this.break();
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  walk(node: AnyNode): void {
    if (isText(node)) {
      this.text(node.data);
      return;
    }
    if (isDocument(node)) for (const c of node.children) this.walk(c);
    if (!isTag(node)) return;
    const t = tagName(node);
    if (SKIPPED.has(t)) return;
    if (t === 'br') {
      this.break();
      return;
    }
    if (t === 'table' && this.onTable && !hasTable(node)) {
      this.break();
      this.onTable(node);
      return;
    }
    const end = CONTAINERS.has(t)
      ? (): void => this.gap()
      : BLOCKS.has(t)
        ? (): void => this.break()
        : undefined;
    end?.();
    for (const c of node.children) this.walk(c);
    end?.();
  }
}

function cellText(cell: Element): string {
  const lines = new TextLines();
  for (const c of cell.children) lines.walk(c);
  lines.break();
  return lines.lines.filter((l) => l !== '').join('\n');
}

function span(cell: Element, attr: string): number {
  const n = Number.parseInt(cell.attribs[attr] ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function tableRows(table: Element): string[][] {
  const cells: SpanCell[][] = ownRows(table).map((tr) =>
    tr.children
      .filter((c): c is Element => isTag(c) && (tagName(c) === 'td' || tagName(c) === 'th'))
      .map((c) => ({ text: cellText(c), colSpan: span(c, 'colspan'), rowSpan: span(c, 'rowspan') })),
  );
  return fillMerges(layoutSpans(cells));
}

/** A saved page read: its lines, and where each data table starts in the file (1-based line) and how many rows it has. */
export interface HtmlPage {
  lines: SourceLine[];
  tables: { line: number; rows: number }[];
}

/** The page's lines: text outside tables, one line per block; each data table's rows between blank lines. */
function pageLines(root: AnyNode): HtmlPage {
  const lines: SourceLine[] = [];
  const tables: HtmlPage['tables'] = [];
  const flush = (): void => {
    for (const l of text.lines.splice(0)) lines.push({ cells: l === '' ? [] : [l], tabbed: false });
  };
  const text: TextLines = new TextLines((table) => {
    flush();
    const caption = table.children.find((c): c is Element => isTag(c) && tagName(c) === 'caption');
    if (caption) lines.push({ cells: [cellText(caption).replace(/\n/g, ' ')], tabbed: false });
    const rows = tableRows(table);
    tables.push({ line: table.sourceCodeLocation?.startLine ?? 0, rows: rows.length });
    lines.push({ cells: [], tabbed: false });
    for (const cells of rows) lines.push({ cells, tabbed: true });
    lines.push({ cells: [], tabbed: false });
  });
  text.walk(root);
  text.break();
  flush();
  return { lines, tables };
}

/**
 * A saved page, in the encoding its byte-order mark or `<meta charset>` declares; a page that declares none
 * (saved by hand or by an old editor) is read as a `.txt` would be, not as the browsers' default Windows-1252.
 */
export function readHtml(bytes: Buffer): HtmlPage {
  const $ = cheerio.loadBuffer(bytes, {
    sourceCodeLocationInfo: true,
    encoding: { defaultEncoding: textEncoding(bytes) },
  });
  const root = $.root().get(0);
  return root ? pageLines(root) : { lines: [], tables: [] };
}
