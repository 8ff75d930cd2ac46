/**
 * Activity statuses (job 2): from the parsed deadline, the schools' reports and «today» in the
 * spreadsheet's time zone.
 *
 * Rules, in order (each documented by a table-driven test in test/core/status.test.ts):
 * - Reports. Rows of `Отчёты` are in submission order; for each school only its latest report on an
 *   activity (or on a period of it) counts, so a school can correct itself. An activity (or period)
 *   concerns several schools but has no list of them, so it is done when **any** school's latest
 *   report says «Выполнено». Only «Выполнено» completes; «В работе» and «Частично выполнено» mean work
 *   in progress; «Не выполнено» changes nothing.
 * - One due date (date, «до …», month, range, quarter, half-year, year, school year): Выполнено if done;
 *   else Просрочено from the day after the due date; else Скоро срок when the due date is 0…N days
 *   away (N = «Дней до срока»; due today counts, due in N+1 days does not); else В работе when a
 *   report says so or the deadline's range has started; else Запланировано.
 *   «Скоро срок» wins over «В работе»: work in progress still needs the yellow reminder.
 * - Several dates: each date is an event (period key = its ISO date). The earliest event not done is
 *   the one that counts, with the rules above; all done → Выполнено.
 * - Recurring: each period (see periods.ts) needs its own «Выполнено». A period that ended without one
 *   → Просрочено, naming the earliest missing period and counting days from its end; otherwise
 *   Регулярное with the current period's end as due date; Запланировано before the first period;
 *   Выполнено once the last period has ended and every period was reported. A report that arrives
 *   late still covers the period it names. A report with no period covers the period its date falls in.
 * - No date of its own (ongoing, «с ноября 2020г.», external schedule, empty, unknown): Без срока,
 *   unless a report says Выполнено / В работе, or the start is still ahead (Запланировано).
 */
import { daysBetween, formatRu, isDateValue, type IsoDate } from './dates';
import type { Deadline } from './deadline-types';
import type { ActivityStatus, ActivityStatusName, Report } from './layouts';
import { periodContaining, periodKeyOf, periodLabel, periodOfKey, periodsOf, recurrenceBounds, type Period, type PeriodBounds } from './periods';
import type { Activity } from './roadmap-model';
import { dateInZoneFn } from './zone-dates';

/** What statuses need from `Настройки`. */
export interface StatusSettings extends PeriodBounds {
  soonDays: number;
}

const NO_DATE_KINDS: ReadonlySet<Deadline['kind']> = new Set(['ongoing', 'external', 'from', 'empty', 'unknown']);
const DONE = 'Выполнено';
const IN_PROGRESS: ReadonlySet<string> = new Set(['В работе', 'Частично выполнено']);

/** Shared by all activities of one computation: «today», settings, and caches. */
interface Context {
  today: IsoDate;
  settings: StatusSettings;
  soonDays: number;
  dateOf: (instant: Date) => IsoDate;
  /** Periods of a recurrence up to today (activities with the same recurrence share one list). */
  periods: (deadline: Deadline) => { list: Period[]; byKey: Map<string, Period> };
}

function context(today: IsoDate, settings: StatusSettings, timeZone: string): Context {
  const cache = new Map<string, { list: Period[]; byKey: Map<string, Period> }>();
  return {
    today,
    settings,
    soonDays: Math.max(0, Math.floor(settings.soonDays)),
    dateOf: dateInZoneFn(timeZone),
    periods: (deadline) => {
      const { start, end } = recurrenceBounds(deadline, settings);
      const r = deadline.recurrence;
      const id = `${r?.unit}/${r?.interval}/${r?.timesPerPeriod}/${start}/${end}`;
      let hit = cache.get(id);
      if (!hit) {
        const list = periodsOf(deadline, settings, today < start ? start : today);
        hit = { list, byKey: new Map(list.map((p) => [p.key, p])) };
        cache.set(id, hit);
      }
      return hit;
    },
  };
}

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

