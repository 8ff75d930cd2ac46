/**
 * The slice of the Apps Script services the bundle uses. Real services must be assignable to these
 * (checked in src/gas/services.ts); the local host's in-memory classes implement them.
 */
import type { CellValue } from '../core/grid';

export interface RangePort {
  getValues(): CellValue[][];
  getDisplayValues(): string[][];
  getFormulas(): string[][];
  /** Strings starting with «=» become formulas, as in Sheets; use number format «@» to keep text. */
  setValues(values: unknown[][]): RangePort;
  setValue(value: unknown): RangePort;
  getNumberFormats(): string[][];
  setNumberFormat(format: string): RangePort;
  setNumberFormats(formats: string[][]): RangePort;
  getBackgrounds(): string[][];
  setBackground(color: string | null): RangePort;
  setBackgrounds(colors: string[][]): RangePort;
  setFontWeight(weight: string | null): RangePort;
  setFontWeights(weights: (string | null)[][]): RangePort;
  setFontColor(color: string | null): RangePort;
  getNotes(): string[][];
  setNote(note: string | null): RangePort;
  setNotes(notes: (string | null)[][]): RangePort;
  setDataValidation(rule: DataValidationPort | null): RangePort;
  setWrap(wrap: boolean): RangePort;
  getA1Notation(): string;
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getMergedRanges(): RangePort[];
  getSheet(): SheetPort;
  clearContent(): RangePort;
}

export interface ConditionalFormatRulePort {
  getRanges(): RangePort[];
  getBooleanCondition(): { getCriteriaValues(): unknown[] } | null;
}

export interface ConditionalFormatRuleBuilderPort {
  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilderPort;
  setBackground(color: string | null): ConditionalFormatRuleBuilderPort;
  setFontColor(color: string | null): ConditionalFormatRuleBuilderPort;
  setRanges(ranges: RangePort[]): ConditionalFormatRuleBuilderPort;
  build(): ConditionalFormatRulePort;
}

export interface DataValidationPort {
  getCriteriaValues(): unknown[];
}

export interface DataValidationBuilderPort {
  requireValueInList(values: string[], showDropdown?: boolean): DataValidationBuilderPort;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderPort;
  setHelpText(helpText: string): DataValidationBuilderPort;
  build(): DataValidationPort;
}

export interface EmbeddedChartPort {
  getOptions(): { get(option: string): unknown };
}

export interface EmbeddedChartBuilderPort {
  /** A bar chart builder; jobs use this instead of setChartType because the `Charts` enum is a global the job cannot see. */
  asBarChart(): EmbeddedChartBuilderPort;
  setChartType(type: GoogleAppsScript.Charts.ChartType): EmbeddedChartBuilderPort;
  addRange(range: RangePort): EmbeddedChartBuilderPort;
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): EmbeddedChartBuilderPort;
  setOption(option: string, value: unknown): EmbeddedChartBuilderPort;
  build(): EmbeddedChartPort;
}

export interface SheetPort {
  getName(): string;
  getSheetId(): number;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  /** Grows the sheet: Sheets refuses a range past the last row, so append with insertRowsAfter(getMaxRows(), n) first. */
  insertRowsAfter(afterPosition: number, howMany: number): SheetPort;
  insertColumnsAfter(afterPosition: number, howMany: number): SheetPort;
  getDataRange(): RangePort;
  getRange(a1Notation: string): RangePort;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): RangePort;
  clear(): SheetPort;
  getFrozenRows(): number;
  setFrozenRows(rows: number): void;
  getFrozenColumns(): number;
  setFrozenColumns(columns: number): void;
  setColumnWidth(columnPosition: number, width: number): SheetPort;
  setColumnWidths(startColumn: number, numColumns: number, width: number): SheetPort;
  setRowHeights(startRow: number, numRows: number, height: number): SheetPort;
  getConditionalFormatRules(): ConditionalFormatRulePort[];
  setConditionalFormatRules(rules: ConditionalFormatRulePort[]): void;
  newChart(): EmbeddedChartBuilderPort;
  getCharts(): EmbeddedChartPort[];
  insertChart(chart: EmbeddedChartPort): void;
  removeChart(chart: EmbeddedChartPort): void;
}

export interface SpreadsheetPort {
  getId(): string;
  getName(): string;
  getUrl(): string;
  getSpreadsheetTimeZone(): string;
  getSheetByName(name: string): SheetPort | null;
  getSheets(): SheetPort[];
  insertSheet(sheetName: string, sheetIndex?: number): SheetPort;
  deleteSheet(sheet: SheetPort): void;
  toast(msg: string, title?: string, timeoutSeconds?: number): void;
}

export interface MenuPort {
  addItem(caption: string, functionName: string): MenuPort;
  addSeparator(): MenuPort;
  addToUi(): void;
}

