/** Indicator progress: reads `Показатели` (or the plan columns of `Мероприятия`) and `Отчёты`, writes section «Показатели» of `Сводка`. */
import { dateInZone } from '../core/dates';
import type { CellValue, Grid } from '../core/grid';
import {
  indicatorProgress,
  periodLabel,
  readIndicators,
  FACT_RULE_NAMES,
  type Indicator,
  type IndicatorProgress,
} from '../core/indicators';
import type { Report } from '../core/layouts';
import { SHEETS } from '../core/messages';
import type { Activity, Problem } from '../core/roadmap-model';
import { loadReports } from './current-statuses';
import { done, type JobResult } from './job';
import type { Services, SheetPort } from './ports';
import { loadRoadmap } from './roadmap-source';
import { writeSummarySection } from './summary-sheet';

/** Columns of section «Показатели» of `Сводка`. */
export const INDICATOR_PROGRESS_HEADER = [
  'Показатель',
  'Мероприятие',
  'Раздел',
  'Год',
  'План',
  'Факт',
  'Выполнение, %',
  'Статус',
  'Откуда факт',
  'Примечание',
] as const;

function read(sheet: SheetPort | null): { values: Grid; display: string[][] } {
  if (!sheet || sheet.getLastRow() === 0) return { values: [], display: [] };
  const range = sheet.getDataRange();
  return { values: range.getValues(), display: range.getDisplayValues() };
}

function progressRows(progress: IndicatorProgress[], problems: Problem[]): CellValue[][] {
  const unread = new Map<string, string[]>();
  for (const p of problems) {
    const key = `${p.sheet}!${/\d+$/.exec(p.cell)?.[0] ?? ''}`;
    const cells = unread.get(key);
    if (cells) cells.push(p.cell);
    else unread.set(key, [p.cell]);
  }
  const noteOf = (p: IndicatorProgress, ind: Indicator): string => {
    const cells = unread.get(`${ind.sheet}!${ind.row}`);
    const parts = [
      p.note,
      ind.planFromWording ? 'план взят из формулировки показателя' : '',
      cells ? `не прочитано: ${cells.join(', ')} (см. «${ind.sheet}»)` : '',
      p.factSource === 'отчёты'
        ? `отчётов: ${p.reports}, школ: ${p.schools}, подсчёт: ${FACT_RULE_NAMES[ind.rule]}`
        : '',
    ];
    return parts.filter((x) => x !== '').join('; ');
  };
  return progress.map((p) => [
    p.indicator.name,
    [p.indicator.activityId, p.indicator.activity].filter((x) => x !== '').join(' '),
    p.indicator.section,
    periodLabel(p.period),
    p.plannedText,
    p.fact ?? '',
    p.percent ?? '',
    p.status,
    p.factSource,
    noteOf(p, p.indicator),
  ]);
}

const titleKey = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^0-9a-zа-я]+/g, ' ')
    .trim();

/**
 * Gives each indicator the id of its activity in the roadmap (the id reports carry): by row when it was read
 * from `Мероприятия` itself (numbering that restarts in sections gives ids such as «1.1.1»), by title when
 * `Показатели` names the activity but not its number. Reads the roadmap only when one of them needs it.
 */
function linkToActivities(svc: Services, indicators: Indicator[], known?: readonly Activity[]): void {
  const needs = indicators.filter(
    (i) => i.sheet === SHEETS.activities || (i.activityId === '' && i.activity !== ''),
  );
  if (needs.length === 0 || !svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.activities))
    return;
  const activities = known ?? loadRoadmap(svc).roadmap.activities;
  const byRow = new Map(activities.map((a) => [a.sourceRow, a.id]));
  const byTitle = new Map(activities.map((a) => [titleKey(a.title), a.id]));
  for (const i of needs) {
    const id = i.sheet === SHEETS.activities ? byRow.get(i.row) : byTitle.get(titleKey(i.activity));
    if (id !== undefined) i.activityId = id;
  }
}

