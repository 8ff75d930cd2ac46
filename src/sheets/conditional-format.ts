/**
 * Status colours as conditional-format rules (never painted backgrounds): on «Дорожная карта» by its
 * status column, and on the user's «Мероприятия» rows by looking their title up in «Дорожная карта».
 * Our rules carry a harmless marker in their formula, so a new run replaces them instead of stacking
 * more, and the user's own rules are kept.
 */
import type { ActivityStatusName } from '../core/layouts';
import { columnLetter } from '../core/grid';
import { SHEETS } from '../core/messages';
import type { ConditionalFormatRulePort, SheetPort, SpreadsheetAppPort } from './ports';

/** Inside every formula of ours: N("…") of a text is 0, so the condition is unchanged. */
export const RULE_MARKER = 'N("roadmap500")=0';

/** Status → background, in the order the rules are listed (the first matching rule wins in Sheets). */
export const STATUS_COLORS: readonly (readonly [ActivityStatusName, string])[] = [
  ['Просрочено', '#f4c7c3'],
  ['Скоро срок', '#fce8b2'],
  ['Выполнено', '#b7e1cd'],
];

/** True for a rule this product made (recognised by the marker in its custom formula). */
export function isOurRule(rule: ConditionalFormatRulePort): boolean {
  const values = rule.getBooleanCondition()?.getCriteriaValues() ?? [];
  return values.some((v) => typeof v === 'string' && v.includes(RULE_MARKER));
}

/** Our rules go first (they decide the colour where they match); the user's rules follow, unchanged. */
function replaceOurRules(sheet: SheetPort, ours: ConditionalFormatRulePort[]): void {
  const kept = sheet.getConditionalFormatRules().filter((r) => !isOurRule(r));
  sheet.setConditionalFormatRules([...ours, ...kept]);
}

export const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/**
 * Rules on «Дорожная карта»: whole rows from row 2 to the bottom of the sheet, by the status column
 * (1-based), e.g. `=AND(N("roadmap500")=0,$N2="Просрочено")` over A2:R.
 */
export function applyRoadmapRules(
  app: SpreadsheetAppPort,
  sheet: SheetPort,
  statusColumn: number,
  lastColumn: number,
): number {
  // An open-ended «A2:R» covers rows added later, and Sheets widens a rule's range when rows are inserted.
  const range = sheet.getRange(`A2:${columnLetter(lastColumn)}`);
  const status = `$${columnLetter(statusColumn)}2`;
  const rules = STATUS_COLORS.map(([name, color]) =>
    app
      .newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND(${RULE_MARKER},${status}=${quoted(name)})`)
      .setBackground(color)
      .setRanges([range])
      .build(),
  );
  replaceOurRules(sheet, rules);
  return rules.length;
}

/** Where the activities sit in «Мероприятия» and where «Дорожная карта» keeps titles and statuses. */
export interface ActivitiesLayout {
  /** Rows of activity titles: each table of the sheet as its title column and its first and last row. */
  tables: { titleColumn: number; firstRow: number; lastRow: number }[];
  lastColumn: number;
  roadmapTitleColumn: number;
  roadmapStatusColumn: number;
}

/**
 * The status of the row's title looked up in «Дорожная карта». Conditional-format formulas cannot
 * reference another sheet directly (Sheets refuses `'Дорожная карта'!N:N` in a rule), but INDIRECT of
 * a text address is allowed: the usual workaround, and Excel accepts it too. Looking the title up,
 * instead of pointing at a row, keeps the colours right when the user sorts or inserts rows. A title
 * split over rows in the source is found by its first 60 characters when it is long enough to be safe.
 */
function lookupFormula(titleCell: string, layout: ActivitiesLayout, status: string): string {
  const ref = (column: number): string => {
    const c = columnLetter(column);
    return `INDIRECT(${quoted(`'${SHEETS.roadmap}'!${c}:${c}`)})`;
  };
  const titles = ref(layout.roadmapTitleColumn);
  const statuses = ref(layout.roadmapStatusColumn);
  const t = `TRIM(${titleCell})`;
  const exact = `INDEX(${statuses},MATCH(${t},${titles},0))`;
  const prefix = `IF(LEN(${t})>=30,INDEX(${statuses},MATCH(LEFT(${t},60)&"*",${titles},0)),"")`;
  return `=AND(${RULE_MARKER},${titleCell}<>"",IFERROR(${exact},IFERROR(${prefix},""))=${quoted(status)})`;
}

/** Rules on the user's «Мероприятия»: only rules are added; its values and formats are never touched. */
export function applyActivitiesRules(
  app: SpreadsheetAppPort,
  sheet: SheetPort,
  layout: ActivitiesLayout,
): number {
  const tables = [...layout.tables].sort((a, b) => a.firstRow - b.firstRow);
  const rules: ConditionalFormatRulePort[] = [];
  tables.forEach((t, i) => {
    // The last table's range runs to the bottom of the sheet, so rows added under it are coloured too.
    const bottom = i === tables.length - 1 ? '' : String(t.lastRow);
    const range = sheet.getRange(`A${t.firstRow}:${columnLetter(layout.lastColumn)}${bottom}`);
    const titleCell = `$${columnLetter(t.titleColumn)}${t.firstRow}`;
    for (const [name, color] of STATUS_COLORS) {
      rules.push(
        app
          .newConditionalFormatRule()
          .whenFormulaSatisfied(lookupFormula(titleCell, layout, name))
          .setBackground(color)
          .setRanges([range])
          .build(),
      );
    }
  });
  replaceOurRules(sheet, rules);
  return rules.length;
}
