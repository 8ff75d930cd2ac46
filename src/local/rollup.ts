/**
 * `roadmap500 rollup <папка|файлы…> --out регион.xlsx`: every municipal workbook (or its Parquet export)
 * into one in-process DuckDB, the roll-up queries of sql/, and `Региональная сводка` written by the same
 * sheet code as the regional Apps Script job. A source that cannot be read is listed with its reason.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Json } from '@duckdb/node-api';
import { messageOf } from '../core/errors';
import { TABLE_NAMES, type DataTables } from '../core/data-model';
import {
  duplicateMunicipality,
  mergeFigures,
  type FactorFigures,
  type MunicipalityFigures,
  type RegionalFigures,
  type RollupFailure,
} from '../core/regional-summary';
import { writeRegionalSummary } from '../sheets/regional-summary-sheet';
import { LocalHost } from './host';
import { ModelDatabase, readQuery, sqlPath } from './model-database';
import { WorkbookError } from './workbook-file';
import { withWorkbookLock } from './workbook-lock';
import { readWorkbookTables } from './workbook-tables';

export interface RollupOptions {
  /** Folders and files: .xlsx workbooks and folders written by `roadmap500 export --parquet`. */
  inputs: string[];
  out: string;
  today?: string;
  /** How long to wait for another run writing `out` (`--wait`, see lockWait); default that of withWorkbookLock. */
  wait?: { waitMs?: number };
}

/** One municipality's data: a workbook, or a folder of Parquet files (one per table). */
export type RollupSource = { kind: 'xlsx'; path: string } | { kind: 'parquet'; path: string };

const isParquetExport = (dir: string): boolean => existsSync(join(dir, 'municipalities.parquet'));
/** Excel's and LibreOffice's lock files, our backups and half-written files are not workbooks of the region. */
const isWorkbook = (name: string): boolean =>
  /\.xlsx$/i.test(name) && !/^(~\$|\.~lock)/.test(name) && !/\.(bak|tmp-\d+)\.xlsx$/i.test(name);

/**
 * The sources named on the command line: a workbook or export folder as given; a folder's workbooks and
 * export subfolders, in name order. The output workbook itself is never a source.
 */
export function rollupSources(inputs: readonly string[], out: string): RollupSource[] {
  const sources: RollupSource[] = [];
  const target = resolve(out);
  const add = (path: string): void => {
    if (resolve(path) !== target) sources.push({ kind: 'xlsx', path });
  };
  for (const input of inputs) {
    if (!existsSync(input)) throw new WorkbookError(`«${input}» не найден. Проверьте путь.`);
    if (!statSync(input).isDirectory()) {
      add(input);
      continue;
    }
    if (isParquetExport(input)) {
      sources.push({ kind: 'parquet', path: input });
      continue;
    }
    for (const name of readdirSync(input).sort((a, b) => a.localeCompare(b, 'ru'))) {
      const path = join(input, name);
      if (statSync(path).isDirectory()) {
        if (isParquetExport(path)) sources.push({ kind: 'parquet', path });
      } else if (isWorkbook(name)) add(path);
    }
  }
  return sources;
}

function parquetFiles(dir: string): Partial<Record<string, string>> {
  const files: Partial<Record<string, string>> = {};
  for (const t of TABLE_NAMES) {
    const file = join(dir, `${t}.parquet`);
    if (existsSync(file)) files[t] = file;
  }
  return files;
}

const text = (v: Json | undefined): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
const count = (v: Json | undefined): number => (v === null || v === undefined ? 0 : Number(v));
const orNull = <T>(v: Json | undefined, f: (v: Json) => T): T | null =>
  v === null || v === undefined ? null : f(v);

/** The figures of every municipality in the database, by the queries of sql/. */
export async function queryFigures(db: ModelDatabase): Promise<RegionalFigures> {
  const municipalities = (await db.query(readQuery('municipality_summary'))).map(
    (r): MunicipalityFigures => ({
      municipality: text(r['municipality']),
      name: text(r['name']),
      as_of: text(r['as_of']),
      activities: count(r['activities']),
      done: count(r['done']),
      overdue: count(r['overdue']),
      oldest_overdue_due: orNull(r['oldest_overdue_due'], String),
      max_days_overdue: orNull(r['max_days_overdue'], Number),
      reports_30d: count(r['reports_30d']),
      schools: count(r['schools']),
      schools_without_reports: count(r['schools_without_reports']),
      high: count(r['high']),
      medium: count(r['medium']),
      uncovered: count(r['uncovered']),
    }),
  );
  const factors = (await db.query(readQuery('factor_risks'))).map((r): FactorFigures => ({
    municipality: text(r['municipality']),
    factor: text(r['factor']),
    high: count(r['high']),
    medium: count(r['medium']),
    uncovered: count(r['uncovered']),
  }));
  const factorNames = Object.fromEntries(
    (await db.query(readQuery('factor_names'))).map((r) => [text(r['factor']), text(r['factor_name'])]),
  );
  // SQL engines order Cyrillic by bytes; people expect the alphabet (mergeFigures sorts so).
  return mergeFigures([{ municipalities, factors, factorNames }]);
}

