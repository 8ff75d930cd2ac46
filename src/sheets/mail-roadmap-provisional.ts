/**
 * TODO(mail helper): stand-in for loadRoadmap (src/sheets/roadmap-source.ts, roadmap helper) until it
 * lands; reads `Мероприятия` with «дд.мм.гггг» deadlines and resolves responsible names through
 * `Ответственные`. Delete when mail-context switches to loadRoadmap.
 */
import { dateInZone, isDateValue, isoDate } from '../core/dates';
import { cellText, type CellValue } from '../core/grid';
import { SHEETS } from '../core/messages';
import type { Activity, Party } from '../core/roadmap-model';
import { readSettings, type Settings } from '../core/settings';
import type { Services } from './ports';

function values(svc: Services, name: string): CellValue[][] {
  const sheet = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  return sheet ? sheet.getDataRange().getValues() : [];
}

export function provisionalRoadmap(svc: Services): { activities: Activity[]; settings: Settings } {
  const tz = svc.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  const settings = readSettings(values(svc, SHEETS.settings), tz, Number(dateInZone(svc.now(), tz).slice(0, 4))).settings;
  const emails = new Map<string, string>();
  for (const r of values(svc, SHEETS.responsible).slice(1)) if (cellText(r[2])) emails.set(cellText(r[0]).toLowerCase(), cellText(r[2]));
  const [header = [], ...rows] = values(svc, SHEETS.activities);
  const col = (re: RegExp): number => header.findIndex((h) => re.test(cellText(h)));
  const [cId, cTitle, cDeadline, cResp] = [/^№/, /мероприят|наименование/i, /срок/i, /ответствен|исполнител/i].map(col);
  const activities: Activity[] = [];
  rows.forEach((r, i) => {
    const id = cellText(r[cId ?? -1]).replace(/\.$/, '');
    if (!id) return;
    const raw = r[cDeadline ?? -1];
    const m = /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(cellText(raw));
    const due = isDateValue(raw) ? [dateInZone(raw, tz)] : m ? [isoDate(Number(m[3]), Number(m[2]), Number(m[1]))] : [];
    const responsibleText = cellText(r[cResp ?? -1]);
    const responsible: Party[] = responsibleText
      .split(/[,;]/)
      .map((n) => n.trim())
      .filter(Boolean)
      .map((name) => {
        const email = emails.get(name.toLowerCase());
        return email ? { name, email } : { name };
      });
    activities.push({
      id, number: id, sectionPath: [], title: cellText(r[cTitle ?? -1]), deadlineText: cellText(raw),
      deadline: { kind: due.length ? 'date' : 'empty', text: cellText(raw), due, issues: [] },
      responsibleText, responsible, expectedResult: '', indicator: '', planned: '', plannedByYear: {}, riskFactor: '',
      sourceRow: i + 2, sourceCell: `B${i + 2}`,
    });
  });
  return { activities, settings };
}
