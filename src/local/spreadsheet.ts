/** The in-memory Spreadsheet and Sheet, SpreadsheetApp and its Ui, modelled on what Sheets really does. */
import type {
  ConditionalFormatRulePort,
  EmbeddedChartPort,
  HtmlOutputPort,
  MenuPort,
  SheetPort,
  SpreadsheetAppPort,
  SpreadsheetPort,
  UiPort,
} from '../sheets/ports';
import { hasContent, type Cell } from './cells';
import { ServiceObject } from './counter';
import { hasSemicolonSeparator } from './formula-syntax';
import { Range } from './range';
import {
  type ConditionalFormatRule,
  ConditionalFormatRuleBuilder,
  DataValidationBuilder,
  type EmbeddedChart,
  EmbeddedChartBuilder,
} from './rules';

/** Something the script showed the user: a toast, an alert, a sidebar, a dialog, a menu. */
export interface UiEvent {
  kind: 'toast' | 'alert' | 'sidebar' | 'dialog' | 'menu';
  title: string;
  text: string;
  html?: string;
}

export interface MergeArea {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

const KEY = 32768;
const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;
/** Sheets' default column width in pixels. */
export const DEFAULT_WIDTH = 100;
/** Sheets' default row height, pixels. */
export const DEFAULT_HEIGHT = 21;

export class Sheet extends ServiceObject implements SheetPort {
  readonly className = 'Sheet';
  private rows: (Cell[] | undefined)[] = [];
  /** Cells written since load (row * KEY + column): the only cells the xlsx writer touches. */
  readonly dirty = new Set<number>();
  merges: MergeArea[] = [];
  widths = new Map<number, number>();
  /** Row heights set by a script, in pixels. */
  heights = new Map<number, number>();
  frozenRows = 0;
  frozenColumns = 0;
  rules: ConditionalFormatRule[] = [];
  charts: EmbeddedChart[] = [];
  /** What changed since load besides cells: the xlsx writer rewrites only these. */
  readonly changed = {
    merges: false,
    frozen: false,
    rules: false,
    widths: new Set<number>(),
    heights: new Set<number>(),
  };
  /** clear() was called: the writer rewrites the whole sheet. */
  cleared = false;
  maxRows: number;
  maxColumns: number;

  constructor(
    readonly parent: Spreadsheet,
    public name: string,
    readonly id: number,
    size: { rows?: number; columns?: number } = {},
  ) {
    super();
    this.maxRows = size.rows ?? DEFAULT_ROWS;
    this.maxColumns = size.columns ?? DEFAULT_COLUMNS;
  }

  /** Internal: the row's cells (1-based columns), or undefined if the row was never written. */
  rowCells(row: number): Cell[] | undefined {
    return this.rows[row];
  }

  /** Internal: the cell, created if needed and marked as written. */
  cellAt(row: number, column: number): Cell {
    let line = this.rows[row];
    if (!line) this.rows[row] = line = [];
    let cell = line[column];
    if (!cell) line[column] = cell = { v: null };
    this.dirty.add(row * KEY + column);
    return cell;
  }

  /** Internal: sets a loaded cell without marking it written. */
  loadCell(row: number, column: number, cell: Cell): void {
    let line = this.rows[row];
    if (!line) this.rows[row] = line = [];
    line[column] = cell;
    if (row > this.maxRows) this.maxRows = row;
    if (column > this.maxColumns) this.maxColumns = column;
  }

  /** Internal: every stored cell with its coordinates. */
  *cells(): Generator<[number, number, Cell]> {
    for (let r = 1; r < this.rows.length; r++) {
      const line = this.rows[r];
      if (!line) continue;
      for (let c = 1; c < line.length; c++) {
        const cell = line[c];
        if (cell) yield [r, c, cell];
      }
    }
  }

  static decodeKey(key: number): [number, number] {
    return [Math.floor(key / KEY), key % KEY];
  }

  getName(): string {
    return this.name;
  }
  setName(name: string): this {
    if (
      this.parent.sheets.some(
        (s) => s !== this && s.name.toLocaleLowerCase('ru') === name.toLocaleLowerCase('ru'),
      )
    ) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.name = name;
    return this;
  }
  getSheetId(): number {
    return this.id;
  }
  getIndex(): number {
    return this.parent.sheets.indexOf(this) + 1;
  }
  getParent(): Spreadsheet {
    return this.parent;
  }
  activate(): this {
    return this;
  }

