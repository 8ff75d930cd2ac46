/** `Настройки` of the active spreadsheet, for jobs that need the settings without the roadmap. */
import { dateInZone } from '../core/dates';
import type { Grid } from '../core/grid';
import { SHEETS } from '../core/messages';
import { readSettings, type Settings } from '../core/settings';
import type { Services } from './ports';

/** The sheet's values in one getValues; [] without the sheet or with an empty one. */
export function settingsGrid(svc: Services): Grid {
  const sheet = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.settings);
  return sheet && sheet.getLastRow() > 0 ? sheet.getDataRange().getValues() : [];
}

/**
 * The settings in the spreadsheet's time zone, the current year where a date has none. A job that has
 * already read the sheet (for rows of its own) passes the grid, so it is read once.
 */
export function settingsOf(svc: Services, grid: Grid = settingsGrid(svc)): Settings {
  return settingsRead(svc, grid).settings;
}

/** The settings with the problems of values that could not be used (see readSettings). */
export function settingsRead(svc: Services, grid: Grid = settingsGrid(svc)): ReturnType<typeof readSettings> {
  const timeZone = svc.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return readSettings(grid, timeZone, Number(dateInZone(svc.now(), timeZone).slice(0, 4)));
}
