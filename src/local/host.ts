/**
 * The local host: an in-memory Google Sheets + Apps Script environment over an .xlsx workbook, running
 * dist/Code.js in a vm (run) or handing its services to a job directly (services).
 */
import { writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import type { CellValue } from '../core/grid';
import { a1, cellText } from '../core/grid';
import { SHEETS } from '../core/messages';
import { count, NOUNS } from '../core/plural';
import { isTemplateExample, readResponsible } from '../core/responsible';
import { SETTING_KEYS, SETTINGS_SHEET } from '../core/settings';
import type { Services, SpreadsheetPort } from '../sheets/ports';
import { URL_KEY } from '../sheets/report-links';
import { writeValue } from './cells';
import { renderChartSvg } from './chart-svg';
import { SimulatedClock } from './clock';
import { CallCounter } from './counter';
import { composeOptions, flushMail, MailApp, smtpUrl, type QuotaState, type SentMail } from './mail';
import { projectRoot, scriptTimeZone } from './project';
import { ScriptRuntime } from './runtime';
import { messageKey, SentJournal } from './sent-journal';
import { SyncSmtp } from './smtp-sync';
import { nextFiring, ScriptApp, type TriggerSpec } from './script-app';
import {
  CacheService,
  Charts,
  HtmlService,
  LockService,
  Logger,
  PropertiesService,
  Session,
  Utilities,
  type CacheStore,
  type LockState,
} from './services';
import { embedChart, fitForReading, isProductSheet } from './print-layout';
import { Spreadsheet, SpreadsheetApp, Ui, type Sheet, type UiEvent } from './spreadsheet';
import { readWorkbook, XlsxBinding } from './xlsx';
import { checkTimeZone } from './zone';
import { messageOf } from '../core/errors';

export interface HostOptions {
  /** The spreadsheet's time zone, default 'Europe/Moscow'. */
  timeZone?: string;
  /** Simulated clock; 'YYYY-MM-DD' means 12:00 of that day in timeZone; default: real now. */
  now?: Date | string;
  /** Session.getActiveUser().getEmail(); default 'owner@example.com' (the owner runs the menu). */
  user?: string;
  /** Folder for .eml files; default: messages kept in memory only. */
  outbox?: string;
  /** Simulated MailApp quota; default: «Настройки» «Суточная квота писем», else 100. */
  dailyQuota?: number;
  /** Print toasts, alerts and Logger lines to stderr as they happen; default false (they are kept in ui and logs). */
  echo?: boolean;
  /** The bundle to run; default dist/Code.js of this project. */
  codePath?: string;
  /**
   * Simulated milliseconds each spreadsheet call takes inside run() (real Sheets calls take tens of ms),
   * so a job's time budget and Apps Script's 6-minute limit can be tested; default 0.
   */
  callCostMs?: number;
  /**
   * Simulated milliseconds each MailApp.sendEmail takes (about a second in Apps Script), in run() and in
   * jobs called with services(), so a mail job's time budget can be tested; default 0.
   */
  mailLatencyMs?: number;
  /** Worksheets bigger than this many bytes of XML pass through without exceljs (passed-sheets.ts); default 4 MB. */
  passThroughBytes?: number;
  /**
   * The web app's address, as ScriptApp.getService().getUrl() answers it (links in reminders and on
   * «Ссылки для отчётов»); default the address `roadmap500 serve` listens on by default.
   */
  webAppUrl?: string;
}

/** Where `roadmap500 serve` listens unless told otherwise, so links made by other commands work with it. */
export const DEFAULT_WEB_APP_URL = 'http://127.0.0.1:8500/';

/** Persisted in the saved workbook (veryHidden sheet `_properties`) so state survives between CLI runs. */
interface HostState {
  version: 1;
  timeZone: string;
  documentProperties: Record<string, string>;
  scriptProperties: Record<string, string>;
  userProperties: Record<string, string>;
  triggers: TriggerSpec[];
  quota: QuotaState;
}

const PROJECT_ROOT = projectRoot();
const DEFAULT_USER = 'owner@example.com';

/** Apps Script stops a run after 6 minutes. */
const MAX_RUN_MS = 6 * 60_000;
/** Guarded services whose calls cost no simulated time (callCostMs is for spreadsheet calls). */
const NOT_SPREADSHEET = new Set([
  'Session',
  'User',
  'Properties',
  'PropertiesService',
  'Cache',
  'CacheService',
  'Lock',
  'LockService',
  'Utilities',
  'Logger',
  'HtmlService',
  'HtmlOutput',
]);

/** Functions Apps Script runs as simple triggers, without the user's authorisation. */
const SIMPLE_TRIGGERS = new Set(['onOpen', 'onInstall', 'onEdit', 'onSelectionChange']);
/** Services a simple trigger may not use, with the scope Apps Script names in its refusal. */
const SIMPLE_TRIGGER_REFUSED: Record<string, string> = {
  MailApp: 'https://www.googleapis.com/auth/script.send_mail',
  ScriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  ClockTriggerBuilder: 'https://www.googleapis.com/auth/script.scriptapp',
  TriggerBuilder: 'https://www.googleapis.com/auth/script.scriptapp',
};

export interface FiredTrigger {
  handler: string;
  at: Date;
  result?: unknown;
  error?: string;
}

/** The time zone a workbook saved by an earlier run carries (see HostState). */
function savedZone(saved: unknown): string | undefined {
  return saved && typeof saved === 'object' && 'timeZone' in saved && typeof saved.timeZone === 'string'
    ? saved.timeZone
    : undefined;
}

export class LocalHost {
  private readonly ss: Spreadsheet;
  private readonly counter = new CallCounter(true, (key) => this.refuse(key));
  /** What kind of run is going on: Apps Script gives simple and time-driven triggers fewer rights. */
  private mode: 'menu' | 'simple' | 'trigger' = 'menu';
  /** Simulated start of the current run(), for the 6-minute limit. */
  private runStarted: number | undefined;
  private readonly viewer = new CallCounter(false);
  readonly clock: SimulatedClock;
  readonly sentMail: SentMail[] = [];
  /** SMTP this run: accepted now, accepted by an earlier unsaved run, refused («адрес: ответ»), held back and why. */
  readonly smtpReport = { accepted: 0, earlier: 0, refused: [] as string[], left: 0, failure: '' };
  private smtp: SyncSmtp | undefined;
  /** The From of this connection's messages: read once, not once per message. */
  private smtpSender = '';
  /** The workbook this host was opened from, and the record of mail accepted for it (see SentJournal). */
  private bookPath: string | undefined;
  private sentJournal: SentJournal | undefined;
  /** Toasts, alerts, sidebars, dialogs and menus the script showed. */
  readonly ui: UiEvent[] = [];
  /** Logger.log and console lines. */
  readonly logs: string[] = [];
  /** What Google Sheets would have refused or changed, and what the .xlsx could not keep: for tests, the CLI prints them. */
  readonly warnings: string[] = [];
  private readonly parsedColumns = new Set<string>();
  private readonly badFormulas = new Set<string>();
  private readonly pendingMail: SentMail[] = [];
  private readonly quota: QuotaState = { day: '', used: 0 };
  private readonly stores = {
    document: new Map<string, string>(),
    script: new Map<string, string>(),
    user: new Map<string, string>(),
  };
  private readonly caches = {
    document: new Map() as CacheStore,
    script: new Map() as CacheStore,
    user: new Map() as CacheStore,
  };
  private readonly locks: { document: LockState; script: LockState; user: LockState } = {
    document: { owner: null, execution: 0 },
    script: { owner: null, execution: 0 },
    user: { owner: null, execution: 0 },
  };
  private triggerList: TriggerSpec[] = [];
  /** Other workbooks the script may open with SpreadsheetApp.openById / openByUrl, by id and by URL. */
  private readonly others = new Map<string, Spreadsheet>();
  /** Who the script acts as: the user at the keyboard, or a trigger's owner while it fires. */
  private user: string;
  private execution = 0;
  private runtime?: ScriptRuntime;
  private readonly globals: Record<string, unknown>;
  private readonly svc: Services;

  private constructor(
    private readonly opts: HostOptions,
    name: string,
    url: string,
    private binding?: XlsxBinding,
  ) {
    const timeZone = checkTimeZone(opts.timeZone ?? 'Europe/Moscow');
    const echo = (line: string): void => {
      if (opts.echo) process.stderr.write(`${line}\n`);
    };
    this.ss = new Spreadsheet({
      timeZone,
      name,
      id: name,
      url,
      ui: (e) => {
        this.ui.push(e);
        if (e.kind === 'toast' || e.kind === 'alert') echo(e.title ? `${e.title}: ${e.text}` : e.text);
      },
      badFormula: (sheet, at, formula, where) => {
        // One warning per column (or rule) of a sheet: a job writes a whole column with the same formula.
        const key = `${sheet.getName()}\u0000${where === 'cell' ? at.replace(/\d+$/, '') : at}\u0000${where}`;
        if (this.badFormulas.has(key)) return;
        this.badFormulas.add(key);
        const what = where === 'cell' ? 'формула' : 'формула условного форматирования';
        this.warnings.push(
          `«${sheet.getName()}»!${at}: ${what} «${formula}» в Google Таблицах даст #ERROR!: скрипт пишет формулы с запятой между аргументами (точка с запятой — только при вводе вручную в русском интерфейсе).`,
        );
      },
      parsed: (sheet, row, column, text, kind) => {
        // One warning per column of a sheet: a job writes a whole column the same way.
        const key = `${sheet.getName()}\u0000${column}`;
        if (this.parsedColumns.has(key)) return;
        this.parsedColumns.add(key);
        this.warnings.push(
          `«${sheet.getName()}»!${a1(row, column)}: строка «${text}» в Google Таблицах станет ${kind}; чтобы осталась текстом, задайте столбцу формат «@» до записи.`,
        );
      },
    });
    this.clock = new SimulatedClock(() => this.ss.getSpreadsheetTimeZone(), opts.now);
    this.user = opts.user ?? DEFAULT_USER;
    const user = (): string => this.user;
    const tz = (): string => this.ss.getSpreadsheetTimeZone();
    const w = <T extends object>(o: T & { className: string; counted: boolean }): T =>
      this.counter.wrap(o, o.className, o.counted);
    const log = (line: string): void => {
      this.logs.push(line);
      echo(line);
    };
    const spreadsheetApp = w(
      new SpreadsheetApp(this.ss, new Ui(this.ss.env.ui), (key) => this.others.get(key)),
    );
    const propertiesService = w(new PropertiesService(this.stores));
    const cacheService = w(new CacheService(this.caches, this.clock));
    const lockService = w(new LockService(this.locks, this.clock, () => this.execution));
    const scriptZone = scriptTimeZone();
    const triggerHost = {
      triggers: this.triggerList,
      now: () => this.clock.nowMs(),
      timeZone: () => scriptZone,
      user,
      // The address given to `reportLinks --base-url` is kept in the workbook: later jobs' links use it.
      webAppUrl: () => opts.webAppUrl ?? this.stores.document.get(URL_KEY) ?? DEFAULT_WEB_APP_URL,
    };
    const scriptApp = w(new ScriptApp(triggerHost));
    const mailApp = w(
      new MailApp(this.sentMail, this.pendingMail, this.quota, {
        now: () => this.clock.now(),
        timeZone: tz,
        dailyQuota: () => this.dailyQuota(),
        deliverNow: (mail) => this.deliverNow(mail),
      }),
    );
    const session = w(new Session(user, () => scriptZone));
    const htmlService = w(new HtmlService(join(PROJECT_ROOT, 'dist')));
    const utilities = w(new Utilities(this.clock));
    const logger = w(new Logger(log));
    const consoleLike = { log: log, info: log, warn: log, error: log };
    this.globals = {
      SpreadsheetApp: spreadsheetApp,
      Session: session,
      PropertiesService: propertiesService,
      CacheService: cacheService,
      LockService: lockService,
      ScriptApp: scriptApp,
      MailApp: mailApp,
      HtmlService: htmlService,
      Utilities: utilities,
      Logger: logger,
      Charts,
      console: consoleLike,
    };
    this.svc = {
      spreadsheetApp,
      session,
      utilities,
      scriptApp,
      mailApp,
      htmlService,
      properties: propertiesService.getDocumentProperties(),
      cache: cacheService.getDocumentCache(),
      lock: () => lockService.getDocumentLock(),
      now: () => this.clock.now(),
    };
  }

  /** Loads a workbook; throws WorkbookError (Russian message) when the file cannot be used. */
  static async open(xlsxPath: string, opts: HostOptions = {}): Promise<LocalHost> {
    const { workbook, lost, passed } = await readWorkbook(xlsxPath, opts.passThroughBytes);
    const binding = new XlsxBinding(workbook, passed);
    const saved = binding.savedState();
    // The spreadsheet's time zone belongs to the workbook, as in Sheets (saved by an earlier run); an explicit option wins.
    const timeZone = opts.timeZone ?? savedZone(saved);
    const name = basename(xlsxPath).replace(/\.xlsx$/i, '');
    const host = new LocalHost(
      { ...opts, ...(timeZone ? { timeZone } : {}) },
      name,
      // The file name only: what scripts read as the spreadsheet's URL ends up in mails, never a path on this disk.
      basename(xlsxPath),
      binding,
    );
    binding.load(host.ss);
    host.restore(saved);
    host.bookPath = resolve(xlsxPath);
    host.sentJournal = new SentJournal(host.bookPath);
    if (lost.length > 0) {
      host.warnings.push(
        `В книге есть ${lost.join(', ')}: в записанную копию они не попадут (локальная программа их не переносит); исходный файл не меняется.`,
      );
    }
    return host;
  }

  /**
   * Loads another workbook the script may open, as SpreadsheetApp.openById(id) or openByUrl(url) open
   * another spreadsheet in Sheets: its id is the file name without .xlsx, its URL the file's URL. Its time
   * zone is the one saved in it by an earlier run, else Europe/Moscow. Nothing is ever written back to it.
   */
  async addSpreadsheet(xlsxPath: string): Promise<SpreadsheetPort> {
    const { workbook } = await readWorkbook(xlsxPath);
    const binding = new XlsxBinding(workbook);
    const zone = savedZone(binding.savedState()) ?? 'Europe/Moscow';
    const id = basename(xlsxPath).replace(/\.xlsx$/i, '');
    const url = pathToFileURL(resolve(xlsxPath)).href;
    const ss = new Spreadsheet({ ...this.ss.env, timeZone: checkTimeZone(zone), name: id, id, url });
    binding.load(ss);
    this.others.set(id, ss);
    this.others.set(url, ss);
    return this.viewer.wrap(ss, ss.className, false);
  }

  /** A host over sheets given as rows of values (strings «=…» become formulas, as typed by a user). */
  static fromSheets(sheets: Record<string, unknown[][]>, opts: HostOptions = {}): LocalHost {
    const host = new LocalHost(opts, 'Таблица', 'https://docs.google.com/spreadsheets/d/local-host/edit');
    for (const [name, rows] of Object.entries(sheets)) {
      const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
      const sheet = host.ss.addSheet(name, undefined, {
        rows: Math.max(1000, rows.length),
        columns: Math.max(26, width),
      });
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null || v === undefined || v === '') return;
          writeValue(sheet.cellAt(r + 1, c + 1), v);
        }),
      );
    }
    if (host.ss.sheets.length === 0) host.ss.addSheet('Лист1');
    return host;
  }

  /**
   * Calls a global contract function of dist/Code.js in the vm; locks it took are released afterwards.
   * onOpen, onInstall and onEdit run as simple triggers: no mail, no triggers, as in Apps Script.
   */
  run<T = unknown>(fn: string, ...args: unknown[]): T {
    return this.execute(fn, args, SIMPLE_TRIGGERS.has(fn) ? 'simple' : 'menu');
  }

  private execute<T>(fn: string, args: unknown[], mode: LocalHost['mode']): T {
    this.runtime ??= new ScriptRuntime(
      this.opts.codePath ?? join(PROJECT_ROOT, 'dist', 'Code.js'),
      this.globals,
      () => this.clock.nowMs(),
    );
    const execution = ++this.execution;
    this.mode = mode;
    this.runStarted = this.clock.nowMs();
    try {
      return this.runtime.call(fn, args) as T;
    } finally {
      // Apps Script releases a script's locks when its execution ends.
      for (const l of Object.values(this.locks)) if (l.owner && l.execution === execution) l.owner = null;
      this.execution = 0;
      this.mode = 'menu';
      this.runStarted = undefined;
    }
  }

  /** Apps Script's refusals by kind of run and its 6-minute limit, with its own messages. */
  private refuse(key: string): void {
    if (key === 'MailApp.sendEmail' && this.opts.mailLatencyMs) this.clock.advance(this.opts.mailLatencyMs);
    if (this.runStarted !== undefined) {
      if (this.opts.callCostMs && !NOT_SPREADSHEET.has(key.split('.')[0] ?? ''))
        this.clock.advance(this.opts.callCostMs);
      if (this.clock.nowMs() - this.runStarted > MAX_RUN_MS)
        throw new Error('Exceeded maximum execution time');
    }
    if (this.mode === 'trigger' && key === 'SpreadsheetApp.getUi') {
      throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    if (this.mode === 'simple') {
      const scope = SIMPLE_TRIGGER_REFUSED[key.split('.')[0] ?? ''];
      if (scope) throw new Error(`You do not have permission to call ${key}. Required permissions: ${scope}`);
    }
  }

  /** The same in-memory services, to call a job directly from TypeScript. */
  services(): Services {
    return this.svc;
  }

  /** The spreadsheet, for assertions: guarded like the script's view, but its calls are not counted. */
  get spreadsheet(): SpreadsheetPort {
    return this.viewer.wrap(this.ss, this.ss.className, false);
  }

  /** Spreadsheet-service calls (SpreadsheetApp, Spreadsheet, Sheet, Range, builders) by «Class.method». */
  get calls(): { total(): number; byMethod(): Record<string, number>; reset(): void } {
    return this.counter;
  }

  /** The whole data range of a sheet, [] if the sheet is absent or empty. */
  values(sheet: string): CellValue[][] {
    const s = this.ss.getSheetByName(sheet);
    if (!s || s.getLastRow() === 0) return [];
    return s.getDataRange().getValues();
  }

  /**
   * Makes `email` the user of the next runs (Session.getActiveUser, getEffectiveUser, and whose
   * triggers ScriptApp sees), as when another coordinator opens the same spreadsheet.
   */
  setUser(email: string): void {
    this.user = email;
  }

  /** Time-driven triggers the script installed, every user's. */
  triggers(): TriggerSpec[] {
    return this.triggerList.map((t) => ({ ...t }));
  }

  /**
   * Advances the simulated clock to `until`, running every trigger whose time comes on the way, in order.
   * A handler that throws is recorded (as Apps Script emails the owner) and the clock goes on.
   */
  fireDue(until: Date | string): FiredTrigger[] {
    const end = this.clock.parse(until);
    const fired: FiredTrigger[] = [];
    for (;;) {
      const due = this.triggerList
        .filter((t) => !t.spent && t.next <= end)
        .sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.clock.set(new Date(Math.max(due.next, this.clock.nowMs())));
      const next = nextFiring(due, due.next);
      // Apps Script quirk: a one-off trigger stays in the project's list after it fires, until deleted.
      if (next === null) due.spent = true;
      else due.next = next;
      fired.push(this.fire(due));
    }
    this.clock.set(new Date(end));
    return fired;
  }

  /**
   * Runs, at the clock's current time, every trigger whose time has come (each once, however many firings
   * were missed while the computer was off, as Apps Script does not catch up either), then moves each to
   * its next firing after now. What `roadmap500 run-due` calls every hour.
   */
  runDue(): FiredTrigger[] {
    const now = this.clock.nowMs();
    const due = this.triggerList.filter((t) => !t.spent && t.next <= now).sort((a, b) => a.next - b.next);
    for (const t of due) {
      let next: number | null = t.next;
      while (next !== null && next <= now) next = nextFiring(t, next);
      if (next === null) t.spent = true;
      else t.next = next;
    }
    return due.map((t) => this.fire(t));
  }

  /** Runs one trigger's handler now, as its owner, in trigger mode; a handler that throws is recorded. */
  private fire(t: TriggerSpec): FiredTrigger {
    const at = this.clock.now();
    const event = {
      authMode: 'FULL',
      triggerUid: t.id,
      timezone: 'UTC',
      year: at.getUTCFullYear(),
      month: at.getUTCMonth() + 1,
      'day-of-month': at.getUTCDate(),
      hour: at.getUTCHours(),
      minute: at.getUTCMinutes(),
      second: at.getUTCSeconds(),
    };
    // An installable trigger runs as the user who created it.
    const user = this.user;
    this.user = t.owner;
    try {
      return { handler: t.handler, at, result: this.execute(t.handler, [event], 'trigger') };
    } catch (e) {
      return { handler: t.handler, at, error: messageOf(e) };
    } finally {
      this.user = user;
    }
  }

  /** Writes queued mail as .eml files into the outbox (SMTP mail went at sendEmail). */
  async flushMail(): Promise<void> {
    await flushMail(
      this.pendingMail,
      { ...(this.opts.outbox ? { outbox: this.opts.outbox } : {}), from: this.setting('smtpFrom') },
      this.sender(),
    );
  }

  /**
   * Who the mail is from without «SMTP отправитель»: the user the command names, else the first of
   * «Координаторы» (in Google the coordinator's own account sends), never the placeholder if avoidable.
   */
  private sender(): string {
    if (this.user !== DEFAULT_USER) return this.user;
    const first = /[^\s,;<>]+@[^\s,;<>]+/.exec(this.setting('coordinators'))?.[0];
    if (first) return first;
    // A coordinator by role on «Ответственные» (the template's way) is as good as one of «Настройки».
    const byRole = this.ss.getSheetByName(SHEETS.responsible)
      ? readResponsible(this.values(SHEETS.responsible))
          .directory.withRole('координатор', [])
          .find((a) => !isTemplateExample(a))
      : undefined;
    return byRole ?? this.user;
  }

  /**
   * Sends a message over SMTP when «Настройки» or SMTP_URL names a server, at once, as MailApp does; false
   * when there is none (the message goes to the outbox). Accepted: recorded beside the workbook before the
   * script goes on. Refused (5xx): throws, the job logs it, the others still go. Server unusable (4xx,
   * connection lost, wrong password): this and every later message of the run stay queued for the next run.
   */
  private deliverNow(mail: SentMail): boolean {
    const server = process.env['SMTP_URL'] || this.setting('smtpServer');
    if (!server) return false;
    const r = this.smtpReport;
    // The message says «квот»: the mail jobs queue a message whose send failed for the quota (mail-queue.ts).
    const holdBack = (): Error =>
      new Error(
        `Письмо не отправлено: SMTP-сервер недоступен (${r.failure}); остаётся в очереди, как при исчерпанной квоте.`,
      );
    if (r.failure) {
      r.left += 1;
      throw holdBack();
    }
    const key = messageKey(mail);
    const earlier = this.sentJournal?.takeEarlier(key);
    if (earlier !== undefined) {
      mail.smtpResponse = earlier;
      r.earlier += 1;
      return true;
    }
    if (!this.smtp) {
      this.smtp = new SyncSmtp(smtpUrl(server, this.setting('smtpUser')));
      this.smtpSender = this.setting('smtpFrom') || this.sender();
    }
    const outcome = this.smtp.send(composeOptions(mail, this.smtpSender));
    if (outcome.ok) {
      mail.smtpResponse = outcome.response;
      this.sentJournal?.record(key, mail, outcome.response);
      r.accepted += 1;
      r.refused.push(...outcome.refused);
      return true;
    }
    if (outcome.permanent) {
      r.refused.push(`${mail.to}: ${outcome.response}`);
      throw new Error(`Сервер отклонил письмо для ${mail.to}: ${outcome.response}`);
    }
    r.failure =
      outcome.code === 'EAUTH'
        ? `неверное имя пользователя или пароль: ${outcome.response}`
        : outcome.response;
    r.left += 1;
    throw holdBack();
  }

  /**
   * Writes the workbook (user sheets kept as loaded, changes written in) and delivers queued mail, then
   * renders charts. The mail goes out once the new workbook is fully written but before it replaces the
   * old one: a failure of either leaves `path` as it was, and the window in which mail went out but its
   * record («Журнал», properties) did not is as short as it can be.
   */
  async save(path: string): Promise<void> {
    this.binding ??= new XlsxBinding(new ExcelJS.Workbook());
    const charts = this.chartSvgs();
    const skipped = await this.binding.save(
      this.ss,
      path,
      this.state(),
      () => this.flushMail(),
      (sheet, ws, wb) => {
        if (!isProductSheet(sheet.name)) return;
        fitForReading(ws);
        // A sheet rewritten by its job starts without pictures; one saved again keeps the one it has.
        if (ws.getImages().length > 0) return;
        for (const c of charts.filter((c) => c.sheet === sheet)) embedChart(wb, ws, c.svg, c.position);
      },
    );
    // The saved workbook records the accepted mail itself now.
    if (this.bookPath !== undefined && resolve(path) === this.bookPath) this.sentJournal?.clear();
    this.smtp?.close();
    this.smtp = undefined;
    this.warnings.push(...skipped.slice(0, 10));
    if (skipped.length > 10) this.warnings.push(`…и ещё ${count(skipped.length - 10, NOUNS.cell)}`);
    this.renderCharts(path, charts);
  }

  /** Each chart of the spreadsheet as SVG (the types chart-svg draws), with its sheet and anchor cell. */
  private chartSvgs(): {
    sheet: Sheet;
    index: number;
    svg: string;
    position: { row: number; column: number };
  }[] {
    return this.ss.sheets.flatMap((sheet) =>
      sheet.charts.flatMap((chart, i) => {
        const data = chart.spec.ranges.flatMap((r) => r.getValues());
        try {
          const svg = renderChartSvg({
            sheet: sheet.name,
            type: chart.spec.type,
            options: Object.fromEntries(chart.spec.options),
            data,
          });
          return [{ sheet, index: i + 1, svg, position: chart.spec.position }];
        } catch (e) {
          if (e instanceof Error && e.message.includes('ещё не реализовано')) return [];
          throw e;
        }
      }),
    );
  }

  /** The charts also beside the workbook as SVG files («карта-Рисковые профили-1.svg»), for the web and print. */
  private renderCharts(path: string, charts: ReturnType<LocalHost['chartSvgs']>): void {
    const stem = path.replace(/\.xlsx$/i, '');
    for (const c of charts)
      writeFileSync(`${stem}-${c.sheet.name.replace(/[\\/:*?"<>|]/g, '_')}-${c.index}.svg`, c.svg);
  }

  private dailyQuota(): number {
    if (this.opts.dailyQuota !== undefined) return this.opts.dailyQuota;
    const n = Number(this.setting('dailyMailQuota').replace(',', '.'));
    return this.setting('dailyMailQuota') !== '' && Number.isFinite(n) && n >= 0 ? n : 100;
  }

  /** A value of «Настройки» read directly (host configuration, not a script call). */
  private setting(key: 'dailyMailQuota' | 'smtpServer' | 'smtpUser' | 'smtpFrom' | 'coordinators'): string {
    const sheet = this.ss.getSheetByName(SETTINGS_SHEET);
    if (!sheet) return '';
    const name = SETTING_KEYS[key][0].toLowerCase();
    for (let r = 1; r <= sheet.getLastRow(); r++) {
      const row = sheet.rowCells(r);
      if (cellText(row?.[1]?.v ?? '').toLowerCase() === name) return cellText(row?.[2]?.v ?? '');
    }
    return '';
  }

  private state(): HostState {
    return {
      version: 1,
      timeZone: this.ss.getSpreadsheetTimeZone(),
      documentProperties: Object.fromEntries(this.stores.document),
      scriptProperties: Object.fromEntries(this.stores.script),
      userProperties: Object.fromEntries(this.stores.user),
      triggers: this.triggerList,
      quota: { ...this.quota },
    };
  }

  private restore(saved: unknown): void {
    if (!saved || typeof saved !== 'object' || (saved as HostState).version !== 1) return;
    const s = saved as HostState;
    for (const [k, v] of Object.entries(s.documentProperties ?? {})) this.stores.document.set(k, v);
    for (const [k, v] of Object.entries(s.scriptProperties ?? {})) this.stores.script.set(k, v);
    for (const [k, v] of Object.entries(s.userProperties ?? {})) this.stores.user.set(k, v);
    // A workbook saved before triggers had owners: they belong to whoever opens it.
    this.triggerList.push(...(s.triggers ?? []).map((t) => ({ ...t, owner: t.owner ?? this.user })));
    Object.assign(this.quota, s.quota ?? {});
  }
}
