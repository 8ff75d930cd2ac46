/** Conditional-format rules, data validation and embedded charts, with the builders Sheets hands out. */
import type {
  ConditionalFormatRuleBuilderPort,
  ConditionalFormatRulePort,
  DataValidationBuilderPort,
  DataValidationPort,
  EmbeddedChartBuilderPort,
  EmbeddedChartPort,
  RangePort,
} from '../sheets/ports';
import { normalizeColor } from './cells';
import { ServiceObject } from './counter';
import type { Range } from './range';

export interface RuleSpec {
  formula?: string;
  background?: string;
  fontColor?: string;
  bold?: boolean;
  ranges: Range[];
  /** A rule read from the file that is not a custom formula (exceljs model), kept as it was. */
  raw?: unknown;
}

/** Stands in for SpreadsheetApp's BooleanCondition of a custom-formula rule. */
export class BooleanCondition extends ServiceObject {
  readonly className = 'BooleanCondition';
  constructor(private readonly spec: RuleSpec) {
    super();
  }
  getCriteriaType(): string {
    return 'CUSTOM_FORMULA';
  }
  getCriteriaValues(): unknown[] {
    return [this.spec.formula];
  }
  getBackground(): string | null {
    return this.spec.background ?? null;
  }
  getFontColor(): string | null {
    return this.spec.fontColor ?? null;
  }
  getBold(): boolean | null {
    return this.spec.bold ?? null;
  }
}

export class ConditionalFormatRule extends ServiceObject implements ConditionalFormatRulePort {
  readonly className = 'ConditionalFormatRule';
  constructor(readonly spec: RuleSpec) {
    super();
  }
  getRanges(): Range[] {
    return [...this.spec.ranges];
  }
  getBooleanCondition(): BooleanCondition | null {
    return this.spec.formula === undefined ? null : new BooleanCondition(this.spec);
  }
  getGradientCondition(): null {
    return null;
  }
  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder({ ...this.spec, ranges: [...this.spec.ranges] });
  }
}

export class ConditionalFormatRuleBuilder extends ServiceObject implements ConditionalFormatRuleBuilderPort {
  readonly className = 'ConditionalFormatRuleBuilder';
  constructor(private spec: RuleSpec = { ranges: [] }) {
    super();
  }
  whenFormulaSatisfied(formula: string): this {
    this.spec.formula = formula;
    return this;
  }
  setBackground(color: string | null): this {
    this.spec.background = color === null ? undefined : normalizeColor(color);
    return this;
  }
  setFontColor(color: string | null): this {
    this.spec.fontColor = color === null ? undefined : normalizeColor(color);
    return this;
  }
  setBold(bold: boolean | null): this {
    this.spec.bold = bold ?? undefined;
    return this;
  }
  setRanges(ranges: RangePort[]): this {
    this.spec.ranges = [...(ranges as unknown as Range[])];
    return this;
  }
  getRanges(): Range[] {
    return [...this.spec.ranges];
  }
  build(): ConditionalFormatRule {
    // Sheets refuses a rule without a condition or a format.
    if (this.spec.formula === undefined) throw new Error('Conditional format rule must have a condition.');
    if (!this.spec.background && !this.spec.fontColor && this.spec.bold === undefined) {
      throw new Error('Conditional format rule must have at least one format.');
    }
    return new ConditionalFormatRule({ ...this.spec, ranges: [...this.spec.ranges] });
  }
}

export interface ValidationSpec {
  values: string[];
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText: string;
}

export class DataValidation extends ServiceObject implements DataValidationPort {
  readonly className = 'DataValidation';
  constructor(readonly spec: ValidationSpec) {
    super();
  }
  getCriteriaType(): string {
    return 'VALUE_IN_LIST';
  }
  /** As in Apps Script: [the list, showDropdown]. */
  getCriteriaValues(): unknown[] {
    return [[...this.spec.values], this.spec.showDropdown];
  }
  getAllowInvalid(): boolean {
    return this.spec.allowInvalid;
  }
  getHelpText(): string {
    return this.spec.helpText;
  }
  copy(): DataValidationBuilder {
    return new DataValidationBuilder({ ...this.spec });
  }
}

export class DataValidationBuilder extends ServiceObject implements DataValidationBuilderPort {
  readonly className = 'DataValidationBuilder';
  private hasCriteria: boolean;
  constructor(
    private spec: ValidationSpec = { values: [], showDropdown: true, allowInvalid: true, helpText: '' },
  ) {
    super();
    this.hasCriteria = spec.values.length > 0;
  }
  requireValueInList(values: string[], showDropdown = true): this {
    this.spec.values = values.map(String);
    this.spec.showDropdown = showDropdown;
    this.hasCriteria = true;
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.spec.allowInvalid = allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): this {
    this.spec.helpText = helpText;
    return this;
  }
  build(): DataValidation {
    if (!this.hasCriteria) throw new Error('You must specify the criteria for the data validation rule.');
    return new DataValidation({ ...this.spec, values: [...this.spec.values] });
  }
}

export interface ChartSpecInternal {
  type: string;
  ranges: Range[];
  options: Map<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number };
}

let chartIds = 0;

export class EmbeddedChart extends ServiceObject implements EmbeddedChartPort {
  readonly className = 'EmbeddedChart';
  readonly id = `chart-${++chartIds}`;
  constructor(readonly spec: ChartSpecInternal) {
    super();
  }
  getOptions(): { get(option: string): unknown } {
    const options = this.spec.options;
    return { get: (option: string) => options.get(option) ?? null };
  }
  getRanges(): Range[] {
    return [...this.spec.ranges];
  }
  getChartId(): string {
    return this.id;
  }
  getType(): string {
    return this.spec.type;
  }
}

export class EmbeddedChartBuilder extends ServiceObject implements EmbeddedChartBuilderPort {
  readonly className = 'EmbeddedChartBuilder';
  private spec: ChartSpecInternal = {
    type: 'COLUMN',
    ranges: [],
    options: new Map(),
    position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
  };
  asBarChart(): this {
    this.spec.type = 'BAR';
    return this;
  }
  asColumnChart(): this {
    this.spec.type = 'COLUMN';
    return this;
  }
  asLineChart(): this {
    this.spec.type = 'LINE';
    return this;
  }
  asPieChart(): this {
    this.spec.type = 'PIE';
    return this;
  }
  setChartType(type: GoogleAppsScript.Charts.ChartType): this {
    this.spec.type = String(type);
    return this;
  }
  addRange(range: RangePort): this {
    this.spec.ranges.push(range as unknown as Range);
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.spec.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  setOption(option: string, value: unknown): this {
    this.spec.options.set(option, value);
    return this;
  }
  build(): EmbeddedChart {
    return new EmbeddedChart({
      ...this.spec,
      ranges: [...this.spec.ranges],
      options: new Map(this.spec.options),
    });
  }
}
