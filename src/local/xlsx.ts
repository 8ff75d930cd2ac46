/**
 * Loads an .xlsx into the in-memory Spreadsheet and saves it back. The exceljs workbook stays loaded and
 * only what the script changed is written into it, so the user's sheets keep everything exceljs keeps.
 */
import { messageOf } from '../core/errors';
import ExcelJS from 'exceljs';
import { a1, valueText } from '../core/grid';
import { countGenitive, NOUNS } from '../core/plural';
import { DEFAULT_FORMAT, type Cell } from './cells';
import { Range } from './range';
import { ConditionalFormatRule, DataValidation } from './rules';
import { Sheet, DEFAULT_WIDTH, Spreadsheet } from './spreadsheet';
import { fromExcelFormula, toExcelFormula } from './formula-syntax';
import { lighten, passedCells, PASS_THROUGH_BYTES, restorePassed, type Lightened } from './passed-sheets';
import { commitWorkbook, lostOnSave, readWorkbookFile, WorkbookError } from './workbook-file';
import { instantOfWall, wallTime } from './zone';

/** A veryHidden sheet holding the host's state between runs (document properties, triggers, quota). */
const STATE_SHEET = '_properties';
const CHUNK = 30000;
const EXCEL_CELL_TEXT = 32767;

/** What the writer noticed: cells it could not write as they are, and whether the script wrote formulas. */
interface WriteNotes {
  warnings: Set<string>;
  formulaWritten: boolean;
}

type CFModel = { ref: string; rules: (ExcelJS.ConditionalFormattingRule & { formulae?: string[] })[] };
type SheetWithCF = ExcelJS.Worksheet & {
  conditionalFormattings: CFModel[];
  _merges: Record<string, { top: number; left: number; bottom: number; right: number }>;
};

const pxFromChars = (w: number): number => Math.round(w * 7 + 5);
const charsFromPx = (px: number): number => Math.round(((px - 5) / 7) * 100) / 100;
const hexFromArgb = (argb: string | undefined): string | undefined =>
  argb && /^[0-9a-f]{8}$/i.test(argb) ? `#${argb.slice(2).toLowerCase()}` : undefined;
const argbFromHex = (hex: string): string => `FF${hex.slice(1).toUpperCase()}`;

/** The zip and exceljs libraries explain a broken file in English: say what it means for the user. */
function brokenBecause(e: unknown): string {
  const detail = messageOf(e);
  return /zip|central directory|signature/i.test(detail)
    ? 'файл обрезан при копировании или это не книга Excel'
    : `техническая причина: ${detail}`;
}

/**
 * Reads the file as a workbook or throws a WorkbookError saying, in Russian, what is wrong; `lost` names
 * what the saved copy will not have (charts, pivot tables: exceljs drops them).
 */
export async function readWorkbook(
  path: string,
  passThroughBytes = PASS_THROUGH_BYTES,
): Promise<{ workbook: ExcelJS.Workbook; lost: string[]; passed?: Passed }> {
  const buffer = readWorkbookFile(path);
  const workbook = new ExcelJS.Workbook();
  let light: Lightened | undefined;
  try {
    light = await lighten(buffer, passThroughBytes);
    await workbook.xlsx.load((light?.buffer ?? buffer) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new WorkbookError(
      `Книга «${path}» повреждена и не читается (${brokenBecause(e)}). Откройте её в Excel или LibreOffice и сохраните заново.`,
    );
  }
  return { workbook, lost: lostOnSave(buffer), ...(light ? { passed: { light, original: buffer } } : {}) };
}

/** Large sheets kept out of exceljs (see passed-sheets.ts), and the original file to load whole if a job writes one. */
export interface Passed {
  light: Lightened;
  original: Buffer;
}

/** The value of a cell as Sheets holds it: dates become instants in the spreadsheet's time zone. */
function loadValue(value: ExcelJS.CellValue, tz: string): { v: Cell['v']; f?: string } {
  if (value === null || value === undefined) return { v: null };
  if (value instanceof Date) return { v: new Date(instantOfWall(value.getTime(), tz)) };
  if (typeof value !== 'object') return { v: value };
  if ('formula' in value || 'sharedFormula' in value) {
    const fv = value as ExcelJS.CellFormulaValue;
    const result = fv.result as ExcelJS.CellValue;
    const loaded =
      result !== undefined &&
      typeof result === 'object' &&
      !(result instanceof Date) &&
      result !== null &&
      'error' in result
        ? { v: result.error as string }
        : loadValue(result ?? null, tz);
    return { v: loaded.v };
  }
  if ('richText' in value) return { v: value.richText.map((r) => r.text).join('') };
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    return { v: typeof text === 'string' ? text : loadValue(text as ExcelJS.CellValue, tz).v };
  }
  if ('error' in value) return { v: value.error };
  return { v: String(value) };
}

