/** `Дорожная карта`: the normalized roadmap, one row per activity, written in one setValues. */
import { formatRu, isDateValue, type IsoDate } from '../core/dates';
import { deadlineKindLabel, recurrenceLabel } from '../core/deadline';
import type { ActivityStatus } from '../core/layouts';
import { SHEETS } from '../core/messages';
import { midnightInZoneFn } from '../core/zone-dates';
import type { Activity, Roadmap } from '../core/roadmap-model';
import type { Services, SheetPort } from './ports';
import { ensureSize } from './sheet-size';

export const ROADMAP_HEADER = [
  'ID',
  'Раздел',
  'Мероприятие',
  'Срок (текст)',
  'Вид срока',
  'Начало',
  'Срок(и)',
  'Периодичность',
  'Ответственные',
  'Ожидаемый результат',
  'Показатель',
  'Плановое значение',
  'Плановые по годам',
  'Статус',
  'Дней просрочки',
  'Пропущенный период',
  'Последний отчёт',
  'Ячейка-источник',
] as const;

/** 1-based columns of `Дорожная карта` (for conditional-format rules and readers). */
export const ROADMAP_COL = {
  id: 1,
  section: 2,
  title: 3,
  deadlineText: 4,
  kind: 5,
  start: 6,
  due: 7,
  recurrence: 8,
  responsible: 9,
  result: 10,
  indicator: 11,
  planned: 12,
  plannedByYear: 13,
  status: 14,
  daysOverdue: 15,
  missingPeriod: 16,
  lastReport: 17,
  source: 18,
} as const satisfies Record<string, number>;

/** Columns 1…13 hold the user's text: plain-text format, so «1.1» or «=…» stays as written; dates among them are dates. */
const TEXT_COLUMNS = ROADMAP_COL.plannedByYear;
const DATE_FORMAT = 'dd.MM.yyyy';

/**
 * `=HYPERLINK("#gid=…&range=C14","Мероприятия!C14")`: a link to a cell of another sheet of this spreadsheet.
 * Commas between arguments: Apps Script parses formulas it writes in en-US syntax whatever the spreadsheet's
 * locale (a Russian-locale sheet shows «;» in its UI, but a «;» written by the script is #ERROR!).
 */
export function cellLink(
  sheetId: number | undefined,
  sheet: string,
  cell: string,
  label = `${sheet}!${cell}`,
): string {
  if (sheetId === undefined) return label;
  return `=HYPERLINK("#gid=${sheetId}&range=${cell}","${label.replace(/"/g, '""')}")`;
}

/** The kind as a coordinator names it: the parser's «school-year» also holds spans of calendar years («2020-2023гг.»). */
function kindLabel(d: Activity['deadline']): string {
  return d.kind === 'school-year' && d.start?.endsWith('-01-01') ? 'годы' : deadlineKindLabel(d.kind);
}

/**
 * One row of `Дорожная карта` for an activity. «Начало» and a single «Срок(и)» are dates (`dateCell` makes the
 * cell value of a calendar date), so Excel and Sheets sort and filter them as dates; several dates are text.
 */
export function roadmapRow(
  a: Activity,
  status: ActivityStatus | undefined,
  activitiesSheetId: number | undefined,
  dateCell: (date: IsoDate) => Date,
): (string | number | Date)[] {
  const d = a.deadline;
  return [
    a.id,
    a.sectionPath.join(' / '),
    a.title,
    a.deadlineText,
    kindLabel(d),
    d.start ? dateCell(d.start) : '',
    d.due.length === 1 ? dateCell(d.due[0]) : d.due.map(formatRu).join(', '),
    d.recurrence ? recurrenceLabel(d.recurrence) : '',
    a.responsible.map((p) => p.name).join(', '),
    a.expectedResult,
    a.indicator,
    a.planned,
    Object.entries(a.plannedByYear)
      .filter(([, v]) => v !== '')
      .map(([y, v]) => `${y}: ${v}`)
      .join('; '),
    status?.status ?? '',
    status && status.daysOverdue > 0 ? status.daysOverdue : '',
    status?.missingPeriod ?? '',
    status?.lastReport ?? '',
    cellLink(activitiesSheetId, SHEETS.activities, a.sourceCell),
  ];
}

/** A product sheet ready to be rewritten with `rows` × `columns`: created if missing, grown to fit, its old contents cleared. */
export function productSheet(svc: Services, name: string, rows: number, columns: number): SheetPort {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const existing = ss.getSheetByName(name);
  // Contents only: conditional-format rules set by refreshStatuses stay in place.
  if (existing) existing.getDataRange().clearContent();
  const sheet = existing ?? ss.insertSheet(name);
  ensureSize(sheet, rows, columns);
  return sheet;
}

/**
 * Rewrites `Дорожная карта` from the roadmap read in the spreadsheet's `timeZone`. The status columns stay
 * blank without `statuses` (id → status). A constant number of sheet calls, whatever the number of activities.
 */
export function writeRoadmapSheet(
  svc: Services,
  { roadmap, timeZone }: { roadmap: Roadmap; timeZone: string },
  statuses?: Map<string, ActivityStatus>,
): void {
  const activitiesSheetId = svc.spreadsheetApp
    .getActiveSpreadsheet()
    .getSheetByName(SHEETS.activities)
    ?.getSheetId();
  // Dates are calendar dates in the spreadsheet's zone: its midnight, as a date typed into a cell is.
  const dateCell = midnightInZoneFn(timeZone);
  const rows = roadmap.activities.map((a) => roadmapRow(a, statuses?.get(a.id), activitiesSheetId, dateCell));
  const sheet = productSheet(svc, SHEETS.roadmap, rows.length + 1, ROADMAP_HEADER.length);
  if (rows.length > 0) {
    sheet
      .getRange(2, 1, rows.length, TEXT_COLUMNS)
      .setNumberFormats(
        rows.map((r) => r.slice(0, TEXT_COLUMNS).map((v) => (isDateValue(v) ? DATE_FORMAT : '@'))),
      );
    // «31.12.2020» as a missed period or last report stays text: Sheets would make it a date, unlike «… и ещё 3».
    sheet.getRange(2, ROADMAP_COL.missingPeriod, rows.length, 2).setNumberFormat('@');
  }
  sheet.getRange(1, 1, rows.length + 1, ROADMAP_HEADER.length).setValues([[...ROADMAP_HEADER], ...rows]);
  sheet.getRange(1, 1, 1, ROADMAP_HEADER.length).setFontWeight('bold');
  sheet.setFrozenRows(1);
  sheet.setColumnWidths(1, ROADMAP_HEADER.length, 140);
  sheet.setColumnWidth(ROADMAP_COL.title, 360);
}
