/** TODO(owner helper): placeholder until the job lands. */
import type { Services } from './ports';
import type { JobResult } from './job';
export function refreshStatuses(_svc: Services): JobResult { throw new Error('refreshStatuses: ещё не реализовано'); }
export function dailyRefresh(_svc: Services): JobResult { throw new Error('dailyRefresh: ещё не реализовано'); }
