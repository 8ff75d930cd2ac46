/** Jobs `installTriggers` / `removeTriggers`: the daily refresh and the weekly summary, once each, ours only. */
import { WEEKDAYS_RU } from '../core/settings';
import { done, type JobResult } from './job';
import { appendJournal } from './journal';
import type { Services } from './ports';
import { CONTINUATION_HANDLER, clearAllProgress, continuationId } from './resumable';
import { settingsRead } from './settings-source';
import { takeRetry } from './weekly-summary';

/**
 * Handlers whose triggers are ours. removeTriggers deletes these and nothing else (a user's own
 * triggers in the same project stay). A long job's one-off continuation runs CONTINUATION_HANDLER.
 */
export const OUR_HANDLERS: readonly string[] = [
  ...new Set(['dailyRefresh', 'weeklySummary', CONTINUATION_HANDLER]),
];

/** ScriptApp.WeekDay names by ISO weekday (Monday = 1). */
const WEEKDAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/**
 * Who turned the automatic mode on (emails, comma-separated, in document properties). Apps Script quirk:
 * getProjectTriggers lists only the current user's triggers and a user can delete only their own, so
 * another coordinator's daily and weekly triggers are invisible here; this record lets us say so.
 */
const INSTALLERS_KEY = 'roadmap500.triggers.installers';

function installers(svc: Services): string[] {
  const raw = svc.properties.getProperty(INSTALLERS_KEY) ?? '';
  return raw.split(',').filter((e) => e !== '');
}

function saveInstallers(svc: Services, emails: readonly string[]): void {
  if (emails.length) svc.properties.setProperty(INSTALLERS_KEY, [...new Set(emails)].join(','));
  else svc.properties.deleteProperty(INSTALLERS_KEY);
}

/** The user who clicked the menu ('' when Apps Script does not reveal it). */
function currentUser(svc: Services): string {
  return svc.session.getActiveUser().getEmail().trim().toLowerCase();
}

/** Deletes our triggers except `keep` (the unique id of a pending continuation). */
function removeOurs(svc: Services, keep: string | null = null): number {
  let removed = 0;
  for (const t of svc.scriptApp.getProjectTriggers()) {
    if (!OUR_HANDLERS.includes(t.getHandlerFunction()) || t.getUniqueId() === keep) continue;
    svc.scriptApp.deleteTrigger(t);
    removed += 1;
  }
  return removed;
}

/**
 * Installs `dailyRefresh` every day at «Час рассылки» and `weeklySummary` on «День недельной сводки»,
 * in the spreadsheet's time zone. Ours are removed first, so installing twice leaves one of each.
 */
export function installTriggers(svc: Services): JobResult {
  const timeZone = svc.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  const { settings: s, unusable } = settingsRead(svc);
  // readSettings keeps the default for a value out of range; the announcement says which cell that was.
  const hour = s.reminderHour;
  const weekday = s.summaryWeekday;
  const remarks = [unusable.reminderHour, unusable.summaryWeekday]
    .filter((p) => p !== undefined)
    .map(
      (p) =>
        ` Внимание, «${p.sheet}» ${p.cell}: ${p.message.charAt(0).toLowerCase()}${p.message.slice(1)} ${p.fix}`,
    )
    .join('');
  // A long job's pending continuation is not a daily or weekly trigger: it stays and finishes the job.
  removeOurs(svc, continuationId(svc));
  // Apps Script quirk: a clock trigger fires at some minute within the hour, not at :00; and without
  // inTimezone the hour would be the script's time zone, not the spreadsheet's.
  svc.scriptApp
    .newTrigger('dailyRefresh')
    .timeBased()
    .everyDays(1)
    .atHour(hour)
    .inTimezone(timeZone)
    .create();
  svc.scriptApp
    .newTrigger('weeklySummary')
    .timeBased()
    .everyWeeks(1)
    .onWeekDay(svc.scriptApp.WeekDay[WEEKDAY_NAMES[weekday - 1] ?? 'MONDAY'])
    .atHour(hour)
    .inTimezone(timeZone)
    .create();
  const when = `ежедневно в ${hour}:00, недельная сводка — ${WEEKDAYS_RU[weekday - 1]} (${timeZone})`;
  const me = currentUser(svc);
  const others = installers(svc).filter((e) => e !== me);
  if (me) saveInstallers(svc, [...others, me]);
  appendJournal(svc, [
    { job: 'installTriggers', event: 'Автоматический режим включён', who: me, details: when },
  ]);
  const also = others.length
    ? ` Автоматический режим включал также ${others.join(', ')}: эти триггеры работают от их имени, отсюда их не видно. Чтобы ежедневный запуск не шёл дважды, пусть они выключат автоматический режим у себя.`
    : '';
  return done(`Автоматический режим включён: обновление и напоминания ${when}.${remarks}${also}`);
}

/** Removes only this project's own triggers (by handler name), a pending continuation included. */
export function removeTriggers(svc: Services): JobResult {
  // A pending retry of the weekly summary goes with the rest (its count must not carry over to next week).
  takeRetry(svc);
  const removed = removeOurs(svc);
  // With the continuation gone, an unfinished job's leftovers are dropped (unsent mail stays queued for the next run).
  clearAllProgress(svc);
  const me = currentUser(svc);
  const others = installers(svc).filter((e) => e !== me);
  saveInstallers(svc, others);
  appendJournal(svc, [
    {
      job: 'removeTriggers',
      event: 'Автоматический режим выключен',
      who: me,
      details: `Удалено триггеров: ${removed}`,
    },
  ]);
  const still = others.length
    ? ` Автоматический режим, включённый ${others.join(', ')}, продолжает работать: выключить его может только ${others.length > 1 ? 'каждый из них' : 'он сам'} (Apps Script не даёт удалять чужие триггеры).`
    : '';
  return done(
    (removed
      ? `Автоматический режим выключен (удалено триггеров: ${removed}).`
      : 'Автоматический режим и так был выключен.') + still,
  );
}
