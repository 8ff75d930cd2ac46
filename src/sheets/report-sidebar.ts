/**
 * Job 5, school reporting: opens the sidebar, gives it the reporter's schools and activities, and stores
 * validated reports in `Отчёты` (permission check, document lock, idempotency key, no formulas).
 */
import { dateInZone, isDateValue, type IsoDate } from '../core/dates';
import { isUserError } from '../core/errors';
import { cellText, type CellValue } from '../core/grid';
import { REPORT_STATUSES, REPORTS_HEADER, type ActivityStatus } from '../core/layouts';
import { REPORT_MSG, SHEETS } from '../core/messages';
import { missedReports } from '../core/periods';
import {
  checkFact,
  isNumericPlanned,
  parseReportForm,
  type ActivityView,
  type FormDataResponse,
  type Refused,
  type ReportForm,
  type ReportView,
  type SubmitResponse,
} from '../core/report';
import type { Activity } from '../core/roadmap-model';
import type { Settings } from '../core/settings';
import { done, type JobResult } from './job';
import { appendJournal, appendOnlySheet } from './journal';
import type { Services } from './ports';
import { refreshStatuses } from './refresh-statuses';
import {
  activityStatuses,
  concernsSchool,
  isPeriodic,
  loadSchools,
  openPeriodViews,
  type School,
} from './report-context';
import { loadRoadmap } from './roadmap-source';
import { ensureSize } from './sheet-size';

const JOB = 'submitReport';
/** How long a submit waits for another writer before telling the user to retry. */
const LOCK_WAIT_MS = 20_000;
/** The sidebar shows this many previous reports at most (payload size over google.script.run). */
const MAX_REPORTS_SHOWN = 300;
const TIME_FORMAT = 'dd.MM.yyyy HH:mm:ss';

/** Menu: the sidebar page (dist/Sidebar.html, pushed as the HTML file «Sidebar»). */
export function openReportSidebar(svc: Services): JobResult {
  const page = svc.htmlService.createHtmlOutputFromFile('Sidebar').setTitle(REPORT_MSG.sidebarTitle);
  svc.spreadsheetApp.getUi().showSidebar(page);
  return done(REPORT_MSG.sidebarOpened);
}

/** Who is asking, and what they may report on. Built from one read of each sheet. */
interface Context {
  email: string;
  coordinator: boolean;
  today: IsoDate;
  timeZone: string;
  /** Schools this user may report for. */
  schools: School[];
  /** Codes of every school in `Школы`. */
  allCodes: Set<string>;
  activities: Activity[];
  settings: Settings;
}

function userEmail(svc: Services): string {
  return svc.session.getActiveUser().getEmail().trim().toLowerCase();
}

function loadContext(svc: Services, email: string): Context {
  const { roadmap, settings, timeZone } = loadRoadmap(svc);
  const today = dateInZone(svc.now(), timeZone);
  const coordinator = settings.coordinators.some((c) => c.toLowerCase() === email);
  const all = loadSchools(svc);
  const schools = coordinator ? all : all.filter((s) => s.reporters.some((r) => r.toLowerCase() === email));
  const allCodes = new Set(all.map((s) => s.code));
  return { email, coordinator, today, timeZone, schools, allCodes, activities: roadmap.activities, settings };
}

/** All rows of `Отчёты` (header included), in one read; [] when the sheet does not exist yet. */
function readReportRows(svc: Services): CellValue[][] {
  const sheet = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.reports);
  return sheet ? sheet.getDataRange().getValues() : [];
}

const COL = Object.fromEntries(REPORTS_HEADER.map((h, i) => [h, i])) as Record<
  (typeof REPORTS_HEADER)[number],
  number
>;

function toView(row: CellValue[]): ReportView {
  const time = row[COL['Время']];
  return {
    time: isDateValue(time) ? time.toISOString() : cellText(time),
    user: cellText(row[COL['Пользователь']]),
    schoolCode: cellText(row[COL['Школа']]),
    activityId: cellText(row[COL['ID мероприятия']]),
    period: cellText(row[COL['Период']]),
    status: cellText(row[COL['Статус']]),
    fact: cellText(row[COL['Факт']]),
    comment: cellText(row[COL['Комментарий']]),
    link: cellText(row[COL['Ссылка']]),
  };
}

