/**
 * Activity statuses (job 2): from the parsed deadline, the schools' reports and «today» in the
 * spreadsheet's time zone.
 *
 * Rules, in order (each documented by a table-driven test in test/core/status.test.ts):
 * - Reports. Rows of `Отчёты` are in submission order; for each school only its latest report on an
 *   activity (or on a period of it) counts, so a school can correct itself. Only «Выполнено»
 *   completes; «В работе» and «Частично выполнено» mean work in progress; «Не выполнено» changes nothing.
 * - Assigned schools. An activity with a list of assigned schools (schools.ts assignedSchools) gets each
 *   school's own status from that school's reports alone (plus reports with no school, the
 *   coordinator's own); it is done when every assigned school's is, otherwise it takes the status of
 *   the school furthest behind (most urgent status, then most missed periods, then most days overdue),
 *   names the schools that far behind when overdue and not all are («… (Крестинская СШ и ещё 1 школа)»),
 *   and «Последний отчёт» starts with «Выполнено в 3 из 5 школ» (for a one-off activity: a recurring one
 *   has no such count). A school's report never changes another school's status. Without such a list,
 *   an activity is done when **any** school's latest report says «Выполнено».
 * - One due date (date, «до …», month, range, quarter, half-year, year, school year): Выполнено if done;
 *   else Просрочено from the day after the due date; else Скоро срок when the due date is 0…N days
 *   away (N = «Дней до срока»; due today counts, due in N+1 days does not); else В работе when a
 *   report says so or the deadline's range has started; else Запланировано.
 *   «Скоро срок» wins over «В работе»: work in progress still needs the yellow reminder.
 * - Several dates: each date is an event (period key = its ISO date). The earliest event not done is
 *   the one that counts, with the rules above; all done → Выполнено. A «Выполнено» without a period
 *   counts towards that school's next event (two schools reporting once cover one event, not two).
 * - Recurring: each period (see periods.ts) needs its own «Выполнено». A period that ended without one
 *   → Просрочено, naming the earliest missing period and counting days from its end; otherwise
 *   Регулярное with the current period's end as due date; Запланировано before the first period;
 *   Выполнено once the last period has ended and every period was reported. A report that arrives
 *   late still covers the period it names. A report with no period covers the period its date falls in.
 * - No date of its own (ongoing, «с ноября 2020г.», external schedule, empty, unknown): Без срока,
 *   unless a report says Выполнено / В работе, or the start is still ahead (Запланировано).
 */
import { dayNumber, formatRu, isDateValue, type IsoDate } from './dates';
import type { Deadline } from './deadline-types';
import type { ActivityStatus, ActivityStatusName, Report, ReportStatus } from './layouts';
import { memo } from './memo';
import { STATUS_MSG } from './messages';
import { count, NOUNS } from './plural';
import {
  periodContaining,
  periodKeyOf,
  missedLabel,
  periodLabel,
  periodOfKey,
  periodsOf,
  recurrenceBounds,
  type MissedPeriods,
  type Period,
  type PeriodBounds,
} from './periods';
import type { Activity } from './roadmap-model';
import { dateInZoneFn } from './zone-dates';

/** What statuses need from `Настройки`. */
export interface StatusSettings extends PeriodBounds {
  soonDays: number;
}

const NO_DATE_KINDS: ReadonlySet<Deadline['kind']> = new Set([
  'ongoing',
  'external',
  'from',
  'empty',
  'unknown',
]);
const DONE = 'Выполнено';
const IN_PROGRESS: ReadonlySet<string> = new Set(['В работе', 'Частично выполнено']);

/** Periods of one recurrence (or one set of dates) with their keys, shared by the activities that have it. */
interface PeriodList {
  list: Period[];
  byKey: Map<string, Period>;
}

/** Shared by all activities of one computation: «today», settings, and caches. */
interface Context {
  today: IsoDate;
  todayNumber: number;
  settings: StatusSettings;
  soonDays: number;
  /** Calendar date of a report's time in the spreadsheet's zone. */
  dateOf: (instant: Date) => IsoDate;
  /** Periods up to today of a recurrence, or the events of «several dates». */
  periods: (deadline: Deadline) => PeriodList;
  /** «за» + this: «за неделю 05.04–11.04.2021». */
  labelAfterZa: (period: Period) => string;
  dayNumber: (date: IsoDate) => number;
  /** How «Последний отчёт» names a school by its code; '' leaves the school out. */
  schoolName: SchoolName;
}

