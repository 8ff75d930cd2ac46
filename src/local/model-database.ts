/**
 * The model's tables (src/core/data-model.ts) in an in-process DuckDB: created from the one schema,
 * filled from workbooks or Parquet exports, written out as Parquet or CSV, queried with sql/*.sql.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  dateValue,
  DuckDBInstance,
  timestampTZValue,
  type DuckDBAppender,
  type DuckDBConnection,
  type Json,
} from '@duckdb/node-api';
import { dayNumber } from '../core/dates';
import { TABLE_NAMES, TABLES, type ColumnType, type DataTables, type ModelValue } from '../core/data-model';
import { projectRoot } from './project';

export type ExportFormat = 'parquet' | 'csv';

/** A path inside a single-quoted SQL string literal. */
export const sqlPath = (path: string): string => `'${path.replace(/'/g, "''")}'`;

/** The roll-up queries shipped in sql/ (the subset of SQL that DuckDB and BigQuery both run). */
export function readQuery(name: string): string {
  return readFileSync(join(projectRoot(), 'sql', `${name}.sql`), 'utf8');
}

function append(appender: DuckDBAppender, type: ColumnType, v: ModelValue): void {
  if (v === null) return appender.appendNull();
  switch (type) {
    case 'VARCHAR':
      return appender.appendVarchar(String(v));
    case 'INTEGER':
      return appender.appendInteger(Number(v));
    case 'DOUBLE':
      return appender.appendDouble(Number(v));
    case 'BOOLEAN':
      return appender.appendBoolean(Boolean(v));
    case 'DATE':
      return appender.appendDate(dateValue(dayNumber(String(v))));
    case 'TIMESTAMPTZ':
      return appender.appendTimestampTZ(timestampTZValue(BigInt((v as Date).getTime()) * 1000n));
  }
}

export class ModelDatabase {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** An in-memory database with every table of the model, empty. */
  static async open(): Promise<ModelDatabase> {
    const instance = await DuckDBInstance.create(':memory:');
    const db = new ModelDatabase(instance, await instance.connect());
    for (const t of TABLE_NAMES)
      await db.run(`CREATE TABLE ${t} (${TABLES[t].map((c) => `${c.name} ${c.type}`).join(', ')})`);
    return db;
  }

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  /** Rows as objects: DATE as 'YYYY-MM-DD', BIGINT (counts) as a decimal string, NULL as null. */
  async query(sql: string): Promise<Record<string, Json>[]> {
    return (await this.connection.runAndReadAll(sql)).getRowObjectsJson();
  }

  /** Appends the rows of every table (one appender per table). */
  async append(tables: DataTables): Promise<void> {
    for (const t of TABLE_NAMES) {
      if (tables[t].length === 0) continue;
      const types = TABLES[t].map((c) => c.type);
      const appender = await this.connection.createAppender(t);
      for (const row of tables[t]) {
        types.forEach((type, i) => append(appender, type, row[i] ?? null));
        appender.endRow();
      }
      appender.closeSync();
    }
  }

  /** Appends the tables of a folder written by exportTo(dir, 'parquet'); a table without its file stays as it is. */
  async appendParquet(files: Partial<Record<string, string>>): Promise<void> {
    for (const t of TABLE_NAMES) {
      const file = files[t];
      if (!file) continue;
      const columns = TABLES[t].map((c) => c.name).join(', ');
      await this.run(`INSERT INTO ${t} SELECT ${columns} FROM read_parquet(${sqlPath(file)})`);
    }
  }

  /** One file per table: DIR/<table>.parquet or DIR/<table>.csv (UTF-8, header row). */
  async exportTo(dir: string, format: ExportFormat): Promise<string[]> {
    const files: string[] = [];
    for (const t of TABLE_NAMES) {
      const file = join(dir, `${t}.${format}`);
      const options = format === 'parquet' ? 'FORMAT parquet, COMPRESSION zstd' : 'FORMAT csv, HEADER true';
      await this.run(`COPY ${t} TO ${sqlPath(file)} (${options})`);
      files.push(file);
    }
    return files;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
