/** Deadline phrases: our grammar against chrono-node's Russian parser on the same roadmap phrases. */
import * as chrono from 'chrono-node';
import { dateInZone } from '../src/core/dates';
import { parseDeadline } from '../src/core/deadline';
import type { DeadlineContext } from '../src/core/deadline-types';
import { SEED_DEADLINES } from './fixtures';
import { medianMs, round } from './stats';

export interface DeadlineBench {
  phrases: number;
  oursMs: number;
  chronoMs: number;
  speedup: number;
  /** Share of distinct phrases where chrono's date differs from the roadmap's meaning (or it finds one where none is). */
  chronoWrongPct: number;
  chronoWrongExamples: string[];
}

export function benchDeadlines(n = 10_000): DeadlineBench {
  const ctx: DeadlineContext = { periodStart: '2020-01-01', periodEnd: '2022-12-31', defaultYear: 2021 };
  const phrases = Array.from({ length: n }, (_, i) => SEED_DEADLINES[i % SEED_DEADLINES.length] ?? '');
  const ref = new Date(Date.UTC(2021, 0, 1, 12));
  const oursMs = medianMs(() => phrases.forEach((p) => parseDeadline(p, ctx)));
  const chronoMs = medianMs(() => phrases.forEach((p) => chrono.ru.parseDate(p, ref)), 3);
  // The meaning a coordinator expects: the last due date, the end of the range, or no date at all.
  const wrong = SEED_DEADLINES.filter((p) => {
    const d = parseDeadline(p, ctx);
    const expected =
      d.due[d.due.length - 1] ?? (d.kind === 'month-range' || d.kind === 'by-date' ? d.end : undefined);
    const got = chrono.ru.parseDate(p, ref);
    return (got ? dateInZone(got, 'UTC') : undefined) !== expected;
  });
  return {
    phrases: n,
    oursMs: round(oursMs),
    chronoMs: round(chronoMs),
    speedup: round(chronoMs / oursMs),
    chronoWrongPct: round((100 * wrong.length) / SEED_DEADLINES.length),
    chronoWrongExamples: wrong.slice(0, 5),
  };
}
