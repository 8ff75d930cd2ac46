/**
 * Long jobs within Apps Script's 6-minute limit: a run's time budget, what is left saved in document
 * properties, and a one-off trigger that continues the job a minute later.
 */
import { defaultSettings } from '../core/settings';
import { readChunked, writeChunked } from './mail-log';
import type { PropertiesPort, Services } from './ports';

/**
 * The handler a continuation trigger runs. SPEC's contract is a fixed list of top-level names, so the
 * daily trigger's handler doubles as the continuation: dailyRefresh, fired by the trigger whose id is
 * saved here, resumes whatever the saved progress says is left (see isContinuation).
 */
export const CONTINUATION_HANDLER = 'dailyRefresh';
/** A continuation starts a minute after the run that scheduled it (Apps Script may fire it a little later). */
export const CONTINUATION_DELAY_MS = 60_000;
/** Properties this module owns: progress (chunked JSON, job → what is left) and the continuation's trigger id. */
export const PROGRESS_KEY = 'roadmap500.resume.progress';
export const TRIGGER_KEY = 'roadmap500.resume.trigger';

/**
 * Apps Script kills a run at 6 minutes, and a killed run records nothing: mail it sent would go again.
 * A longer «Бюджет времени, сек» is held to this, leaving a minute to save the state and the journal.
 */
export const MAX_BUDGET_SECONDS = 300;

/** The time one run may spend («Бюджет времени, сек»), counted from the moment the run started. */
export class Budget {
  private readonly start: number;
  private limitMs: number;
  constructor(
    private readonly now: () => Date,
    seconds: number,
  ) {
    this.start = now().getTime();
    this.limitMs = limitMs(seconds);
  }
  /** Sets the limit once «Настройки» is read; the start stays where the run began. */
  setSeconds(seconds: number): void {
    this.limitMs = limitMs(seconds);
  }
  elapsedMs(): number {
    return this.now().getTime() - this.start;
  }
  /** True once the run should stop starting new work and leave the rest to a continuation. */
  expired(): boolean {
    return this.elapsedMs() >= this.limitMs;
  }
}

function limitMs(seconds: number): number {
  return Math.min(seconds, MAX_BUDGET_SECONDS) * 1000;
}

/**
 * A budget that starts now, on the services' clock (the local host's is simulated), with the default
 * limit until the job has read «Настройки» and calls setSeconds.
 */
export function startBudget(svc: Services): Budget {
  return new Budget(svc.now, defaultSettings(svc.now().getUTCFullYear()).timeBudgetSeconds);
}

function readAll(props: PropertiesPort): Record<string, unknown> {
  const raw = readChunked(props, PROGRESS_KEY);
  if (!raw) return {};
  try {
    const all: unknown = JSON.parse(raw);
    return all && typeof all === 'object' ? (all as Record<string, unknown>) : {};
  } catch {
    // A half-written value (a run killed mid-write) means «nothing saved»: the next full run redoes it all.
    return {};
  }
}

function deleteAll(props: PropertiesPort): void {
  const n = Number(props.getProperty(PROGRESS_KEY) ?? 0);
  for (let i = 0; i < n; i++) props.deleteProperty(`${PROGRESS_KEY}.${i}`);
  props.deleteProperty(PROGRESS_KEY);
}

/** What `job` left for its continuation, or undefined when it has nothing left. */
export function loadProgress<T>(svc: Services, job: string): T | undefined {
  return readAll(svc.properties)[job] as T | undefined;
}

/**
 * Saves what `job` has left. Apps Script quirk: a property value holds at most 9 KB, so the value is
 * chunked as the mail queue is (writeChunked).
 */
export function saveProgress<T>(svc: Services, job: string, progress: T): void {
  const all = readAll(svc.properties);
  all[job] = progress;
  writeChunked(svc.properties, PROGRESS_KEY, JSON.stringify(all));
}

/** Forgets what `jobs` had left; when no job has anything left, the continuation trigger goes too. */
export function clearProgress(svc: Services, ...jobs: string[]): void {
  const all = readAll(svc.properties);
  for (const job of jobs) delete all[job];
  if (Object.keys(all).length > 0) {
    writeChunked(svc.properties, PROGRESS_KEY, JSON.stringify(all));
    return;
  }
  deleteAll(svc.properties);
  deleteContinuation(svc);
}

/** removeTriggers: every unfinished job is dropped with its continuation. */
export function clearAllProgress(svc: Services): void {
  deleteAll(svc.properties);
  deleteContinuation(svc);
}

/** The unique id of the pending continuation trigger, if one is scheduled. */
export function continuationId(svc: Services): string | null {
  return svc.properties.getProperty(TRIGGER_KEY);
}

function deleteContinuation(svc: Services): void {
  const id = continuationId(svc);
  if (id === null) return;
  // Apps Script quirk: a one-off trigger stays in the project's list (and counts toward its 20
  // triggers) after it has fired, until it is deleted.
  for (const t of svc.scriptApp.getProjectTriggers())
    if (t.getUniqueId() === id) svc.scriptApp.deleteTrigger(t);
  svc.properties.deleteProperty(TRIGGER_KEY);
}

/**
 * Schedules the one continuation a minute from now, replacing any earlier one: there is never more than one.
 * A deployment with other top-level names (the regional one) names its own handler.
 */
export function scheduleContinuation(svc: Services, handler = CONTINUATION_HANDLER): void {
  deleteContinuation(svc);
  const trigger = svc.scriptApp.newTrigger(handler).timeBased().after(CONTINUATION_DELAY_MS).create();
  svc.properties.setProperty(TRIGGER_KEY, trigger.getUniqueId());
}

/**
 * True when the handler was fired by the pending continuation trigger: Apps Script passes time-driven
 * handlers an event whose `triggerUid` is the trigger's unique id. The daily trigger's run is not one.
 */
export function isContinuation(svc: Services, event: unknown): boolean {
  if (!event || typeof event !== 'object' || !('triggerUid' in event)) return false;
  const id = continuationId(svc);
  return id !== null && String(event.triggerUid) === id;
}
