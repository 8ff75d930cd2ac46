/** What the mail jobs read: the roadmap with resolved addresses, reports, statuses, today and the row links. */
import type { IsoDate } from '../core/dates';
import type { SheetLink } from '../core/digest';
import type { ActivityStatus, Report } from '../core/layouts';
import { SHEETS } from '../core/messages';
import type { Activity } from '../core/roadmap-model';
import type { School } from '../core/schools';
import type { Settings } from '../core/settings';
import type { Services } from './ports';
import { currentStatuses } from './current-statuses';
import type { LoadedRoadmap } from './roadmap-source';

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
  /** The schools of `Школы` and the codes of the schools each activity is assigned to. */
  schools: School[];
  assigned: Map<string, string[]>;
  /** The roadmap as read, with its problems: a job stops on one without activities (roadmap-check.ts). */
  loaded: LoadedRoadmap;
}

/** One read per input sheet (via loadRoadmap, one read of `Отчёты` and one of `Школы`), whatever their size. */
export function loadMailContext(svc: Services): MailContext {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const { loaded, reports, today, statuses, schools, assigned } = currentStatuses(svc);
  const { activities, settings, sheetIds, timeZone } = loaded;
  const reportsSheet = ss.getSheetByName(SHEETS.reports);
  // Over .xlsx (the local host) the spreadsheet's «URL» is its file name: mails name the place instead of linking.
  const url = ss.getUrl();
  const file = /^https?:\/\//.test(url) ? undefined : url;
  return {
    activities,
    statuses,
    reports,
    settings,
    today,
    timeZone,
    link: {
      spreadsheetId: ss.getId(),
      gid: sheetIds[SHEETS.activities] ?? 0,
      ...(reportsSheet ? { reportsGid: reportsSheet.getSheetId() } : {}),
      ...(file ? { file } : {}),
    },
    title: ss.getName(),
    url,
    schools,
    assigned,
    loaded,
  };
}
