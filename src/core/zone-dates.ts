/** Fast calendar dates of many instants in one time zone: Intl is asked a few times a month, not per instant. */
import { dayNumber, fromDayNumber, type IsoDate } from './dates';

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock parts (with weekday) of instants in `timeZone`; one formatter per zone. Throws for an unknown zone. */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at the instant `t`, in ms (whole seconds). */
export function zoneOffsetAt(t: number, timeZone: string): number {
  const p = zoneFormatter(timeZone).formatToParts(new Date(t));
  const g = (k: string): number => Number(p.find((x) => x.type === k)?.value);
  return (
    Date.UTC(g('year'), g('month') - 1, g('day'), g('hour') % 24, g('minute'), g('second')) -
    Math.floor(t / 1000) * 1000
  );
}

/**
 * A function giving the offset of `timeZone` at instants, for thousands of them. Intl is asked three
 * times per UTC month: a month whose offset is the same at its start, middle and end is constant (no
 * zone turns its clocks and back within half a month). In a month with a clock change, twice per UTC
 * day; only the day of the change asks Intl for each instant.
 */
function zoneOffsetFn(timeZone: string): (t: number) => number {
  /** The offset all through [start, end], or null if it changes there. */
  const constantOver = (start: number, end: number, probes: readonly number[]): number | null => {
    const a = zoneOffsetAt(start, timeZone);
    return [...probes, end].every((t) => zoneOffsetAt(t, timeZone) === a) ? a : null;
  };
  const months = new Map<number, number | null>();
  const days = new Map<number, number | null>();
  return (t) => {
    const d = new Date(t);
    const [y, m] = [d.getUTCFullYear(), d.getUTCMonth()];
    let off = months.get(y * 12 + m);
    if (off === undefined) {
      const start = Date.UTC(y, m, 1);
      off = constantOver(start, Date.UTC(y, m + 1, 1) - 1000, [start + 15 * DAY]);
      months.set(y * 12 + m, off);
    }
    if (off !== null) return off;
    const day = Math.floor(t / DAY);
    off = days.get(day);
    if (off === undefined) {
      off = constantOver(day * DAY, day * DAY + DAY - 1000, []);
      days.set(day, off);
    }
    return off ?? zoneOffsetAt(t, timeZone);
  };
}

/**
 * A function giving the calendar date of an instant in `timeZone`, same as `dateInZone`, for thousands
 * of instants: the zone's offset comes from `zoneOffsetFn`, not from Intl per instant.
 */
export function dateInZoneFn(timeZone: string): (instant: Date) => IsoDate {
  const offsetAt = zoneOffsetFn(timeZone);
  return (instant) => {
    const t = instant.getTime();
    return fromDayNumber(Math.floor((t + offsetAt(t)) / DAY));
  };
}

/**
 * A function giving the instant of midnight at the start of a calendar date in `timeZone` (as
 * `wallTimeToInstant` does), for thousands of cells: the zone's offset comes from `zoneOffsetFn`, each
 * date is placed once (a column repeats dates), and each call returns a new Date.
 */
export function midnightInZoneFn(timeZone: string): (date: IsoDate) => Date {
  const offsetAt = zoneOffsetFn(timeZone);
  const instants = new Map<IsoDate, number>();
  return (date) => {
    let t = instants.get(date);
    if (t === undefined) {
      const wall = dayNumber(date) * DAY;
      t = wall - offsetAt(wall - offsetAt(wall));
      instants.set(date, t);
    }
    return new Date(t);
  };
}

/** The instant a wall-clock time (given as if it were UTC) shows in `timeZone`. */
export function wallTimeToInstant(wallAsUtc: number, timeZone: string): Date {
  return new Date(wallAsUtc - zoneOffsetAt(wallAsUtc - zoneOffsetAt(wallAsUtc, timeZone), timeZone));
}