function listValues(formula: string | undefined): string[] | undefined {
  const m = formula ? /^"(.*)"$/s.exec(formula) : null;
  return m?.[1]?.split(',').map((s) => s.trim());
}

function parseRef(sheet: Sheet, ref: string): Range[] {
  return ref
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((part) => {
      // Excel's whole-column refs («A:A» = A1:A1048576) reach past the sheet: clipped to it, as Sheets does on import.
      const r = sheet.parseA1(part.replace(/\$/g, ''));
      const numRows = Math.min(r.numRows, sheet.getMaxRows() - r.row + 1);
      const numColumns = Math.min(r.numColumns, sheet.getMaxColumns() - r.column + 1);
      return numRows > 0 && numColumns > 0 ? [new Range(sheet, r.row, r.column, numRows, numColumns)] : [];
    });
}

/** The workbook behind a Spreadsheet, and which worksheet each loaded sheet came from. */
export class XlsxBinding {
  private readonly sources = new WeakMap<Sheet, ExcelJS.Worksheet>();
  constructor(
    public workbook: ExcelJS.Workbook,
    private passed?: Passed,
  ) {}

  /** The host state saved by an earlier run, if any. */
  savedState(): unknown {
    const ws = this.workbook.getWorksheet(STATE_SHEET);
    return ws ? this.readState(ws) : undefined;
  }

