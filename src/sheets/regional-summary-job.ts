/**
 * buildRegionalSummary (regional deployment): opens every municipal spreadsheet listed in «Муниципалитеты»,
 * computes its tables with the jobs' own code (one read per sheet) and writes «Региональная сводка».
 * Forty spreadsheets may take longer than Apps Script's 6 minutes: within the time budget it saves the
 * figures so far and a one-off trigger continues a minute later (resumable.ts).
 */
import { messageOf } from '../core/errors';
import type { DataTables } from '../core/data-model';
import { cellText, type Grid } from '../core/grid';
import {
  duplicateMunicipality,
  mergeFigures,
  regionalFigures,
  type RegionalFigures,
  type RollupFailure,
} from '../core/regional-summary';
import { readSettings } from '../core/settings';
import { workbookTables } from './data-tables';
import { done, type JobResult } from './job';
import type { Services, SpreadsheetPort } from './ports';
import { writeRegionalSummary } from './regional-summary-sheet';
import {
  clearProgress,
  isContinuation,
  loadProgress,
  saveProgress,
  scheduleContinuation,
  startBudget,
} from './resumable';

export const MUNICIPALITIES_SHEET = 'Муниципалитеты';
export const REGIONAL_JOB = 'buildRegionalSummary';
export const MUNICIPALITIES_HEADER = ['Муниципалитет', 'Ссылка на таблицу'] as const;

/** What the job needs of SpreadsheetApp beyond the active spreadsheet (scope spreadsheets.readonly). */
export interface SpreadsheetOpenerPort {
  openById(id: string): SpreadsheetPort;
  openByUrl(url: string): SpreadsheetPort;
}

/** One line of «Муниципалитеты»: a label for messages and the spreadsheet's URL or id. */
export interface MunicipalitySource {
  label: string;
  ref: string;
}

/** What a run leaves for its continuation: the list as read at the start, and the figures so far. */
interface Progress {
  sources: MunicipalitySource[];
  next: number;
  figures: RegionalFigures[];
  failures: RollupFailure[];
  /** Municipality code → the label of the source that had it first. */
  seen: Record<string, string>;
}

const isUrl = (s: string): boolean => /^(https?|file):\/\//i.test(s);

/**
 * Reads «Муниципалитеты»: per row a spreadsheet URL (any cell holding one) or id (the column «Ссылка на
 * таблицу» or «ID»), labelled by the column «Муниципалитет» (else the reference). A row with a name and
 * no reference becomes a failure, so nobody is silently left out.
 */
export function readMunicipalities(grid: Grid): { sources: MunicipalitySource[]; failures: RollupFailure[] } {
  const sources: MunicipalitySource[] = [];
  const failures: RollupFailure[] = [];
  const header = (grid[0] ?? []).map((v) => cellText(v).toLowerCase());
  const hasHeader = header.some((h) => /муниципал|ссылк|таблиц|^id$/.test(h));
  const refCol = header.findIndex((h) => /ссылк|таблиц|^id$|идентификатор/.test(h));
  const nameCol = header.findIndex((h) => /муниципал|район|округ/.test(h));
  grid.slice(hasHeader ? 1 : 0).forEach((row, i) => {
    const cells = row.map((v) => cellText(v).trim());
    if (cells.every((c) => c === '')) return;
    const ref = cells.find(isUrl) ?? (refCol >= 0 ? (cells[refCol] ?? '') : '');
    const label = (nameCol >= 0 ? cells[nameCol] : cells.find((c) => c !== '' && c !== ref)) || ref;
    if (ref === '')
      failures.push({
        source: label,
        reason: `нет ссылки на таблицу (лист «${MUNICIPALITIES_SHEET}», строка ${i + (hasHeader ? 2 : 1)}). Вставьте ссылку на Google Таблицу муниципалитета.`,
      });
    else sources.push({ label, ref });
  });
  return { sources, failures };
}

