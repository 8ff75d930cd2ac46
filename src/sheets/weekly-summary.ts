/** TODO(owner helper): placeholder until the job lands. */
import type { Services } from './ports';
import type { JobResult } from './job';
export function sendWeeklySummary(_svc: Services): JobResult { throw new Error('sendWeeklySummary: ещё не реализовано'); }
export function weeklySummary(_svc: Services): JobResult { throw new Error('weeklySummary: ещё не реализовано'); }
