/** validateRoadmap: reads the roadmap, writes `Дорожная карта` and `Проверка`; exit 1 when the data has errors. */
import { UserError } from '../core/errors';
import { BUSY, NO_ACTIVITIES, SHEETS } from '../core/messages';
import { dataErrors, done, type JobResult } from './job';
import { activityIds, loadReports } from './current-statuses';
import { appendJournal } from './journal';
import type { Services } from './ports';
import { writeRoadmapCheck } from './roadmap-check';
import { loadRoadmap } from './roadmap-source';
import { writeRoadmapSheet } from './roadmap-sheet';

export function validateRoadmap(svc: Services): JobResult {
  const lock = svc.lock();
  if (!lock.tryLock(10_000))
    throw new UserError(BUSY, 'Дождитесь окончания другой задачи и запустите проверку снова.');
  try {
    const { roadmap, sheetIds, timeZone, schools } = loadRoadmap(svc);
    writeRoadmapSheet(svc, { roadmap, timeZone });
    // The rows of «Отчёты» it cannot read stay listed: «Проверка» is rewritten whole.
    const reports = loadReports(svc, timeZone, activityIds({ roadmap }), schools);
    if (reports.sheetId !== undefined) sheetIds[SHEETS.reports] = reports.sheetId;
    const indicatorProblems = writeRoadmapCheck(svc, { roadmap, sheetIds }, reports.problems);
    const errors = roadmap.problems.filter((p) => p.severity === 'ошибка').length;
    const warnings = roadmap.problems.length + reports.problems.length + indicatorProblems.length - errors;
    const details = `мероприятий: ${roadmap.activities.length}, ошибок: ${errors}, предупреждений: ${warnings}`;
    appendJournal(svc, [
      {
        job: 'validateRoadmap',
        event: 'Проверка дорожной карты',
        details,
        status: errors > 0 ? 'есть ошибки' : 'без ошибок',
      },
    ]);
    const message = `Проверено мероприятий: ${roadmap.activities.length}. Ошибок: ${errors}, предупреждений: ${warnings}.`;
    // Nothing to check at all: say that plainly, as the jobs after this one do.
    if (roadmap.activities.length === 0)
      return dataErrors(
        `${NO_ACTIVITIES.message} ${NO_ACTIVITIES.fix} Ошибок: ${errors}, предупреждений: ${warnings} — на листе «${SHEETS.check}».`,
      );
    return errors > 0
      ? dataErrors(`${message} Исправьте ошибки по списку на листе «${SHEETS.check}».`)
      : done(
          `${message}${warnings > 0 ? ` Предупреждения — на листе «${SHEETS.check}»: просмотрите их.` : ''} Нормализованная карта — на листе «${SHEETS.roadmap}».`,
        );
  } finally {
    lock.releaseLock();
  }
}
