/**
 * `Региональная сводка`: per municipality — activities, % done, overdue and the oldest overdue, reports in
 * the last 30 days, schools awaited to report without one, high and medium risks per factor and how many
 * no activity covers; a region total. The figures come from sql/*.sql in DuckDB (roadmap500 rollup) or
 * from regionalFigures below in Apps Script (buildRegionalSummary); test/local/region.test.ts holds the
 * two equal. */
import { TABLES, type DataTables, type ModelRow, type TableName } from './data-model';
import { addDays, formatRu, type IsoDate } from './dates';
import type { CellValue } from './grid';
import type { ActivityStatusName } from './layouts';
import { LEVEL } from './risk';
import { count, NOUNS } from './plural';
import { AWAITING_REPORT } from './status';

// Field names are the SQL result columns (sql/municipality_summary.sql, sql/factor_risks.sql), so a row
// of either engine is the same object.
/** One municipality's line. */
export interface MunicipalityFigures {
  municipality: string;
  name: string;
  as_of: IsoDate;
  activities: number;
  done: number;
  overdue: number;
  /** The earliest due date among overdue activities, or null. */
  oldest_overdue_due: IsoDate | null;
  max_days_overdue: number | null;
  /** Reports dated within the 30 days up to as_of (both ends included). */
  reports_30d: number;
  schools: number;
  /**
   * Schools of `Школы` that an activity assigned to them awaits a report from (status.ts AWAITING_REPORT,
   * the rule of the weekly summary), with no report in those 30 days.
   */
  schools_without_reports: number;
  high: number;
  medium: number;
  /** High and medium risks no activity covers. */
  uncovered: number;
}

/** High and medium risks of one factor in one municipality. */
export interface FactorFigures {
  municipality: string;
  factor: string;
  high: number;
  medium: number;
  uncovered: number;
}

export interface RegionalFigures {
  municipalities: MunicipalityFigures[];
  factors: FactorFigures[];
  /** Factor code → name, for the header of the factor block. */
  factorNames: Record<string, string>;
}

/** A source that could not be read, with the reason in Russian. */
export interface RollupFailure {
  source: string;
  reason: string;
}

/** Reports in the last REPORT_WINDOW_DAYS days (today included) count as recent. */
export const REPORT_WINDOW_DAYS = 30;

type Rec = Record<string, ModelRow[number]>;
function records(tables: DataTables, t: TableName): Rec[] {
  const cols = TABLES[t].map((c) => c.name);
  return tables[t].map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i] ?? null])));
}

/** The records of a table by municipality code, in one pass (a region has hundreds of municipalities). */
function byMunicipality(rows: readonly Rec[]): Map<string, Rec[]> {
  const groups = new Map<string, Rec[]>();
  for (const r of rows) {
    const code = String(r['municipality']);
    const group = groups.get(code);
    if (group) group.push(r);
    else groups.set(code, [r]);
  }
  return groups;
}

const byName = (a: { municipality: string }, b: { municipality: string }): number =>
  a.municipality.localeCompare(b.municipality, 'ru');

/** The same figures as sql/municipality_summary.sql and sql/factor_risks.sql, computed in TypeScript. */
export function regionalFigures(tables: DataTables): RegionalFigures {
  const activities = byMunicipality(records(tables, 'activities'));
  const reports = byMunicipality(records(tables, 'reports'));
  const schools = byMunicipality(records(tables, 'schools'));
  const coverage = records(tables, 'coverage');
  const risks = byMunicipality(coverage);
  const awaited = byMunicipality(
    records(tables, 'activity_schools').filter((a) => AWAITING_REPORT.has(a['status'] as ActivityStatusName)),
  );
  const municipalities = records(tables, 'municipalities').map((m): MunicipalityFigures => {
    const code = String(m['municipality']);
    const asOf = String(m['as_of']);
    const mine = activities.get(code) ?? [];
    const overdue = mine.filter((a) => a['status'] === 'Просрочено');
    const dues = overdue.map((a) => a['due']).filter((d): d is string => typeof d === 'string');
    const from = addDays(asOf, 1 - REPORT_WINDOW_DAYS);
    const recent = (reports.get(code) ?? []).filter((r) => {
      const d = r['report_date'];
      return typeof d === 'string' && d >= from && d <= asOf;
    });
    const reported = new Set(recent.map((r) => String(r['school']).trim().toLowerCase()));
    const mySchools = schools.get(code) ?? [];
    const waitingFor = new Set(
      (awaited.get(code) ?? []).map((a) => String(a['school']).trim().toLowerCase()),
    );
    const myRisks = risks.get(code) ?? [];
    return {
      municipality: code,
      name: String(m['name']),
      as_of: asOf,
      activities: mine.length,
      done: mine.filter((a) => a['status'] === 'Выполнено').length,
      overdue: overdue.length,
      oldest_overdue_due: dues.length > 0 ? dues.reduce((x, y) => (y < x ? y : x)) : null,
      max_days_overdue:
        overdue.length > 0 ? Math.max(...overdue.map((a) => Number(a['days_overdue']))) : null,
      reports_30d: recent.length,
      schools: mySchools.length,
      schools_without_reports: mySchools.filter((s) => {
        const key = String(s['school']).trim().toLowerCase();
        return waitingFor.has(key) && !reported.has(key);
      }).length,
      high: myRisks.filter((c) => c['level'] === LEVEL.high).length,
      medium: myRisks.filter((c) => c['level'] === LEVEL.medium).length,
      uncovered: myRisks.filter((c) => c['covered'] === false).length,
    };
  });
  const factors = new Map<string, FactorFigures>();
  for (const c of coverage) {
    const key = `${String(c['municipality'])}\u0000${String(c['factor'])}`;
    let f = factors.get(key);
    if (!f) {
      f = {
        municipality: String(c['municipality']),
        factor: String(c['factor']),
        high: 0,
        medium: 0,
        uncovered: 0,
      };
      factors.set(key, f);
    }
    if (c['level'] === LEVEL.high) f.high += 1;
    if (c['level'] === LEVEL.medium) f.medium += 1;
    if (c['covered'] === false) f.uncovered += 1;
  }
  const factorNames: Record<string, string> = {};
  for (const r of records(tables, 'risks')) factorNames[String(r['factor'])] ??= String(r['factor_name']);
  return mergeFigures([{ municipalities, factors: [...factors.values()], factorNames }]);
}

