/**
 * buildRegionalSummary (regional deployment): opens every municipal spreadsheet listed in «Муниципалитеты»,
 * computes its tables with the jobs' own code (one read per sheet) and writes «Региональная сводка».
 * Forty spreadsheets may take longer than Apps Script's 6 minutes: within the time budget it saves the
 * figures so far and a one-off trigger continues a minute later (resumable.ts).
 */
import { mergeFigures, regionalFigures, type RegionalFigures } from '../core/regional-summary';
import { done, type JobResult } from './job';
import {
  MUNICIPALITIES_SHEET,
  readEachMunicipality,
  readMunicipalities,
  type MunicipalityPass,
  type MunicipalitySource,
  type SpreadsheetOpenerPort,
} from './municipalities';
import type { Services } from './ports';
import { writeRegionalSummary } from './regional-summary-sheet';
import {
  clearProgress,
  isContinuation,
  loadProgress,
  saveProgress,
  scheduleContinuation,
  startBudget,
} from './resumable';
import { settingsOf } from './settings-source';

// Where the Apps Script host and the tests have always imported them from.
export { readMunicipalities, type SpreadsheetOpenerPort };

export const REGIONAL_JOB = 'buildRegionalSummary';
export const MUNICIPALITIES_HEADER = ['Муниципалитет', 'Ссылка на таблицу'] as const;

/** What a run leaves for its continuation: the list as read at the start, and the figures so far. */
interface Progress extends MunicipalityPass {
  sources: MunicipalitySource[];
  next: number;
  figures: RegionalFigures[];
}

/**
 * Menu run: starts over from «Муниципалитеты». Continuation (fired by the job's own one-off trigger):
 * goes on where the last run stopped. Exit code 1 when some municipalities could not be read.
 */
export function buildRegionalSummary(
  svc: Services,
  opener: SpreadsheetOpenerPort,
  event?: unknown,
): JobResult {
  const budget = startBudget(svc);
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  let progress = isContinuation(svc, event) ? loadProgress<Progress>(svc, REGIONAL_JOB) : undefined;
  if (!progress) {
    const sheet = ss.getSheetByName(MUNICIPALITIES_SHEET);
    if (!sheet) {
      const created = ss.insertSheet(MUNICIPALITIES_SHEET);
      created.getRange(1, 1, 1, MUNICIPALITIES_HEADER.length).setValues([[...MUNICIPALITIES_HEADER]]);
      created.getRange(1, 1, 1, MUNICIPALITIES_HEADER.length).setFontWeight('bold');
      return done(
        `Создан лист «${MUNICIPALITIES_SHEET}»: впишите муниципалитеты и ссылки на их таблицы, затем снова постройте сводку.`,
      );
    }
    const read = readMunicipalities(sheet.getLastRow() === 0 ? [] : sheet.getDataRange().getValues());
    progress = { sources: read.sources, next: 0, figures: [], failures: read.failures, seen: {} };
  }
  budget.setSeconds(settingsOf(svc).timeBudgetSeconds);

  const { figures } = progress;
  const total = progress.sources.length;
  const next = readEachMunicipality(
    svc,
    opener,
    progress.sources,
    progress.next,
    budget,
    progress,
    (tables) => figures.push(regionalFigures(tables)),
  );
  if (next < total) {
    progress.next = next;
    saveProgress(svc, REGIONAL_JOB, progress);
    scheduleContinuation(svc, REGIONAL_JOB);
    return done(
      `Прочитано муниципалитетов: ${next} из ${total}. Остальные будут прочитаны автоматически через минуту, затем сводка обновится.`,
    );
  }
  clearProgress(svc, REGIONAL_JOB);
  return writeRegionalSummary(svc, mergeFigures(progress.figures), progress.failures);
}