/** Statuses of many activities: reports are grouped once and recurrences share their periods, so it is linear. */
export function computeStatuses(
  activities: readonly Pick<Activity, 'id' | 'deadline'>[],
  reports: readonly Report[],
  today: IsoDate,
  settings: StatusSettings,
  timeZone = 'UTC',
): Map<string, ActivityStatus> {
  const byActivity = new Map<string, Report[]>();
  for (const r of reports) {
    const list = byActivity.get(r.activityId);
    if (list) list.push(r);
    else byActivity.set(r.activityId, [r]);
  }
  const ctx = context(today, settings, timeZone);
  const out = new Map<string, ActivityStatus>();
  for (const a of activities) out.set(a.id, statusOf(a.deadline, byActivity.get(a.id) ?? [], ctx));
  return out;
}

/** Status of a deadline given the reports on that activity (in submission order). */
function statusOf(deadline: Deadline, reports: readonly Report[], ctx: Context): ActivityStatus {
  const { today } = ctx;
  const lastReport = describeReport(reports[reports.length - 1], ctx);
  if (deadline.kind === 'recurring' && deadline.recurrence) return recurringStatus(deadline, reports, ctx, lastReport);
  if (deadline.kind === 'several' && deadline.due.length > 0) return severalStatus(deadline, reports, ctx, lastReport);

  const latest = latestBySchool(reports);
  const done = [...latest.values()].some((r) => r.status === DONE);
  const inProgress = [...latest.values()].some((r) => IN_PROGRESS.has(r.status));
  const due = NO_DATE_KINDS.has(deadline.kind) ? undefined : (deadline.due[deadline.due.length - 1] ?? deadline.end);
  if (due === undefined) {
    const name: ActivityStatusName = done ? 'Выполнено' : deadline.start !== undefined && deadline.start > today ? 'Запланировано' : inProgress ? 'В работе' : 'Без срока';
    return { status: name, daysOverdue: 0, missingPeriod: '', lastReport };
  }
  if (done) return { status: 'Выполнено', daysOverdue: 0, due, missingPeriod: '', lastReport };
  const started = inProgress || (deadline.start !== undefined && deadline.start <= today);
  return { ...dueStatus(due, ctx, started), missingPeriod: '', lastReport };
}

function dueStatus(due: IsoDate, ctx: Context, started: boolean): Pick<ActivityStatus, 'status' | 'daysOverdue' | 'due'> {
  const left = daysBetween(ctx.today, due);
  if (left < 0) return { status: 'Просрочено', daysOverdue: -left, due };
  if (left <= ctx.soonDays) return { status: 'Скоро срок', daysOverdue: 0, due };
  return { status: started ? 'В работе' : 'Запланировано', daysOverdue: 0, due };
}

/** The latest report of each school, in one pass (later rows replace earlier ones). */
function latestBySchool(reports: readonly Report[]): Map<string, Report> {
  const m = new Map<string, Report>();
  for (const r of reports) m.set(r.school, r);
  return m;
}

/** Keys of the periods whose latest report from some school says «Выполнено». */
function doneKeys(latest: Map<string, Report>): Set<string> {
  const keys = new Set<string>();
  for (const [k, r] of latest) if (r.status === DONE) keys.add(k.slice(k.indexOf('\u0000') + 1));
  return keys;
}

