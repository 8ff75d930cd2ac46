/**
 * The data model of record: the normalized tables the jobs compute (activities with their statuses,
 * reports, indicator values, risk profiles, coverage), one schema for every engine (DuckDB, BigQuery,
 * the regional summary) and a pure function that fills it from what a workbook's jobs computed.
 * docs/data-model.md documents the same schema for people; a test keeps the two in step.
 */
import type { CoverageRow } from './coverage';
import { dateInZone, isDateValue, type IsoDate } from './dates';
import type { IndicatorProgress } from './indicators';
import { count, NOUNS, type NounForms } from './plural';
import type { ActivityStatus, Report } from './layouts';
import type { RiskProfiles } from './risk';
import { ROLES } from './risk-catalog';
import type { Activity } from './roadmap-model';
import type { School } from './schools';
import type { Settings } from './settings';
import { statusForSchool } from './status';

/**
 * Column types, as DuckDB names them (BigQuery: STRING, INT64, FLOAT64, DATE, TIMESTAMP, BOOL). An instant
 * is TIMESTAMPTZ: Parquet then marks it as UTC, and BigQuery loads it as TIMESTAMP, not DATETIME.
 */
export type ColumnType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'DATE' | 'TIMESTAMPTZ' | 'BOOLEAN';

export interface Column {
  name: string;
  type: ColumnType;
  /** What the column means, in Russian, for docs/data-model.md. */
  meaning: string;
}

const MUNICIPALITY: Column = {
  name: 'municipality',
  type: 'VARCHAR',
  meaning: 'код муниципалитета («Код муниципалитета» в «Настройках», иначе имя книги или таблицы)',
};