  /** Fills the spreadsheet from the workbook (dates read in the spreadsheet's time zone). */
  load(ss: Spreadsheet): void {
    const tz = ss.getSpreadsheetTimeZone();
    // Sheets are numbered in workbook order, so a link's target id is known before its sheet is loaded.
    const order = this.workbook.worksheets.filter((w) => w.name !== STATE_SHEET).map((w) => w.name);
    const idOfSheet = (name: string): number | undefined => {
      const i = order.findIndex((n) => n.toLocaleLowerCase('ru') === name.toLocaleLowerCase('ru'));
      return i < 0 ? undefined : Spreadsheet.idOfNth(i);
    };
    for (const ws of this.workbook.worksheets) {
      if (ws.name === STATE_SHEET) continue;
      const sheet = ss.addSheet(ws.name, undefined, {
        rows: Math.max(ws.rowCount, 1000),
        columns: Math.max(ws.columnCount, 26),
      });
      this.sources.set(sheet, ws);
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        // Empty cells too: a formatted empty cell (plain-text «@», a fill) keeps its format.
        row.eachCell({ includeEmpty: true }, (c, col) => {
          // A merged cell other than the top-left one reads as empty in Sheets.
          if (c.type === ExcelJS.ValueType.Merge) return;
          const { v } = loadValue(c.value, tz);
          const cell: Cell = { v: v === '' ? null : v };
          if (c.formula) cell.f = fromExcelFormula(c.formula, idOfSheet);
          if (c.numFmt && c.numFmt !== DEFAULT_FORMAT) cell.fmt = c.numFmt;
          const fill = c.fill;
          if (fill?.type === 'pattern' && fill.pattern === 'solid') {
            const bg = hexFromArgb(fill.fgColor?.argb);
            if (bg) cell.bg = bg;
          }
          if (c.font?.bold) cell.bold = true;
          const color = hexFromArgb(c.font?.color?.argb);
          if (color) cell.color = color;
          const note = c.note as unknown;
          if (typeof note === 'string') cell.note = note;
          else if (note && typeof note === 'object' && 'texts' in note) {
            cell.note = (note as { texts: { text: string }[] }).texts.map((t) => t.text).join('');
          }
          if (c.alignment?.wrapText) cell.wrap = true;
          const dv = c.dataValidation;
          const values = dv?.type === 'list' ? listValues(dv.formulae?.[0] as string | undefined) : undefined;
          if (values) {
            cell.validation = new DataValidation({
              values,
              showDropdown: true,
              allowInvalid: !dv?.showErrorMessage,
              helpText: dv?.prompt ?? '',
            });
          }
          if (cell.v !== null || cell.f || Object.keys(cell).length > 1) sheet.loadCell(r, col, cell);
        });
      });
      const passed = this.passed?.light.sheets.find((p) => p.name === ws.name);
      if (passed && this.passed) {
        for (const c of passedCells(passed, this.passed.light)) {
          const cell: Cell = { v: loadValue(c.value as ExcelJS.CellValue, tz).v };
          if (c.formula) cell.f = fromExcelFormula(c.formula, idOfSheet);
          if (c.format && c.format !== DEFAULT_FORMAT) cell.fmt = c.format;
          sheet.loadCell(c.row, c.col, cell);
        }
      }
      for (const m of Object.values((ws as SheetWithCF)._merges)) {
        sheet.merges.push({
          row: m.top,
          column: m.left,
          numRows: m.bottom - m.top + 1,
          numColumns: m.right - m.left + 1,
        });
      }
      ws.columns?.forEach((col, i) => {
        if (col.width) sheet.widths.set(i + 1, pxFromChars(col.width));
      });
      const view = ws.views?.[0];
      if (view?.state === 'frozen') {
        sheet.frozenRows = view.ySplit ?? 0;
        sheet.frozenColumns = view.xSplit ?? 0;
      }
      for (const cf of (ws as SheetWithCF).conditionalFormattings ?? []) {
        for (const rule of cf.rules) {
          const ranges = parseRef(sheet, cf.ref);
          if (rule.type === 'expression' && rule.formulae?.[0]) {
            const bg = hexFromArgb(
              rule.style?.fill?.type === 'pattern'
                ? (rule.style.fill.bgColor?.argb ?? rule.style.fill.fgColor?.argb)
                : undefined,
            );
            const fc = hexFromArgb(rule.style?.font?.color?.argb);
            sheet.rules.push(
              new ConditionalFormatRule({
                formula: `=${String(rule.formulae[0])}`,
                ranges,
                ...(bg ? { background: bg } : {}),
                ...(fc ? { fontColor: fc } : {}),
                ...(rule.style?.font?.bold ? { bold: true } : {}),
              }),
            );
          } else sheet.rules.push(new ConditionalFormatRule({ ranges, raw: rule }));
        }
      }
    }
  }

  /**
   * Names of the passed sheets the run left as they were: their cells go back into the file as loaded.
   * If the run changed, renamed or deleted one, the original file is loaded whole into exceljs instead
   * (slow, but then the sheet is written like any other).
   */
  private async keepPassed(ss: Spreadsheet): Promise<Set<string>> {
    const kept = new Set<string>();
    if (!this.passed) return kept;
    const byName = new Map(this.passed.light.sheets.map((p) => [p.name, p]));
    const touched = (sheet: Sheet): boolean =>
      sheet.dirty.size > 0 ||
      sheet.cleared ||
      sheet.changed.merges ||
      sheet.changed.frozen ||
      sheet.changed.rules ||
      sheet.changed.widths.size > 0 ||
      sheet.changed.heights.size > 0;
    let whole = ss.deleted.some((sheet) => byName.has(this.sources.get(sheet)?.name ?? ''));
    for (const sheet of ss.sheets) {
      const ws = this.sources.get(sheet);
      if (!ws || !byName.has(ws.name)) continue;
      if (ws.name !== sheet.name || touched(sheet)) whole = true;
      else kept.add(ws.name);
    }
    if (!whole) return kept;
    const full = new ExcelJS.Workbook();
    await full.xlsx.load(this.passed.original as unknown as ExcelJS.Buffer);
    for (const sheet of [...ss.sheets, ...ss.deleted]) {
      const ws = this.sources.get(sheet);
      const again = ws && full.getWorksheet(ws.name);
      if (again) this.sources.set(sheet, again);
    }
    this.workbook = full;
    this.passed = undefined;
    return new Set();
  }

  private readState(ws: ExcelJS.Worksheet): unknown {
    let json = '';
    ws.eachRow((row) => (json += valueText(row.getCell(1).value)));
    try {
      return JSON.parse(json);
    } catch {
      return undefined;
    }
  }

  /**
   * Writes what changed into the workbook, then the workbook to a temporary file, runs `beforeCommit`
   * and only then puts the file in place (if either fails, `path` is untouched).
   * Returns what could not be written as it is (Excel's limits), one line per cell.
   */
  async save(
    ss: Spreadsheet,
    path: string,
    state: unknown,
    beforeCommit: () => Promise<void> = () => Promise.resolve(),
    /** Called for each sheet once its cells are written: layout for reading and printing, chart images. */
    decorate: (sheet: Sheet, ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void = () => undefined,
  ): Promise<string[]> {
    const untouched = await this.keepPassed(ss);
    const wb = this.workbook;
    const notes: WriteNotes = { warnings: new Set(), formulaWritten: false };
    const tz = ss.getSpreadsheetTimeZone();
    for (const sheet of ss.deleted) {
      const ws = this.sources.get(sheet);
      if (ws) wb.removeWorksheet(ws.id);
      this.sources.delete(sheet);
    }
    ss.deleted.length = 0;
    const old = wb.getWorksheet(STATE_SHEET);
    if (old) wb.removeWorksheet(old.id);
    ss.sheets.forEach((sheet) => {
      let ws = this.sources.get(sheet);
      const fresh = !ws || sheet.cleared;
      if (ws && sheet.cleared) wb.removeWorksheet(ws.id);
      if (!ws || sheet.cleared) {
        ws = wb.addWorksheet(excelSheetName(sheet.name, wb, notes));
        this.sources.set(sheet, ws);
      }
      if (ws.name !== sheet.name) {
        const name = excelSheetName(sheet.name, wb, notes, ws);
        if (ws.name !== name) ws.name = name;
      }
      writeSheet(sheet, ws, tz, fresh, notes);
      decorate(sheet, ws, wb);
    });
    // Sheet order follows the spreadsheet's; exceljs writes worksheets sorted by orderNo.
    ss.sheets.forEach((sheet, i) => {
      const ws = this.sources.get(sheet) as ExcelJS.Worksheet & { orderNo: number };
      ws.orderNo = i;
    });
    if (state !== undefined) {
      const ws = wb.addWorksheet(STATE_SHEET, { state: 'veryHidden' }) as ExcelJS.Worksheet & {
        orderNo: number;
      };
      ws.orderNo = ss.sheets.length;
      const json = JSON.stringify(state);
      for (let i = 0, r = 1; i < json.length; i += CHUNK, r++)
        ws.getCell(r, 1).value = json.slice(i, i + CHUNK);
    }
    // A formula the script wrote has no cached result: Excel and LibreOffice must compute it on opening.
    if (notes.formulaWritten) {
      wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
    }
    let bytes: Uint8Array = new Uint8Array(await wb.xlsx.writeBuffer());
    // Sheets too large for exceljs went round it: their cells go back into the file as they were read.
    if (this.passed && untouched.size > 0)
      bytes = await restorePassed(Buffer.from(bytes), this.passed.light, untouched);
    await commitWorkbook(path, bytes, beforeCommit);
    return [...notes.warnings];
  }
}

