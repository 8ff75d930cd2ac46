/** What the reporting sidebar takes from the other jobs: schools, statuses and open periods of activities. */
import type { IsoDate } from '../core/dates';
import type { CellValue } from '../core/grid';
import type { ActivityStatus } from '../core/layouts';
import { SHEETS } from '../core/messages';
import type { PeriodView } from '../core/report';
import { openPeriods, type PeriodBounds } from '../core/periods';
import { readReports } from '../core/reports';
import type { Activity } from '../core/roadmap-model';
import { readSchools, type School } from '../core/schools';
import type { Settings } from '../core/settings';
import { computeStatuses, statusForSchool, type Assignments, type SchoolName } from '../core/status';
import type { Services } from './ports';

/** The schools of `Школы`, in one read. */
export function loadSchools(svc: Services): School[] {
  const sheet = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.schools);
  return sheet ? readSchools(sheet.getDataRange().getValues()).schools : [];
}

/**
 * Statuses of the activities from the rows of `Отчёты` already read (header included); a school typed by name
 * counts for the school of `schools` it names, as on «Дорожная карта».
 */
export function activityStatuses(
  activities: Activity[],
  reportRows: CellValue[][],
  today: IsoDate,
  settings: Settings,
  timeZone: string,
  assigned: Assignments,
  schoolName?: SchoolName,
  schools?: readonly School[],
): Map<string, ActivityStatus> {
  return computeStatuses(
    activities,
    readReports(reportRows, timeZone, undefined, schools).reports,
    today,
    settings,
    timeZone,
    assigned,
    schoolName,
  );
}

/** The end of the period a school reports for next (the one running today), if the activity is periodic. */
export function nextPeriodDue(a: Activity, today: IsoDate, bounds: PeriodBounds): IsoDate | undefined {
  return openPeriods(a.deadline, today, bounds).find((p) => p.end >= today)?.end;
}

/** Activities reported per period: recurring ones, and those with several dates (one period per date). */
export function isPeriodic(a: Activity): boolean {
  return (
    (a.deadline.kind === 'recurring' && a.deadline.recurrence !== undefined) || a.deadline.kind === 'several'
  );
}

/**
 * The periods a school may report for today, newest first; `overdue` gives per period key the schools
 * whose report for it is overdue.
 */
export function openPeriodViews(
  a: Activity,
  today: IsoDate,
  bounds: PeriodBounds,
  overdue: ReadonlyMap<string, string[]> = new Map(),
): PeriodView[] {
  return openPeriods(a.deadline, today, bounds).map((p) => ({
    key: p.key,
    label: p.label,
    overdueFor: overdue.get(p.key) ?? [],
  }));
}

/** Per period key, which of the schools `codes` let it end without «Выполнено» (their own missed periods). */
export function overduePeriods(
  status: ActivityStatus | undefined,
  codes: readonly string[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const code of codes) {
    for (const key of statusForSchool(status, code)?.missed?.keys ?? []) {
      const list = out.get(key);
      if (list) list.push(code);
      else out.set(key, [code]);
    }
  }
  return out;
}

export type { School } from '../core/schools';
