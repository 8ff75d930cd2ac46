/**
 * npm run bench:region — the roll-up at regional and national scale (issue 18), kept out of `npm run
 * bench` because it writes a few gigabytes and runs for minutes:
 * - `roadmap500 rollup` of 200 generated municipal workbooks (target < 60 s);
 * - the roll-up SQL of sql/ and a questionnaire aggregation in DuckDB over Parquet with 10 million report
 *   rows and 50 million questionnaire answers, generated straight into Parquet by DuckDB (target < 10 s,
 *   < 2 GB).
 * Each phase runs in its own process, so the peak memory printed is that phase's alone.
 * Sizes: BENCH_WORKBOOKS (200), BENCH_REPORTS (10000000), BENCH_ANSWERS (50000000); data in a temporary
 * folder, removed at the end.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TABLE_NAMES, TABLES, type TableName } from '../src/core/data-model';
import { ModelDatabase, readQuery, sqlPath } from '../src/local/model-database';
import { rollupCommand } from '../src/local/rollup';
import { SAMPLE_REGION_TODAY, sampleRegion } from '../src/local/sample-region';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const WORKBOOKS = env('BENCH_WORKBOOKS', 200);
const REPORTS = env('BENCH_REPORTS', 10_000_000);
const ANSWERS = env('BENCH_ANSWERS', 50_000_000);
/** The national shape: municipalities, schools in each, activities in each roadmap. */
const MUNICIPALITIES = 2_500;
const SCHOOLS = 50_000;
const ACTIVITIES = 250_000;
const FACTORS = 10;
const QUESTIONS = 30;

/** DuckDB's own limits for the query phase: the machine's 2 cores, and less memory than the 2 GB target. */
const DUCKDB_SETTINGS = [
  'SET threads = 2',
  "SET memory_limit = '1500MB'",
  'SET preserve_insertion_order = false',
];

const peakMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const since = (t: number): number => Math.round(performance.now() - t);
/** CPU time of the whole process (DuckDB's threads included) since `from`, ms: wall time on a shared machine waits for cores. */
const cpuSince = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return Math.round((d.user + d.system) / 1000);
};

/** Generator expressions of the national tables (DuckDB-only SQL: this is test data, not the roll-up). */
const M = `'M' || CAST(i % ${MUNICIPALITIES} AS VARCHAR)`;
const GENERATED: Partial<Record<TableName, { rows: number; columns: Record<string, string> }>> = {
  municipalities: {
    rows: MUNICIPALITIES,
    columns: {
      municipality: M,
      name: `'Муниципалитет ' || CAST(i AS VARCHAR)`,
      as_of: `DATE '${SAMPLE_REGION_TODAY}'`,
      time_zone: `'Europe/Moscow'`,
      period_start: `DATE '2021-01-01'`,
      period_end: `DATE '2023-12-31'`,
    },
  },
  activities: {
    rows: ACTIVITIES,
    columns: {
      municipality: M,
      activity_id: `CAST(i // ${MUNICIPALITIES} AS VARCHAR)`,
      title: `'Мероприятие ' || CAST(i AS VARCHAR)`,
      due: `DATE '2021-01-01' + CAST(i % 900 AS INTEGER)`,
      status: `CASE i % 5 WHEN 0 THEN 'Выполнено' WHEN 1 THEN 'Просрочено' WHEN 2 THEN 'В работе' WHEN 3 THEN 'Скоро срок' ELSE 'Запланировано' END`,
      days_overdue: `CASE i % 5 WHEN 1 THEN CAST(i % 400 AS INTEGER) ELSE 0 END`,
    },
  },
  schools: {
    rows: SCHOOLS,
    columns: { municipality: M, school: `'S' || CAST(i AS VARCHAR)`, name: `'Школа ' || CAST(i AS VARCHAR)` },
  },
  reports: {
    rows: REPORTS,
    columns: {
      // The school (i mod SCHOOLS) belongs to municipality (school mod MUNICIPALITIES), as in `schools`.
      municipality: M,
      time: `to_timestamp(1617267600 + (i % 525600) * 60)`,
      report_date: `DATE '2021-04-01' + CAST((i % 525600) // 1440 AS INTEGER)`,
      school: `'S' || CAST(i % ${SCHOOLS} AS VARCHAR)`,
      activity_id: `CAST((i // ${SCHOOLS}) % 100 AS VARCHAR)`,
      period: `''`,
      status: `CASE i % 4 WHEN 0 THEN 'Выполнено' WHEN 1 THEN 'В работе' WHEN 2 THEN 'Частично выполнено' ELSE 'Не выполнено' END`,
    },
  },
  coverage: {
    rows: SCHOOLS * FACTORS,
    columns: {
      municipality: `'M' || CAST((i // ${FACTORS}) % ${MUNICIPALITIES} AS VARCHAR)`,
      school: `'S' || CAST(i // ${FACTORS} AS VARCHAR)`,
      factor: `'R' || lpad(CAST(i % ${FACTORS} + 1 AS VARCHAR), 2, '0')`,
      level: `CASE WHEN hash(i) % 3 = 0 THEN 'высокий' ELSE 'средний' END`,
      score: `0.35 + (hash(i) % 60) / 100`,
      activities: `CAST(hash(i) % 3 AS INTEGER)`,
      covered: `hash(i) % 3 > 0`,
    },
  },
  risks: {
    rows: SCHOOLS * FACTORS,
    columns: {
      municipality: `'M' || CAST((i // ${FACTORS}) % ${MUNICIPALITIES} AS VARCHAR)`,
      school: `'S' || CAST(i // ${FACTORS} AS VARCHAR)`,
      factor: `'R' || lpad(CAST(i % ${FACTORS} + 1 AS VARCHAR), 2, '0')`,
      factor_name: `'Фактор ' || CAST(i % ${FACTORS} + 1 AS VARCHAR)`,
      score: `(hash(i) % 100) / 100`,
      level: `'средний'`,
      respondents: `CAST(hash(i) % 40 AS INTEGER)`,
    },
  },
};