/**
 * A sheet name Excel accepts: at most 31 characters, none of * ? : / \\ [ ], no apostrophe at either end,
 * unique regardless of case. Sheets allows more; a changed name is reported.
 */
function excelSheetName(
  name: string,
  wb: ExcelJS.Workbook,
  notes: WriteNotes,
  own?: ExcelJS.Worksheet,
): string {
  let fixed =
    name
      .replace(/[*?:/\\[\]]/g, '_')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31) || 'Лист';
  const taken = (n: string): boolean =>
    wb.worksheets.some((w) => w !== own && w.name.toLowerCase() === n.toLowerCase());
  for (let i = 2; taken(fixed); i++) fixed = `${fixed.slice(0, 31 - String(i).length - 1)}_${i}`;
  if (fixed !== name)
    notes.warnings.add(`Лист «${name}» записан в .xlsx как «${fixed}»: Excel не принимает такое имя листа`);
  return fixed;
}

/** Sheets-style date patterns («dd.MM.yyyy HH:mm») in Excel's lower-case spelling. */
function excelFormat(fmt: string): string {
  if (!/[dy]/i.test(fmt.replace(/"[^"]*"/g, ''))) return fmt;
  return fmt.replace(/"[^"]*"|[DMYHS]/g, (m) => (m.startsWith('"') ? m : m.toLowerCase()));
}

function writeSheet(
  sheet: Sheet,
  ws: ExcelJS.Worksheet,
  tz: string,
  fresh: boolean,
  notes: WriteNotes,
): void {
  const nameOfSheet = (id: number): string | undefined => sheet.parent.sheets.find((s) => s.id === id)?.name;
  const keys: number[] = fresh ? [...sheet.cells()].map(([r, c]) => r * 32768 + c) : [...sheet.dirty];
  for (const key of keys) {
    const [r, c] = Sheet.decodeKey(key);
    const cell = sheet.rowCells(r)?.[c];
    if (cell) writeCell(cell, ws.getCell(r, c), tz, notes, nameOfSheet);
  }
  sheet.dirty.clear();
  if (fresh || sheet.changed.merges) {
    for (const m of Object.keys((ws as SheetWithCF)._merges)) ws.unMergeCells(m);
    for (const m of sheet.merges)
      ws.mergeCellsWithoutStyle(m.row, m.column, m.row + m.numRows - 1, m.column + m.numColumns - 1);
  }
  const widths = fresh ? [...sheet.widths.keys()] : [...sheet.changed.widths];
  for (const c of widths) ws.getColumn(c).width = charsFromPx(sheet.widths.get(c) ?? DEFAULT_WIDTH);
  // Excel measures rows in points (3/4 of a pixel); LibreOffice shows a wrapped cell only as tall as its row.
  for (const r of fresh ? sheet.heights.keys() : sheet.changed.heights) {
    const px = sheet.heights.get(r);
    if (px !== undefined) ws.getRow(r).height = px * 0.75;
  }
  if (fresh || sheet.changed.frozen) {
    const { frozenRows: ySplit, frozenColumns: xSplit } = sheet;
    ws.views =
      ySplit > 0 || xSplit > 0
        ? [{ state: 'frozen', xSplit, ySplit, topLeftCell: a1(ySplit + 1, xSplit + 1) }]
        : [{ state: 'normal' }];
  }
  if (fresh || sheet.changed.rules) {
    const cfs: CFModel[] = [];
    sheet.rules.forEach((rule, i) => {
      const ref = rule.spec.ranges.map((r) => r.getA1Notation()).join(' ');
      if (rule.spec.raw) {
        cfs.push({
          ref,
          rules: [{ ...(rule.spec.raw as ExcelJS.ConditionalFormattingRule), priority: i + 1 }],
        });
        return;
      }
      const s = rule.spec;
      const style: Partial<ExcelJS.Style> = {};
      if (s.background)
        style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argbFromHex(s.background) } };
      if (s.fontColor || s.bold)
        style.font = {
          ...(s.fontColor ? { color: { argb: argbFromHex(s.fontColor) } } : {}),
          ...(s.bold ? { bold: true } : {}),
        };
      cfs.push({
        ref,
        rules: [
          {
            type: 'expression',
            priority: i + 1,
            formulae: [toExcelFormula(String(s.formula), nameOfSheet)],
            style,
          },
        ],
      });
    });
    (ws as SheetWithCF).conditionalFormattings = cfs;
  }
  sheet.cleared = false;
  sheet.changed.merges = sheet.changed.frozen = sheet.changed.rules = false;
  sheet.changed.widths.clear();
  sheet.changed.heights.clear();
}

