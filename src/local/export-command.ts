/**
 * `roadmap500 export <книга.xlsx> --parquet DIR | --csv DIR [--bigquery-commands]`: the model's tables of
 * one workbook, one file per table, written through DuckDB; optionally the `bq load` commands that load
 * them into BigQuery.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { bigquerySchema } from '../core/bigquery-load';
import { TABLE_NAMES, tableCounts, type DataTables } from '../core/data-model';
import { ModelDatabase, type ExportFormat } from './model-database';
import { readWorkbookTables } from './workbook-tables';
import { WorkbookError } from './workbook-file';

export interface ExportOptions {
  workbook: string;
  dir: string;
  format: ExportFormat;
  today?: string;
  /** Print `bq load` commands for the written files into this BigQuery dataset. */
  bigqueryDataset?: string;
}

const shellQuote = (s: string): string => (/^[\w./:@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * `bq` commands that create the dataset (if missing) and append each table's file to its table.
 */
export function bigqueryCommands(dataset: string, files: readonly string[], format: ExportFormat): string[] {
  const lines = [`bq mk -f --dataset ${shellQuote(dataset)}`];
  TABLE_NAMES.forEach((t, i) => {
    const file = files[i];
    if (!file) return;
    const target = `${shellQuote(`${dataset}.${t}`)} ${shellQuote(file)}`;
    // Parquet describes its own columns (DATE stays DATE, the UTC instant becomes TIMESTAMP); CSV needs the
    // schema, and titles and comments span lines inside quotes.
    if (format === 'parquet') lines.push(`bq load --source_format=PARQUET ${target}`);
    else {
      const schema = bigquerySchema(t)
        .map((f) => `${f.name}:${f.type}`)
        .join(',');
      lines.push(
        `bq load --source_format=CSV --skip_leading_rows=1 --allow_quoted_newlines ${target} ${schema}`,
      );
    }
  });
  return lines;
}

/** Writes the files; 0 done (the workbook's problems are validateRoadmap's to report), 2 unusable input. */
export async function exportWorkbook(opts: ExportOptions): Promise<number> {
  if (existsSync(opts.dir) && !statSync(opts.dir).isDirectory())
    throw new WorkbookError(`«${opts.dir}» — это файл, а для выгрузки нужна папка. Укажите другую.`);
  const tables: DataTables = await readWorkbookTables(opts.workbook, opts.today);
  mkdirSync(opts.dir, { recursive: true });
  const db = await ModelDatabase.open();
  let files: string[];
  try {
    await db.append(tables);
    files = await db.exportTo(opts.dir, opts.format);
  } finally {
    db.close();
  }
  const municipality = String(tables.municipalities[0]?.[0] ?? '');
  // One workbook is one municipality: its count would only say «1 муниципалитет».
  const counted = TABLE_NAMES.filter((t) => t !== 'municipalities');
  process.stderr.write(
    `Муниципалитет «${municipality}»: ${tableCounts(tables, counted)}.\n` +
      `Файлы (${files.length}) записаны в папку: ${opts.dir}\n`,
  );
  if (opts.bigqueryDataset !== undefined)
    process.stdout.write(`${bigqueryCommands(opts.bigqueryDataset, files, opts.format).join('\n')}\n`);
  return 0;
}
