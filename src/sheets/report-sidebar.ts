/** TODO(owner helper): placeholder until the job lands. */
import type { Services } from './ports';
import type { JobResult } from './job';
export function openReportSidebar(_svc: Services): JobResult { throw new Error('openReportSidebar: ещё не реализовано'); }
export function getReportFormData(_svc: Services): unknown { throw new Error('getReportFormData: ещё не реализовано'); }
export function submitReport(_svc: Services, _form: unknown): unknown { throw new Error('submitReport: ещё не реализовано'); }