export interface HtmlOutputPort {
  setTitle(title: string): HtmlOutputPort;
  getTitle(): string;
  setWidth(width: number): HtmlOutputPort;
  setHeight(height: number): HtmlOutputPort;
  /** Web apps ignore <meta> tags in the page itself (the viewport, for phones, goes through this). */
  addMetaTag(name: string, content: string): HtmlOutputPort;
  getContent(): string;
}

export interface UiPort {
  alert(
    title: string,
    prompt: string,
    buttons: GoogleAppsScript.Base.ButtonSet,
  ): GoogleAppsScript.Base.Button;
  createMenu(caption: string): MenuPort;
  showSidebar(userInterface: HtmlOutputPort): void;
  showModalDialog(userInterface: HtmlOutputPort, title: string): void;
  prompt(
    title: string,
    prompt: string,
    buttons: GoogleAppsScript.Base.ButtonSet,
  ): { getResponseText(): string; getSelectedButton(): GoogleAppsScript.Base.Button };
  ButtonSet: typeof GoogleAppsScript.Base.ButtonSet;
  Button: typeof GoogleAppsScript.Base.Button;
}

export interface SpreadsheetAppPort {
  getActiveSpreadsheet(): SpreadsheetPort;
  getUi(): UiPort;
  newConditionalFormatRule(): ConditionalFormatRuleBuilderPort;
  newDataValidation(): DataValidationBuilderPort;
}

export interface PropertiesPort {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): PropertiesPort;
  deleteProperty(key: string): PropertiesPort;
  getProperties(): Record<string, string>;
}

export interface CachePort {
  get(key: string): string | null;
  put(key: string, value: string, expirationInSeconds?: number): void;
  remove(key: string): void;
}

export interface LockPort {
  tryLock(timeoutInMillis: number): boolean;
  waitLock(timeoutInMillis: number): void;
  releaseLock(): void;
  hasLock(): boolean;
}

export interface TriggerPort {
  getHandlerFunction(): string;
  getUniqueId(): string;
}

export interface ClockTriggerBuilderPort {
  everyDays(n: number): ClockTriggerBuilderPort;
  everyWeeks(n: number): ClockTriggerBuilderPort;
  onWeekDay(day: GoogleAppsScript.Base.Weekday): ClockTriggerBuilderPort;
  atHour(hour: number): ClockTriggerBuilderPort;
  inTimezone(timezone: string): ClockTriggerBuilderPort;
  after(durationMilliseconds: number): ClockTriggerBuilderPort;
  create(): TriggerPort;
}

export interface ScriptAppPort {
  getProjectTriggers(): TriggerPort[];
  deleteTrigger(trigger: TriggerPort): void;
  newTrigger(functionName: string): { timeBased(): ClockTriggerBuilderPort };
  /** The web app: its URL (null or '' until deployed). */
  getService(): { getUrl(): string | null };
  WeekDay: typeof GoogleAppsScript.Base.Weekday;
}

export interface MailMessage {
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  cc?: string;
  replyTo?: string;
  name?: string;
}

export interface MailAppPort {
  sendEmail(message: MailMessage): void;
  getRemainingDailyQuota(): number;
}

export interface UserPort {
  getEmail(): string;
}

export interface SessionPort {
  getActiveUser(): UserPort;
  getEffectiveUser(): UserPort;
  getScriptTimeZone(): string;
}

export interface HtmlServicePort {
  createHtmlOutputFromFile(filename: string): HtmlOutputPort;
  createHtmlOutput(html: string): HtmlOutputPort;
}

export interface UtilitiesPort {
  formatDate(date: Date, timeZone: string, format: string): string;
  getUuid(): string;
  sleep(milliseconds: number): void;
  /** Signed bytes (-128…127), as Apps Script returns them. */
  computeHmacSha256Signature(value: string, key: string): number[];
}

/** Everything a job may touch, passed in by the composition root (src/gas/services.ts). */
export interface Services {
  spreadsheetApp: SpreadsheetAppPort;
  session: SessionPort;
  /** Document properties: job state, send keys, continuation state. */
  properties: PropertiesPort;
  cache: CachePort;
  /** The document lock (one per spreadsheet). */
  lock: () => LockPort;
  scriptApp: ScriptAppPort;
  mailApp: MailAppPort;
  htmlService: HtmlServicePort;
  utilities: UtilitiesPort;
  /** «Now», as an instant; the local host simulates it. */
  now: () => Date;
}

// Compile-time check that the real Apps Script types satisfy the ports (a host must not be more generous).
type Assignable<T, U extends T> = U;
export type RealServicesFit = [
  Assignable<SpreadsheetPort, GoogleAppsScript.Spreadsheet.Spreadsheet>,
  Assignable<SheetPort, GoogleAppsScript.Spreadsheet.Sheet>,
  Assignable<RangePort, GoogleAppsScript.Spreadsheet.Range>,
];