function activityView(a: Activity, status: ActivityStatus | undefined, ctx: Context): ActivityView {
  const today = ctx.today;
  const periodic = isPeriodic(a);
  const due =
    status?.due ?? a.deadline.due.find((d) => d >= today) ?? a.deadline.due[a.deadline.due.length - 1];
  return {
    id: a.id,
    title: a.title,
    section: a.sectionPath.join(' › '),
    deadlineText: a.deadlineText,
    ...(due ? { due } : {}),
    planned: a.planned,
    indicator: a.indicator,
    numericFact: isNumericPlanned(a.planned),
    status: status?.status ?? '',
    statusNote: status
      ? [status.missed && missedReports(status.missed), status.lastReport].filter(Boolean).join('; ')
      : '',
    periodic,
    periods: periodic ? openPeriodViews(a, today, ctx.settings) : [],
  };
}

/** Sidebar server call: the user's schools, their activities (with open periods) and previous reports. */
export function getReportFormData(svc: Services): FormDataResponse {
  try {
    const email = userEmail(svc);
    if (!email) return { type: 'refused', message: REPORT_MSG.noEmail };
    const ctx = loadContext(svc, email);
    if (ctx.schools.length === 0) return { type: 'refused', message: REPORT_MSG.noSchools(email) };
    const wanted = ctx.activities.filter((a) => ctx.schools.some((s) => concernsSchool(a, s)));
    const rows = readReportRows(svc);
    const statuses = activityStatuses(wanted, rows, ctx.today, ctx.settings, ctx.timeZone);
    const codes = new Set(ctx.schools.map((s) => s.code));
    const reports = rows
      .slice(1)
      .map(toView)
      .filter((r) => codes.has(r.schoolCode))
      .reverse()
      .slice(0, MAX_REPORTS_SHOWN);
    return {
      type: 'ok',
      data: {
        user: email,
        coordinator: ctx.coordinator,
        today: ctx.today,
        timeZone: ctx.timeZone,
        statuses: [...REPORT_STATUSES],
        schools: ctx.schools.map((s) => ({
          code: s.code,
          name: s.shortName || s.fullName || s.code,
          activityIds: wanted.filter((a) => concernsSchool(a, s)).map((a) => a.id),
        })),
        activities: wanted.map((a) => activityView(a, statuses.get(a.id), ctx)),
        reports,
      },
    };
  } catch (e) {
    // Never throw across google.script.run: the user gets a readable message, the journal the details.
    if (isUserError(e)) return { type: 'refused', message: `${e.message} ${e.fix}` };
    logFailure(svc, 'getReportFormData', e, '');
    return { type: 'refused', message: REPORT_MSG.failedData };
  }
}

/** Checks what the user may not do, against the sheets (the form itself is already valid). */
function permissionRefusal(ctx: Context, form: ReportForm): Refused | undefined {
  const school = ctx.schools.find((s) => s.code === form.schoolCode);
  if (!school) {
    const message = ctx.allCodes.has(form.schoolCode)
      ? REPORT_MSG.notReporter(ctx.email)
      : REPORT_MSG.unknownSchool;
    return { type: 'refused', field: 'schoolCode', message };
  }
  const activity = ctx.activities.find((a) => a.id === form.activityId);
  if (!activity) return { type: 'refused', field: 'activityId', message: REPORT_MSG.unknownActivity };
  if (!concernsSchool(activity, school))
    return { type: 'refused', field: 'activityId', message: REPORT_MSG.notSchoolActivity };
  if (isPeriodic(activity)) {
    if (form.period === '') return { type: 'refused', field: 'period', message: REPORT_MSG.periodNeeded };
    if (!openPeriodViews(activity, ctx.today, ctx.settings).some((p) => p.key === form.period)) {
      return { type: 'refused', field: 'period', message: REPORT_MSG.periodClosed };
    }
  } else if (form.period !== '') {
    return { type: 'refused', field: 'period', message: REPORT_MSG.periodNotRecurring };
  }
  return checkFact(form.fact, isNumericPlanned(activity.planned));
}

function refuse(svc: Services, email: string, key: string, refused: Refused): Refused {
  appendJournal(svc, [
    { job: JOB, event: 'Отчёт отклонён', who: email, details: refused.message, status: 'отказ', key },
  ]);
  return refused;
}

