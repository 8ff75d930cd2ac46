/**
 * The normalized tables of one spreadsheet (src/core/data-model.ts), computed by the jobs' own code:
 * statuses as refreshStatuses computes them, indicators as the summary does, profiles and coverage as
 * buildRiskProfiles does. Writes nothing; each input sheet is read once.
 */
import { municipalityCode, normalizedTables, type DataTables } from '../core/data-model';
import { isUserError } from '../core/errors';
import type { Grid } from '../core/grid';
import { SHEETS } from '../core/messages';
import { computeProfiles, type ComputedProfiles } from './build-risk-profiles';
import { currentStatuses } from './current-statuses';
import { currentIndicators } from './indicators-job';
import type { Services, SheetPort } from './ports';

const valuesOf = (sheet: SheetPort): Grid =>
  sheet.getLastRow() === 0 ? [] : sheet.getDataRange().getValues();

/**
 * Tables of the active spreadsheet as of «now» in its time zone. A workbook without a questionnaire
 * (no `Ответы` or `Анкета`, no question or no school) gives empty risk and coverage tables;
 * a missing `Мероприятия` is the UserError of the jobs.
 */
export function workbookTables(svc: Services): DataTables {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const current = currentStatuses(svc);
  const { loaded } = current;
  const activities = loaded.roadmap.activities;
  const indicators = currentIndicators(svc, { activities, reports: current.reports });
  const [responses, questionnaire, schools] = [SHEETS.responses, SHEETS.questionnaire, SHEETS.schools].map(
    (name) => ss.getSheetByName(name),
  );
  let computed: ComputedProfiles | null = null;
  if (responses && questionnaire && schools) {
    try {
      // The schools loadRoadmap read and parsed; their problems are the business of buildRiskProfiles.
      computed = computeProfiles(
        {
          responses: valuesOf(responses),
          questionnaire: valuesOf(questionnaire),
          schools: { schools: current.schools, problems: [] },
        },
        loaded.settings,
        activities,
      );
    } catch (e) {
      if (!isUserError(e)) throw e;
    }
  }
  return normalizedTables({
    municipality: municipalityCode(loaded.settings, ss.getName()),
    name: ss.getName(),
    asOf: current.today,
    timeZone: loaded.timeZone,
    settings: loaded.settings,
    activities,
    statuses: current.statuses,
    assigned: current.assigned,
    reports: current.reports,
    indicators: indicators.progress,
    schools: current.schools,
    profiles: computed?.profiles ?? null,
    coverage: computed?.cover ?? null,
  });
}
