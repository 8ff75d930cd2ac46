/** TODO(owner helper): placeholder until the job lands. */
import type { Services } from './ports';
import type { JobResult } from './job';
export function installTriggers(_svc: Services): JobResult { throw new Error('installTriggers: ещё не реализовано'); }
export function removeTriggers(_svc: Services): JobResult { throw new Error('removeTriggers: ещё не реализовано'); }
