/**
 * The regional deployment's internals (global `RoadmapRegion`): a regional spreadsheet that lists the
 * municipal spreadsheets in «Муниципалитеты» and builds «Региональная сводка» from them. A separate Apps
 * Script project with its own manifest (src/gas/regional/appsscript.json): it may read other spreadsheets,
 * which the municipal deployment (spreadsheets.currentonly) may not.
 */
import { isUserError } from '../../core/errors';
import { exportToBigQuery as exportToBigQueryJob } from '../../sheets/bigquery-export';
import type { JobResult } from '../../sheets/job';
import type { Services } from '../../sheets/ports';
import { buildRegionalSummary as buildRegionalSummaryJob } from '../../sheets/regional-summary-job';
import { bigQueryService } from '../bigquery';
import { regionalServices, spreadsheetOpener } from '../services';

export const REGIONAL_MENU_TITLE = 'Региональная сводка';

/** Simple trigger: the menu only (no authorised service is available in onOpen). */
export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createMenu(REGIONAL_MENU_TITLE)
    .addItem('Построить региональную сводку', 'buildRegionalSummary')
    .addItem('Выгрузить в BigQuery', 'exportToBigQuery')
    .addToUi();
}

/**
 * Menu run, or the continuation trigger the job scheduled (its event carries the trigger's id). A menu
 * run tells the user how it went in a toast; a UserError becomes a readable message.
 */
export function buildRegionalSummary(event?: GoogleAppsScript.Events.TimeDriven): JobResult {
  const svc = regionalServices();
  return menuRun(svc, () => buildRegionalSummaryJob(svc, spreadsheetOpener(), event), !event);
}

/** Menu run: the model's tables of every municipality into BigQuery (off until `Настройки` name the dataset). */
export function exportToBigQuery(): JobResult {
  const svc = regionalServices();
  return menuRun(svc, () => exportToBigQueryJob(svc, spreadsheetOpener(), bigQueryService()), true);
}

/** Runs a job; a menu run tells the user how it went in a toast, and a UserError becomes a readable message. */
function menuRun(svc: Services, job: () => JobResult, toast: boolean): JobResult {
  try {
    const result = job();
    if (toast) svc.spreadsheetApp.getActiveSpreadsheet().toast(result.message, REGIONAL_MENU_TITLE, 10);
    return result;
  } catch (e) {
    // eslint-disable-next-line preserve-caught-error -- the bundle's lib is ES2020 (no Error `cause` option), and the user needs only the message
    if (isUserError(e)) throw new Error(`${e.message} ${e.fix}`);
    throw e;
  }
}
