/** Job `sendWeeklySummary` and its trigger handler `weeklySummary`: the week for coordinators and curators. */
import { summarizeIndicators } from '../core/indicators';
import { BUSY, SHEETS } from '../core/messages';
import { count, NOUNS } from '../core/plural';
import { buildWeeklySummary, riskOverview } from '../core/weekly-summary';
import { currentIndicators } from './indicators-job';
import { done, type JobResult } from './job';
import { appendJournal } from './journal';
import { loadMailContext } from './mail-context';
import { runMail, summaryMessage } from './mail-log';
import type { Services } from './ports';
import { noActivities, stopWithoutActivities } from './roadmap-check';

/**
 * Sends the summary (statuses, newly overdue, reports of the week, schools without a report, indicator
 * progress, risks when
 * `Рисковые профили` exists) to the coordinators and curators of `Настройки` and the curators of
 * `Школы`; at most once a day, within the quota, queued otherwise.
 */
export function sendWeeklySummary(svc: Services): JobResult {
  return sendUnlessBusy(svc, () => BUSY, 'menu');
}

/**
 * Sends under the document lock; when another job holds it, `onBusy` says (and arranges) what happens next.
 * On a roadmap without activities the menu job lists the reason on «Проверка»; the trigger leaves that
 * to dailyRefresh, which installTriggers runs at the same hour (two runs wrote the same «Проверка» twice).
 */
function sendUnlessBusy(svc: Services, onBusy: () => string, from: 'menu' | 'trigger'): JobResult {
  const lock = svc.lock();
  // A trigger and a click can overlap; the second does not send now.
  if (!lock.tryLock(5000)) {
    const details = onBusy();
    appendJournal(svc, [{ job: 'sendWeeklySummary', event: 'Пропущено', details }]);
    return done(details);
  }
  try {
    const ctx = loadMailContext(svc);
    // Without activities there is no week to sum up: stop as the other jobs do, not «Отправлено писем: 0».
    const stop = from === 'menu' ? stopWithoutActivities(svc, ctx.loaded) : noActivities(ctx.loaded);
    if (stop) return stop;
    const ss = svc.spreadsheetApp.getActiveSpreadsheet();
    const schools = ctx.schools;
    const profileSheet = ss.getSheetByName(SHEETS.profiles);
    const risk = profileSheet ? riskOverview(profileSheet.getDataRange().getValues()) : undefined;
    const indicators = currentIndicators(svc);
    const recipients = [
      ...ctx.settings.coordinators,
      ...ctx.settings.curators,
      ...schools.flatMap((s) => s.curators),
    ];
    const { mails } = buildWeeklySummary({
      activities: ctx.activities,
      statuses: ctx.statuses,
      reports: ctx.reports,
      schools: schools.map((s) => ({ code: s.code, name: s.shortName || s.fullName || s.code })),
      assigned: ctx.assigned,
      ...(risk ? { risk } : {}),
      indicatorLines: summarizeIndicators(indicators.progress, indicators.currentYear).lines,
      today: ctx.today,
      timeZone: ctx.timeZone,
      recipients,
      title: ctx.title,
      url: ctx.url,
    });
    const note = mails.length
      ? []
      : [`Некому отправить сводку: укажите координаторов и кураторов на листе «${SHEETS.settings}».`];
    const run = runMail(svc, 'sendWeeklySummary', mails, ['weekly'], ctx.today);
    return done([summaryMessage(run), ...note].join(' '));
  } finally {
    lock.releaseLock();
  }
}

/** The pending retry of a weekly trigger run that found the lock taken: its trigger id and attempts so far. */
const RETRY_KEY = 'roadmap500.weekly.retry';
/** A weekly trigger run that finds the lock taken tries again this much later… */
export const WEEKLY_RETRY_MS = 5 * 60_000;
/** …at most this many times (half an hour); then the week's summary waits for the menu. */
const WEEKLY_RETRIES = 6;

/** Forgets the pending retry and deletes its trigger; returns how many retries were made so far. */
export function takeRetry(svc: Services): number {
  const raw = svc.properties.getProperty(RETRY_KEY);
  if (raw === null) return 0;
  svc.properties.deleteProperty(RETRY_KEY);
  const [id = '', attempts = '0'] = raw.split(' ');
  // Apps Script quirk: a one-off trigger stays in the project's list (one of its 20) after it has fired.
  for (const t of svc.scriptApp.getProjectTriggers())
    if (t.getUniqueId() === id) svc.scriptApp.deleteTrigger(t);
  return Number(attempts) || 0;
}

/**
 * Time-driven trigger handler (installed by installTriggers on the summary weekday). It fires within
 * the same hour as dailyRefresh, at a minute Apps Script picks, so it may find the daily run holding
 * the lock: then it tries again a few minutes later (a one-off trigger) rather than skip the week.
 */
export function weeklySummary(svc: Services): JobResult {
  const attempts = takeRetry(svc);
  return sendUnlessBusy(
    svc,
    () => {
      if (attempts >= WEEKLY_RETRIES)
        return `${BUSY} Недельная сводка не отправлена: отправьте её вручную из меню.`;
      const retry = svc.scriptApp.newTrigger('weeklySummary').timeBased().after(WEEKLY_RETRY_MS).create();
      svc.properties.setProperty(RETRY_KEY, `${retry.getUniqueId()} ${attempts + 1}`);
      return `${BUSY} Недельная сводка будет отправлена повторной попыткой через ${count(WEEKLY_RETRY_MS / 60_000, NOUNS.minuteAcc)}.`;
    },
    'trigger',
  );
}
