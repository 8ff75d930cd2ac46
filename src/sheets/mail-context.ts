/** What the mail jobs read: the roadmap with resolved addresses, reports, statuses, today and the row links. */
import { dateInZone, type IsoDate } from '../core/dates';
import type { SheetLink } from '../core/digest';
import type { ActivityStatus, Report } from '../core/layouts';
import { SHEETS } from '../core/messages';
import { readReports } from '../core/reports';
import type { Activity } from '../core/roadmap-model';
import type { Settings } from '../core/settings';
import { computeStatuses } from '../core/status';
import type { Services } from './ports';
import { loadRoadmap } from './roadmap-source';

export interface MailContext {
  activities: Activity[];
  statuses: Map<string, ActivityStatus>;
  reports: Report[];
  settings: Settings;
  today: IsoDate;
  timeZone: string;
  link: SheetLink;
  title: string;
  url: string;
}

/** One read per input sheet (via loadRoadmap and one read of `Отчёты`), whatever their size. */
export function loadMailContext(svc: Services): MailContext {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const timeZone = ss.getSpreadsheetTimeZone();
  const today = dateInZone(svc.now(), timeZone);
  const { activities, settings, sheetIds } = loadRoadmap(svc);
  const reportSheet = ss.getSheetByName(SHEETS.reports);
  const reports = reportSheet ? readReports(reportSheet.getDataRange().getValues(), timeZone).reports : [];
  const statuses = computeStatuses(activities, reports, today, settings, timeZone);
  return {
    activities,
    statuses,
    reports,
    settings,
    today,
    timeZone,
    link: { spreadsheetId: ss.getId(), gid: sheetIds[SHEETS.activities] ?? 0 },
    title: ss.getName(),
    url: ss.getUrl(),
  };
}
