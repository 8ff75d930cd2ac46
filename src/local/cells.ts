/** One cell of the in-memory grid, how Sheets reads and writes it, and how it is displayed. */
import { isDateValue } from '../core/dates';
import { valueText, type CellValue } from '../core/grid';
import type { DataValidation } from './rules';
import { formatPattern } from './zone';

export interface Cell {
  /** Value: a Date is an instant (Sheets keeps dates as wall time in the spreadsheet's zone). */
  v: string | number | boolean | Date | null;
  /** Formula with its leading «=». Its value is the cached result from the file, if any. */
  f?: string;
  fmt?: string;
  bg?: string;
  bold?: boolean;
  color?: string;
  note?: string;
  wrap?: boolean;
  validation?: DataValidation;
}

export const DEFAULT_FORMAT = 'General';
export const DEFAULT_BACKGROUND = '#ffffff';
export const DEFAULT_FONT_COLOR = '#000000';

/** What getValues returns for a cell: '' for empty, a fresh Date for dates. */
export function readValue(cell: Cell | undefined): CellValue {
  if (!cell || cell.v === null) return '';
  return cell.v instanceof Date ? new Date(cell.v.getTime()) : cell.v;
}

export function hasContent(cell: Cell | undefined): boolean {
  return !!cell && ((cell.v !== null && cell.v !== '') || !!cell.f);
}

/**
 * What Sheets (Russian locale) makes of a string written by setValues into a cell not formatted as text «@»:
 * it parses it as if typed. The host keeps the string and reports it; see HostOptions.
 */
function sheetsWouldParse(s: string): 'числом' | 'датой' | 'логическим значением' | undefined {
  const t = s.trim();
  if (/^[+-]?(\d+|\d{1,3}(\s\d{3})+)([.,]\d+)?%?$/.test(t) || /^[+-]?[.,]\d+$/.test(t))
    return /^\d{1,2}\.\d{1,2}$/.test(t) ? 'датой' : 'числом';
  if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(t) || /^\d{4}-\d{1,2}-\d{1,2}$/.test(t)) return 'датой';
  if (/^(true|false|истина|ложь)$/i.test(t)) return 'логическим значением';
  return undefined;
}

/**
 * Stores a value as Range.setValues does: «=…» becomes a formula unless the format is plain text «@»;
 * a leading apostrophe forces text and is dropped; dates from any realm keep their instant. Returns what
 * Sheets would have parsed the string into, if anything (the host keeps the string).
 */
export function writeValue(cell: Cell, value: unknown): string | undefined {
  let parsedBySheets: string | undefined;
  delete cell.f;
  if (value === null || value === undefined) cell.v = null;
  else if (isDateValue(value)) cell.v = new Date(value.getTime());
  else if (typeof value === 'number' || typeof value === 'boolean') cell.v = value;
  else {
    const s = valueText(value);
    if (s.length > 50000)
      throw new Error('Your input contains more than the maximum of 50000 characters in a single cell.');
    if (cell.fmt === '@') cell.v = s;
    else if (s.startsWith("'")) cell.v = s.slice(1);
    else if (s.startsWith('=') && s.length > 1) {
      cell.f = s;
      cell.v = null;
    } else {
      cell.v = s;
      parsedBySheets = sheetsWouldParse(s);
    }
  }
  if (cell.v === '') cell.v = null;
  return parsedBySheets;
}

const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  lightgray: '#d3d3d3',
  lightgreen: '#90ee90',
};

/** Colours as Sheets returns them: lower-case «#rrggbb». */
export function normalizeColor(color: string): string {
  const c = color.trim().toLowerCase();
  const named = NAMED_COLORS[c];
  if (named) return named;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  throw new Error(`Invalid color: ${color}`);
}

/** A Sheets/Excel date format («dd.mm.yyyy hh:mm») as a Java pattern: «m» is minutes after hours or before seconds. */
function javaDatePattern(fmt: string): string {
  const tokens =
    fmt
      .replace(/"([^"]*)"/g, "'$1'")
      .replace(/\\(.)/g, '$1')
      .match(/'[^']*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  const letters = tokens.map((t) => (/^[A-Za-z]/.test(t) ? t.charAt(0).toLowerCase() : ''));
  return tokens
    .map((t, i) => {
      switch (letters[i]) {
        case 'y':
          return 'y'.repeat(t.length);
        case 'd':
          return 'd'.repeat(t.length);
        case 'h':
          return 'H'.repeat(t.length);
        case 's':
          return 's'.repeat(t.length);
        case 'm': {
          const prev = letters.slice(0, i).filter(Boolean).pop();
          const next = letters.slice(i + 1).find(Boolean);
          return prev === 'h' || next === 's' ? 'm'.repeat(t.length) : 'M'.repeat(t.length);
        }
        case '':
          return t;
        default:
          return `'${t}'`;
      }
    })
    .join('');
}

function isDateFormat(fmt: string): boolean {
  return /[dy]/i.test(fmt.replace(/"[^"]*"/g, ''));
}

/** Russian-locale display: «3,5», «01.04.2021», «ИСТИНА». Formats are honoured where simple. */
export function displayValue(cell: Cell | undefined, timeZone: string): string {
  if (!cell || cell.v === null) return '';
  const v = cell.v;
  const fmt = cell.fmt ?? DEFAULT_FORMAT;
  if (v instanceof Date) {
    // A date a script wrote without a format shows its time too, unless it is midnight (Sheets' default formats).
    const midnight = formatPattern(v, timeZone, 'HH:mm:ss') === '00:00:00';
    const pattern =
      fmt !== DEFAULT_FORMAT && isDateFormat(fmt)
        ? javaDatePattern(fmt)
        : midnight
          ? 'dd.MM.yyyy'
          : 'dd.MM.yyyy H:mm:ss';
    try {
      return formatPattern(v, timeZone, pattern);
    } catch {
      return formatPattern(v, timeZone, 'dd.MM.yyyy');
    }
  }
  if (typeof v === 'boolean') return v ? 'ИСТИНА' : 'ЛОЖЬ';
  if (typeof v === 'number') {
    if (fmt === '@') return String(v);
    const pct = fmt.endsWith('%');
    const body = pct ? fmt.slice(0, -1) : fmt;
    const decimals = /0\.(0+)/.exec(body)?.[1]?.length;
    const n = pct ? v * 100 : v;
    let s: string;
    if (decimals !== undefined) s = n.toFixed(decimals);
    else if (/^[#,]*0$/.test(body)) s = n.toFixed(0);
    else s = String(Math.round(n * 1e10) / 1e10);
    if (body.includes('#,##')) s = s.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
    return s.replace('.', ',') + (pct ? '%' : '');
  }
  return v;
}
