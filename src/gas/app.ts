/**
 * The bundle's internals (global `Roadmap`): each contract function builds the real services and runs
 * its job. src/gas/Code.ts exposes these as top-level functions.
 */
import * as custom from '../core/custom-functions';
import { dateInZone } from '../core/dates';
import { isUserError } from '../core/errors';
import { MENU_TITLE } from '../core/messages';
import { buildRiskProfiles as buildRiskProfilesJob } from '../sheets/build-risk-profiles';
import { createTemplate as createTemplateJob } from '../sheets/create-template';
import type { JobResult } from '../sheets/job';
import { buildMenu } from '../sheets/menu';
import type { Services } from '../sheets/ports';
import {
  dailyRefresh as dailyRefreshJob,
  refreshStatuses as refreshStatusesJob,
} from '../sheets/refresh-statuses';
import {
  previewReminders as previewRemindersJob,
  sendReminders as sendRemindersJob,
} from '../sheets/reminders';
import * as links from '../sheets/report-links';
import * as sidebar from '../sheets/report-sidebar';
import {
  installTriggers as installTriggersJob,
  removeTriggers as removeTriggersJob,
} from '../sheets/triggers';
import { validateRoadmap as validateRoadmapJob } from '../sheets/validate-roadmap';
import { webForm, type WebRequest } from '../sheets/web-form';
import {
  sendWeeklySummary as sendWeeklySummaryJob,
  weeklySummary as weeklySummaryJob,
} from '../sheets/weekly-summary';
import type { ServerEndpoints } from './endpoints';
import { gasServices } from './services';

/** Runs a menu job and tells the user how it went; a UserError becomes a readable message, not a trace. */
function menuJob(job: (svc: Services) => JobResult): JobResult {
  const svc = gasServices();
  // The web app runs as the coordinator, and its page may call any global function through
  // google.script.run; getUi() throws outside a spreadsheet's UI, so no menu job runs from there.
  svc.spreadsheetApp.getUi();
  try {
    const result = job(svc);
    svc.spreadsheetApp.getActiveSpreadsheet().toast(result.message, MENU_TITLE, 10);
    return result;
  } catch (e) {
    if (isUserError(e)) {
      // Rethrown with the fix appended: Sheets shows a thrown message to the user who clicked the menu.
      // eslint-disable-next-line preserve-caught-error -- the bundle's lib is ES2020 (no Error `cause` option), and the user needs only the message
      throw new Error(`${e.message} ${e.fix}`);
    }
    throw e;
  }
}

/** Whether a handler was called by one of this project's triggers (its event names the trigger). */
function fromTrigger(svc: Services, event: unknown): boolean {
  const uid =
    typeof event === 'object' && event !== null ? (event as { triggerUid?: unknown }).triggerUid : undefined;
  return typeof uid === 'string' && svc.scriptApp.getProjectTriggers().some((t) => t.getUniqueId() === uid);
}

/**
 * Trigger handlers run unattended: no toast or dialog, the job itself writes to «Журнал». Called by
 * anything but a trigger of this project, they need the spreadsheet's UI as menu jobs do (so the web
 * app's page cannot start a refresh or a summary mail as the coordinator).
 */
function triggerJob(job: (svc: Services) => JobResult, event: unknown): JobResult {
  const svc = gasServices();
  if (!fromTrigger(svc, event)) svc.spreadsheetApp.getUi();
  return job(svc);
}

export function onOpen(): void {
  // Simple trigger: only the UI, no authorised service (they would fail in this context).
  buildMenu(SpreadsheetApp);
}
export function onInstall(): void {
  onOpen();
}

export const createTemplate = (): JobResult => menuJob(createTemplateJob);
export const validateRoadmap = (): JobResult => menuJob(validateRoadmapJob);
export const refreshStatuses = (): JobResult => menuJob(refreshStatusesJob);
export const buildRiskProfiles = (): JobResult => menuJob(buildRiskProfilesJob);
export const previewReminders = (): JobResult => menuJob(previewRemindersJob);
export const sendReminders = (): JobResult => menuJob(sendRemindersJob);
export const sendWeeklySummary = (): JobResult => menuJob(sendWeeklySummaryJob);
export const openReportSidebar = (): JobResult => menuJob(sidebar.openReportSidebar);
export const installTriggers = (): JobResult => menuJob(installTriggersJob);
export const removeTriggers = (): JobResult => menuJob(removeTriggersJob);
export const reportLinks = (): JobResult => menuJob(links.reportLinks);
/** The school code comes from the local command line; in Sheets the job asks for it. */
export const revokeReportLinks = (schoolCode?: unknown): JobResult =>
  menuJob((svc) => links.revokeReportLinks(svc, schoolCode));
/** The web app: a school's signed link opens its report form. */
export const doGet = (request?: WebRequest): GoogleAppsScript.HTML.HtmlOutput =>
  webForm(gasServices(), request) as GoogleAppsScript.HTML.HtmlOutput;
/** The event tells the continuation of a long job (a one-off trigger) from the daily run. */
export const dailyRefresh = (event?: GoogleAppsScript.Events.TimeDriven): JobResult =>
  triggerJob((svc) => dailyRefreshJob(svc, event), event);
export const weeklySummary = (event?: GoogleAppsScript.Events.TimeDriven): JobResult =>
  triggerJob(weeklySummaryJob, event);

// The sidebar's server calls, checked against the client's declaration (the form arrives untrusted).
const sidebarEndpoints = {
  getReportFormData: (token?: unknown) => sidebar.getReportFormData(gasServices(), token),
  submitReport: (form: unknown, token?: unknown) => sidebar.submitReport(gasServices(), form, token),
} satisfies ServerEndpoints;
export const getReportFormData = sidebarEndpoints.getReportFormData;
export const submitReport = sidebarEndpoints.submitReport;

/**
 * Custom functions run without authorisation: they may read the spreadsheet's time zone (one call per
 * invocation, whatever the size of the range) but no other service, so `gasServices()` is not built here.
 */
function customContext(): custom.CustomFunctionContext {
  const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return { timeZone, today: dateInZone(new Date(), timeZone) };
}
export const ROADMAP_DEADLINE = (text: unknown, year?: unknown): unknown =>
  custom.ROADMAP_DEADLINE(text, year, customContext());
export const ROADMAP_STATUS = (deadline: unknown, status: unknown, today?: unknown): unknown =>
  custom.ROADMAP_STATUS(deadline, status, today, customContext());
export const RISK_LEVEL = (score: unknown): unknown => custom.RISK_LEVEL(score);