/**
 * Questionnaire answers in long form (one row per respondent × question), the national shape of `Ответы`:
 * a fact table keyed by integers (school = row number of `schools`, factor 1…10), as a national store
 * keeps 50 million rows; codes and names stay in the dimension tables. Rows arrive school by school, as
 * each school's form export is loaded.
 */
const RESPONDENTS_PER_SCHOOL = Math.ceil(ANSWERS / QUESTIONS / SCHOOLS);
const ANSWERS_SELECT = `
  SELECT
    CAST((i // ${QUESTIONS}) // ${RESPONDENTS_PER_SCHOOL} AS INTEGER) AS school_id,
    CAST(i // ${QUESTIONS} AS INTEGER) AS respondent,
    CAST(i % ${QUESTIONS} AS SMALLINT) AS question,
    CAST(i % ${QUESTIONS} % ${FACTORS} + 1 AS SMALLINT) AS factor,
    CAST((i // ${QUESTIONS}) % 4 AS SMALLINT) AS role,
    CAST((i * 7919 + i // ${QUESTIONS}) % 5 + 1 AS SMALLINT) AS value
  FROM range(${ANSWERS}) AS t(i)`;

/** The national risk scores: per school and factor the mean answer (0..1) and the respondents behind it. */
const ANSWER_SCORES = `
  SELECT school_id, factor,
    AVG((value - 1) / 4) AS score,
    COUNT(DISTINCT respondent) AS respondents
  FROM answers
  GROUP BY school_id, factor`;