/** Writes one changed cell; each cell gets its own style object (exceljs shares them between cells). */
function writeCell(
  cell: Cell,
  c: ExcelJS.Cell,
  tz: string,
  notes: WriteNotes,
  nameOfSheet: (id: number) => string | undefined,
): void {
  const style: Partial<ExcelJS.Style> = { ...c.style };
  let fmt = cell.fmt;
  let value: ExcelJS.CellValue;
  if (cell.f) {
    value = { formula: toExcelFormula(cell.f, nameOfSheet) };
    notes.formulaWritten = true;
  } else if (cell.v instanceof Date) {
    const w = wallTime(cell.v, tz);
    value = new Date(Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s, w.ms));
    // Sheets gives a date written by a script a date format of its own; Excel would show a bare number.
    if (!fmt) fmt = w.h || w.min || w.s ? 'dd.mm.yyyy hh:mm:ss' : 'dd.mm.yyyy';
  } else if (typeof cell.v === 'string' && cell.v.length > EXCEL_CELL_TEXT) {
    // Sheets holds up to 50,000 characters in a cell, Excel 32,767: the rest cannot be saved.
    value = cell.v.slice(0, EXCEL_CELL_TEXT);
    notes.warnings.add(
      `«${c.worksheet.name}»!${c.address}: текст длиннее ${countGenitive(EXCEL_CELL_TEXT, NOUNS.character)} обрезан (предел Excel)`,
    );
  } else value = cell.v;
  const newFmt = fmt && fmt !== DEFAULT_FORMAT ? excelFormat(fmt) : undefined;
  if ((c.numFmt || undefined) !== newFmt) {
    if (newFmt) style.numFmt = newFmt;
    else delete style.numFmt;
  }
  const oldBg =
    c.fill?.type === 'pattern' && c.fill.pattern === 'solid' ? hexFromArgb(c.fill.fgColor?.argb) : undefined;
  if (oldBg !== cell.bg) {
    if (cell.bg) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argbFromHex(cell.bg) } };
    else delete style.fill;
  }
  const oldColor = hexFromArgb(c.font?.color?.argb);
  if (!!c.font?.bold !== !!cell.bold || oldColor !== cell.color) {
    const font: Partial<ExcelJS.Font> = { ...c.font, bold: !!cell.bold };
    if (cell.color) font.color = { argb: argbFromHex(cell.color) };
    else delete font.color;
    style.font = font;
  }
  if (!!c.alignment?.wrapText !== !!cell.wrap) style.alignment = { ...c.alignment, wrapText: !!cell.wrap };
  c.style = style;
  c.value = value;
  const oldNote = typeof c.note === 'string' ? c.note : undefined;
  if (cell.note !== oldNote && (cell.note || oldNote)) c.note = cell.note ?? '';
  const v = cell.validation;
  const list = v ? `"${v.spec.values.join(',')}"` : '';
  // Excel's in-cell list is one quoted string of at most 255 characters, items split at commas; a longer
  // list would make Excel call the file damaged, so such a dropdown stays in Sheets only.
  if (v && list.length <= 257 && !v.spec.values.some((x) => /[,"]/.test(x))) {
    c.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: !v.spec.allowInvalid,
      ...(v.spec.helpText ? { prompt: v.spec.helpText.slice(0, 255), showInputMessage: true } : {}),
    };
  } else if (v) {
    notes.warnings.add(
      `«${c.worksheet.name}»!${c.address}: список выбора длиннее 255 знаков или с запятыми — в .xlsx не записан (Excel такой не принимает), в Google Таблицах будет`,
    );
    if (c.dataValidation) c.dataValidation = undefined as unknown as ExcelJS.DataValidation;
  } else if (c.dataValidation) {
    c.dataValidation = undefined as unknown as ExcelJS.DataValidation;
  }
}