/** A school's name for people (its short name) by its code; '' when the reader knows which school it is. */
export type SchoolName = (code: string) => string;

function context(
  today: IsoDate,
  settings: StatusSettings,
  timeZone: string,
  schoolName: SchoolName = (code) => code,
): Context {
  const lists = new Map<string, PeriodList>();
  const periods = (deadline: Deadline): PeriodList => {
    const several = deadline.kind === 'several';
    const bounds = recurrenceBounds(deadline, settings);
    const r = deadline.recurrence;
    const id = several
      ? `${deadline.start}|${deadline.due.join()}`
      : `${r?.unit}/${r?.interval}/${r?.timesPerPeriod}/${bounds.start}/${bounds.end}`;
    let hit = lists.get(id);
    if (!hit) {
      const list = periodsOf(deadline, settings, today < bounds.start ? bounds.start : today);
      hit = { list, byKey: new Map(list.map((p) => [p.key, p])) };
      lists.set(id, hit);
    }
    return hit;
  };
  return {
    today,
    todayNumber: dayNumber(today),
    settings,
    soonDays: Math.max(0, Math.floor(settings.soonDays)),
    dateOf: dateInZoneFn(timeZone),
    periods,
    labelAfterZa: memo((p: Period) => periodLabel(p, 'acc')),
    dayNumber: memo(dayNumber),
    schoolName,
  };
}

/** Activity id → codes of the schools that must each report it (absent: no list, any report counts). */
export type Assignments = ReadonlyMap<string, readonly string[]>;

/**
 * The status of one activity. `reports` may hold other activities' reports (they are skipped);
 * `timeZone` is the spreadsheet's, for the dates of reports.
 */
export function computeStatus(
  activity: Pick<Activity, 'id' | 'deadline'>,
  reports: readonly Report[],
  today: IsoDate,
  settings: StatusSettings,
  timeZone = 'UTC',
): ActivityStatus {
  const own = reports.filter((r) => r.activityId === activity.id);
  return statusOf(activity.deadline, own, context(today, settings, timeZone));
}

/**
 * A function giving the status of one deadline after another against the same today and settings, with
 * one shared context (as computeStatuses has): for a custom function over a range, whose cells have no ids.
 */
export function statusAgainst(
  today: IsoDate,
  settings: StatusSettings,
  timeZone = 'UTC',
): (deadline: Deadline, reports: readonly Report[]) => ActivityStatus {
  const ctx = context(today, settings, timeZone);
  return (deadline, reports) => statusOf(deadline, reports, ctx);
}

/**
 * Statuses of many activities: reports are grouped once and recurrences share their periods, so it is linear.
 * `schoolName` names the school of «Последний отчёт» and the schools furthest behind (its code by default).
 */
export function computeStatuses(
  activities: readonly Pick<Activity, 'id' | 'deadline'>[],
  reports: readonly Report[],
  today: IsoDate,
  settings: StatusSettings,
  timeZone = 'UTC',
  assigned?: Assignments,
  schoolName?: SchoolName,
): Map<string, ActivityStatus> {
  const byActivity = new Map<string, Report[]>();
  for (const r of reports) {
    const list = byActivity.get(r.activityId);
    if (list) list.push(r);
    else byActivity.set(r.activityId, [r]);
  }
  const ctx = context(today, settings, timeZone, schoolName);
  const out = new Map<string, ActivityStatus>();
  for (const a of activities) {
    const own = byActivity.get(a.id) ?? NONE;
    const schools = assigned?.get(a.id);
    out.set(
      a.id,
      schools?.length ? assignedStatus(a.deadline, own, schools, ctx) : statusOf(a.deadline, own, ctx),
    );
  }
  return out;
}

/** Most urgent first: what a reminder is about comes before what can wait. */
const URGENCY: readonly ActivityStatusName[] = [
  'Просрочено',
  'Скоро срок',
  'Регулярное',
  'В работе',
  'Запланировано',
  'Без срока',
  'Выполнено',
];

/**
 * Whether `a` is further behind than `b`. Two schools that both missed periods since the same first one
 * are overdue by as many days: the one with more missed periods is the one behind.
 */
