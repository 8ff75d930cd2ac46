/**
 * Writes `Региональная сводка` into the active spreadsheet: one setValues, bold headers, colours by
 * conditional-format rules (replaced on every run, the user's own rules kept) and a stacked bar chart.
 * The local `roadmap500 rollup` and the regional Apps Script job both write through here.
 */
import { columnLetter } from '../core/grid';
import {
  REGIONAL_COLORS,
  regionalSheet,
  type RegionalFigures,
  type RegionalSheet,
  type RollupFailure,
} from '../core/regional-summary';
import { insertStackedBarChart } from './bar-chart';
import { isOurRule, RULE_MARKER } from './conditional-format';
import { dataErrors, done, type JobResult } from './job';
import type { ConditionalFormatRulePort, Services, SheetPort, SpreadsheetAppPort } from './ports';
import { ensureSize } from './sheet-size';

export const REGIONAL_SUMMARY_SHEET = 'Региональная сводка';

function rules(
  app: SpreadsheetAppPort,
  sheet: SheetPort,
  layout: RegionalSheet,
): ConditionalFormatRulePort[] {
  const out: ConditionalFormatRulePort[] = [];
  const rule = (
    row: number,
    col: number,
    rows: number,
    cols: number,
    formula: string,
    color: string,
  ): void => {
    out.push(
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied(`=AND(${RULE_MARKER},${formula})`)
        .setBackground(color)
        .setRanges([sheet.getRange(row, col, rows, cols)])
        .build(),
    );
  };
  // Relative references to the region's top-left cell: Sheets shifts them for every cell of the range.
  for (const [row, col, rows, cols, color] of layout.alarmRegions)
    rule(row, col, rows, cols, `${columnLetter(col)}${row}>0`, color);
  if (layout.percentRegion) {
    const [row, col, rows] = layout.percentRegion;
    const cell = `${columnLetter(col)}${row}`;
    rule(row, col, rows, 1, `ISNUMBER(${cell}),${cell}>=80`, REGIONAL_COLORS.good);
    rule(row, col, rows, 1, `ISNUMBER(${cell}),${cell}<50`, REGIONAL_COLORS.warn);
  }
  return out;
}

/**
 * Rewrites the sheet with a constant number of calls, whatever the number of municipalities. Exit code 1
 * when some municipalities could not be read (they are listed at the bottom of the sheet).
 */
export function writeRegionalSummary(
  svc: Services,
  figures: RegionalFigures,
  failures: readonly RollupFailure[],
): JobResult {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const builtAt = svc.utilities.formatDate(svc.now(), ss.getSpreadsheetTimeZone(), 'dd.MM.yyyy HH:mm');
  const layout = regionalSheet(figures, failures, builtAt);
  const sheet = ss.getSheetByName(REGIONAL_SUMMARY_SHEET) ?? ss.insertSheet(REGIONAL_SUMMARY_SHEET);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clear();
  const { grid, width } = layout;
  ensureSize(sheet, grid.length, width);
  // Municipality names and reasons are text, whatever they look like («1.1», «=…»).
  sheet.getRange(1, 1, grid.length, 1).setNumberFormat('@');
  sheet.getRange(1, 1, grid.length, width).setValues(grid);
  sheet
    .getRange(1, 1, grid.length, width)
    .setFontWeights(
      grid.map((_, r) => Array<string | null>(width).fill(layout.boldRows.includes(r + 1) ? 'bold' : null)),
    );
  sheet.setColumnWidth(1, 260);
  sheet.setFrozenRows(0);
  const kept = sheet.getConditionalFormatRules().filter((r) => !isOurRule(r));
  sheet.setConditionalFormatRules([...rules(svc.spreadsheetApp, sheet, layout), ...kept]);
  if (figures.municipalities.length > 0)
    insertStackedBarChart(sheet, {
      range: layout.chartRange,
      anchor: layout.chartAnchor,
      title: 'Мероприятия муниципалитетов: выполнено, просрочено, остальные',
      colors: ['#93c47d', '#e06666', '#b7b7b7'],
    });
  const ms = figures.municipalities;
  const overdue = ms.reduce((n, m) => n + m.overdue, 0);
  const message =
    `Региональная сводка построена: муниципалитетов ${ms.length}, просроченных мероприятий ${overdue}` +
    (failures.length > 0 ? `; не прочитано источников: ${failures.length} (список внизу листа)` : '') +
    '.';
  return failures.length > 0 ? dataErrors(message) : done(message);
}
