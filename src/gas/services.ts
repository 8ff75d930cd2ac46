/** Composition root: the real Apps Script services behind the ports (the local host supplies its own globals). */
import type { MailAppPort, Services } from '../sheets/ports';
import type { SpreadsheetOpenerPort } from '../sheets/regional-summary-job';

/** `mail` defaults to MailApp; the regional deployment passes its own and never touches MailApp. */
export function gasServices(mail: MailAppPort = MailApp): Services {
  return {
    spreadsheetApp: SpreadsheetApp,
    session: Session,
    properties: PropertiesService.getDocumentProperties(),
    cache: CacheService.getDocumentCache() ?? CacheService.getScriptCache(),
    lock: () => LockService.getDocumentLock() ?? LockService.getScriptLock(),
    scriptApp: ScriptApp,
    mailApp: mail,
    htmlService: HtmlService,
    utilities: Utilities,
    now: () => new Date(),
  };
}

/**
 * The regional deployment's services: its manifest has no mail scope (the job sends nothing), so MailApp is
 * never touched; a call would be a bug and says so.
 */
export function regionalServices(): Services {
  const noMail: MailAppPort = {
    sendEmail: () => {
      throw new Error('Региональная сводка писем не отправляет.');
    },
    getRemainingDailyQuota: () => 0,
  };
  return gasServices(noMail);
}

/** SpreadsheetApp as the regional job opens other spreadsheets (scope spreadsheets.readonly). */
export function spreadsheetOpener(): SpreadsheetOpenerPort {
  return SpreadsheetApp;
}

// The real SpreadsheetApp must fit the opener port (a host may not be more generous than Apps Script).
type Assignable<T, U extends T> = U;
export type RealOpenerFits = Assignable<SpreadsheetOpenerPort, GoogleAppsScript.Spreadsheet.SpreadsheetApp>;
