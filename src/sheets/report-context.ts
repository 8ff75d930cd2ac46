/**
 * What the reporting sidebar needs from the other jobs: activities, schools, statuses and open periods.
 * TODO(sidebar helper): provisional readers until roadmap-source, schools, status and periods land.
 */
import type { IsoDate } from '../core/dates';
import { cellText, type CellValue } from '../core/grid';
import type { ActivityStatus } from '../core/layouts';
import { SHEETS } from '../core/messages';
import type { PeriodView } from '../core/report';
import { openPeriods, type PeriodBounds } from '../core/periods';
import { readReports } from '../core/reports';
import type { Activity } from '../core/roadmap-model';
import { readSchools, type School } from '../core/schools';
import type { Settings } from '../core/settings';
import { computeStatuses } from '../core/status';
import type { Services } from './ports';

/** The schools of `Школы`, in one read. */
export function loadSchools(svc: Services): School[] {
  const sheet = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.schools);
  return sheet ? readSchools(sheet.getDataRange().getValues()).schools : [];
}

export function loadActivities(svc: Services): Activity[] {
  const sheet = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.activities);
  if (!sheet) return [];
  const [header = [], ...rows] = sheet.getDataRange().getValues();
  const col = (n: string): number => header.findIndex((h) => cellText(h).toLowerCase().includes(n));
  const [id, title, deadline, resp, planned, indicator] = ['№', 'наименование', 'срок', 'ответствен', 'плановое', 'показатель'].map(col);
  return rows
    .map((r, i): Activity => {
      const text = (c: number | undefined): string => cellText(r[c ?? -1]);
      const deadlineText = text(deadline);
      const recurring = /ежеквартально/i.test(deadlineText);
      return {
        id: text(id).replace(/\.$/, ''), number: text(id), sectionPath: [], title: text(title), deadlineText,
        deadline: recurring
          ? { kind: 'recurring', text: deadlineText, due: [], issues: [], recurrence: { unit: 'quarter', interval: 1, timesPerPeriod: 1 } }
          : { kind: 'unknown', text: deadlineText, due: [], issues: [] },
        responsibleText: text(resp), responsible: [], expectedResult: '', indicator: text(indicator),
        planned: text(planned), plannedByYear: {}, riskFactor: '', sourceRow: i + 2, sourceCell: `B${i + 2}`,
      };
    })
    .filter((a) => a.id !== '');
}

/** Statuses of the activities from the rows of `Отчёты` already read (header included). */
export function activityStatuses(
  activities: Activity[], reportRows: CellValue[][], today: IsoDate, settings: Settings, timeZone: string,
): Map<string, ActivityStatus> {
  return computeStatuses(activities, readReports(reportRows, timeZone).reports, today, settings, timeZone);
}

/** Activities reported per period: recurring ones, and those with several dates (one period per date). */
export function isPeriodic(a: Activity): boolean {
  return (a.deadline.kind === 'recurring' && a.deadline.recurrence !== undefined) || a.deadline.kind === 'several';
}

/** The periods a school may report for today, newest first. */
export function openPeriodViews(a: Activity, today: IsoDate, bounds: PeriodBounds): PeriodView[] {
  return openPeriods(a.deadline, today, bounds).map((p) => ({ key: p.key, label: p.label }));
}

export { concernsSchool, type School } from '../core/schools';
