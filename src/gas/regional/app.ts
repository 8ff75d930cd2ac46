/**
 * The regional deployment's internals (global `RoadmapRegion`): a regional spreadsheet that lists the
 * municipal spreadsheets in «Муниципалитеты» and builds «Региональная сводка» from them. A separate Apps
 * Script project with its own manifest (src/gas/regional/appsscript.json): it may read other spreadsheets,
 * which the municipal deployment (spreadsheets.currentonly) may not.
 */
import { isUserError } from '../../core/errors';
import type { JobResult } from '../../sheets/job';
import { buildRegionalSummary as buildRegionalSummaryJob } from '../../sheets/regional-summary-job';
import { regionalServices, spreadsheetOpener } from '../services';

export const REGIONAL_MENU_TITLE = 'Региональная сводка';

/** Simple trigger: the menu only (no authorised service is available in onOpen). */
export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createMenu(REGIONAL_MENU_TITLE)
    .addItem('Построить региональную сводку', 'buildRegionalSummary')
    .addToUi();
}

/**
 * Menu run, or the continuation trigger the job scheduled (its event carries the trigger's id). A menu
 * run tells the user how it went in a toast; a UserError becomes a readable message.
 */
export function buildRegionalSummary(event?: GoogleAppsScript.Events.TimeDriven): JobResult {
  const svc = regionalServices();
  try {
    const result = buildRegionalSummaryJob(svc, spreadsheetOpener(), event);
    if (!event) svc.spreadsheetApp.getActiveSpreadsheet().toast(result.message, REGIONAL_MENU_TITLE, 10);
    return result;
  } catch (e) {
    // eslint-disable-next-line preserve-caught-error -- the bundle's lib is ES2020 (no Error `cause` option), and the user needs only the message
    if (isUserError(e)) throw new Error(`${e.message} ${e.fix}`);
    throw e;
  }
}