export interface CurrentIndicators {
  indicators: Indicator[];
  /** Unreadable plan and fact cells of `Показатели`. */
  problems: Problem[];
  progress: IndicatorProgress[];
  /** The calendar year today in the spreadsheet's time zone. */
  currentYear: number;
}

/**
 * Reads indicators and reports and computes progress, writing nothing (the weekly summary uses it with
 * `summarizeIndicators`). Indicators come from `Показатели`; when that sheet is missing or holds none (not
 * even the template's examples), from the plan columns of `Мероприятия` (a roadmap such as seed 000 carries its indicators there).
 * One read per input sheet, whatever the number of rows; a caller that has read the roadmap and the
 * reports already passes them as `known`.
 */
export function currentIndicators(
  svc: Services,
  known?: { activities: readonly Activity[]; reports: Report[] },
): CurrentIndicators {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const timeZone = ss.getSpreadsheetTimeZone();
  const currentYear = Number(dateInZone(svc.now(), timeZone).slice(0, 4));
  const own = read(ss.getSheetByName(SHEETS.indicators));
  const fromOwn = readIndicators(own.values, { sheet: SHEETS.indicators, currentYear, display: own.display });
  let indicators = fromOwn.indicators;
  // A «Показатели» of the template's examples only is the user's sheet still to fill: the example plans of
  // «Мероприятия» do not stand in for it.
  if (indicators.length === 0 && fromOwn.examples === 0) {
    const activities = read(ss.getSheetByName(SHEETS.activities));
    // Problems of `Мероприятия` are validateRoadmap's to report on «Проверка»; here only its plans are used.
    indicators = readIndicators(activities.values, {
      sheet: SHEETS.activities,
      currentYear,
      display: activities.display,
      requirePlan: true,
    }).indicators;
  }
  linkToActivities(svc, indicators, known?.activities);
  const reports = known?.reports ?? loadReports(svc, timeZone).reports;
  return {
    indicators,
    problems: fromOwn.problems,
    progress: indicatorProgress(indicators, reports, { timeZone }),
    currentYear,
  };
}

/** Unreadable plan and fact cells of `Показатели` for «Проверка», with the sheet's id for links to them. */
export function indicatorCheck(svc: Services): { problems: Problem[]; sheetIds: Record<string, number> } {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(SHEETS.indicators);
  if (!sheet) return { problems: [], sheetIds: {} };
  const currentYear = Number(dateInZone(svc.now(), ss.getSpreadsheetTimeZone()).slice(0, 4));
  const own = read(sheet);
  const { problems } = readIndicators(own.values, {
    sheet: SHEETS.indicators,
    currentYear,
    display: own.display,
  });
  return { problems, sheetIds: { [SHEETS.indicators]: sheet.getSheetId() } };
}

/** Recomputes indicator progress and writes it to section «Показатели» of `Сводка`, coloured by status. */
export function refreshIndicators(svc: Services): JobResult {
  const { indicators, problems, progress } = currentIndicators(svc);
  const timeZone = svc.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  const stamp = svc.utilities.formatDate(svc.now(), timeZone, 'dd.MM.yyyy HH:mm');
  const rows: CellValue[][] =
    progress.length > 0
      ? progressRows(progress, problems)
      : [
          [
            'Показателей не найдено: заполните лист «Показатели» (показатель, плановое значение по годам) или столбец «Плановое значение» листа «Мероприятия».',
          ],
        ];
  // Rows are coloured by «Статус» (see SUMMARY_SECTIONS), wherever the section stands.
  writeSummarySection(svc, 'Показатели', [[...INDICATOR_PROGRESS_HEADER], ...rows], `обновлено ${stamp}`);

  const count = (s: IndicatorProgress['status']): number => progress.filter((p) => p.status === s).length;
  const unread =
    problems.length > 0 ? ` Не удалось прочитать значений: ${problems.length} — см. «Примечание».` : '';
  return done(
    `Показатели: ${indicators.length}; достигнуто ${count('достигнуто')}, не достигнуто ${count('не достигнуто')}, ` +
      `нет данных ${count('нет данных')}. Результат — на листе «${SHEETS.summary}».${unread}`,
  );
}
