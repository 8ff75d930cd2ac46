/** The simulated clock of a local host: «now» for jobs, triggers, Utilities.sleep, caches and the mail quota. */
import { zonedInstant } from './zone';

export class SimulatedClock {
  private t: number;
  constructor(
    private readonly timeZone: () => string,
    start?: Date | string,
  ) {
    this.t = start === undefined ? Date.now() : this.parse(start);
  }
  now(): Date {
    return new Date(this.t);
  }
  nowMs(): number {
    return this.t;
  }
  /** A Date, or 'YYYY-MM-DD' meaning 12:00 of that day in the spreadsheet's time zone, or an ISO instant. */
  set(d: Date | string): void {
    this.t = this.parse(d);
  }
  advance(ms: number): void {
    this.t += Math.max(0, ms);
  }
  /** The instant `set` would move to. */
  parse(d: Date | string): number {
    if (typeof d !== 'string') return d.getTime();
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    if (day)
      return zonedInstant(Number(day[1]), Number(day[2]), Number(day[3]), this.timeZone(), 12).getTime();
    const t = Date.parse(d);
    if (Number.isNaN(t)) throw new Error(`Не удалось прочитать дату «${d}»: нужен вид ГГГГ-ММ-ДД`);
    return t;
  }
}
