/**
 * Job 5, school reporting: opens the sidebar, gives it the reporter's schools and activities, and stores
 * validated reports in `Отчёты` (permission check, document lock, idempotency key, no formulas).
 */
import { dateInZone, formatRu, isDateValue, type IsoDate } from '../core/dates';
import { isUserError, messageOf } from '../core/errors';
import { cellText, type CellValue } from '../core/grid';
import { REPORT_STATUSES, REPORTS_HEADER, type ActivityStatus } from '../core/layouts';
import { LINK_MSG, REPORT_MSG, SHEETS } from '../core/messages';
import { missedReports, periodWords, storedPeriod } from '../core/periods';
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
import { assignmentsOf, displayName, schoolNames } from '../core/schools';
import { activityIdOf, schoolReader } from '../core/reports';
import type { Settings } from '../core/settings';
import { done, type JobResult } from './job';
import { appendJournal, appendOnlySheet } from './journal';
import type { Services } from './ports';
import { refreshStatuses } from './refresh-statuses';
import {
  activityStatuses,
  isPeriodic,
  loadSchools,
  nextPeriodDue,
  openPeriodViews,
  overduePeriods,
  type School,
} from './report-context';
import { checkLink } from './report-links';
import { loadRoadmap } from './roadmap-source';
import { ensureSize } from './sheet-size';

const JOB = 'submitReport';
/** How long a submit waits for another writer before telling the user to retry. */
const LOCK_WAIT_MS = 20_000;
/** The form shows this many latest reports of each school on each activity (payload size over google.script.run). */
const REPORTS_PER_ACTIVITY = 10;
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
  /** Activity id → codes of the schools that must report it; other activities are not offered. */
  assigned: Map<string, string[]>;
  settings: Settings;
}

/** Who asks: the signed-in user of the sidebar, or the reporter a signed link names. */
type Asker = { email: string } | { link: { school: School; reporter: string } };

/** The caller of a server call: a token (web form) or none (the sidebar, by the signed-in user). */
function askerOf(svc: Services, token: unknown, job: string, schools: School[]): Asker | Refused {
  if (token === undefined || token === null) {
    const email = userEmail(svc);
    return email ? { email } : { type: 'refused', message: REPORT_MSG.noEmail };
  }
  const link = checkLink(svc, token, job, schools);
  return link ? { link } : { type: 'refused', message: LINK_MSG.refusedCall };
}

function userEmail(svc: Services): string {
  return svc.session.getActiveUser().getEmail().trim().toLowerCase();
}

/** `all`: the schools of `Школы`, read once per call. */
function loadContext(svc: Services, asker: Asker, all: School[]): Context {
  const { roadmap, settings, timeZone } = loadRoadmap(svc, all);
  const today = dateInZone(svc.now(), timeZone);
  const allCodes = new Set(all.map((s) => s.code));
  const assigned = assignmentsOf(roadmap.activities, all);
  const base = { today, timeZone, allCodes, activities: roadmap.activities, assigned, settings };
  // A link speaks for its one school only, whoever the reporter is elsewhere.
  if ('link' in asker)
    return { ...base, email: asker.link.reporter, coordinator: false, schools: [asker.link.school] };
  const email = asker.email;
  const coordinator = settings.coordinators.some((c) => c.toLowerCase() === email);
  const schools = coordinator ? all : all.filter((s) => s.reporters.some((r) => r.toLowerCase() === email));
  return { ...base, email, coordinator, schools };
}

const assignedTo = (ctx: Context, a: Activity, s: School): boolean =>
  ctx.assigned.get(a.id)?.includes(s.code) ?? false;

/** All rows of `Отчёты` (header included), in one read; [] when the sheet does not exist yet. */
function readReportRows(svc: Services): CellValue[][] {
  const sheet = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.reports);
  return sheet ? sheet.getDataRange().getValues() : [];
}

const COL = Object.fromEntries(REPORTS_HEADER.map((h, i) => [h, i])) as Record<
  (typeof REPORTS_HEADER)[number],
  number
>;

function toView(row: CellValue[], timeZone: string): ReportView {
  const time = row[COL['Время']];
  const period = row[COL['Период']];
  return {
    time: isDateValue(time) ? time.toISOString() : cellText(time),
    user: cellText(row[COL['Пользователь']]),
    schoolCode: cellText(row[COL['Школа']]),
    activityId: cellText(row[COL['ID мероприятия']]),
    // Rows stored as keys («2025-03») before the form wrote labels read in words too; a date typed by hand
    // arrives as a Date.
    period: isDateValue(period) ? formatRu(dateInZone(period, timeZone)) : periodWords(cellText(period)),
    status: cellText(row[COL['Статус']]),
    fact: cellText(row[COL['Факт']]),
    comment: cellText(row[COL['Комментарий']]),
    link: cellText(row[COL['Ссылка']]),
  };
}

function activityView(
  a: Activity,
  status: ActivityStatus | undefined,
  ctx: Pick<Context, 'today' | 'settings'>,
  overdue: ReadonlyMap<string, string[]>,
): ActivityView {
  const today = ctx.today;
  const periodic = isPeriodic(a);
  // A periodic activity's «срок» is the next period's: its missed ones are named in the status line.
  const due =
    (periodic ? nextPeriodDue(a, today, ctx.settings) : undefined) ??
    status?.due ??
    a.deadline.due.find((d) => d >= today) ??
    a.deadline.due[a.deadline.due.length - 1];
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
    periods: periodic ? openPeriodViews(a, today, ctx.settings, overdue) : [],
  };
}