function moreUrgent(a: ActivityStatus, b: ActivityStatus): boolean {
  const ra = URGENCY.indexOf(a.status);
  const rb = URGENCY.indexOf(b.status);
  if (ra !== rb) return ra < rb;
  const ma = a.missed?.count ?? 0;
  const mb = b.missed?.count ?? 0;
  if (ma !== mb) return ma > mb;
  if (a.daysOverdue !== b.daysOverdue) return a.daysOverdue > b.daysOverdue;
  return (a.due ?? '9999') < (b.due ?? '9999');
}

/**
 * The statuses of a school's own on an activity assigned to it that await its report now: due soon, under
 * way or overdue. A school whose assigned activities are all done or start later is not «без отчётов» —
 * in the weekly summary and in the regional roll-up alike (sql/municipality_summary.sql lists the same).
 */
export const AWAITING_REPORT: ReadonlySet<ActivityStatusName> = new Set<ActivityStatusName>([
  'Просрочено',
  'Скоро срок',
  'В работе',
  'Регулярное',
]);

/** A school's own status on an activity assigned to it: its entry of bySchool, else the activity's. */
export function statusForSchool(
  status: ActivityStatus | undefined,
  code: string,
): ActivityStatus | undefined {
  return status?.bySchool?.get(code) ?? status;
}

const schoolKey = (code: string): string => code.trim().toLowerCase();

/** Whether two schools are as far behind as each other: the same status, days and missed periods. */
function sameLag(a: ActivityStatus, b: ActivityStatus): boolean {
  return (
    a.status === b.status &&
    a.daysOverdue === b.daysOverdue &&
    a.due === b.due &&
    a.missed?.count === b.missed?.count &&
    a.missed?.last.key === b.missed?.last.key
  );
}

/** «Крестинская СШ», «Лицей № 2 и ещё 1 школа»: the schools furthest behind, by name. */
function schoolsNote(names: readonly string[]): string {
  return names.length > 1 ? `${names[0]} и ещё ${count(names.length - 1, NOUNS.school)}` : (names[0] ?? '');
}

/**
 * The schools furthest behind on an overdue activity, when not every assigned school is: the activity's
 * overdue status is theirs, and the coordinator needs to know whom to call.
 */
function behindNote(
  worst: ActivityStatus,
  bySchool: ReadonlyMap<string, ActivityStatus>,
  schoolName: SchoolName,
): string | undefined {
  if (worst.status !== 'Просрочено') return undefined;
  const lagging = [...bySchool].filter(([, st]) => sameLag(st, worst)).map(([code]) => code);
  if (lagging.length === bySchool.size) return undefined;
  return schoolsNote(lagging.map((code) => schoolName(code) || code));
}

/**
 * Each assigned school's status from its own reports; the activity's from theirs (see the rules above).
 * Reports are grouped by school in one pass: filtering all of them once per school made an activity of
 * all schools («ОО», «ШНОР») quadratic in schools.
 */
function assignedStatus(
  deadline: Deadline,
  reports: readonly Report[],
  schools: readonly string[],
  ctx: Context,
): ActivityStatus {
  // Positions in `reports`, so a school's reports and the coordinator's merge back in submission order.
  const coordinator: number[] = [];
  const ofSchool = new Map<string, number[]>();
  reports.forEach((r, i) => {
    if (r.school === '') {
      coordinator.push(i);
      return;
    }
    const key = schoolKey(r.school);
    const list = ofSchool.get(key);
    if (list) list.push(i);
    else ofSchool.set(key, [i]);
  });
  // Reports with no school are the coordinator's own and count for every school; the schools without a
  // report of their own share one status, from the coordinator's alone.
  let coordinatorOnly: ActivityStatus | undefined;
  const bySchool = new Map<string, ActivityStatus>();
  let worst: ActivityStatus | undefined;
  let done = 0;
  for (const code of schools) {
    const own = ofSchool.get(schoolKey(code));
    const st = own
      ? statusOf(deadline, merged(own, coordinator, reports), ctx)
      : (coordinatorOnly ??= statusOf(deadline, merged([], coordinator, reports), ctx));
    bySchool.set(code, st);
    if (st.status === DONE) done++;
    if (!worst || moreUrgent(st, worst)) worst = st;
  }
  const last = describeReport(reports[reports.length - 1], ctx);
  // «Выполнено в 2 из 3 школ» means something for a one-off activity only: a recurring one is never done
  // by a school before its last period, so the count would read «0 из 3» all year.
  const periodic = deadline.kind === 'recurring' || deadline.kind === 'several';
  const progress = schools.length > 1 && !periodic ? STATUS_MSG.schoolsDone(done, schools.length) : '';
  const lastReport = [progress, last].filter(Boolean).join('; ');
  const base = worst ?? status('Без срока', '');
  const behind = behindNote(base, bySchool, ctx.schoolName);
  if (!behind) return { ...base, lastReport, bySchool };
  const missingPeriod = base.missingPeriod && `${base.missingPeriod} (${behind})`;
  return { ...base, missingPeriod, behind, lastReport, bySchool };
}