  getLastRow(): number {
    for (let r = this.rows.length - 1; r >= 1; r--) {
      if (this.rows[r]?.some(hasContent)) return r;
    }
    return 0;
  }
  getLastColumn(): number {
    let last = 0;
    for (const line of this.rows) {
      if (!line) continue;
      for (let c = line.length - 1; c > last; c--) {
        if (hasContent(line[c])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }
  /** Only at the end of the sheet (the way to grow it); the host does not shift rows. */
  insertRowsAfter(afterPosition: number, howMany: number): this {
    if (afterPosition !== this.maxRows)
      throw new Error('Локальный хост не поддерживает Sheet.insertRowsAfter не в конце листа');
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    if (afterPosition !== this.maxColumns)
      throw new Error('Локальный хост не поддерживает Sheet.insertColumnsAfter не в конце листа');
    this.maxColumns += howMany;
    return this;
  }

  getDataRange(): Range {
    return new Range(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }

  getRange(a1Notation: string): Range;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): Range;
  getRange(first: string | number, column?: number, numRows = 1, numColumns = 1): Range {
    if (typeof first === 'string') {
      const r = this.parseA1(first);
      return this.within(new Range(this, r.row, r.column, r.numRows, r.numColumns));
    }
    if (typeof first !== 'number' || Number.isNaN(first)) throw new Error(`Invalid argument: row`);
    if (column === undefined) throw new Error('Invalid argument: column');
    // Sheets' own messages for a range that starts before the sheet or has no size.
    if (first < 1) throw new Error('The starting row of the range is too small.');
    if (column < 1) throw new Error('The starting column of the range is too small.');
    if (numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (![first, column, numRows, numColumns].every(Number.isInteger))
      throw new Error('Invalid argument: range coordinates must be whole numbers');
    return this.within(new Range(this, first, column, numRows, numColumns));
  }

  /** Sheets refuses a range past the sheet's last row or column: a script must grow the sheet first (insertRowsAfter). */
  private within(range: Range): Range {
    if (range.getLastRow() > this.maxRows || range.getLastColumn() > this.maxColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return range;
  }

  /** Internal: the area an A1 notation names on this sheet (not checked against its size). */
  parseA1(notation: string): MergeArea {
    const m = /^(?:(?:'((?:[^']|'')+)'|([^!]+))!)?\$?([A-Z]*)\$?(\d*)(?::\$?([A-Z]*)\$?(\d*))?$/i.exec(
      notation.trim(),
    );
    const sheetName = m?.[1]?.replace(/''/g, "'") ?? m?.[2];
    if (!m || (sheetName !== undefined && sheetName !== this.name) || (!m[3] && !m[4]))
      throw new Error('Range not found');
    const col = (s: string | undefined): number | undefined =>
      s ? [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : undefined;
    const num = (s: string | undefined): number | undefined => (s ? Number(s) : undefined);
    const c1 = col(m[3]);
    const r1 = num(m[4]);
    const single = m[5] === undefined && m[6] === undefined;
    if (single && (c1 === undefined || r1 === undefined)) throw new Error('Range not found');
    const c2 = single ? c1 : col(m[5]);
    const r2 = single ? r1 : num(m[6]);
    const top = Math.min(r1 ?? 1, r2 ?? r1 ?? 1);
    const bottom = Math.max(r1 ?? this.maxRows, r2 ?? this.maxRows);
    const left = Math.min(c1 ?? 1, c2 ?? c1 ?? 1);
    const right = Math.max(c1 ?? this.maxColumns, c2 ?? this.maxColumns);
    if (top < 1 || left < 1) throw new Error('Range not found');
    return { row: top, column: left, numRows: bottom - top + 1, numColumns: right - left + 1 };
  }

  clear(): this {
    this.rows = [];
    this.dirty.clear();
    this.merges = [];
    this.cleared = true;
    return this;
  }
  clearContents(): this {
    for (const [r, c, cell] of this.cells()) {
      cell.v = null;
      delete cell.f;
      this.dirty.add(r * KEY + c);
    }
    return this;
  }

  getFrozenRows(): number {
    return this.frozenRows;
  }
  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
    this.changed.frozen = true;
  }
  getFrozenColumns(): number {
    return this.frozenColumns;
  }
  setFrozenColumns(columns: number): void {
    this.frozenColumns = columns;
    this.changed.frozen = true;
  }
  getColumnWidth(columnPosition: number): number {
    return this.widths.get(columnPosition) ?? DEFAULT_WIDTH;
  }
  setColumnWidth(columnPosition: number, width: number): this {
    this.widths.set(columnPosition, width);
    this.changed.widths.add(columnPosition);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      this.widths.set(c, width);
      this.changed.widths.add(c);
    }
    return this;
  }
  getRowHeight(rowPosition: number): number {
    return this.heights.get(rowPosition) ?? DEFAULT_HEIGHT;
  }
  setRowHeights(startRow: number, numRows: number, height: number): this {
    for (let r = startRow; r < startRow + numRows; r++) {
      this.heights.set(r, height);
      this.changed.heights.add(r);
    }
    return this;
  }

  getConditionalFormatRules(): ConditionalFormatRule[] {
    return [...this.rules];
  }
  /** Replaces all rules of the sheet, as Sheets does. */
  setConditionalFormatRules(portRules: ConditionalFormatRulePort[]): void {
    const rules = portRules as unknown as ConditionalFormatRule[];
    for (const rule of rules) {
      if (rule.spec.ranges.some((r) => r.sheet !== this)) {
        throw new Error('Conditional format rule cannot reference a different sheet.');
      }
      const formula = rule.spec.formula;
      if (formula !== undefined && hasSemicolonSeparator(formula)) {
        this.parent.env.badFormula(
          this,
          rule.spec.ranges.map((r) => r.getA1Notation()).join(','),
          formula,
          'rule',
        );
      }
    }
    this.rules = [...rules];
    this.changed.rules = true;
  }

  newChart(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder();
  }
  getCharts(): EmbeddedChart[] {
    return [...this.charts];
  }
  insertChart(chart: EmbeddedChartPort): void {
    this.charts.push(chart as unknown as EmbeddedChart);
  }
  removeChart(chart: EmbeddedChartPort): void {
    this.charts = this.charts.filter((c) => c !== (chart as unknown));
  }
  updateChart(chart: EmbeddedChartPort): void {
    if (!this.charts.includes(chart as unknown as EmbeddedChart))
      this.charts.push(chart as unknown as EmbeddedChart);
  }
}

export interface SpreadsheetEnv {
  timeZone: string;
  name: string;
  id: string;
  /** Where the user opens it: the workbook's file URL locally. */
  url: string;
  /** What toast/alert/sidebar calls show the user. */
  ui: (event: UiEvent) => void;
  /** A formula Sheets would reject (it shows #ERROR!) was written to a cell or a conditional-format rule. */
  badFormula: (sheet: Sheet, a1: string, formula: string, where: 'cell' | 'rule') => void;
  /** A string was written that Sheets would parse into a number, date or boolean. */
  parsed: (sheet: Sheet, row: number, column: number, text: string, kind: string) => void;
}

export class Spreadsheet extends ServiceObject implements SpreadsheetPort {
  readonly className = 'Spreadsheet';
  sheets: Sheet[] = [];
  /** Sheets removed since load, by the name they were loaded under. */
  readonly deleted: Sheet[] = [];
  private nextId = 0;

  constructor(readonly env: SpreadsheetEnv) {
    super();
  }

  /** The id of the n-th sheet created (0-based): the first has id 0 (gid=0 in its URL), later ones others. */
  static idOfNth(n: number): number {
    return n === 0 ? 0 : 100000 + n;
  }

  /** Internal: adds a sheet (loader and insertSheet). */
  addSheet(name: string, index?: number, size?: { rows?: number; columns?: number }): Sheet {
    if (this.getSheetByName(name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = new Sheet(this, name, Spreadsheet.idOfNth(this.nextId), size);
    this.nextId++;
    const at = index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, sheet);
    return sheet;
  }

  getId(): string {
    return this.env.id;
  }
  getName(): string {
    return this.env.name;
  }
  getUrl(): string {
    return this.env.url;
  }
  getSpreadsheetTimeZone(): string {
    return this.env.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.env.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    return 'ru_RU';
  }
  /** Sheet names are unique regardless of case, and Sheets finds them so. */
  getSheetByName(name: string): Sheet | null {
    const wanted = String(name).toLocaleLowerCase('ru');
    return this.sheets.find((s) => s.name.toLocaleLowerCase('ru') === wanted) ?? null;
  }
  getSheets(): Sheet[] {
    return [...this.sheets];
  }
  getActiveSheet(): Sheet {
    const first = this.sheets[0];
    if (!first) throw new Error('В таблице нет листов');
    return first;
  }
  getNumSheets(): number {
    return this.sheets.length;
  }
  insertSheet(sheetName?: string, sheetIndex?: number): Sheet {
    let name = sheetName;
    if (name === undefined)
      for (let n = this.sheets.length + 1; !name || this.getSheetByName(name); n++) name = `Лист${n}`;
    return this.addSheet(name, sheetIndex);
  }
  deleteSheet(portSheet: SheetPort): void {
    const sheet = portSheet as unknown as Sheet;
    const i = this.sheets.indexOf(sheet);
    if (i < 0) throw new Error('Sheet not found');
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets.splice(i, 1);
    this.deleted.push(sheet);
  }
  toast(msg: string, title?: string, _timeoutSeconds?: number): void {
    this.env.ui({ kind: 'toast', title: title ?? '', text: String(msg) });
  }
  getRange(a1Notation: string): Range {
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(a1Notation);
    const sheet = m ? this.getSheetByName(m[1]?.replace(/''/g, "'") ?? m[2] ?? '') : this.getActiveSheet();
    if (!sheet) throw new Error('Range not found');
    return sheet.getRange(m?.[3] ?? a1Notation);
  }
}

/** Apps Script enums are objects whose values print as their names. */
const enumOf = <K extends string>(...names: K[]): Record<K, K> =>
  Object.fromEntries(names.map((n) => [n, n])) as Record<K, K>;
export const Button = enumOf('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export const ButtonSet = enumOf('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');

export class Menu extends ServiceObject implements MenuPort {
  readonly className = 'Menu';
  private items: string[] = [];
  constructor(
    private readonly caption: string,
    private readonly ui: (e: UiEvent) => void,
  ) {
    super();
  }
  addItem(caption: string, functionName: string): this {
    this.items.push(`${caption} → ${functionName}`);
    return this;
  }
  addSeparator(): this {
    this.items.push('—');
    return this;
  }
  addSubMenu(menu: MenuPort): this {
    this.items.push(`${(menu as unknown as Menu).caption} ▸`);
    return this;
  }
  addToUi(): void {
    this.ui({ kind: 'menu', title: this.caption, text: this.items.join('\n') });
  }
}

export class Ui extends ServiceObject implements UiPort {
  readonly className = 'Ui';
  readonly ButtonSet = ButtonSet as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  readonly Button = Button as unknown as typeof GoogleAppsScript.Base.Button;
  constructor(private readonly ui: (e: UiEvent) => void) {
    super();
  }
  /** alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons); the user always presses the first button. */
  alert(...args: unknown[]): GoogleAppsScript.Base.Button {
    const strings = args.filter((a): a is string => typeof a === 'string' && !(a in ButtonSet));
    const [title, text] = strings.length >= 2 ? [strings[0] ?? '', strings[1] ?? ''] : ['', strings[0] ?? ''];
    this.ui({ kind: 'alert', title, text });
    const set = args.find((a) => typeof a === 'string' && a in ButtonSet);
    const pressed = set === 'YES_NO' || set === 'YES_NO_CANCEL' ? Button.YES : Button.OK;
    return pressed as unknown as GoogleAppsScript.Base.Button;
  }
  /** The local host has no one to ask: the user presses Cancel (jobs take their input as arguments). */
  prompt(...args: unknown[]): {
    getResponseText(): string;
    getSelectedButton(): GoogleAppsScript.Base.Button;
  } {
    const text = args.filter((a): a is string => typeof a === 'string' && !(a in ButtonSet)).join(': ');
    this.ui({ kind: 'alert', title: '', text });
    return {
      getResponseText: () => '',
      getSelectedButton: () => Button.CANCEL as unknown as GoogleAppsScript.Base.Button,
    };
  }
  createMenu(caption: string): Menu {
    return new Menu(caption, this.ui);
  }
  createAddonMenu(): Menu {
    return new Menu('Дополнения', this.ui);
  }
  showSidebar(userInterface: HtmlOutputPort): void {
    this.ui({ kind: 'sidebar', title: userInterface.getTitle(), text: '', html: userInterface.getContent() });
  }
  showModalDialog(userInterface: HtmlOutputPort, title: string): void {
    this.ui({ kind: 'dialog', title, text: '', html: userInterface.getContent() });
  }
  showModelessDialog(userInterface: HtmlOutputPort, title: string): void {
    this.showModalDialog(userInterface, title);
  }
}

export class SpreadsheetApp extends ServiceObject implements SpreadsheetAppPort {
  readonly className = 'SpreadsheetApp';
  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly uiObject: Ui,
    /** Other spreadsheets the script may open, by id or URL (the local host's other workbooks). */
    private readonly others: (idOrUrl: string) => Spreadsheet | undefined = () => undefined,
  ) {
    super();
  }
  /** As in Sheets, an id nobody shared with the user gives this error, not null. */
  openById(id: string): Spreadsheet {
    const found = this.others(id);
    if (!found)
      throw new Error(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    return found;
  }
  openByUrl(url: string): Spreadsheet {
    const found = this.others(url);
    if (!found) throw new Error('You do not have permission to access the requested document.');
    return found;
  }
  getActiveSpreadsheet(): Spreadsheet {
    return this.spreadsheet;
  }
  getActive(): Spreadsheet {
    return this.spreadsheet;
  }
  getActiveSheet(): Sheet {
    return this.spreadsheet.getActiveSheet();
  }
  getUi(): Ui {
    return this.uiObject;
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder();
  }
  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder();
  }
  flush(): void {}
}
