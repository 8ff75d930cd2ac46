/**
 * Large sheets that pass through the local host without exceljs: a 100,000-row `Ответы` costs exceljs
 * gigabytes of cell and style objects, though no job writes it. Such a sheet's cells are cut out of the
 * zip before exceljs loads it (the rest of the sheet — columns, views, merges, rules — stays), its values
 * are read straight from its XML into the Spreadsheet, and on saving its original cell XML is put back
 * into the file exceljs wrote, with style and shared-string numbers translated to the new file's.
 */
import JSZip from 'jszip';

/** A worksheet part bigger than this (uncompressed XML) passes through. */
export const PASS_THROUGH_BYTES = 4_000_000;

export interface PassedSheet {
  name: string;
  /** `<sheetData>` of the original part, whole. */
  sheetData: string;
  /** One address per style number the sheet's cells use, where the stub keeps an empty styled cell. */
  markers: Map<number, string>;
}

export interface Lightened {
  /** The workbook with the passed sheets' cells removed, for exceljs. */
  buffer: Buffer;
  sheets: PassedSheet[];
  /** Shared strings of the original file: the XML inside each `<si>`, and its text. */
  sharedXml: string[];
  sharedText: string[];
  /** Number format of each style number (cellXfs order); undefined for General. */
  formats: (string | undefined)[];
  date1904: boolean;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
export function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e] ?? m),
  );
}

/** Text of `<t>` runs (phonetic `<rPh>` runs left out). */
const runText = (xml: string): string =>
  xmlText(
    [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)]
      .map((m) => m[1])
      .join(''),
  );

const ATTRS = new Map<string, RegExp>();
/** An attribute of a start tag (its regular expression compiled once per name: this runs per cell). */
function attr(tag: string, name: string): string | undefined {
  let re = ATTRS.get(name);
  if (!re) ATTRS.set(name, (re = new RegExp(`\\s${name}="([^"]*)"`)));
  return re.exec(tag)?.[1];
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30). */
const BUILTIN_FORMATS: Record<number, string> = {
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  49: '@',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
};

