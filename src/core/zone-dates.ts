/** Fast calendar dates of many instants in one time zone: Intl is asked about each UTC day once, not each instant. */
import { dateInZone, fromDayNumber, type IsoDate } from './dates';

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
 * A function giving the calendar date of an instant in `timeZone`, same as `dateInZone`, for thousands
 * of instants: the zone's offset is looked up once per UTC day, and only a day with a clock change
 * falls back to asking Intl for each instant.
 */
export function dateInZoneFn(timeZone: string): (instant: Date) => IsoDate {
  const offsets = new Map<number, number | null>();
  return (instant) => {
    const t = instant.getTime();
    const day = Math.floor(t / DAY);
    let off = offsets.get(day);
    if (off === undefined) {
      const a = zoneOffsetAt(day * DAY, timeZone);
      off = a === zoneOffsetAt(day * DAY + DAY - 1000, timeZone) ? a : null;
      offsets.set(day, off);
    }
    return off === null ? dateInZone(instant, timeZone) : fromDayNumber(Math.floor((t + off) / DAY));
  };
}

/** The instant a wall-clock time (given as if it were UTC) shows in `timeZone`. */
export function wallTimeToInstant(wallAsUtc: number, timeZone: string): Date {
  return new Date(wallAsUtc - zoneOffsetAt(wallAsUtc - zoneOffsetAt(wallAsUtc, timeZone), timeZone));
}
