/** Composition root: the real Apps Script services behind the ports (the local host supplies its own globals). */
import type { Services } from '../sheets/ports';

export function gasServices(): Services {
  return {
    spreadsheetApp: SpreadsheetApp,
    session: Session,
    properties: PropertiesService.getDocumentProperties(),
    cache: CacheService.getDocumentCache() ?? CacheService.getScriptCache(),
    lock: () => LockService.getDocumentLock() ?? LockService.getScriptLock(),
    scriptApp: ScriptApp,
    mailApp: MailApp,
    htmlService: HtmlService,
    utilities: Utilities,
    now: () => new Date(),
  };
}