/** Progress on stderr: a bar on a terminal, nothing when stderr is a file or a pipe. */
function progressBar(total: number): { tick(name: string): void; stop(): void } {
  if (!process.stderr.isTTY || total < 2) return { tick: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'Чтение книг [{bar}] {value}/{total} {name}',
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0, { name: '' });
  return { tick: (name) => bar.increment(1, { name }), stop: () => bar.stop() };
}

export interface RollupResult {
  figures: RegionalFigures;
  failures: RollupFailure[];
}

/**
 * Loads every source into DuckDB and computes the figures. A source that cannot be read, or whose
 * municipality code another source already has, becomes a failure; the rest goes on.
 */
export async function rollup(sources: readonly RollupSource[], today?: string): Promise<RollupResult> {
  const db = await ModelDatabase.open();
  const failures: RollupFailure[] = [];
  const seen = new Map<string, string>();
  const bar = progressBar(sources.length);
  try {
    for (const source of sources) {
      const name = basename(source.path);
      bar.tick(name);
      try {
        let code: string;
        if (source.kind === 'xlsx') {
          const tables: DataTables = await readWorkbookTables(source.path, today);
          code = String(tables.municipalities[0]?.[0] ?? '');
          const other = seen.get(code);
          if (other) throw new WorkbookError(duplicateMunicipality(code, other));
          await db.append(tables);
        } else {
          const files = parquetFiles(source.path);
          const codes = await db.query(
            `SELECT municipality FROM read_parquet(${sqlPath(String(files['municipalities']))})`,
          );
          code = text(codes[0]?.['municipality']);
          const other = seen.get(code);
          if (other) throw new WorkbookError(duplicateMunicipality(code, other));
          await db.appendParquet(files);
        }
        seen.set(code, name);
      } catch (e) {
        failures.push({ source: name, reason: messageOf(e) });
      }
    }
    bar.stop();
    return { figures: await queryFigures(db), failures };
  } finally {
    bar.stop();
    db.close();
  }
}

/** Runs the command: 0 all read, 1 some sources not read (listed in the sheet and on stderr), 2 nothing to do. */
export async function rollupCommand(opts: RollupOptions): Promise<number> {
  const sources = rollupSources(opts.inputs, opts.out);
  if (sources.length === 0)
    throw new WorkbookError(
      `В «${opts.inputs.join('», «')}» нет книг .xlsx и выгрузок Parquet муниципалитетов. Укажите папку с книгами.`,
    );
  const { figures, failures } = await rollup(sources, opts.today);
  // One writer at a time, as for every job: the book is read and replaced under its lock, so a second
  // rollup (or a job on the same book) neither works on a copy about to be replaced nor replaces ours.
  const result = await withWorkbookLock(
    opts.out,
    'roadmap500 rollup',
    async () => {
      const fresh = !existsSync(opts.out);
      const host = fresh ? LocalHost.fromSheets({}) : await LocalHost.open(opts.out);
      const written = writeRegionalSummary(host.services(), figures, failures);
      // A new workbook starts with an empty «Лист1»; the summary is all it needs.
      const ss = host.services().spreadsheetApp.getActiveSpreadsheet();
      const blank = ss.getSheetByName('Лист1');
      if (fresh && blank) ss.deleteSheet(blank);
      // Atomic, with the previous book kept as <книга>.bak.xlsx (commitWorkbook).
      await host.save(opts.out);
      return written;
    },
    opts.wait ?? {},
  );
  for (const f of failures) process.stderr.write(`Не прочитано: ${f.source} — ${f.reason}\n`);
  process.stdout.write(`${result.message}\nКнига записана: ${opts.out}\n`);
  return result.exitCode;
}
