/** The model's tables of one .xlsx workbook, computed by the jobs' own code in the local host. */
import type { DataTables } from '../core/data-model';
import { isUserError } from '../core/errors';
import { workbookTables } from '../sheets/data-tables';
import { LocalHost } from './host';
import { WorkbookError } from './workbook-file';

/**
 * Reads the workbook and computes its tables as of `today` (YYYY-MM-DD; default the real today) in
 * the workbook's time zone. A file that cannot be used, or a workbook without `Мероприятия`, is a
 * WorkbookError with the reason in Russian.
 */
export async function readWorkbookTables(path: string, today?: string): Promise<DataTables> {
  const host = await LocalHost.open(path, today ? { now: today } : {});
  try {
    return workbookTables(host.services());
  } catch (e) {
    if (isUserError(e)) throw new WorkbookError(`${e.message} ${e.fix}`);
    throw e;
  }
}
