/**
 * Jobs `refreshStatuses` (menu) and `dailyRefresh` (trigger): statuses of every activity from its
 * deadline, the reports in «Отчёты» and today in the spreadsheet's time zone, written to
 * «Дорожная карта» and shown as colours by conditional-format rules.
 */
import { formatRu } from '../core/dates';
import type { ActivityStatus } from '../core/layouts';
import { isUserError, messageOf, UserError } from '../core/errors';
import { BUSY, SHEETS, STATUS_MSG } from '../core/messages';
import { currentStatuses, type CurrentStatuses } from './current-statuses';
import { applyActivitiesRules, applyRoadmapRules, type ActivitiesLayout } from './conditional-format';
import { refreshIndicators } from './indicators-job';
import { dataErrors, done, type JobResult } from './job';
import { appendJournal } from './journal';
import type { Services } from './ports';
import { sendReminders, sendRemindersWithin } from './reminders';
import {
  clearProgress,
  isContinuation,
  loadProgress,
  saveProgress,
  scheduleContinuation,
  startBudget,
} from './resumable';
import { stopWithoutActivities, writeRoadmapCheck } from './roadmap-check';
import type { LoadedRoadmap } from './roadmap-source';
import { ROADMAP_COL, ROADMAP_HEADER, writeRoadmapSheet } from './roadmap-sheet';