/** The services a job sees with another spreadsheet as the active one (it only reads it). */
function servicesOn(svc: Services, ss: SpreadsheetPort): Services {
  const app = svc.spreadsheetApp;
  return {
    ...svc,
    spreadsheetApp: {
      getActiveSpreadsheet: () => ss,
      getUi: () => app.getUi(),
      newConditionalFormatRule: () => app.newConditionalFormatRule(),
      newDataValidation: () => app.newDataValidation(),
    },
  };
}

/** Opens one municipality and computes its tables; throws with a Russian reason when it cannot. */
export function municipalityTables(
  svc: Services,
  opener: SpreadsheetOpenerPort,
  source: MunicipalitySource,
): DataTables {
  let ss: SpreadsheetPort;
  try {
    ss = isUrl(source.ref) ? opener.openByUrl(source.ref) : opener.openById(source.ref);
  } catch (e) {
    // eslint-disable-next-line preserve-caught-error -- the bundle's lib is ES2020 (no Error `cause` option); the reason goes into the sheet as text
    throw new Error(
      `таблица не открылась (${messageOf(e)}). Проверьте ссылку и дайте владельцу сводки доступ на просмотр.`,
    );
  }
  return workbookTables(servicesOn(svc, ss));
}

/**
 * Menu run: starts over from «Муниципалитеты». Continuation (fired by the job's own one-off trigger):
 * goes on where the last run stopped. Exit code 1 when some municipalities could not be read.
 */
export function buildRegionalSummary(
  svc: Services,
  opener: SpreadsheetOpenerPort,
  event?: unknown,
): JobResult {
  const budget = startBudget(svc);
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  let progress = isContinuation(svc, event) ? loadProgress<Progress>(svc, REGIONAL_JOB) : undefined;
  if (!progress) {
    const sheet = ss.getSheetByName(MUNICIPALITIES_SHEET);
    if (!sheet) {
      const created = ss.insertSheet(MUNICIPALITIES_SHEET);
      created.getRange(1, 1, 1, MUNICIPALITIES_HEADER.length).setValues([[...MUNICIPALITIES_HEADER]]);
      created.getRange(1, 1, 1, MUNICIPALITIES_HEADER.length).setFontWeight('bold');
      return done(
        `Создан лист «${MUNICIPALITIES_SHEET}»: впишите муниципалитеты и ссылки на их таблицы, затем снова постройте сводку.`,
      );
    }
    const read = readMunicipalities(sheet.getLastRow() === 0 ? [] : sheet.getDataRange().getValues());
    progress = { sources: read.sources, next: 0, figures: [], failures: read.failures, seen: {} };
  }
  const settings = ss.getSheetByName('Настройки');
  const year = Number(svc.utilities.formatDate(svc.now(), ss.getSpreadsheetTimeZone(), 'yyyy'));
  budget.setSeconds(
    readSettings(settings ? settings.getDataRange().getValues() : [], ss.getSpreadsheetTimeZone(), year)
      .settings.timeBudgetSeconds,
  );

  const total = progress.sources.length;
  for (let i = progress.next; i < total; i++) {
    // At least one municipality per run, so every continuation moves on.
    if (i > progress.next && budget.expired()) {
      progress.next = i;
      saveProgress(svc, REGIONAL_JOB, progress);
      scheduleContinuation(svc, REGIONAL_JOB);
      return done(
        `Прочитано муниципалитетов: ${i} из ${total}. Остальные будут прочитаны автоматически через минуту, затем сводка обновится.`,
      );
    }
    const source = progress.sources[i];
    if (!source) continue;
    try {
      const figures = regionalFigures(municipalityTables(svc, opener, source));
      const code = figures.municipalities[0]?.municipality ?? source.label;
      const other = progress.seen[code];
      if (other !== undefined) throw new Error(duplicateMunicipality(code, other));
      progress.seen[code] = source.label;
      progress.figures.push(figures);
    } catch (e) {
      progress.failures.push({ source: source.label, reason: messageOf(e) });
    }
  }
  clearProgress(svc, REGIONAL_JOB);
  return writeRegionalSummary(svc, mergeFigures(progress.figures), progress.failures);
}
