/**
 * A Word document (`.docx`) → the lines the roadmap import reads: paragraphs as lines of text (the title
 * above the table), each table's rows as rows of cells with merges resolved, a blank line around each table.
 * The OOXML is read through jszip (the zip reader exceljs is built on) and cheerio's XML parser.
 */
import * as cheerio from 'cheerio';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import JSZip from 'jszip';
import type { SourceLine } from '../core/import-text';
import { fillMerges, type TableSlot } from '../core/merged-table';
import { DocxNumbering } from './docx-numbering';

const children = (el: Element, name?: string): Element[] =>
  el.children.filter((n): n is Element => isTag(n) && (name === undefined || n.name === name));
const child = (el: Element, name: string): Element | undefined => children(el, name)[0];
const val = (el: Element | undefined): string | undefined => el?.attribs['w:val'];

/** Wrappers whose content belongs to the level they sit on (content controls, custom XML, tracked insertions). */
const WRAPPERS = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:ins', 'w:smartTag']);
const unwrap = (el: Element): Element[] =>
  children(el).flatMap((c) => (WRAPPERS.has(c.name) ? unwrap(c) : c.name === 'w:sdtPr' ? [] : [c]));

/** Text of the runs under a node: `w:t`, tabs as spaces, line breaks as «\n»; deleted text, field codes and fallbacks are not text. */
function runText(node: AnyNode, out: string[]): void {
  if (!isTag(node)) return;
  switch (node.name) {
    case 'w:t':
      for (const t of node.children) if (isText(t)) out.push(t.data);
      return;
    case 'w:tab':
    case 'w:ptab':
      out.push(' ');
      return;
    case 'w:br':
    case 'w:cr':
      out.push('\n');
      return;
    case 'w:noBreakHyphen':
      out.push('-');
      return;
    // A drawing or text box comes twice, as the modern choice and an old fallback: its text is read once.
    case 'mc:Fallback':
    case 'w:pPr':
    case 'w:rPr':
    case 'w:del':
    case 'w:instrText':
    case 'w:delText':
      return;
    default:
      for (const c of node.children) runText(c, out);
  }
}

/** The cell of a table of one cell holding tables: a frame around the content, read as the body is. */
function frameContent(tbl: Element): Element | undefined {
  const rows = unwrap(tbl).filter((e) => e.name === 'w:tr');
  const cells = rows.length === 1 && rows[0] ? unwrap(rows[0]).filter((e) => e.name === 'w:tc') : [];
  const only = cells.length === 1 ? cells[0] : undefined;
  return only && unwrap(only).some((e) => e.name === 'w:tbl') ? only : undefined;
}

/** Reads a document's body in order, numbering lists as it goes. */
class DocxReader {
  private readonly lines: SourceLine[] = [];

  constructor(private readonly numbering: DocxNumbering) {}

  /** A paragraph's text, with its list number («1.2.») when Word numbers it automatically. */
  private paragraph(p: Element): string {
    const parts: string[] = [];
    runText(p, parts);
    const text = parts.join('');
    const numPr = child(child(p, 'w:pPr') ?? p, 'w:numPr');
    const label = numPr
      ? this.numbering.next(val(child(numPr, 'w:numId')) ?? '', Number(val(child(numPr, 'w:ilvl')) ?? 0))
      : '';
    return label === '' ? text : text.trim() === '' ? label : `${label} ${text}`;
  }

  /** A cell's paragraphs (and those of tables nested in it), one per line. */
  private cellText(tc: Element): string {
    const lines: string[] = [];
    for (const el of unwrap(tc)) {
      if (el.name === 'w:p') lines.push(this.paragraph(el));
      else if (el.name === 'w:tbl')
        for (const row of this.tableRows(el)) lines.push(row.filter((c) => c !== '').join(' '));
    }
    return lines
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join('\n');
  }

  private tableRows(tbl: Element): string[][] {
    const slots: TableSlot[][] = [];
    for (const tr of unwrap(tbl).filter((e) => e.name === 'w:tr')) {
      const trPr = child(tr, 'w:trPr');
      const before = Number(val(trPr && child(trPr, 'w:gridBefore')) ?? 0);
      const row: TableSlot[] = Array.from({ length: before }, () => ({ text: '' }));
      for (const tc of unwrap(tr).filter((e) => e.name === 'w:tc')) {
        const tcPr = child(tc, 'w:tcPr');
        const span = Math.max(1, Number(val(tcPr && child(tcPr, 'w:gridSpan')) ?? 1) || 1);
        const vMerge = tcPr && child(tcPr, 'w:vMerge');
        const continued = vMerge !== undefined && val(vMerge) !== 'restart';
        // A continued cell holds an empty paragraph; its numbering, if any, is not counted.
        row.push(continued ? 'above' : { text: this.cellText(tc) });
        for (let k = 1; k < span; k++) row.push(continued ? 'above' : 'left');
      }
      slots.push(row);
    }
    return fillMerges(slots);
  }

  /** Reads the body's paragraphs and tables in document order. */
  read(body: Element): SourceLine[] {
    for (const el of unwrap(body)) {
      const frame = el.name === 'w:tbl' ? frameContent(el) : undefined;
      if (el.name === 'w:p') this.lines.push({ cells: [this.paragraph(el)], tabbed: false });
      else if (frame) this.read(frame);
      else if (el.name === 'w:tbl') {
        this.lines.push({ cells: [], tabbed: false });
        for (const cells of this.tableRows(el)) this.lines.push({ cells, tabbed: true });
        this.lines.push({ cells: [], tabbed: false });
      }
    }
    return this.lines;
  }
}

/** The lines of a `.docx` file's main document. */
export async function readDocx(bytes: Uint8Array): Promise<SourceLine[]> {
  // An OLE compound file: a Word 97–2003 document renamed to .docx, or a .docx encrypted with a password.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new Error(
      'это не .docx, а документ Word старого формата (.doc) или документ, защищённый паролем. Откройте его в Word, снимите пароль, если он есть, и сохраните как «Документ Word (*.docx)».',
    );
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new Error('файл не похож на документ Word .docx (он повреждён или это другой формат).');
  }
  const documentXml = await zip.file('word/document.xml')?.async('string');
  if (documentXml === undefined)
    throw new Error('в файле нет текста документа Word (word/document.xml): сохраните его в Word как .docx.');
  const numberingXml = (await zip.file('word/numbering.xml')?.async('string')) ?? '';
  // The body is walked node by node: selectors would scan the whole document first.
  const root = cheerio.load(documentXml, { xml: true }).root().get(0);
  const document = root?.children.find((n): n is Element => isTag(n) && n.name === 'w:document');
  const body = document && child(document, 'w:body');
  if (!body) return [];
  const numbering = new DocxNumbering(
    numberingXml === '' ? undefined : cheerio.load(numberingXml, { xml: true }),
  );
  return new DocxReader(numbering).read(body);
}