/** Every table of the model, its columns in order. The first column of each is the municipality. */
export const TABLES = {
  municipalities: [
    MUNICIPALITY,
    { name: 'name', type: 'VARCHAR', meaning: 'имя книги (файла без .xlsx) или Google Таблицы' },
    { name: 'as_of', type: 'DATE', meaning: '«сегодня» расчёта статусов в часовом поясе таблицы' },
    { name: 'time_zone', type: 'VARCHAR', meaning: 'часовой пояс таблицы, например Europe/Moscow' },
    { name: 'period_start', type: 'DATE', meaning: 'начало периода дорожной карты' },
    { name: 'period_end', type: 'DATE', meaning: 'конец периода дорожной карты' },
  ],
  activities: [
    MUNICIPALITY,
    { name: 'activity_id', type: 'VARCHAR', meaning: 'ID мероприятия («2.4.3»), уникален в книге' },
    { name: 'number', type: 'VARCHAR', meaning: 'номер, как написан в строке' },
    { name: 'section', type: 'VARCHAR', meaning: 'разделы от внешнего к внутреннему через « / »' },
    { name: 'title', type: 'VARCHAR', meaning: 'наименование мероприятия' },
    { name: 'deadline_text', type: 'VARCHAR', meaning: 'срок, как написан' },
    { name: 'due', type: 'DATE', meaning: 'ближайший (или пропущенный) срок; пусто — без срока' },
    { name: 'responsible', type: 'VARCHAR', meaning: 'ответственные, как написаны' },
    { name: 'parties', type: 'INTEGER', meaning: 'число ответственных (строки — в activity_parties)' },
    { name: 'status', type: 'VARCHAR', meaning: 'статус: Выполнено, Просрочено, Скоро срок, …' },
    { name: 'days_overdue', type: 'INTEGER', meaning: 'дней просрочки (0, если не просрочено)' },
    { name: 'missing_period', type: 'VARCHAR', meaning: 'регулярное: период без отчёта («март 2021»)' },
    { name: 'expected_result', type: 'VARCHAR', meaning: 'ожидаемый результат' },
    { name: 'indicator', type: 'VARCHAR', meaning: 'показатель' },
    { name: 'planned', type: 'VARCHAR', meaning: 'плановое значение, как написано' },
    { name: 'source_row', type: 'INTEGER', meaning: 'строка мероприятия в листе «Мероприятия»' },
  ],
  activity_parties: [
    MUNICIPALITY,
    { name: 'activity_id', type: 'VARCHAR', meaning: 'ID мероприятия' },
    { name: 'party', type: 'VARCHAR', meaning: 'ответственный («ММЦ», «Лаврентьева С.А.»)' },
    {
      name: 'has_email',
      type: 'BOOLEAN',
      meaning: 'адрес найден в «Ответственных» (сам адрес не выгружается)',
    },
  ],
  reports: [
    MUNICIPALITY,
    { name: 'time', type: 'TIMESTAMPTZ', meaning: 'время отчёта, UTC; пусто, если не прочитано' },
    { name: 'report_date', type: 'DATE', meaning: 'дата отчёта в часовом поясе таблицы' },
    { name: 'school', type: 'VARCHAR', meaning: 'код школы, как в «Школах»' },
    { name: 'activity_id', type: 'VARCHAR', meaning: 'ID мероприятия' },
    { name: 'period', type: 'VARCHAR', meaning: 'период регулярного мероприятия («2021-03»), иначе пусто' },
    { name: 'status', type: 'VARCHAR', meaning: 'Выполнено, Частично выполнено, В работе, Не выполнено' },
    { name: 'fact', type: 'VARCHAR', meaning: 'фактическое значение, как написано' },
    { name: 'comment', type: 'VARCHAR', meaning: 'комментарий школы' },
    { name: 'link', type: 'VARCHAR', meaning: 'ссылка на подтверждение' },
  ],
  indicators: [
    MUNICIPALITY,
    { name: 'indicator', type: 'VARCHAR', meaning: 'наименование показателя' },
    { name: 'unit', type: 'VARCHAR', meaning: 'единица измерения' },
    { name: 'activity_id', type: 'VARCHAR', meaning: 'ID мероприятия показателя или пусто' },
    { name: 'period', type: 'VARCHAR', meaning: 'год («2021») или пусто — весь период' },
    { name: 'planned', type: 'DOUBLE', meaning: 'плановое значение числом' },
    { name: 'planned_text', type: 'VARCHAR', meaning: 'плановое значение, как написано' },
    { name: 'fact', type: 'DOUBLE', meaning: 'фактическое значение' },
    { name: 'fact_source', type: 'VARCHAR', meaning: '«вручную», «отчёты» или пусто' },
    { name: 'percent', type: 'DOUBLE', meaning: 'процент выполнения плана' },
    { name: 'status', type: 'VARCHAR', meaning: 'достигнуто, не достигнуто, нет данных' },
    { name: 'reports', type: 'INTEGER', meaning: 'отчётов за фактом' },
    { name: 'schools', type: 'INTEGER', meaning: 'школ за фактом' },
  ],
  schools: [
    MUNICIPALITY,
    { name: 'school', type: 'VARCHAR', meaning: 'код школы' },
    { name: 'name', type: 'VARCHAR', meaning: 'краткое (иначе полное) наименование' },
    { name: 'full_name', type: 'VARCHAR', meaning: 'полное наименование' },
  ],
  risks: [
    MUNICIPALITY,
    { name: 'school', type: 'VARCHAR', meaning: 'код школы' },
    { name: 'factor', type: 'VARCHAR', meaning: 'код фактора риска («R01»)' },
    { name: 'factor_name', type: 'VARCHAR', meaning: 'наименование фактора' },
    { name: 'score', type: 'DOUBLE', meaning: 'балл риска 0…1; пусто — никто не ответил' },
    { name: 'level', type: 'VARCHAR', meaning: 'высокий, средний, низкий, недостаточно данных' },
    { name: 'respondents', type: 'INTEGER', meaning: 'ответивших хотя бы на один вопрос фактора' },
    { name: 'directors', type: 'INTEGER', meaning: 'из них директоров' },
    { name: 'teachers', type: 'INTEGER', meaning: 'из них учителей' },
    { name: 'students', type: 'INTEGER', meaning: 'из них учеников' },
    { name: 'parents', type: 'INTEGER', meaning: 'из них родителей' },
  ],
  coverage: [
    MUNICIPALITY,
    { name: 'school', type: 'VARCHAR', meaning: 'код школы' },
    { name: 'factor', type: 'VARCHAR', meaning: 'код фактора с высоким или средним риском' },
    { name: 'level', type: 'VARCHAR', meaning: 'высокий или средний' },
    { name: 'score', type: 'DOUBLE', meaning: 'балл риска' },
    { name: 'activities', type: 'INTEGER', meaning: 'мероприятий, покрывающих риск' },
    { name: 'activity_ids', type: 'VARCHAR', meaning: 'их ID через запятую' },
    { name: 'covered', type: 'BOOLEAN', meaning: 'покрыт хотя бы одним мероприятием' },
  ],
  activity_schools: [
    MUNICIPALITY,
    { name: 'activity_id', type: 'VARCHAR', meaning: 'ID мероприятия, по которому школа должна отчитаться' },
    { name: 'school', type: 'VARCHAR', meaning: 'код школы, как в «Школах»' },
    {
      name: 'status',
      type: 'VARCHAR',
      meaning: 'статус мероприятия у этой школы — по её собственным отчётам (Просрочено, Скоро срок, …)',
    },
  ],
} as const satisfies Record<string, readonly Column[]>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/**
 * What one row of each table is, in Russian, for the counts a coordinator reads («28 мероприятий»); the
 * table and file names stay English, as DuckDB, BigQuery and the SQL of sql/ use them.
 */
export const TABLE_ROWS: Record<TableName, NounForms> = {
  municipalities: ['муниципалитет', 'муниципалитета', 'муниципалитетов'],
  activities: NOUNS.activity,
  activity_parties: ['назначение ответственного', 'назначения ответственных', 'назначений ответственных'],
  reports: NOUNS.report,
  indicators: ['значение показателя', 'значения показателей', 'значений показателей'],
  schools: NOUNS.school,
  risks: ['оценка риска', 'оценки рисков', 'оценок рисков'],
  coverage: ['высокий или средний риск', 'высоких или средних риска', 'высоких или средних рисков'],
  activity_schools: ['назначение школы', 'назначения школ', 'назначений школ'],
};