/** Column number of an A1 address («C14» → 3). */
function columnOf(cell: string): number {
  return [...(/^[A-Z]+/.exec(cell)?.[0] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** Where each table's activity titles sit in «Мероприятия», from the activities' own addresses. */
function activitiesLayout(loaded: LoadedRoadmap, lastColumn: number): ActivitiesLayout {
  const tables = new Map<number, { titleColumn: number; firstRow: number; lastRow: number }>();
  for (const a of loaded.activities) {
    const t = tables.get(a.table);
    if (!t)
      tables.set(a.table, {
        titleColumn: columnOf(a.sourceCell),
        firstRow: a.sourceRow,
        lastRow: a.sourceRow,
      });
    else {
      t.firstRow = Math.min(t.firstRow, a.sourceRow);
      t.lastRow = Math.max(t.lastRow, a.sourceRow);
    }
  }
  return {
    tables: [...tables.values()],
    lastColumn,
    roadmapTitleColumn: ROADMAP_COL.title,
    roadmapStatusColumn: ROADMAP_COL.status,
  };
}

/** Writes «Дорожная карта» with statuses and (re)places the colour rules on it and on «Мероприятия». */
function writeStatuses(svc: Services, current: CurrentStatuses): void {
  writeRoadmapSheet(svc, current.loaded, current.statuses);
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const roadmapSheet = ss.getSheetByName(SHEETS.roadmap);
  if (roadmapSheet)
    applyRoadmapRules(svc.spreadsheetApp, roadmapSheet, ROADMAP_COL.status, ROADMAP_HEADER.length);
  const activitiesSheet = ss.getSheetByName(SHEETS.activities);
  if (activitiesSheet) {
    applyActivitiesRules(
      svc.spreadsheetApp,
      activitiesSheet,
      activitiesLayout(current.loaded, activitiesSheet.getLastColumn()),
    );
  }
}

/** Counts by status for messages and the journal. */
function counts(statuses: Map<string, ActivityStatus>): {
  total: number;
  overdue: number;
  soon: number;
  done: number;
} {
  let overdue = 0;
  let soon = 0;
  let doneCount = 0;
  for (const s of statuses.values()) {
    if (s.status === 'Просрочено') overdue++;
    else if (s.status === 'Скоро срок') soon++;
    else if (s.status === 'Выполнено') doneCount++;
  }
  return { total: statuses.size, overdue, soon, done: doneCount };
}

function summary(current: CurrentStatuses): string {
  const c = counts(current.statuses);
  let text = STATUS_MSG.summary(formatRu(current.today), c);
  const skipped = current.reportProblems;
  if (skipped.length > 0) {
    const first = skipped[0];
    text += STATUS_MSG.skippedReports(skipped.length, first.cell, first.message);
  }
  return text;
}

/** Runs `work` holding the document lock: other jobs and the sidebar write the same sheets. */
function locked<T>(svc: Services, work: () => T): T {
  const lock = svc.lock();
  if (!lock.tryLock(30_000)) throw new UserError(BUSY, STATUS_MSG.busyFix);
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}

/** Menu job: statuses and colours now. */
export function refreshStatuses(svc: Services): JobResult {
  return locked(svc, () => {
    const c = currentStatuses(svc);
    const stop = stopWithoutActivities(svc, c.loaded);
    if (stop) return stop;
    // «Проверка» too: a row of «Отчёты» that could not be read is listed there with its cell, never ignored.
    writeRoadmapCheck(svc, c.loaded, c.reportProblems);
    writeStatuses(svc, c);
    refreshIndicators(svc);
    return done(summary(c));
  });
}

const DAILY = 'dailyRefresh';
/** The daily refresh's steps in order; an interrupted run saves those done (DailyProgress). */
const DAILY_STEPS = ['check', 'statuses', 'indicators', 'reminders'] as const;
type DailyStep = (typeof DAILY_STEPS)[number];
interface DailyProgress {
  done: DailyStep[];
}

/** The steps that write sheets, run under one lock over the statuses computed at the start of the run. */
const SHEET_STEPS: Record<Exclude<DailyStep, 'reminders'>, (svc: Services, c: CurrentStatuses) => void> = {
  check: (svc, c) => void writeRoadmapCheck(svc, c.loaded, c.reportProblems),
  statuses: (svc, c) => writeStatuses(svc, c),
  indicators: (svc) => void refreshIndicators(svc),
};

/** Saves what is left, schedules the continuation and says so in «Журнал»; the caller holds the lock if it can. */
function postpone(svc: Services, finished: ReadonlySet<DailyStep>, why: string): JobResult {
  saveProgress<DailyProgress>(svc, DAILY, { done: DAILY_STEPS.filter((s) => finished.has(s)) });
  scheduleContinuation(svc);
  const names = (steps: DailyStep[]): string => steps.map((s) => STATUS_MSG.dailySteps[s]).join(', ') || '—';
  const left = names(DAILY_STEPS.filter((s) => !finished.has(s)));
  appendJournal(svc, [
    {
      job: DAILY,
      event: STATUS_MSG.dailyPostponed,
      details: STATUS_MSG.dailyPostponedDetails(names(DAILY_STEPS.filter((s) => finished.has(s))), left, why),
      status: STATUS_MSG.dailyContinues,
    },
  ]);
  return done(STATUS_MSG.dailyPostponedMessage(left));
}

/**
 * Trigger handler, unattended: validation («Проверка», with the unusable rows of «Отчёты»), statuses
 * and colours, indicators, then reminders; the run is recorded in «Журнал» whatever happens (a failure
 * is journalled, then rethrown so that Apps Script notifies the owner). Between steps it watches its
 * time budget: what is left is saved and a continuation trigger (this same handler, `event.triggerUid`
 * telling it apart from the daily run) resumes it, and finishes a menu sendReminders that ran out of time.
 */
export function dailyRefresh(svc: Services, event?: unknown): JobResult {
  const budget = startBudget(svc);
  const continuing = isContinuation(svc, event);
  const saved = continuing ? loadProgress<DailyProgress>(svc, DAILY) : undefined;
  if (continuing && !saved) {
    // Fired for a menu sendReminders that ran out of time: only its mail is left.
    if (loadProgress(svc, 'sendReminders') !== undefined) return sendReminders(svc, budget);
    clearProgress(svc);
    return done(STATUS_MSG.nothingToContinue);
  }
  const finished = new Set<DailyStep>(saved?.done ?? []);
  let ran = 0;
  // Every run does at least one step, so the job advances however small the budget.
  const mayStart = (): boolean => ran === 0 || !budget.expired();
  let step: string = STATUS_MSG.stepStatuses;
  try {
    const lock = svc.lock();
    // Another job is writing: this run's work is not lost, the continuation tries again.
    if (!lock.tryLock(30_000)) return postpone(svc, finished, BUSY);
    let current: CurrentStatuses;
    try {
      current = currentStatuses(svc);
      const stop = stopWithoutActivities(svc, current.loaded);
      if (stop) {
        // Nothing to colour or remind of: the run ends here, and so does whatever it was continuing.
        clearProgress(svc, DAILY, 'sendReminders');
        appendJournal(svc, [
          {
            job: DAILY,
            event: STATUS_MSG.dailyEvent,
            details: stop.message,
            status: STATUS_MSG.dailyDataErrors,
            key: current.today,
          },
        ]);
        return stop;
      }
      budget.setSeconds(current.loaded.settings.timeBudgetSeconds);
      for (const s of Object.keys(SHEET_STEPS) as (keyof typeof SHEET_STEPS)[]) {
        if (finished.has(s)) continue;
        if (!mayStart()) break;
        SHEET_STEPS[s](svc, current);
        finished.add(s);
        ran += 1;
      }
      if (!mayStart() || Object.keys(SHEET_STEPS).some((s) => !finished.has(s as DailyStep))) {
        return postpone(svc, finished, STATUS_MSG.dailyOutOfTime);
      }
    } finally {
      lock.releaseLock();
    }
    const errors = current.loaded.roadmap.problems.filter((p) => p.severity === 'ошибка').length;
    const c = counts(current.statuses);
    // After the lock is released: the reminders job takes it itself, and settles under it.
    step = STATUS_MSG.stepReminders;
    let postponed: JobResult | undefined;
    const reminders = sendRemindersWithin(svc, budget, (unfinished) => {
      if (unfinished)
        postponed = postpone(svc, finished, unfinished === 'busy' ? BUSY : STATUS_MSG.dailyOutOfTime);
      // The reminders step sent whatever a menu sendReminders had left as well.
      else clearProgress(svc, DAILY, 'sendReminders');
    });
    if (postponed) return postponed;
    appendJournal(svc, [
      {
        job: DAILY,
        event: STATUS_MSG.dailyEvent,
        details: STATUS_MSG.dailyDetails(c, errors, current.reportProblems.length, reminders.message),
        status: errors > 0 ? STATUS_MSG.dailyDataErrors : STATUS_MSG.dailyOk,
        key: current.today,
      },
    ]);
    const message = summary(current) + STATUS_MSG.dailyErrors(errors);
    return errors > 0 ? dataErrors(message + STATUS_MSG.dailyErrorsWhere) : done(message);
  } catch (e) {
    const message = isUserError(e) ? `${e.message} ${e.fix}` : messageOf(e);
    appendJournal(svc, [
      {
        job: DAILY,
        event: STATUS_MSG.dailyFailed,
        details: `${step}: ${message}`,
        status: STATUS_MSG.dailyError,
      },
    ]);
    throw e;
  }
}