async function generateParquet(dir: string): Promise<Record<string, unknown>> {
  const t = performance.now();
  const db = await ModelDatabase.open();
  try {
    for (const s of DUCKDB_SETTINGS) await db.run(s);
    for (const table of TABLE_NAMES) {
      const spec = GENERATED[table];
      const columns = TABLES[table]
        .map((c) => `${spec?.columns[c.name] ?? `CAST(NULL AS ${c.type})`} AS ${c.name}`)
        .join(', ');
      await db.run(
        `COPY (SELECT ${columns} FROM range(${spec?.rows ?? 0}) AS t(i)) TO ${sqlPath(join(dir, `${table}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
    await db.run(
      `COPY (${ANSWERS_SELECT}) TO ${sqlPath(join(dir, 'answers.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    db.close();
  }
  const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  return { ms: since(t), megabytes: Math.round(bytes / 2 ** 20), peakMb: peakMb() };
}

async function queryParquet(dir: string): Promise<Record<string, unknown>> {
  const db = await ModelDatabase.open();
  const timings: Record<string, { ms: number; cpuMs: number }> = {};
  try {
    for (const s of DUCKDB_SETTINGS) await db.run(s);
    // The model's tables become views over the files: the very SQL of sql/ runs unchanged.
    for (const table of [...TABLE_NAMES, 'answers']) {
      await db.run(`DROP TABLE IF EXISTS ${table}`);
      await db.run(
        `CREATE VIEW ${table} AS SELECT * FROM read_parquet(${sqlPath(join(dir, `${table}.parquet`))})`,
      );
    }
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    /** Times a query; `count` says how many rows it gave (for a CREATE TABLE … AS, the new table's). */
    const time = async (label: string, sql: string, count?: string): Promise<void> => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const rows = await db.query(sql);
      const timing = { ms: since(t), cpuMs: cpuSince(cpu) };
      const n = count ? Number((await db.query(count))[0]?.['n']) : rows.length;
      timings[`${label} (${n} rows)`] = timing;
    };
    for (const name of ['municipality_summary', 'factor_risks', 'factor_names'])
      await time(name, readQuery(name));
    // Materialized in DuckDB (as a national job would store them), not shipped to JavaScript row by row.
    await time(
      'answer scores per school × factor',
      `CREATE TABLE answer_scores AS ${ANSWER_SCORES}`,
      'SELECT COUNT(*) AS n FROM answer_scores',
    );
    timings['all queries'] = { ms: since(t0), cpuMs: cpuSince(cpu0) };
  } finally {
    db.close();
  }
  return { timings, peakMb: peakMb() };
}

async function phase(name: string, dir: string): Promise<Record<string, unknown>> {
  const quiet = (): boolean => true;
  switch (name) {
    case 'workbooks': {
      const t = performance.now();
      process.stdout.write = quiet;
      await sampleRegion({ municipalities: WORKBOOKS, dir });
      return { ms: since(t) };
    }
    case 'rollup': {
      const t = performance.now();
      const cpu = process.cpuUsage();
      process.stdout.write = quiet;
      const code = await rollupCommand({
        inputs: [dir],
        out: join(dir, '..', 'region.xlsx'),
        today: SAMPLE_REGION_TODAY,
      });
      return { ms: since(t), cpuMs: cpuSince(cpu), exitCode: code, peakMb: peakMb() };
    }
    case 'parquet':
      return generateParquet(dir);
    case 'queries':
      return queryParquet(dir);
    default:
      throw new Error(`unknown phase ${name}`);
  }
}

/** Runs a phase in a child process and returns what it printed as JSON on stderr's last line. */
function child(name: string, dir: string): Record<string, unknown> {
  const r = spawnSync(process.execPath, [__filename, name, dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  if (r.status !== 0) throw new Error(`phase ${name} failed: ${r.stderr}`);
  return JSON.parse(last) as Record<string, unknown>;
}

const line = (label: string, value: string, target = ''): void =>
  console.log(`${label.padEnd(62)} ${value.padStart(12)}  ${target}`);

function main(): void {
  const root = mkdtempSync(join(tmpdir(), 'roadmap500-bench-region-'));
  try {
    console.log('Roadmap 500+ regional benchmark (Node + DuckDB, this machine)\n');
    const books = join(root, 'books');
    mkdirSync(books);
    const made = child('workbooks', books);
    line(`sample-region: ${WORKBOOKS} municipal workbooks written`, `${String(made['ms'])} ms`);
    const rolled = child('rollup', books);
    line(
      `rollup of ${WORKBOOKS} workbooks → «Региональная сводка»`,
      `${String(rolled['ms'])} ms`,
      `CPU ${String(rolled['cpuMs'])} ms; peak ${String(rolled['peakMb'])} MB; target < 60 s`,
    );
    const national = join(root, 'national');
    mkdirSync(national);
    const generated = child('parquet', national);
    line(
      `Parquet by DuckDB: ${REPORTS} reports, ${ANSWERS} answers, …`,
      `${String(generated['ms'])} ms`,
      `${String(generated['megabytes'])} MB on disk; peak ${String(generated['peakMb'])} MB`,
    );
    const queried = child('queries', national);
    for (const [label, t] of Object.entries(
      queried['timings'] as Record<string, { ms: number; cpuMs: number }>,
    ))
      line(
        `  ${label}`,
        `${t.ms} ms`,
        `CPU ${t.cpuMs} ms` +
          (label === 'all queries' ? `; peak ${String(queried['peakMb'])} MB; targets < 10 s, < 2 GB` : ''),
      );
    // Wall time on a shared machine includes waiting for a core; CPU time is what the work itself took.
    console.log(
      `\nLoad average: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${cpus().length} cores.`,
    );
    const results = {
      date: new Date().toISOString(),
      WORKBOOKS,
      REPORTS,
      ANSWERS,
      made,
      rolled,
      generated,
      queried,
    };
    writeFileSync(
      join(__dirname, '..', 'bench', 'region-results.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    console.log('\nbench/region-results.json written');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const [, , phaseName, phaseDir] = process.argv;
if (phaseName && phaseDir)
  phase(phaseName, phaseDir).then(
    (r) => process.stderr.write(`\n${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
else main();
