/** TODO(owner helper): placeholder until the job lands. */
import type { Services } from './ports';
import type { JobResult } from './job';
export function buildRiskProfiles(_svc: Services): JobResult { throw new Error('buildRiskProfiles: ещё не реализовано'); }
