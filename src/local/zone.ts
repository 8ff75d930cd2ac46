/** Wall-clock time in a named time zone (the spreadsheet's), and Java-style date patterns as Utilities.formatDate reads them. */
import { zoneFormatter, zoneOffsetAt } from '../core/zone-dates';

export interface WallTime {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
  s: number;
  ms: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Throws a RangeError for an unknown zone, as Sheets refuses one. */
export function checkTimeZone(timeZone: string): string {
  zoneFormatter(timeZone);
  return timeZone;
}

export function wallTime(instant: Date | number, timeZone: string): WallTime {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  const p = zoneFormatter(timeZone).formatToParts(new Date(t));
  const get = (k: string): string => p.find((x) => x.type === k)?.value ?? '0';
  return {
    y: Number(get('year')),
    m: Number(get('month')),
    d: Number(get('day')),
    h: Number(get('hour')) % 24,
    min: Number(get('minute')),
    s: Number(get('second')),
    ms: ((t % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, Map<number, number>>();

/**
 * zoneOffsetAt remembered per quarter hour: loading a sheet of 100,000 timestamps asks Intl once per
 * quarter hour they fall in, not twice per date; zones change their offset only on quarter hours.
 */
function offsetAt(t: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map<number, number>()));
  const q = Math.floor(t / QUARTER_HOUR);
  let off = zone.get(q);
  if (off === undefined) zone.set(q, (off = zoneOffsetAt(q * QUARTER_HOUR, timeZone)));
  return off;
}

/** The instant at which the zone's clock shows this wall time (given as UTC fields of `wall`). */
export function instantOfWall(wallAsUtc: number, timeZone: string): number {
  let t = wallAsUtc - offsetAt(wallAsUtc, timeZone);
  t = wallAsUtc - offsetAt(t, timeZone);
  return t;
}

/** The instant of midnight (or the given hour) of a calendar date in the zone. */
export function zonedInstant(y: number, m: number, d: number, timeZone: string, h = 0, min = 0, s = 0): Date {
  return new Date(instantOfWall(Date.UTC(y, m - 1, d, h, min, s), timeZone));
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Java SimpleDateFormat patterns (yyyy MM dd HH mm ss, plus a few more), as Utilities.formatDate takes them. */
export function formatPattern(instant: Date, timeZone: string, pattern: string): string {
  const w = wallTime(instant, timeZone);
  const off = zoneOffsetAt(instant.getTime(), timeZone) / 60000;
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern.charAt(i);
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      const lit = pattern.slice(i + 1, end < 0 ? pattern.length : end);
      out += lit === '' ? "'" : lit;
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern.charAt(i + n) === c) n++;
    i += n;
    switch (c) {
      case 'y':
        out += n === 2 ? pad(w.y % 100, 2) : pad(w.y, n);
        break;
      case 'M':
        out += n >= 4 ? MONTHS_EN[w.m - 1] : n === 3 ? MONTHS_EN[w.m - 1]?.slice(0, 3) : pad(w.m, n);
        break;
      case 'd':
        out += pad(w.d, n);
        break;
      case 'H':
        out += pad(w.h, n);
        break;
      case 'h':
        out += pad(w.h % 12 === 0 ? 12 : w.h % 12, n);
        break;
      case 'm':
        out += pad(w.min, n);
        break;
      case 's':
        out += pad(w.s, n);
        break;
      case 'S':
        out += pad(w.ms, 3).slice(0, Math.max(n, 3));
        break;
      case 'a':
        out += w.h < 12 ? 'AM' : 'PM';
        break;
      case 'E':
        out += n >= 4 ? DAYS_EN[w.weekday] : DAYS_EN[w.weekday]?.slice(0, 3);
        break;
      case 'u':
        out += String(w.weekday === 0 ? 7 : w.weekday);
        break;
      case 'Z':
        out += `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60), 2)}${pad(Math.abs(off) % 60, 2)}`;
        break;
      case 'X':
        out +=
          off === 0
            ? 'Z'
            : `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60), 2)}${n >= 3 ? ':' : ''}${pad(Math.abs(off) % 60, 2)}`;
        break;
      case 'z':
        out += timeZone;
        break;
      default:
        throw new Error(`Utilities.formatDate: шаблон «${c}» не поддерживается локальным хостом`);
    }
  }
  return out;
}
