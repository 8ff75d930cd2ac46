/** TODO(owner helper): placeholder until the job lands. */
import type { Services } from './ports';
import type { JobResult } from './job';
export function previewReminders(_svc: Services): JobResult { throw new Error('previewReminders: ещё не реализовано'); }
export function sendReminders(_svc: Services): JobResult { throw new Error('sendReminders: ещё не реализовано'); }