/** Whether a number format shows a date or time (letters outside quotes and brackets). */
export function isDateFormat(fmt: string | undefined): boolean {
  return !!fmt && /[dmyhs]/i.test(fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

function formatsOf(styles: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = attr(m[0], 'numFmtId');
    const code = attr(m[0], 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(Number(id), xmlText(code));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    return id === 0 ? undefined : (custom.get(id) ?? BUILTIN_FORMATS[id]);
  });
}

/** Zip path of each sheet by name, from the workbook part and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wb = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const parts = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const target = targets.get(attr(m[0], 'r:id') ?? '');
    if (name !== undefined && target) parts.set(xmlText(name), target);
  }
  return parts;
}

const SHEET_DATA = /<sheetData\s*\/>|<sheetData\b[^>]*>[\s\S]*<\/sheetData>/;

/**
 * Takes the cells out of every worksheet part larger than `minBytes`; returns the lighter file for
 * exceljs and what is needed to read the values and put the cells back. Nothing is passed (the buffer is
 * returned as it is) when no sheet is that large.
 */
export async function lighten(buffer: Buffer, minBytes = PASS_THROUGH_BYTES): Promise<Lightened | undefined> {
  const zip = await JSZip.loadAsync(buffer);
  const parts = await sheetParts(zip);
  const big = [...parts].filter(([, path]) => {
    const size = (zip.file(path) as unknown as { _data?: { uncompressedSize?: number } } | null)?._data
      ?.uncompressedSize;
    return (size ?? 0) > minBytes;
  });
  if (big.length === 0) return undefined;
  const sheets: PassedSheet[] = [];
  for (const [name, path] of big) {
    const xml = (await zip.file(path)?.async('string')) ?? '';
    const sheetData = SHEET_DATA.exec(xml)?.[0];
    if (!sheetData) continue;
    const markers = new Map<number, string>();
    for (const m of sheetData.matchAll(/<c\b[^>]*?\ss="(\d+)"[^>]*>/g)) {
      const s = Number(m[1]);
      const r = attr(m[0], 'r');
      if (s !== 0 && r && !markers.has(s)) markers.set(s, r);
    }
    // The stub keeps one empty cell per style, so exceljs writes each style and shows its new number.
    const byRow = new Map<number, string[]>();
    for (const [s, ref] of markers) {
      const row = Number(/\d+$/.exec(ref)?.[0]);
      byRow.set(row, [...(byRow.get(row) ?? []), `<c r="${ref}" s="${s}"/>`]);
    }
    const colNumber = (ref: string): number =>
      [...(/^[A-Z]+/.exec(ref)?.[0] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const stub = [...byRow]
      .sort((a, b) => a[0] - b[0])
      .map(([row, cells]) => {
        const sorted = cells.sort((a, b) => colNumber(attr(a, 'r') ?? '') - colNumber(attr(b, 'r') ?? ''));
        return `<row r="${row}">${sorted.join('')}</row>`;
      })
      .join('');
    zip.file(path, xml.replace(sheetData, `<sheetData>${stub}</sheetData>`));
    sheets.push({ name, sheetData, markers });
  }
  const sst = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const sharedXml = [...sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[1] ?? '');
  const styles = (await zip.file('xl/styles.xml')?.async('string')) ?? '';
  const wb = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  return {
    // Read once by exceljs and dropped: not worth compressing.
    buffer: await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }),
    sheets,
    sharedXml,
    sharedText: sharedXml.map(runText),
    formats: formatsOf(styles),
    date1904: /date1904="(?:1|true)"/.test(wb),
  };
}

export type PassedValue = string | number | boolean | Date | { error: string };

/**
 * Every non-empty cell of a passed sheet: 1-based row and column, the value as exceljs would give it
 * (dates as UTC wall-clock Dates), the formula text if any and the number format.
 */
export function* passedCells(
  sheet: PassedSheet,
  l: Lightened,
): Generator<{ row: number; col: number; value: PassedValue; formula?: string; format?: string }> {
  let row = 0;
  for (const rm of sheet.sheetData.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    row = Number(attr(rm[1] ?? '', 'r') ?? row + 1);
    let col = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = cm[1] ?? '';
      const ref = attr(tag, 'r');
      col = ref
        ? [...(/^[A-Z]+/.exec(ref)?.[0] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)
        : col + 1;
      const inner = cm[2] ?? '';
      const t = attr(tag, 't') ?? 'n';
      const format = l.formats[Number(attr(tag, 's') ?? 0)];
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const f = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(inner)?.[1];
      let value: PassedValue;
      if (t === 's') value = l.sharedText[Number(v)] ?? '';
      else if (t === 'inlineStr') value = runText(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
      else if (t === 'str') value = xmlText(v ?? '');
      else if (t === 'b') value = v === '1';
      else if (t === 'e') value = { error: xmlText(v ?? '') };
      else if (v === undefined) continue;
      else {
        const n = Number(v);
        value = isDateFormat(format)
          ? new Date(Math.round((n - (l.date1904 ? -1462 : 0) - 25569) * 86_400_000))
          : n;
      }
      yield { row, col, value, ...(f ? { formula: xmlText(f) } : {}), ...(format ? { format } : {}) };
    }
  }
}

/**
 * Puts the cells of the passed sheets named in `names` back into the file exceljs wrote: style numbers translated
 * through the stub's marker cells, shared strings appended to the new file's table.
 */
export async function restorePassed(file: Buffer, l: Lightened, names: ReadonlySet<string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  const parts = await sheetParts(zip);
  const sstPath = 'xl/sharedStrings.xml';
  let sst = (await zip.file(sstPath)?.async('string')) ?? '';
  const offset = [...sst.matchAll(/<si>|<si\/>/g)].length;
  let used = false;
  for (const sheet of l.sheets) {
    const path = parts.get(sheet.name);
    if (!names.has(sheet.name) || !path) continue;
    const xml = (await zip.file(path)?.async('string')) ?? '';
    const styleOf = new Map<number, string>();
    for (const [s, ref] of sheet.markers) {
      const written = new RegExp(`<c\\b[^>]*\\sr="${ref}"[^>]*>`).exec(xml)?.[0];
      styleOf.set(s, (written && attr(written, 's')) ?? '0');
    }
    const cells = sheet.sheetData.replace(
      /<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g,
      (_m, tag: string, end: string, inner?: string) => {
        const s = attr(tag, 's');
        let t = tag;
        if (s !== undefined) t = t.replace(/\ss="\d+"/, ` s="${styleOf.get(Number(s)) ?? '0'}"`);
        if (attr(tag, 't') !== 's' || inner === undefined) return `<c${t}${end}`;
        const i = Number(/<v>(\d+)<\/v>/.exec(inner)?.[1]);
        // Without a table in the new file (it has no other text) the string goes inline.
        if (!sst) return `<c${t.replace(/\st="s"/, ' t="inlineStr"')}><is>${l.sharedXml[i] ?? ''}</is></c>`;
        used = true;
        return `<c${t}><v>${i + offset}</v></c>`;
      },
    );
    zip.file(
      path,
      xml.replace(SHEET_DATA, () => cells),
    );
  }
  if (used) {
    const added = l.sharedXml.map((x) => `<si>${x}</si>`).join('');
    sst = sst
      .replace(/<\/sst>\s*$/, `${added}</sst>`)
      .replace(/uniqueCount="\d+"/, `uniqueCount="${offset + l.sharedXml.length}"`)
      .replace(/\scount="\d+"/, '');
    zip.file(sstPath, sst);
  }
  // The fastest level: the passed sheet is most of the file, and level 6 takes several times longer for a few per cent.
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}
