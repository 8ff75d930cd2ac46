/** ScriptApp of the local host: time-driven triggers kept in memory and fired through the simulated clock. */
import { randomUUID } from 'node:crypto';
import type { ClockTriggerBuilderPort, ScriptAppPort, TriggerPort } from '../sheets/ports';
import { GuardedService, enumOf } from './services';
import { wallTime, zonedInstant } from './zone';

export const WeekDay = enumOf('SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY');
const WEEKDAYS = Object.keys(WeekDay);

/** A time-driven trigger as stored by the host (and saved in the workbook between CLI runs). */
export interface TriggerSpec {
  id: string;
  handler: string;
  kind: 'everyDays' | 'everyWeeks' | 'everyHours' | 'everyMinutes' | 'after' | 'at';
  every?: number;
  atHour?: number;
  nearMinute?: number;
  /** 0 = Sunday, as WeekDay. */
  weekDay?: number;
  timeZone: string;
  /** Next firing instant, ms. */
  next: number;
  /** Email of the user who created it: the trigger runs as them, and only they see and delete it. */
  owner: string;
  /** A one-off trigger that has fired: still listed (as in Apps Script) until deleted, never fired again. */
  spent?: boolean;
}

const DAY = 86_400_000;

/** The first instant at or after `from` that matches the trigger's schedule. */
function firstFiring(t: Omit<TriggerSpec, 'next' | 'id' | 'owner'>, from: number): number {
  const w = wallTime(from, t.timeZone);
  switch (t.kind) {
    case 'everyMinutes':
      return from + (t.every ?? 1) * 60_000;
    case 'everyHours':
      return from + (t.every ?? 1) * 3_600_000;
    case 'after':
    case 'at':
      return from;
    case 'everyDays':
    case 'everyWeeks': {
      const hour = t.atHour ?? w.h;
      const minute = t.atHour === undefined ? w.min : (t.nearMinute ?? 0);
      for (let i = 0; i < 8; i++) {
        const day = new Date(Date.UTC(w.y, w.m - 1, w.d + i));
        const at = zonedInstant(
          day.getUTCFullYear(),
          day.getUTCMonth() + 1,
          day.getUTCDate(),
          t.timeZone,
          hour,
          minute,
        ).getTime();
        const weekdayOk = t.kind === 'everyDays' || t.weekDay === undefined || day.getUTCDay() === t.weekDay;
        if (at >= from && weekdayOk) return at;
      }
      return from + DAY;
    }
  }
}

/** The firing after `last`. */
export function nextFiring(t: TriggerSpec, last: number): number | null {
  switch (t.kind) {
    case 'after':
    case 'at':
      return null;
    case 'everyMinutes':
      return last + (t.every ?? 1) * 60_000;
    case 'everyHours':
      return last + (t.every ?? 1) * 3_600_000;
    case 'everyDays':
    case 'everyWeeks': {
      const days = (t.every ?? 1) * (t.kind === 'everyWeeks' ? 7 : 1);
      const w = wallTime(last, t.timeZone);
      const day = new Date(Date.UTC(w.y, w.m - 1, w.d + days));
      return zonedInstant(
        day.getUTCFullYear(),
        day.getUTCMonth() + 1,
        day.getUTCDate(),
        t.timeZone,
        w.h,
        w.min,
      ).getTime();
    }
  }
}

export class Trigger extends GuardedService implements TriggerPort {
  readonly className = 'Trigger';
  constructor(readonly spec: TriggerSpec) {
    super();
  }
  getHandlerFunction(): string {
    return this.spec.handler;
  }
  getUniqueId(): string {
    return this.spec.id;
  }
  getEventType(): string {
    return 'CLOCK';
  }
  getTriggerSource(): string {
    return 'CLOCK';
  }
}

export interface TriggerHost {
  triggers: TriggerSpec[];
  now(): number;
  timeZone(): string;
  /** The user the current run acts as. */
  user(): string;
  /** What ScriptApp.getService().getUrl() answers: the local web form's address. */
  webAppUrl(): string;
}