/** Figures computed in parts (one municipality at a time, across runs) as one region. */
export function mergeFigures(parts: readonly RegionalFigures[]): RegionalFigures {
  const factorNames: Record<string, string> = {};
  for (const p of parts) for (const [code, name] of Object.entries(p.factorNames)) factorNames[code] ??= name;
  return {
    municipalities: parts.flatMap((p) => p.municipalities).sort(byName),
    factors: parts.flatMap((p) => p.factors).sort((a, b) => byName(a, b) || a.factor.localeCompare(b.factor)),
    factorNames,
  };
}

/** Why a second source with the same municipality code is left out. */
export const duplicateMunicipality = (code: string, other: string): string =>
  `код муниципалитета «${code}» уже есть у «${other}». Задайте каждой книге свой «Код муниципалитета» в листе «Настройки».`;

/** What the sheet holds and where its rules and chart go, computed before any write. */
export interface RegionalSheet {
  grid: CellValue[][];
  width: number;
  boldRows: number[];
  /** Header and municipality rows of the first four columns (name, done, overdue, other): the chart's data. */
  chartRange: [number, number, number, number];
  chartAnchor: [number, number];
  /** Cells coloured when their value is above zero: row, column, rows, columns, colour. */
  alarmRegions: [number, number, number, number, string][];
  /** The «Выполнено, %» column: row, column, rows. */
  percentRegion: [number, number, number] | null;
}

export const REGIONAL_COLORS = { alarm: '#f4c7c3', warn: '#fce8b2', good: '#b7e1cd' } as const;
/** Rows kept free under the table for the chart. */
const CHART_ROWS = 22;

const pct = (done: number, total: number): number | '' =>
  total > 0 ? Math.round((1000 * done) / total) / 10 : '';

export const REGIONAL_HEADER = [
  'Муниципалитет',
  'Выполнено',
  'Просрочено',
  'Остальные',
  'Мероприятий',
  'Выполнено, %',
  'Самый давний просроченный срок',
  'Дней просрочки, наибольшее',
  `Отчётов за ${count(REPORT_WINDOW_DAYS, NOUNS.day)}`,
  'Школ',
  `Школ без отчётов за ${count(REPORT_WINDOW_DAYS, NOUNS.day)}`,
  'Высоких рисков',
  'Средних рисков',
  'Рисков не покрыто мероприятиями',
  'Код',
  'На дату',
] as const;

function line(label: string, f: Omit<MunicipalityFigures, 'municipality' | 'name' | 'as_of'>): CellValue[] {
  return [
    label,
    f.done,
    f.overdue,
    f.activities - f.done - f.overdue,
    f.activities,
    pct(f.done, f.activities),
    f.oldest_overdue_due ? formatRu(f.oldest_overdue_due) : '',
    f.max_days_overdue ?? '',
    f.reports_30d,
    f.schools,
    f.schools_without_reports,
    f.high,
    f.medium,
    f.uncovered,
  ];
}

