/** Job `sendWeeklySummary` and its trigger handler `weeklySummary`: the week for coordinators and curators. */
import { summarizeIndicators } from '../core/indicators';
import { BUSY, SHEETS } from '../core/messages';
import { readSchools } from '../core/schools';
import { buildWeeklySummary, riskOverview } from '../core/weekly-summary';
import { currentIndicators } from './indicators-job';
import { done, type JobResult } from './job';
import { appendJournal } from './journal';
import { loadMailContext } from './mail-context';
import { runMail, summaryMessage } from './mail-log';
import type { Services } from './ports';

/**
 * Sends the summary (statuses, newly overdue, reports of the week, schools without a report, indicator
 * progress, risks when
 * `Рисковые профили` exists) to the coordinators and curators of `Настройки` and the curators of
 * `Школы`; at most once a day, within the quota, queued otherwise.
 */
export function sendWeeklySummary(svc: Services): JobResult {
  const lock = svc.lock();
  // A trigger and a click can overlap; the second gives up without sending.
  if (!lock.tryLock(5000)) {
    appendJournal(svc, [{ job: 'sendWeeklySummary', event: 'Пропущено', details: BUSY }]);
    return done(BUSY);
  }
  try {
    const ctx = loadMailContext(svc);
    const ss = svc.spreadsheetApp.getActiveSpreadsheet();
    const schoolSheet = ss.getSheetByName(SHEETS.schools);
    const schools = schoolSheet ? readSchools(schoolSheet.getDataRange().getValues()).schools : [];
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

/** Time-driven trigger handler (installed by installTriggers on the summary weekday). */
export function weeklySummary(svc: Services): JobResult {
  return sendWeeklySummary(svc);
}
