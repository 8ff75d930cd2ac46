/** Benchmark of status computation: 10,000 activities with the seeds' deadline phrases and 20,000 reports (issue 5: well under 150 ms). */
import { performance } from 'node:perf_hooks';
import { parseDeadline } from '../src/core/deadline';
import type { Report } from '../src/core/layouts';
import { periodsOf } from '../src/core/periods';
import { computeStatuses } from '../src/core/status';
import { SEED_DEADLINES } from './fixtures';
import { medianMs, round } from './stats';

export interface StatusBench {
  activities: number;
  reports: number;
  /** The first computation in a fresh process (nothing compiled or cached yet). */
  firstMs: number;
  /** Median of the following runs. */
  medianMs: number;
}

export function benchStatuses(n = 10_000): StatusBench {
  const period = { periodStart: '2020-09-01', periodEnd: '2023-05-31', defaultYear: 2021 };
  const settings = { periodStart: period.periodStart, periodEnd: period.periodEnd, soonDays: 7 };
  const parsed = SEED_DEADLINES.map((p) => parseDeadline(p, period));
  const activities = Array.from({ length: n }, (_, i) => ({
    id: `${Math.floor(i / 10) + 1}.${(i % 10) + 1}`,
    deadline: parsed[i % parsed.length],
  }));
  const reports: Report[] = [];
  const statusesCycle = ['Выполнено', 'В работе', 'Частично выполнено', 'Не выполнено'] as const;
  activities.forEach((a, i) => {
    const periods = periodsOf(a.deadline, settings, '2022-03-01');
    for (let k = 0; k < 2; k++) {
      const p = periods[(i + k) % Math.max(1, periods.length)];
      reports.push({
        time: new Date(Date.UTC(2021, (i + k) % 12, 1 + (i % 28), 6)),
        user: 'school@example.ru',
        school: `СОШ${(i + k) % 7}`,
        activityId: a.id,
        period: p?.key ?? '',
        status: statusesCycle[(i + k) % 4],
        fact: '',
        comment: '',
        link: '',
        key: `${i}-${k}`,
      });
    }
  });
  const run = (): unknown => computeStatuses(activities, reports, '2022-03-01', settings, 'Europe/Moscow');
  const t = performance.now();
  run();
  const firstMs = performance.now() - t;
  return { activities: n, reports: reports.length, firstMs: round(firstMs), medianMs: round(medianMs(run)) };
}