/**
 * The latest reports of the given schools, newest first, at most REPORTS_PER_ACTIVITY per school and activity.
 * A row typed by hand is read as the statuses read it: the school by code or name, the id as letters print it.
 */
function latestReports(rows: CellValue[][], schools: readonly School[], timeZone: string): ReportView[] {
  const codes = new Set(schools.map((s) => s.code));
  const schoolOf = schoolReader(schools);
  const shown = new Map<string, number>();
  const out: ReportView[] = [];
  for (let i = rows.length - 1; i >= 1; i--) {
    const typed = toView(rows[i] ?? [], timeZone);
    const school = schoolOf(typed.schoolCode);
    const r = {
      ...typed,
      schoolCode: typeof school === 'string' ? school : '',
      activityId: activityIdOf(typed.activityId),
    };
    if (!codes.has(r.schoolCode)) continue;
    const pair = `${r.schoolCode}\u0000${r.activityId}`;
    const n = shown.get(pair) ?? 0;
    if (n >= REPORTS_PER_ACTIVITY) continue;
    shown.set(pair, n + 1);
    out.push(r);
  }
  return out;
}

/**
 * Server call of the sidebar and of the web form: the asker's schools, their activities (with open
 * periods) and previous reports. With a token (web form) the link's school only; otherwise the
 * signed-in user's schools.
 */
export function getReportFormData(svc: Services, token?: unknown): FormDataResponse {
  try {
    const all = loadSchools(svc);
    const asker = askerOf(svc, token, 'getReportFormData', all);
    if ('type' in asker) return asker;
    const ctx = loadContext(svc, asker, all);
    if (ctx.schools.length === 0) return { type: 'refused', message: REPORT_MSG.noSchools(ctx.email) };
    const wanted = ctx.activities.filter((a) => ctx.schools.some((s) => assignedTo(ctx, a, s)));
    const rows = readReportRows(svc);
    // One school (a link, or a reporter of one school): that school's own status, not the district's, and its
    // own reports need no school name.
    const only = ctx.schools.length === 1 ? ctx.schools[0]?.code : undefined;
    const names = schoolNames(all);
    const name = (code: string): string => (code === only ? '' : names(code));
    const statuses = activityStatuses(
      wanted,
      rows,
      ctx.today,
      ctx.settings,
      ctx.timeZone,
      ctx.assigned,
      name,
      all,
    );
    const statusFor = (a: Activity): ActivityStatus | undefined => {
      const st = statuses.get(a.id);
      const own = only === undefined ? undefined : st?.bySchool?.get(only);
      return own ? { ...own, lastReport: own.lastReport && REPORT_MSG.lastReport(own.lastReport) } : st;
    };
    const reports = latestReports(rows, ctx.schools, ctx.timeZone);
    return {
      type: 'ok',
      data: {
        user: ctx.email,
        coordinator: ctx.coordinator,
        today: ctx.today,
        timeZone: ctx.timeZone,
        statuses: [...REPORT_STATUSES],
        schools: ctx.schools.map((s) => ({
          code: s.code,
          name: displayName(s),
          activityIds: wanted.filter((a) => assignedTo(ctx, a, s)).map((a) => a.id),
        })),
        activities: wanted.map((a) => {
          const codes = ctx.schools.filter((s) => assignedTo(ctx, a, s)).map((s) => s.code);
          return activityView(a, statusFor(a), ctx, overduePeriods(statuses.get(a.id), codes));
        }),
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
  if (!assignedTo(ctx, activity, school))
    return { type: 'refused', field: 'activityId', message: REPORT_MSG.notSchoolActivity };
  if (isPeriodic(activity)) {
    if (form.period === '') return { type: 'refused', field: 'period', message: REPORT_MSG.periodNeeded };
    if (!openPeriodViews(activity, ctx.today, ctx.settings).some((p) => p.key === form.period)) {
      return { type: 'refused', field: 'period', message: REPORT_MSG.periodClosed };
    }
  } else if (form.period !== '') {
    return { type: 'refused', field: 'period', message: REPORT_MSG.periodNotRecurring };
  }
  return checkFact(form.fact, isNumericPlanned(activity.planned), activity.planned);
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
        details: messageOf(e),
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

/**
 * Server call of the sidebar and of the web form: checks the token (if any) first, validates the form
 * again, checks the asker's rights and appends one report.
 */
export function submitReport(svc: Services, input: unknown, token?: unknown): SubmitResponse {
  let email = '';
  try {
    const all = loadSchools(svc);
    const asker = askerOf(svc, token, JOB, all);
    if ('type' in asker) return asker;
    email = 'email' in asker ? asker.email : asker.link.reporter;
    const parsed = parseReportForm(input);
    if (!parsed.ok) return refuse(svc, email, loggableKey(input), parsed.refused);
    const form = parsed.form;
    const ctx = loadContext(svc, asker, all);
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

/** «Период» as people read it («январь 2025»); the key where its label would not read back. */
function periodToStore(ctx: Context, form: ReportForm): string {
  const activity = ctx.activities.find((a) => a.id === form.activityId);
  const open =
    activity && form.period !== ''
      ? openPeriodViews(activity, ctx.today, ctx.settings).find((p) => p.key === form.period)
      : undefined;
  return open ? storedPeriod(open) : form.period;
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
      return {
        type: 'ok',
        report: toView(previous, ctx.timeZone),
        duplicate: true,
        message: REPORT_MSG.alreadySaved,
      };
    }
    const now = svc.now();
    const row: CellValue[] = [
      now,
      ctx.email,
      form.schoolCode,
      form.activityId,
      periodToStore(ctx, form),
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
    return { type: 'ok', report: toView(row, ctx.timeZone), duplicate: false, message: REPORT_MSG.saved };
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
