/**
 * The model's tables as BigQuery sees them: column types, load-job schemas and CSV bodies. One mapping for
 * the `bq load` commands of `roadmap500 export` and the regional job «Выгрузить в BigQuery».
 */
import { TABLES, type ColumnType, type ModelRow, type ModelValue, type TableName } from './data-model';
import { isDateValue } from './dates';

export const BIGQUERY_TYPES: Record<ColumnType, string> = {
  VARCHAR: 'STRING',
  INTEGER: 'INT64',
  DOUBLE: 'FLOAT64',
  DATE: 'DATE',
  TIMESTAMPTZ: 'TIMESTAMP',
  BOOLEAN: 'BOOL',
};

export interface BigQueryField {
  name: string;
  type: string;
  mode: 'NULLABLE';
}

/** The table's columns in order, as a load job's `schema.fields`. */
export function bigquerySchema(table: TableName): BigQueryField[] {
  return TABLES[table].map((c) => ({ name: c.name, type: BIGQUERY_TYPES[c.type], mode: 'NULLABLE' }));
}

function csvCell(v: ModelValue): string {
  if (v === null) return '';
  // An instant: UTC with its zone, which BigQuery loads as TIMESTAMP (DATE columns hold ISO dates already).
  if (isDateValue(v)) return v.toISOString();
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * RFC 4180 CSV with a header row (the load skips it); an empty cell is NULL. Titles and comments may span
 * lines inside quotes, so the load needs allowQuotedNewlines.
 */
export function tableCsv(table: TableName, rows: readonly ModelRow[]): string {
  const header = TABLES[table].map((c) => c.name).join(',');
  return [header, ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}
