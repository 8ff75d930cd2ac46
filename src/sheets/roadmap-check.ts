/**
 * «Проверка» as validateRoadmap writes it, and the stop of the jobs that need activities (statuses,
 * reminders, the weekly summary) on a roadmap without any.
 */
import { NO_ACTIVITIES } from '../core/messages';
import type { Problem } from '../core/roadmap-model';
import { writeCheckSheet } from './check-sheet';
import { indicatorCheck } from './indicators-job';
import { dataErrors, type JobResult } from './job';
import type { Services } from './ports';
import type { LoadedRoadmap } from './roadmap-source';

/**
 * Writes «Проверка»: the roadmap's problems, then `extra` (the unusable rows of «Отчёты»), then those of
 * «Показатели»; returns the latter.
 */
export function writeRoadmapCheck(
  svc: Services,
  loaded: Pick<LoadedRoadmap, 'roadmap' | 'sheetIds'>,
  extra: readonly Problem[] = [],
): Problem[] {
  const indicators = indicatorCheck(svc);
  writeCheckSheet(svc, [...loaded.roadmap.problems, ...extra, ...indicators.problems], {
    ...loaded.sheetIds,
    ...indicators.sheetIds,
  });
  return indicators.problems;
}

/**
 * A roadmap without a single activity leaves nothing to colour or send: the job stops before writing
 * its own sheets or any mail, with a result that says what to do. Exit 1, as validateRoadmap on the same
 * book: the data has an error, and a scheduled run must not look like one that did its work.
 */
export function noActivities(loaded: Pick<LoadedRoadmap, 'roadmap'>): JobResult | undefined {
  if (loaded.roadmap.activities.length > 0) return undefined;
  return dataErrors(`${NO_ACTIVITIES.message} ${NO_ACTIVITIES.fix}`);
}

/** noActivities, with validateRoadmap's report written on «Проверка» when the job stops. */
export function stopWithoutActivities(
  svc: Services,
  loaded: Pick<LoadedRoadmap, 'roadmap' | 'sheetIds'>,
): JobResult | undefined {
  const stop = noActivities(loaded);
  if (stop) writeRoadmapCheck(svc, loaded);
  return stop;
}