/** Sum of every municipality: the region's line. */
function total(
  ms: readonly MunicipalityFigures[],
): Omit<MunicipalityFigures, 'municipality' | 'name' | 'as_of'> {
  const sum = (k: keyof MunicipalityFigures): number => ms.reduce((n, m) => n + Number(m[k] ?? 0), 0);
  const dues = ms.map((m) => m.oldest_overdue_due).filter((d): d is string => d !== null);
  const days = ms.map((m) => m.max_days_overdue).filter((d): d is number => d !== null);
  return {
    activities: sum('activities'),
    done: sum('done'),
    overdue: sum('overdue'),
    oldest_overdue_due: dues.length > 0 ? dues.reduce((x, y) => (y < x ? y : x)) : null,
    max_days_overdue: days.length > 0 ? Math.max(...days) : null,
    reports_30d: sum('reports_30d'),
    schools: sum('schools'),
    schools_without_reports: sum('schools_without_reports'),
    high: sum('high'),
    medium: sum('medium'),
    uncovered: sum('uncovered'),
  };
}

/**
 * Lays out the sheet: title; the municipality table with «Итого по региону»; room for the chart; high
 * and medium risks per factor (high / medium / not covered per municipality); sources not read.
 */
export function regionalSheet(
  figures: RegionalFigures,
  failures: readonly RollupFailure[],
  builtAt: string,
): RegionalSheet {
  const rows: CellValue[][] = [];
  const boldRows: number[] = [];
  const alarmRegions: RegionalSheet['alarmRegions'] = [];
  const push = (row: CellValue[], bold = false): number => {
    rows.push(row);
    if (bold) boldRows.push(rows.length);
    return rows.length;
  };
  const ms = figures.municipalities;
  push(['Региональная сводка'], true);
  push([
    `Построено ${builtAt}. Муниципалитетов: ${ms.length}` +
      (failures.length > 0 ? `; не прочитано: ${failures.length} (см. ниже)` : '') +
      `. Статусы и отчёты — на дату каждой книги («На дату»).`,
  ]);
  push([]);
  const header = push([...REGIONAL_HEADER], true);
  for (const m of ms) push([...line(m.name, m), m.municipality, formatRu(m.as_of)]);
  push(line('Итого по региону', total(ms)), true);
  let percentRegion: RegionalSheet['percentRegion'] = null;
  if (ms.length > 0) {
    const top = header + 1;
    const n = ms.length + 1;
    alarmRegions.push(
      [top, 3, n, 1, REGIONAL_COLORS.alarm],
      [top, 11, n, 1, REGIONAL_COLORS.warn],
      [top, 14, n, 1, REGIONAL_COLORS.alarm],
    );
    percentRegion = [top, 6, n];
  }
  const chartRange: RegionalSheet['chartRange'] = [header, 1, ms.length + 1, 4];
  push([]);
  const chartAnchor: [number, number] = [rows.length + 1, 1];
  for (let i = 0; i < CHART_ROWS; i++) push([]);

  const codes = [...new Set(figures.factors.map((f) => f.factor))].sort();
  push(['Высокие и средние риски по факторам: высоких / средних / не покрыто мероприятиями'], true);
  if (codes.length === 0) push(['Высоких и средних рисков нет (или анкеты в книгах не заполнены).']);
  else {
    push(
      ['Муниципалитет', ...codes.flatMap((c) => [`${c} высоких`, `${c} средних`, `${c} не покрыто`])],
      true,
    );
    const top = rows.length + 1;
    const at = new Map(figures.factors.map((f) => [`${f.municipality}\u0000${f.factor}`, f]));
    const cells = (f: FactorFigures | undefined): number[] => [
      f?.high ?? 0,
      f?.medium ?? 0,
      f?.uncovered ?? 0,
    ];
    for (const m of ms) push([m.name, ...codes.flatMap((c) => cells(at.get(`${m.municipality}\u0000${c}`)))]);
    push(
      [
        'Итого по региону',
        ...codes.flatMap((c) => {
          const of = figures.factors.filter((f) => f.factor === c);
          return [0, 1, 2].map((k) => of.reduce((n, f) => n + (cells(f)[k] ?? 0), 0));
        }),
      ],
      true,
    );
    codes.forEach((_, i) => alarmRegions.push([top, 4 + 3 * i, ms.length + 1, 1, REGIONAL_COLORS.alarm]));
    push(['Факторы: ' + codes.map((c) => `${c} — ${figures.factorNames[c] ?? c}`).join('; ')]);
  }

  if (failures.length > 0) {
    push([]);
    push(['Не прочитаны: эти муниципалитеты в сводку не вошли'], true);
    push(['Источник', 'Причина'], true);
    for (const f of failures) push([f.source, f.reason]);
  }
  const width = Math.max(...rows.map((r) => r.length), 1);
  const grid = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  return { grid, width, boldRows, chartRange, chartAnchor, alarmRegions, percentRegion };
}