function logFailure(svc: Services, job: string, e: unknown, email: string): void {
  try {
    appendJournal(svc, [
      {
        job,
        event: 'Ошибка',
        who: email,
        details: e instanceof Error ? e.message : String(e),
        status: 'ошибка',
      },
    ]);
  } catch {
    // The journal itself is unavailable; the user still gets the readable refusal.
  }
}

/** A key is a short untrusted string; keep only what can be logged safely. */
function loggableKey(input: unknown): string {
  const key =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>)['key'] : undefined;
  return typeof key === 'string' ? key.slice(0, 40) : '';
}

/** Sidebar server call: validates the form again, checks the user's rights and appends one report. */
export function submitReport(svc: Services, input: unknown): SubmitResponse {
  let email = '';
  try {
    email = userEmail(svc);
    const parsed = parseReportForm(input);
    if (!parsed.ok) return refuse(svc, email, loggableKey(input), parsed.refused);
    const form = parsed.form;
    if (!email) return refuse(svc, email, form.key, { type: 'refused', message: REPORT_MSG.noEmail });
    const ctx = loadContext(svc, email);
    const refused = permissionRefusal(ctx, form);
    if (refused) return refuse(svc, email, form.key, refused);
    const stored = appendLocked(svc, ctx, form);
    if (stored.type === 'ok' && !stored.duplicate) refreshAfterSubmit(svc, email);
    return stored.type === 'refused' ? refuse(svc, email, form.key, stored) : stored;
  } catch (e) {
    if (isUserError(e))
      return refuse(svc, email, loggableKey(input), { type: 'refused', message: `${e.message} ${e.fix}` });
    logFailure(svc, JOB, e, email);
    return { type: 'refused', message: REPORT_MSG.failed };
  }
}

/** The append itself, under the document lock so concurrent submits neither collide nor duplicate. */
function appendLocked(svc: Services, ctx: Context, form: ReportForm): SubmitResponse {
  const lock = svc.lock();
  try {
    lock.waitLock(LOCK_WAIT_MS);
  } catch {
    // waitLock throws when the lock stays busy past the timeout.
    return { type: 'refused', message: REPORT_MSG.busy };
  }
  try {
    const sheet = appendOnlySheet(svc, SHEETS.reports, REPORTS_HEADER);
    const rows = sheet.getDataRange().getValues();
    const previous = rows.slice(1).find((r) => cellText(r[COL['Ключ']]) === form.key);
    if (previous) {
      if (cellText(previous[COL['Пользователь']]).toLowerCase() !== ctx.email) {
        return { type: 'refused', message: REPORT_MSG.keyReused };
      }
      return { type: 'ok', report: toView(previous), duplicate: true, message: REPORT_MSG.alreadySaved };
    }
    const now = svc.now();
    const row: CellValue[] = [
      now,
      ctx.email,
      form.schoolCode,
      form.activityId,
      form.period,
      form.status,
      form.fact,
      form.comment,
      form.link,
      form.key,
    ];
    // A sheet someone emptied (header too) reads as one blank row: the header goes back with the report.
    const blank = rows.length <= 1 && (rows[0] ?? []).every((c) => cellText(c) === '');
    const block: CellValue[][] = blank ? [[...REPORTS_HEADER], row] : [row];
    const first = blank ? 1 : rows.length + 1;
    ensureSize(sheet, first + block.length - 1, REPORTS_HEADER.length);
    const range = sheet.getRange(first, 1, block.length, REPORTS_HEADER.length);
    // Sheets parses strings written by setValues as if typed: «=…» becomes a formula, «+1» a number,
    // «2021-03» a date. Plain-text format («@») on the cells first keeps every text exactly as sent.
    range.setNumberFormats(
      block.map((_, r) =>
        REPORTS_HEADER.map((__, i) => (i === COL['Время'] && r === block.length - 1 ? TIME_FORMAT : '@')),
      ),
    );
    range.setValues(block);
    return { type: 'ok', report: toView(row), duplicate: false, message: REPORT_MSG.saved };
  } finally {
    lock.releaseLock();
  }
}

/** Statuses are refreshed after the lock is released (the refresh may take the lock itself). */
function refreshAfterSubmit(svc: Services, email: string): void {
  try {
    refreshStatuses(svc);
  } catch (e) {
    // The report is stored; a failed refresh is logged and the daily trigger will catch up.
    logFailure(svc, JOB, e, email);
  }
}