/** The reports at two ascending lists of positions, in the order of their positions. */
function merged(a: readonly number[], b: readonly number[], reports: readonly Report[]): Report[] {
  const out: Report[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
    out.push(reports[next]);
  }
  return out;
}

const NONE: readonly Report[] = [];

const status = (
  name: ActivityStatusName,
  lastReport: string,
  due?: IsoDate,
  daysOverdue = 0,
  missed?: MissedPeriods,
): ActivityStatus => ({
  status: name,
  daysOverdue,
  ...(due === undefined ? {} : { due }),
  missingPeriod: missed ? missedLabel(missed) : '',
  ...(missed ? { missed } : {}),
  lastReport,
});

/** Status of a deadline given the reports on that activity (in submission order). */
function statusOf(deadline: Deadline, reports: readonly Report[], ctx: Context): ActivityStatus {
  const { today } = ctx;
  const lastReport = describeReport(reports[reports.length - 1], ctx);
  if (deadline.kind === 'recurring' && deadline.recurrence)
    return recurringStatus(deadline, reports, ctx, lastReport);
  if (deadline.kind === 'several' && deadline.due.length > 0)
    return severalStatus(deadline, reports, ctx, lastReport);

  // The latest report of each school decides (later rows replace earlier ones).
  const latest = new Map<string, ReportStatus>();
  for (const r of reports) latest.set(r.school, r.status);
  let done = false;
  let inProgress = false;
  for (const st of latest.values()) {
    if (st === DONE) done = true;
    else if (IN_PROGRESS.has(st)) inProgress = true;
  }
  const due = NO_DATE_KINDS.has(deadline.kind)
    ? undefined
    : (deadline.due[deadline.due.length - 1] ?? deadline.end);
  if (due === undefined) {
    const name: ActivityStatusName = done
      ? 'Выполнено'
      : deadline.start !== undefined && deadline.start > today
        ? 'Запланировано'
        : inProgress
          ? 'В работе'
          : 'Без срока';
    return status(name, lastReport);
  }
  if (done) return status('Выполнено', lastReport, due);
  const started = inProgress || (deadline.start !== undefined && deadline.start <= today);
  return dueStatus(due, ctx, started, lastReport);
}

function dueStatus(
  due: IsoDate,
  ctx: Context,
  started: boolean,
  lastReport: string,
  missed?: MissedPeriods,
): ActivityStatus {
  const left = ctx.dayNumber(due) - ctx.todayNumber;
  if (left < 0) return status('Просрочено', lastReport, due, -left, missed);
  if (left <= ctx.soonDays) return status('Скоро срок', lastReport, due, 0, missed);
  return status(started ? 'В работе' : 'Запланировано', lastReport, due, 0, missed);
}

/** Keys of the periods whose latest report from some school says «Выполнено». */
function doneKeys(latest: Map<string, Report>): Set<string> {
  const keys = new Set<string>();
  for (const [k, r] of latest) if (r.status === DONE) keys.add(k.slice(k.indexOf('\u0000') + 1));
  return keys;
}

