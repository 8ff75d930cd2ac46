/**
 * The municipalities of a regional spreadsheet («Муниципалитеты») and one pass over them, shared by the
 * regional summary and the BigQuery export: open each spreadsheet, compute its tables with the jobs' own
 * code, refuse a second source with the same municipality code, and keep every failure with its reason.
 */
import type { DataTables } from '../core/data-model';
import { messageOf } from '../core/errors';
import { cellText, type Grid } from '../core/grid';
import { duplicateMunicipality, type RollupFailure } from '../core/regional-summary';
import { workbookTables } from './data-tables';
import type { Services, SpreadsheetPort } from './ports';
import type { Budget } from './resumable';

export const MUNICIPALITIES_SHEET = 'Муниципалитеты';

/** What the regional jobs need of SpreadsheetApp beyond the active spreadsheet (scope spreadsheets.readonly). */
export interface SpreadsheetOpenerPort {
  openById(id: string): SpreadsheetPort;
  openByUrl(url: string): SpreadsheetPort;
}

/** One line of «Муниципалитеты»: a label for messages and the spreadsheet's URL or id. */
export interface MunicipalitySource {
  label: string;
  ref: string;
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
export function servicesOn(svc: Services, ss: SpreadsheetPort): Services {
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

/** What a pass keeps, as plain JSON (a continuation of the regional summary reloads it). */
export interface MunicipalityPass {
  failures: RollupFailure[];
  /** Municipality code → the label of the source that had it first. */
  seen: Record<string, string>;
}

/**
 * Reads the sources from index `from` on and hands each one's tables to `take`. A source that cannot be
 * opened or read, whose municipality code an earlier source had, or whose tables `take` throws on becomes
 * a failure in `pass`, and the rest goes on. Once `budget` has expired it stops before the next source
 * (after at least one, so every continuation moves on). Returns where to go on from: sources.length when
 * every source was tried.
 */
export function readEachMunicipality(
  svc: Services,
  opener: SpreadsheetOpenerPort,
  sources: readonly MunicipalitySource[],
  from: number,
  budget: Budget,
  pass: MunicipalityPass,
  take: (tables: DataTables) => void,
): number {
  for (const [i, source] of sources.entries()) {
    if (i < from) continue;
    if (i > from && budget.expired()) return i;
    try {
      const tables = municipalityTables(svc, opener, source);
      const code = String(tables.municipalities[0]?.[0] ?? source.label);
      // A code such as «constructor» is a municipality, not a property every object has.
      if (Object.prototype.hasOwnProperty.call(pass.seen, code))
        throw new Error(duplicateMunicipality(code, pass.seen[code] ?? ''));
      take(tables);
      pass.seen[code] = source.label;
    } catch (e) {
      pass.failures.push({ source: source.label, reason: messageOf(e) });
    }
  }
  return sources.length;
}