export class ClockTriggerBuilder extends GuardedService implements ClockTriggerBuilderPort {
  readonly className = 'ClockTriggerBuilder';
  private spec: Partial<TriggerSpec> = {};
  constructor(
    private readonly host: TriggerHost,
    private readonly handler: string,
  ) {
    super();
  }
  private kind(kind: TriggerSpec['kind'], every?: number): this {
    if (this.spec.kind && this.spec.kind !== kind) throw new Error('Already chosen a trigger frequency.');
    this.spec.kind = kind;
    if (every !== undefined) this.spec.every = every;
    return this;
  }
  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n))
      throw new Error('The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
    return this.kind('everyMinutes', n);
  }
  everyHours(n: number): this {
    return this.kind('everyHours', n);
  }
  everyDays(n: number): this {
    return this.kind('everyDays', n);
  }
  everyWeeks(n: number): this {
    return this.kind('everyWeeks', n);
  }
  onWeekDay(day: GoogleAppsScript.Base.Weekday): this {
    const i = WEEKDAYS.indexOf(String(day));
    if (i < 0) throw new Error(`Invalid argument: ${String(day)}`);
    this.spec.weekDay = i;
    return this;
  }
  atHour(hour: number): this {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error('Invalid argument: hour');
    this.spec.atHour = hour;
    return this;
  }
  nearMinute(minute: number): this {
    this.spec.nearMinute = minute;
    return this;
  }
  inTimezone(timezone: string): this {
    this.spec.timeZone = timezone;
    return this;
  }
  after(durationMilliseconds: number): this {
    this.spec.every = durationMilliseconds;
    return this.kind('after');
  }
  at(date: Date): this {
    this.spec.next = date.getTime();
    return this.kind('at');
  }
  create(): Trigger {
    const s = this.spec;
    // Apps Script's checks: a frequency is required; atHour needs a daily/weekly trigger; onWeekDay a weekly one.
    if (!s.kind) throw new Error('The trigger must have a frequency (everyDays, everyWeeks, after…).');
    if (s.atHour !== undefined && s.kind !== 'everyDays' && s.kind !== 'everyWeeks')
      throw new Error('atHour can only be used with daily or weekly triggers.');
    if (s.weekDay !== undefined && s.kind !== 'everyWeeks')
      throw new Error('onWeekDay can only be used with weekly triggers.');
    // Apps Script's limit is 20 triggers per user per script.
    const owner = this.host.user();
    if (this.host.triggers.filter((t) => t.owner === owner).length >= 20) {
      throw new Error(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    const base = {
      handler: this.handler,
      kind: s.kind,
      every: s.every,
      atHour: s.atHour,
      nearMinute: s.nearMinute,
      weekDay: s.weekDay,
      timeZone: s.timeZone ?? this.host.timeZone(),
    };
    const now = this.host.now();
    const next =
      s.kind === 'after' ? now + (s.every ?? 0) : s.kind === 'at' ? (s.next ?? now) : firstFiring(base, now);
    const spec: TriggerSpec = { id: randomUUID(), ...base, next, owner };
    this.host.triggers.push(spec);
    return new Trigger(spec);
  }
}

export class TriggerBuilder extends GuardedService {
  readonly className = 'TriggerBuilder';
  constructor(
    private readonly host: TriggerHost,
    private readonly handler: string,
  ) {
    super();
  }
  timeBased(): ClockTriggerBuilder {
    return new ClockTriggerBuilder(this.host, this.handler);
  }
}

export class ScriptApp extends GuardedService implements ScriptAppPort {
  readonly className = 'ScriptApp';
  readonly WeekDay = WeekDay as unknown as typeof GoogleAppsScript.Base.Weekday;
  readonly AuthMode = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
  readonly EventType = enumOf('CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE');
  constructor(private readonly host: TriggerHost) {
    super();
  }
  /** Apps Script quirk: only the current user's triggers, though the project may have others' too. */
  getProjectTriggers(): Trigger[] {
    const user = this.host.user();
    return this.host.triggers.filter((t) => t.owner === user).map((t) => new Trigger(t));
  }
  getUserTriggers(): Trigger[] {
    return this.getProjectTriggers();
  }
  deleteTrigger(trigger: TriggerPort): void {
    const id = trigger.getUniqueId();
    const i = this.host.triggers.findIndex((t) => t.id === id);
    if (i < 0) return;
    // Apps Script lets a user delete only the triggers they created.
    if (this.host.triggers[i]?.owner !== this.host.user())
      throw new Error('You do not have permission to delete this trigger: it belongs to another user.');
    this.host.triggers.splice(i, 1);
  }
  newTrigger(functionName: string): TriggerBuilder {
    return new TriggerBuilder(this.host, functionName);
  }
  getScriptId(): string {
    return 'local-roadmap500';
  }
  /** The web app: served locally by `roadmap500 serve` at the host's web app address. */
  getService(): { getUrl(): string } {
    const url = this.host.webAppUrl();
    return { getUrl: () => url };
  }
}