function severalStatus(
  deadline: Deadline,
  reports: readonly Report[],
  ctx: Context,
  lastReport: string,
): ActivityStatus {
  const { list: events, byKey } = ctx.periods(deadline);
  // Explicit event keys; a report without one counts towards that school's n-th event (the schools'
  // own sequences, then «any school» decides each event).
  const latest = new Map<string, Report>();
  const sequence = new Map<string, number>();
  let inProgress = false;
  for (const r of reports) {
    const key = byKey.has(r.period) ? r.period : periodKeyOf(r.period);
    if (key !== undefined && byKey.has(key)) latest.set(`${r.school}\u0000${key}`, r);
    else if (r.status === DONE) sequence.set(r.school, (sequence.get(r.school) ?? 0) + 1);
    if (IN_PROGRESS.has(r.status)) inProgress = true;
  }
  const done = doneKeys(latest);
  let bySequence = 0;
  for (const n of sequence.values()) bySequence = Math.max(bySequence, n);
  let first: Period | undefined;
  let lastMissed: Period | undefined;
  let open = 0;
  const missed: string[] = [];
  events.forEach((e, i) => {
    if (i < bySequence || done.has(e.key)) return;
    open++;
    first ??= e;
    if (e.end < ctx.today) {
      missed.push(e.key);
      lastMissed = e;
    }
  });
  const lastEvent = events[events.length - 1];
  if (!first) return status('Выполнено', lastReport, lastEvent.end);
  const started =
    open < events.length || inProgress || (deadline.start !== undefined && deadline.start <= ctx.today);
  return dueStatus(
    first.end,
    ctx,
    started,
    lastReport,
    lastMissed ? { count: missed.length, first, last: lastMissed, keys: missed } : undefined,
  );
}

function recurringStatus(
  deadline: Deadline,
  reports: readonly Report[],
  ctx: Context,
  lastReport: string,
): ActivityStatus {
  const { today } = ctx;
  const { list: periods, byKey } = ctx.periods(deadline);
  const first = periods[0];
  if (!first) return status('Без срока', lastReport);
  if (today < first.start) return status('Запланировано', lastReport, first.end);
  const latest = new Map<string, Report>();
  for (const r of reports) {
    const p = reportPeriod(r, periods, byKey, ctx);
    if (p) latest.set(`${r.school}\u0000${p.key}`, r);
  }
  const done = doneKeys(latest);
  let earliest: Period | undefined;
  let lastMissed: Period | undefined;
  const missed: string[] = [];
  let current: Period | undefined;
  for (const p of periods) {
    if (p.end >= today) {
      current = p;
      break;
    }
    if (!done.has(p.key)) {
      earliest ??= p;
      lastMissed = p;
      missed.push(p.key);
    }
  }
  if (earliest && lastMissed)
    return status('Просрочено', lastReport, earliest.end, ctx.todayNumber - ctx.dayNumber(earliest.end), {
      count: missed.length,
      first: earliest,
      last: lastMissed,
      keys: missed,
    });
  if (!current) return status('Выполнено', lastReport, periods[periods.length - 1].end);
  return status('Регулярное', lastReport, current.end);
}

/** The period a report is for: its key (or label), else, when it names none, the period its own date falls in. */
function reportPeriod(
  r: Report,
  periods: readonly Period[],
  byKey: Map<string, Period>,
  ctx: Context,
): Period | undefined {
  const exact = byKey.get(r.period);
  if (exact) return exact;
  const key = periodKeyOf(r.period);
  if (key !== undefined) {
    // A key of another granularity (a week inside a two-week period, a month inside a quarter):
    // the period that contains the key's last day.
    const named = byKey.get(key) ?? periodOfKey(key);
    return named ? periodContaining(periods, named.end) : undefined;
  }
  // A period typed but unreadable counts for none (`Проверка` says so); only a blank one falls back to the date.
  if (r.period.trim() !== '') return undefined;
  return isDateValue(r.time) ? periodContaining(periods, ctx.dateOf(r.time)) : undefined;
}

/** «Выполнено 05.04.2021, школа Чарская СОШ №1, за март 2021». */
function describeReport(r: Report | undefined, ctx: Context): string {
  if (!r) return '';
  let text = isDateValue(r.time) ? `${r.status} ${formatRu(ctx.dateOf(r.time))}` : r.status;
  const school = r.school === '' ? '' : ctx.schoolName(r.school);
  if (school !== '') text += STATUS_MSG.lastReportSchool(school);
  if (r.period !== '') {
    const key = periodKeyOf(r.period);
    const period = key === undefined ? undefined : periodOfKey(key);
    text += STATUS_MSG.lastReportPeriod(period ? ctx.labelAfterZa(period) : r.period);
  }
  return text;
}
