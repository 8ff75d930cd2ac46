/** Range: a rectangle of a Sheet, read and written in batches as Apps Script does. */
import { a1 } from '../core/grid';
import type { CellValue } from '../core/grid';
import type { DataValidationPort, RangePort } from '../sheets/ports';
import {
  DEFAULT_BACKGROUND,
  DEFAULT_FONT_COLOR,
  DEFAULT_FORMAT,
  displayValue,
  hasContent,
  normalizeColor,
  readValue,
  writeValue,
  type Cell,
} from './cells';
import { ServiceObject } from './counter';
import { hasSemicolonSeparator } from './formula-syntax';
import type { DataValidation } from './rules';
import type { Sheet } from './spreadsheet';

export class Range extends ServiceObject implements RangePort {
  readonly className = 'Range';
  constructor(
    readonly sheet: Sheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {
    super();
  }

  private map<T>(f: (cell: Cell | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const row = this.sheet.rowCells(this.row + r);
      const line: T[] = new Array<T>(this.numColumns);
      for (let c = 0; c < this.numColumns; c++) line[c] = f(row?.[this.column + c]);
      out.push(line);
    }
    return out;
  }

  /** Applies `f` to every cell of the range (created on demand) and marks them changed. */
  private each(f: (cell: Cell, r: number, c: number) => void): this {
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numColumns; c++) f(this.sheet.cellAt(this.row + r, this.column + c), r, c);
    }
    return this;
  }

  /** Sheets' own wording when a 2-D array does not fit the range. */
  private checkShape(values: unknown[][], what: string): void {
    if (!Array.isArray(values) || values.length !== this.numRows) {
      throw new Error(
        `The number of rows in the ${what} does not match the number of rows in the range. The ${what} has ${Array.isArray(values) ? values.length : 0} but the range has ${this.numRows}.`,
      );
    }
    for (const row of values) {
      if (!Array.isArray(row) || row.length !== this.numColumns) {
        throw new Error(
          `The number of columns in the ${what} does not match the number of columns in the range. The ${what} has ${Array.isArray(row) ? row.length : 0} but the range has ${this.numColumns}.`,
        );
      }
    }
  }

  getValues(): CellValue[][] {
    return this.map(readValue);
  }
  getValue(): CellValue {
    return readValue(this.sheet.rowCells(this.row)?.[this.column]);
  }
  getDisplayValues(): string[][] {
    const tz = this.sheet.parent.getSpreadsheetTimeZone();
    return this.map((c) => displayValue(c, tz));
  }
  getDisplayValue(): string {
    return displayValue(
      this.sheet.rowCells(this.row)?.[this.column],
      this.sheet.parent.getSpreadsheetTimeZone(),
    );
  }
  getFormulas(): string[][] {
    return this.map((c) => c?.f ?? '');
  }
  getFormula(): string {
    return this.sheet.rowCells(this.row)?.[this.column]?.f ?? '';
  }
  setValues(values: unknown[][]): this {
    this.checkShape(values, 'data');
    return this.each((cell, r, c) => this.note(cell, writeValue(cell, values[r]?.[c]), r, c, values[r]?.[c]));
  }
  setValue(value: unknown): this {
    return this.each((cell, r, c) => this.note(cell, writeValue(cell, value), r, c, value));
  }
  /** Tells the host about a string Sheets would have turned into a number or date, or a formula it would reject. */
  private note(cell: Cell, kind: string | undefined, r: number, c: number, value: unknown): void {
    const env = this.sheet.parent.env;
    if (kind) env.parsed(this.sheet, this.row + r, this.column + c, String(value), kind);
    if (cell.f && hasSemicolonSeparator(cell.f))
      env.badFormula(this.sheet, a1(this.row + r, this.column + c), cell.f, 'cell');
  }
  setFormula(formula: string): this {
    const f = formula.startsWith('=') ? formula : `=${formula}`;
    return this.each((cell, r, c) => this.note(cell, writeValue(cell, f), r, c, f));
  }
  isBlank(): boolean {
    return this.map(hasContent).every((row) => row.every((x) => !x));
  }

  getNumberFormats(): string[][] {
    return this.map((c) => c?.fmt ?? DEFAULT_FORMAT);
  }
  getNumberFormat(): string {
    return this.sheet.rowCells(this.row)?.[this.column]?.fmt ?? DEFAULT_FORMAT;
  }
  setNumberFormat(format: string): this {
    return this.each((cell) => (cell.fmt = format));
  }
  setNumberFormats(formats: string[][]): this {
    this.checkShape(formats, 'data');
    return this.each((cell, r, c) => (cell.fmt = String(formats[r]?.[c] ?? DEFAULT_FORMAT)));
  }

  getBackgrounds(): string[][] {
    return this.map((c) => c?.bg ?? DEFAULT_BACKGROUND);
  }
  getBackground(): string {
    return this.sheet.rowCells(this.row)?.[this.column]?.bg ?? DEFAULT_BACKGROUND;
  }
  setBackground(color: string | null): this {
    const bg = color === null ? undefined : normalizeColor(color);
    return this.each((cell) => (cell.bg = bg));
  }
  setBackgrounds(colors: string[][]): this {
    this.checkShape(colors, 'data');
    return this.each((cell, r, c) => {
      const color = colors[r]?.[c];
      cell.bg = color ? normalizeColor(color) : undefined;
    });
  }

  getFontWeights(): string[][] {
    return this.map((c) => (c?.bold ? 'bold' : 'normal'));
  }
  getFontWeight(): string {
    return this.sheet.rowCells(this.row)?.[this.column]?.bold ? 'bold' : 'normal';
  }
  setFontWeight(weight: string | null): this {
    return this.each((cell) => (cell.bold = weight === 'bold' || undefined));
  }
  setFontWeights(weights: (string | null)[][]): this {
    this.checkShape(weights, 'data');
    return this.each((cell, r, c) => (cell.bold = weights[r]?.[c] === 'bold' || undefined));
  }
  getFontColors(): string[][] {
    return this.map((c) => c?.color ?? DEFAULT_FONT_COLOR);
  }
  setFontColor(color: string | null): this {
    const fc = color === null ? undefined : normalizeColor(color);
    return this.each((cell) => (cell.color = fc));
  }
  setFontColors(colors: (string | null)[][]): this {
    this.checkShape(colors, 'data');
    return this.each((cell, r, c) => {
      const color = colors[r]?.[c];
      cell.color = color ? normalizeColor(color) : undefined;
    });
  }

  getNotes(): string[][] {
    return this.map((c) => c?.note ?? '');
  }
  getNote(): string {
    return this.sheet.rowCells(this.row)?.[this.column]?.note ?? '';
  }
  setNote(note: string | null): this {
    return this.each((cell) => (cell.note = note || undefined));
  }
  setNotes(notes: (string | null)[][]): this {
    this.checkShape(notes, 'data');
    return this.each((cell, r, c) => (cell.note = notes[r]?.[c] || undefined));
  }

  setDataValidation(rule: DataValidationPort | null): this {
    const v = (rule ?? undefined) as DataValidation | undefined;
    return this.each((cell) => (cell.validation = v));
  }
  getDataValidation(): DataValidation | null {
    return this.sheet.rowCells(this.row)?.[this.column]?.validation ?? null;
  }
  getDataValidations(): (DataValidation | null)[][] {
    return this.map((c) => c?.validation ?? null);
  }
  setWrap(wrap: boolean): this {
    return this.each((cell) => (cell.wrap = wrap || undefined));
  }
  getWraps(): boolean[][] {
    return this.map((c) => !!c?.wrap);
  }

  getA1Notation(): string {
    const start = a1(this.row, this.column);
    return this.numRows === 1 && this.numColumns === 1
      ? start
      : `${start}:${a1(this.row + this.numRows - 1, this.column + this.numColumns - 1)}`;
  }
  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }
  getSheet(): Sheet {
    return this.sheet;
  }
  getCell(row: number, column: number): Range {
    if (row < 1 || column < 1 || row > this.numRows || column > this.numColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new Range(this.sheet, this.row + row - 1, this.column + column - 1, 1, 1);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return this.sheet.getRange(
      this.row + rowOffset,
      this.column + columnOffset,
      numRows ?? this.numRows,
      numColumns ?? this.numColumns,
    );
  }

  getMergedRanges(): Range[] {
    return this.sheet.merges
      .filter(
        (m) =>
          m.row <= this.getLastRow() &&
          m.row + m.numRows > this.row &&
          m.column <= this.getLastColumn() &&
          m.column + m.numColumns > this.column,
      )
      .map((m) => new Range(this.sheet, m.row, m.column, m.numRows, m.numColumns));
  }
  isPartOfMerge(): boolean {
    return this.getMergedRanges().length > 0;
  }
  merge(): this {
    if (this.getMergedRanges().length > 0)
      throw new Error('You must select all cells in a merged range to merge or unmerge them.');
    if (this.numRows * this.numColumns > 1) {
      this.sheet.merges.push({
        row: this.row,
        column: this.column,
        numRows: this.numRows,
        numColumns: this.numColumns,
      });
      this.sheet.changed.merges = true;
    }
    return this;
  }
  breakApart(): this {
    const inside = new Set(this.getMergedRanges().map((m) => m.getA1Notation()));
    this.sheet.merges = this.sheet.merges.filter(
      (m) => !inside.has(new Range(this.sheet, m.row, m.column, m.numRows, m.numColumns).getA1Notation()),
    );
    this.sheet.changed.merges = true;
    return this;
  }

  clearContent(): this {
    return this.each((cell) => {
      cell.v = null;
      delete cell.f;
    });
  }
  clearFormat(): this {
    return this.each((cell) => {
      delete cell.fmt;
      delete cell.bg;
      delete cell.bold;
      delete cell.color;
      delete cell.wrap;
    });
  }
  clear(): this {
    this.clearContent();
    this.clearFormat();
    return this.each((cell) => {
      delete cell.note;
      delete cell.validation;
    });
  }
}