/** «28 мероприятий, 61 назначение ответственного, …»: the rows of the given tables, in Russian. */
export function tableCounts(tables: DataTables, names: readonly TableName[] = TABLE_NAMES): string {
  return names.map((t) => count(tables[t].length, TABLE_ROWS[t])).join(', ');
}

/** A cell of a table: DATE as 'YYYY-MM-DD', TIMESTAMPTZ as a Date, empty as null. */
export type ModelValue = string | number | boolean | Date | null;
/** One row: the values of the table's columns, in order. */
export type ModelRow = ModelValue[];
export type DataTables = Record<TableName, ModelRow[]>;

/** What a workbook's jobs computed, as the model needs it (see src/sheets/data-tables.ts). */
export interface WorkbookData {
  municipality: string;
  name: string;
  asOf: IsoDate;
  timeZone: string;
  settings: Pick<Settings, 'periodStart' | 'periodEnd'>;
  activities: readonly Activity[];
  statuses: ReadonlyMap<string, ActivityStatus>;
  /** Activity id → codes of the schools that must each report it (schools.ts assignmentsOf). */
  assigned: ReadonlyMap<string, readonly string[]>;
  reports: readonly Report[];
  indicators: readonly IndicatorProgress[];
  schools: readonly School[];
  /** Null when the workbook has no questionnaire (no `Ответы`, `Анкета` or `Школы`). */
  profiles: Pick<RiskProfiles, 'factors' | 'schools'> | null;
  coverage: readonly CoverageRow[] | null;
}

/**
 * The municipality's code: «Код муниципалитета» of `Настройки` when filled, else the workbook's name
 * (the file name without .xlsx locally, the spreadsheet's name in Google Sheets).
 */
export function municipalityCode(settings: Pick<Settings, 'municipalityCode'>, workbookName: string): string {
  return settings.municipalityCode.trim() || workbookName.trim();
}

const orNull = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);

/** The normalized tables of one workbook; every row starts with its municipality code. */
export function normalizedTables(data: WorkbookData): DataTables {
  const m = data.municipality;
  const activities: ModelRow[] = [];
  const parties: ModelRow[] = [];
  const assignments: ModelRow[] = [];
  for (const a of data.activities) {
    const s = data.statuses.get(a.id);
    activities.push([
      m,
      a.id,
      a.number,
      a.sectionPath.join(' / '),
      a.title,
      a.deadlineText,
      orNull(s?.due),
      a.responsibleText,
      a.responsible.length,
      orNull(s?.status),
      s?.daysOverdue ?? 0,
      s?.missingPeriod ?? '',
      a.expectedResult,
      a.indicator,
      a.planned,
      a.sourceRow,
    ]);
    for (const p of a.responsible) parties.push([m, a.id, p.name, p.email !== undefined]);
    for (const code of data.assigned.get(a.id) ?? [])
      assignments.push([m, a.id, code, orNull(statusForSchool(s, code)?.status)]);
  }
  const reports = data.reports.map((r): ModelRow => {
    const valid = isDateValue(r.time);
    return [
      m,
      valid ? r.time : null,
      valid ? dateInZone(r.time, data.timeZone) : null,
      r.school,
      r.activityId,
      r.period,
      r.status,
      r.fact,
      r.comment,
      r.link,
    ];
  });
  const indicators = data.indicators.map((p): ModelRow => [
    m,
    p.indicator.name,
    p.indicator.unit,
    p.indicator.activityId,
    p.period,
    p.planned,
    p.plannedText,
    p.fact,
    p.factSource,
    p.percent,
    p.status,
    p.reports,
    p.schools,
  ]);
  const schools = data.schools.map((s): ModelRow => [m, s.code, s.shortName || s.fullName, s.fullName]);
  const risks: ModelRow[] = [];
  for (const p of data.profiles?.schools ?? []) {
    p.cells.forEach((c, f) => {
      const factor = data.profiles?.factors[f];
      if (!factor) return;
      risks.push([
        m,
        p.school.code,
        factor.code,
        factor.name,
        c.score,
        c.level,
        c.respondents,
        ...ROLES.map((r) => c.byRole[r]),
      ]);
    });
  }
  const coverage = (data.coverage ?? []).map((c): ModelRow => [
    m,
    c.school.code,
    c.factor.code,
    c.level,
    c.score,
    c.matches.length,
    c.matches.map((match) => match.activity.id).join(', '),
    c.matches.length > 0,
  ]);
  return {
    municipalities: [
      [m, data.name, data.asOf, data.timeZone, data.settings.periodStart, data.settings.periodEnd],
    ],
    activities,
    activity_parties: parties,
    reports,
    indicators,
    schools,
    risks,
    coverage,
    activity_schools: assignments,
  };
}

/** Tables of several workbooks, one after another. */
export function concatTables(parts: readonly DataTables[]): DataTables {
  const out = Object.fromEntries(TABLE_NAMES.map((t) => [t, [] as ModelRow[]])) as DataTables;
  for (const part of parts) for (const t of TABLE_NAMES) for (const row of part[t]) out[t].push(row);
  return out;
}