function severalStatus(deadline: Deadline, reports: readonly Report[], ctx: Context, lastReport: string): ActivityStatus {
  const events = periodsOf(deadline, ctx.settings);
  const keys = new Set(events.map((e) => e.key));
  // Explicit event keys; a report without one counts towards that school's n-th event (the schools'
  // own sequences, then «any school» decides each event).
  const latest = new Map<string, Report>();
  const sequence = new Map<string, number>();
  for (const r of reports) {
    const key = periodKeyOf(r.period);
    if (key !== undefined && keys.has(key)) latest.set(`${r.school}\u0000${key}`, r);
    else if (r.status === DONE) sequence.set(r.school, (sequence.get(r.school) ?? 0) + 1);
  }
  const done = doneKeys(latest);
  const bySequence = Math.max(0, ...sequence.values());
  const open = events.filter((e, i) => i >= bySequence && !done.has(e.key));
  const first = open[0];
  const lastEvent = events[events.length - 1] as Period;
  if (!first) return { status: 'Выполнено', daysOverdue: 0, due: lastEvent.end, missingPeriod: '', lastReport };
  const missed = open.filter((e) => e.end < ctx.today);
  const started = open.length < events.length || reports.some((r) => IN_PROGRESS.has(r.status)) || (deadline.start !== undefined && deadline.start <= ctx.today);
  return { ...dueStatus(first.end, ctx, started), missingPeriod: missingText(missed), lastReport };
}

function recurringStatus(deadline: Deadline, reports: readonly Report[], ctx: Context, lastReport: string): ActivityStatus {
  const { today } = ctx;
  const { list: periods, byKey } = ctx.periods(deadline);
  const first = periods[0];
  if (!first) return { status: 'Без срока', daysOverdue: 0, missingPeriod: '', lastReport };
  if (today < first.start) return { status: 'Запланировано', daysOverdue: 0, due: first.end, missingPeriod: '', lastReport };
  const latest = new Map<string, Report>();
  for (const r of reports) {
    const p = reportPeriod(r, periods, byKey, ctx);
    if (p) latest.set(`${r.school}\u0000${p.key}`, r);
  }
  const done = doneKeys(latest);
  const missed = periods.filter((p) => p.end < today && !done.has(p.key));
  const earliest = missed[0];
  if (earliest) {
    return { status: 'Просрочено', daysOverdue: daysBetween(earliest.end, today), due: earliest.end, missingPeriod: missingText(missed), lastReport };
  }
  const current = periods.find((p) => p.end >= today);
  if (!current) return { status: 'Выполнено', daysOverdue: 0, due: (periods[periods.length - 1] as Period).end, missingPeriod: '', lastReport };
  return { status: 'Регулярное', daysOverdue: 0, due: current.end, missingPeriod: '', lastReport };
}

/** The period a report is for: its key (or label), else the period its own date falls in. */
function reportPeriod(r: Report, periods: readonly Period[], byKey: Map<string, Period>, ctx: Context): Period | undefined {
  const key = byKey.has(r.period) ? r.period : periodKeyOf(r.period);
  if (key !== undefined) {
    const exact = byKey.get(key);
    if (exact) return exact;
    // A key of another granularity (a week inside a two-week period, a month inside a quarter):
    // the period that contains the key's last day.
    const named = periodOfKey(key);
    return named ? periodContaining(periods, named.end) : undefined;
  }
  return isDateValue(r.time) ? periodContaining(periods, ctx.dateOf(r.time)) : undefined;
}

/** «март 2021», or «март 2021 и ещё 2» when more periods are missing. */
function missingText(missed: readonly Period[]): string {
  const first = missed[0];
  if (!first) return '';
  return missed.length > 1 ? `${periodLabel(first)} и ещё ${missed.length - 1}` : periodLabel(first);
}

/** «Выполнено 05.04.2021, школа 0401, за март 2021». */
function describeReport(r: Report | undefined, ctx: Context): string {
  if (!r) return '';
  const parts: string[] = [r.status + (isDateValue(r.time) ? ` ${formatRu(ctx.dateOf(r.time))}` : '')];
  if (r.school !== '') parts.push(`школа ${r.school}`);
  const key = periodKeyOf(r.period);
  const period = key === undefined ? undefined : periodOfKey(key);
  if (period) parts.push(`за ${periodLabel(period)}`);
  else if (r.period !== '') parts.push(`за ${r.period}`);
  return parts.join(', ');
}
