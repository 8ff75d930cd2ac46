/**
 * Signed report links for schools: the secret and per-school key versions (document properties, never a
 * sheet), checking a link's token, the job «Ссылки для отчётов школ» (reportLinks) and revoking a school's
 * links (revokeReportLinks).
 */
import { BUSY, LINK_MSG, SHEETS } from '../core/messages';
import {
  reportLinkUrl,
  signLink,
  verifyLink,
  type HmacSha256,
  type LinkClaims,
  type LinkRefusal,
} from '../core/report-link';
import type { School } from '../core/schools';
import { dataErrors, done, type JobResult } from './job';
import { appendJournal } from './journal';
import type { Services } from './ports';
import { loadSchools } from './report-context';
import { productSheet } from './roadmap-sheet';

const SECRET_KEY = 'reportLinks.secret';
/** The web app's address the links were last made with (the local host answers it as its web app URL). */
export const URL_KEY = 'reportLinks.url';
/** The test deployment's address (…/dev) opens for editors only: never given to schools. */
const TEST_DEPLOYMENT = /\/dev\/?(?:[?#]|$)/;
/** An https address with no user-info, spaces or markup, as a deployment's «URL веб-приложения». */
const WEB_APP_URL = /^https:\/\/[^\s/@<>"'`]+\/[^\s<>"'`]*$/;
const VERSION_KEY = (code: string): string => `reportLinks.version.${code.toLowerCase()}`;
/** How long a first run waits for another one creating the secret at the same moment. */
const LOCK_WAIT_MS = 10_000;

const hmacOf =
  (svc: Services): HmacSha256 =>
  (value, key) =>
    svc.utilities.computeHmacSha256Signature(value, key);

/** The school's current key version (1 until its links are first revoked). */
export function keyVersion(svc: Services, code: string): number {
  const v = Number(svc.properties.getProperty(VERSION_KEY(code)) ?? 1);
  return Number.isInteger(v) && v > 0 ? v : 1;
}

/**
 * Makes the signing secret (244 random bits) unless it exists, under the document lock so that two first
 * runs agree on it. Called before a job takes the lock itself; false when the lock stayed busy.
 */
export function ensureLinkSecret(svc: Services): boolean {
  if (svc.properties.getProperty(SECRET_KEY)) return true;
  const lock = svc.lock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return false;
  try {
    if (!svc.properties.getProperty(SECRET_KEY)) {
      const made = (svc.utilities.getUuid() + svc.utilities.getUuid()).replace(/-/g, '');
      svc.properties.setProperty(SECRET_KEY, made);
    }
    return true;
  } finally {
    lock.releaseLock();
  }
}

/**
 * The web form's address: the deployed web app's (in Apps Script), or the local server's (`--base-url`).
 * Apps Script may answer the editors-only test address (…/dev) or nothing; then the address the
 * coordinator gave «Ссылки для отчётов школ» is used.
 */
export function webAppUrl(svc: Services): string {
  const url = svc.scriptApp.getService().getUrl() ?? '';
  if (url && !TEST_DEPLOYMENT.test(url)) return url;
  return svc.properties.getProperty(URL_KEY) ?? '';
}

/** Asks the coordinator for the web app's address when Apps Script does not give it; '' if cancelled. */
function askWebAppUrl(svc: Services): string {
  const ui = svc.spreadsheetApp.getUi();
  const answer = ui.prompt(SHEETS.reportLinks, LINK_MSG.urlPrompt, ui.ButtonSet.OK_CANCEL);
  const url = answer.getResponseText().trim();
  if (answer.getSelectedButton() !== ui.Button.OK || !WEB_APP_URL.test(url) || TEST_DEPLOYMENT.test(url))
    return '';
  svc.properties.setProperty(URL_KEY, url);
  return url;
}

/** One reporter's personal link; '' until the secret exists (ensureLinkSecret). */
export function schoolLink(svc: Services, base: string, school: School, reporter: string): string {
  const key = svc.properties.getProperty(SECRET_KEY);
  if (!key || !base) return '';
  const claims: LinkClaims = {
    schoolCode: school.code,
    reporter: reporter.trim().toLowerCase(),
    version: keyVersion(svc, school.code),
  };
  return reportLinkUrl(base, signLink(claims, key, hmacOf(svc)));
}

/** A token that passed: its school (still in `Школы`) and reporter (still one of the school's). */
export interface LinkUser {
  school: School;
  reporter: string;
}

/**
 * Link refusals written to «Журнал» per clock hour. The web app is open to anyone: a flood of made-up
 * links must not grow the coordinator's journal (and its reads) without end.
 */
const REFUSALS_LOGGED_PER_HOUR = 50;

/** Whether this refusal is logged, is the one line saying the rest of the hour is not, or is skipped. */
function refusalLogging(svc: Services): 'log' | 'muted' | 'skip' {
  const key = `reportLinks.refusals.${Math.floor(svc.now().getTime() / 3_600_000)}`;
  const n = Number(svc.cache.get(key) ?? 0) + 1;
  svc.cache.put(key, String(n), 3600);
  if (n <= REFUSALS_LOGGED_PER_HOUR) return 'log';
  return n === REFUSALS_LOGGED_PER_HOUR + 1 ? 'muted' : 'skip';
}

/**
 * Checks a token from the web form or one of its calls; a refused one is logged in `Журнал` (without
 * the token, which may still be someone's valid link) and gives nothing else.
 */
export function checkLink(
  svc: Services,
  token: unknown,
  job: string,
  schools?: School[],
): LinkUser | undefined {
  const key = svc.properties.getProperty(SECRET_KEY);
  const refuse = (reason: LinkRefusal | 'noSecret' | 'school' | 'reporter', who = ''): undefined => {
    const log = refusalLogging(svc);
    if (log !== 'skip')
      appendJournal(svc, [
        {
          job,
          event: LINK_MSG.journalEvent,
          who,
          details: log === 'log' ? LINK_MSG.reasons[reason] : LINK_MSG.journalMuted(REFUSALS_LOGGED_PER_HOUR),
          status: 'отказ',
        },
      ]);
    return undefined;
  };
  if (!key) return refuse('noSecret');
  const check = verifyLink(token, key, hmacOf(svc), (code) => keyVersion(svc, code));
  if (!check.ok) return refuse(check.reason);
  const { schoolCode, reporter } = check.claims;
  const school = (schools ?? loadSchools(svc)).find((s) => s.code === schoolCode);
  if (!school) return refuse('school', reporter);
  if (!school.reporters.some((r) => r.toLowerCase() === reporter)) return refuse('reporter', reporter);
  return { school, reporter };
}

/** Every school's links, one per reporter address; schools without an address get a row saying so. */
export function allLinks(svc: Services, base: string): { rows: string[][]; links: number; missing: number } {
  const rows: string[][] = [];
  let links = 0;
  let missing = 0;
  for (const school of loadSchools(svc)) {
    const name = school.shortName || school.fullName || school.code;
    const version = String(keyVersion(svc, school.code));
    if (school.reporters.length === 0) {
      missing++;
      rows.push([school.code, name, LINK_MSG.noReporter, '', version]);
    }
    for (const reporter of school.reporters) {
      links++;
      rows.push([school.code, name, reporter, schoolLink(svc, base, school, reporter), version]);
    }
  }
  return { rows, links, missing };
}

/** Menu job «Ссылки для отчётов школ»: every school's links on the sheet «Ссылки для отчётов». */
export function reportLinks(svc: Services): JobResult {
  const base = webAppUrl(svc) || askWebAppUrl(svc);
  if (!base) return done(LINK_MSG.noWebApp);
  if (!ensureLinkSecret(svc)) return done(BUSY);
  const { rows, links, missing } = allLinks(svc, base);
  if (rows.length === 0) return done(LINK_MSG.noSchools);
  // Reminders and a later revocation make links with the same address.
  svc.properties.setProperty(URL_KEY, base);
  const header = [...LINK_MSG.header];
  const sheet = productSheet(svc, SHEETS.reportLinks, rows.length + 1, header.length);
  const range = sheet.getRange(1, 1, rows.length + 1, header.length);
  // Plain text: a school code «0401» stays as written, a link stays text to copy.
  range.setNumberFormat('@');
  range.setValues([header, ...rows]);
  sheet.getRange(1, 1, 1, header.length).setFontWeight('bold');
  sheet.setFrozenRows(1);
  sheet.setColumnWidth(4, 520);
  const schools = new Set(rows.map((r) => r[0])).size;
  return done(LINK_MSG.made(links, schools, missing));
}

/**
 * Menu job «Отозвать ссылки школы»: bumps the school's key version, so every link made before stops
 * working. The code comes from the command line locally, from a prompt in Sheets.
 */
export function revokeReportLinks(svc: Services, code?: unknown): JobResult {
  let wanted = typeof code === 'string' ? code.trim() : '';
  if (typeof code !== 'string') {
    const ui = svc.spreadsheetApp.getUi();
    const answer = ui.prompt(SHEETS.reportLinks, LINK_MSG.revokePrompt, ui.ButtonSet.OK_CANCEL);
    if (answer.getSelectedButton() !== ui.Button.OK) return done(LINK_MSG.revokeCancelled);
    wanted = answer.getResponseText().trim();
  }
  const school = loadSchools(svc).find((s) => s.code.toLowerCase() === wanted.toLowerCase());
  if (!school) return dataErrors(LINK_MSG.revokeUnknown(wanted));
  const lock = svc.lock();
  lock.waitLock(LOCK_WAIT_MS);
  let version: number;
  try {
    version = keyVersion(svc, school.code) + 1;
    svc.properties.setProperty(VERSION_KEY(school.code), String(version));
  } finally {
    lock.releaseLock();
  }
  appendJournal(svc, [
    {
      job: 'revokeReportLinks',
      event: LINK_MSG.revokeEvent,
      who: school.code,
      details: `версия ключа ${version}`,
      status: 'выполнено',
    },
  ]);
  // The links sheet must not keep offering the links that no longer work.
  if (svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.reportLinks)) reportLinks(svc);
  return done(LINK_MSG.revoked(school.code, version));
}
