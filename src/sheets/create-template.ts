/** TODO(owner helper): placeholder until the job lands. */
import type { Services } from './ports';
import type { JobResult } from './job';
export function createTemplate(_svc: Services): JobResult { throw new Error('createTemplate: ещё не реализовано'); }
