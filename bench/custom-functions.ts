/**
 * Custom functions at range speed: one ROADMAP_DEADLINE and one ROADMAP_STATUS call over a 10,000-row
 * column through the built bundle (as Sheets makes it), side by side with chrono-node's Russian parser
 * reading the same 10,000 phrases in the same run. Two columns: the seed roadmaps' phrases, repeated as
 * a real column repeats them, and 10,000 distinct phrases over the days of two years, where every cell
 * must be parsed.
 */
import * as chrono from 'chrono-node';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { SEED_DEADLINES } from './fixtures';
import { medianMs, round } from './stats';

export interface CustomFunctionBench {
  column: string;
  rows: number;
  distinct: number;
  deadlineMs: number;
  statusMs: number;
  chronoMs: number;
  /** chrono-node's time over ours: how many times faster a whole-column call is. */
  deadlineSpeedup: number;
  statusSpeedup: number;
}

type CustomFunction = (...args: unknown[]) => unknown;
type Bundle = Record<'ROADMAP_DEADLINE' | 'ROADMAP_STATUS', CustomFunction>;

/**
 * dist/Code.js as Apps Script runs it: a script in an ordinary global, here this one, with a spreadsheet
 * in Moscow time. (Not the local host's node:vm context, whose contextified global turns every lookup of
 * Number, Object, Map… into an interceptor call and doubles these times; no user sees that cost.)
 */
function customFunctions(bundle: string): Bundle {
  const load = vm.runInThisContext(
    `(function (SpreadsheetApp) {\n${readFileSync(bundle, 'utf8')}\nreturn { ROADMAP_DEADLINE, ROADMAP_STATUS };\n})`,
    { filename: bundle },
  ) as (app: unknown) => Bundle;
  return load({ getActiveSpreadsheet: () => ({ getSpreadsheetTimeZone: () => 'Europe/Moscow' }) });
}

function bench(bundle: string, column: string, phrases: readonly string[]): CustomFunctionBench {
  const cells = phrases.map((p) => [p]);
  const marks = phrases.map((_, i) => [i % 3 ? '' : 'Выполнено']);
  const { ROADMAP_DEADLINE, ROADMAP_STATUS } = customFunctions(bundle);
  const ref = new Date(Date.UTC(2021, 0, 1, 12));
  const chronoMs = medianMs(() => phrases.forEach((p) => chrono.ru.parseDate(p, ref)), 3);
  const deadlineMs = medianMs(() => ROADMAP_DEADLINE(cells, 2021), 5);
  const statusMs = medianMs(() => ROADMAP_STATUS(cells, marks), 5);
  return {
    column,
    rows: phrases.length,
    distinct: new Set(phrases).size,
    deadlineMs: round(deadlineMs),
    statusMs: round(statusMs),
    chronoMs: round(chronoMs),
    deadlineSpeedup: round(chronoMs / deadlineMs),
    statusSpeedup: round(chronoMs / statusMs),
  };
}

/** How roadmaps word a due date; with the days of two years, 10,000 distinct phrases. */
const DATE_FORMS = [
  (d: string) => `до ${d}`,
  (d: string) => `До ${d} г.`,
  (d: string) => `не позднее ${d}`,
  (d: string) => `в срок до ${d}`,
  (d: string) => d,
  (d: string) => `${d}г.`,
  (d: string) => `до ${d} года`,
  (d: string) => `срок — до ${d}`,
  (d: string) => `по ${d}`,
  (d: string) => `в течение года, до ${d}`,
  (d: string) => `Не позднее ${d} г.`,
  (d: string) => `с 01.01.2021 по ${d}`,
  (d: string) => `01.01.2021 – ${d}`,
  (d: string) => `до ${d} (включительно)`,
];

/** Phrase i: a form, and a day of 2021–2022 (dd.mm.yyyy); every phrase differs, the days repeat. */
function distinctPhrase(i: number): string {
  const day = new Date(Date.UTC(2021, 0, 1 + (i % 730)));
  const pad = (n: number): string => String(n).padStart(2, '0');
  const form = DATE_FORMS[Math.floor(i / 730) % DATE_FORMS.length] ?? DATE_FORMS[0];
  return (form ?? String)(`${pad(day.getUTCDate())}.${pad(day.getUTCMonth() + 1)}.${day.getUTCFullYear()}`);
}

export function benchCustomFunctions(bundle: string, rows = 10_000): CustomFunctionBench[] {
  return [
    bench(
      bundle,
      'seed phrases',
      Array.from({ length: rows }, (_, i) => SEED_DEADLINES[i % SEED_DEADLINES.length] ?? ''),
    ),
    bench(
      bundle,
      'distinct phrases',
      Array.from({ length: rows }, (_, i) => distinctPhrase(i)),
    ),
  ];
}
