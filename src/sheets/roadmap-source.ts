/**
 * loadRoadmap: reads `Мероприятия`, `Ответственные`, `Настройки` and `Школы` (one getValues each) into the
 * normalized roadmap.
 */
import { dateInZone } from '../core/dates';
import { keepAsTyped, type Grid } from '../core/grid';
import { SHEET_MISSING, SHEET_MISSING_FIX, SHEETS } from '../core/messages';
import { readRoadmap, type ReadRoadmapResult } from '../core/roadmap-reader';
import { UserError } from '../core/errors';
import type { School } from '../core/schools';
import type { RangePort, Services, SheetPort } from './ports';
import { loadSchools } from './report-context';

/** What readRoadmap gives (settings with the roadmap's period), plus where it came from. */
export interface LoadedRoadmap extends ReadRoadmapResult {
  timeZone: string;
  /** Sheet ids by name, for links to cells («#gid=…&range=C14»). */
  sheetIds: Record<string, number>;
  /** The schools of `Школы`: they reach a party meaning all schools («ОО») through their reporters. */
  schools: School[];
}

/**
 * Vertically merged cells (one responsible for several rows) read as empty below their first row in
 * getValues; copy the value down so every row has it. Horizontal merges (section titles) stay as they are.
 */
function fillVerticalMerges(grid: Grid, range: RangePort): void {
  for (const m of range.getMergedRanges()) {
    // One call per merged range (not per row or cell): A1 gives its rows and first column.
    const match = /^([A-Z]+)(\d+)(?::[A-Z]+(\d+))?$/.exec(m.getA1Notation());
    if (!match?.[3]) continue;
    const column = [...match[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const top = Number(match[2]) - 1;
    const bottom = Number(match[3]) - 1;
    const value = grid[top]?.[column] ?? null;
    for (let r = top + 1; r <= bottom && r < grid.length; r++) {
      const row = grid[r];
      if (row[column] === '' || row[column] === null) row[column] = value;
    }
  }
}

function values(sheet: SheetPort | null): Grid {
  return sheet ? sheet.getDataRange().getValues() : [];
}

/**
 * Reads the roadmap. Throws UserError when `Мероприятия` is missing. Sheet calls do not depend on the
 * number of rows. A job that has already read `Школы` passes its schools, so the sheet is read once.
 */
export function loadRoadmap(svc: Services, known?: School[]): LoadedRoadmap {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const timeZone = ss.getSpreadsheetTimeZone();
  const activitiesSheet = ss.getSheetByName(SHEETS.activities);
  if (!activitiesSheet) {
    // A renamed sheet is the usual cause: the sheets that are there help to find it.
    const found = ss
      .getSheets()
      .map((s) => `«${s.getName()}»`)
      .join(', ');
    throw new UserError(
      `${SHEET_MISSING(SHEETS.activities)} Листы в таблице: ${found || 'нет ни одного'}.`,
      SHEET_MISSING_FIX,
    );
  }
  const responsibleSheet = ss.getSheetByName(SHEETS.responsible);
  const settingsSheet = ss.getSheetByName(SHEETS.settings);
  const range = activitiesSheet.getDataRange();
  const grid = range.getValues();
  // «100%» or «4.12» pasted into a Russian-locale sheet became a number or a date: read them as written.
  keepAsTyped(grid, range.getNumberFormats(), timeZone);
  fillVerticalMerges(grid, range);
  const sheetIds: Record<string, number> = { [SHEETS.activities]: activitiesSheet.getSheetId() };
  if (responsibleSheet) sheetIds[SHEETS.responsible] = responsibleSheet.getSheetId();
  if (settingsSheet) sheetIds[SHEETS.settings] = settingsSheet.getSheetId();
  const schools = known ?? loadSchools(svc);
  const result = readRoadmap({
    activities: grid,
    settings: values(settingsSheet),
    responsible: values(responsibleSheet),
    schools,
    timeZone,
    fallbackYear: Number(dateInZone(svc.now(), timeZone).slice(0, 4)),
  });
  return { ...result, timeZone, sheetIds, schools };
}
