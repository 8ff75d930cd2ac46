/** Statuses as of today: the roadmap, the reports of «Отчёты» and today in the spreadsheet's zone, read once. */
import { dateInZone, type IsoDate } from '../core/dates';
import type { ActivityStatus, Report } from '../core/layouts';
import { SHEETS } from '../core/messages';
import { readReports } from '../core/reports';
import type { Problem } from '../core/roadmap-model';
import { assignmentsOf, schoolNames, type School } from '../core/schools';
import { computeStatuses } from '../core/status';
import type { Services } from './ports';
import { loadRoadmap, type LoadedRoadmap } from './roadmap-source';

/**
 * The reports of «Отчёты» (one getValues), with the rows it could not read (checked against `knownIds` and the
 * schools of `Школы` when given; a school typed by name is stored as its code) and the sheet's id for links to
 * their cells; none when the sheet is missing.
 */
export function loadReports(
  svc: Services,
  timeZone: string,
  knownIds?: ReadonlySet<string>,
  schools?: readonly School[],
): { reports: Report[]; problems: Problem[]; sheetId?: number } {
  const sheet = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.reports);
  if (!sheet) return { reports: [], problems: [] };
  return {
    ...readReports(sheet.getDataRange().getValues(), timeZone, knownIds, schools),
    sheetId: sheet.getSheetId(),
  };
}

/** The roadmap's ids, against which rows of «Отчёты» are checked. */
export const activityIds = (loaded: Pick<LoadedRoadmap, 'roadmap'>): Set<string> =>
  new Set(loaded.roadmap.activities.map((a) => a.id));

/** Everything a status computation used: other jobs (reminders, sidebar) may reuse it. */
export interface CurrentStatuses {
  loaded: LoadedRoadmap;
  reports: Report[];
  /** Rows of «Отчёты» that could not be read (skipped, or with a period no status counts), each at its cell. */
  reportProblems: Problem[];
  today: IsoDate;
  statuses: Map<string, ActivityStatus>;
  /** The schools of `Школы` and, per activity, the codes of those that must each report it. */
  schools: School[];
  assigned: Map<string, string[]>;
}

/**
 * Reads the roadmap (with `Школы`) and «Отчёты» (one getValues each) and computes every status for today in the
 * spreadsheet's zone (the local command's --today sets the host's clock).
 */
export function currentStatuses(svc: Services): CurrentStatuses {
  const loaded = loadRoadmap(svc);
  const today = dateInZone(svc.now(), loaded.timeZone);
  const { schools } = loaded;
  const { reports, problems, sheetId } = loadReports(svc, loaded.timeZone, activityIds(loaded), schools);
  if (sheetId !== undefined) loaded.sheetIds[SHEETS.reports] = sheetId;
  const assigned = assignmentsOf(loaded.roadmap.activities, schools);
  const statuses = computeStatuses(
    loaded.roadmap.activities,
    reports,
    today,
    loaded.settings,
    loaded.timeZone,
    assigned,
    schoolNames(schools),
  );
  return { loaded, reports, reportProblems: problems, today, statuses, schools, assigned };
}
