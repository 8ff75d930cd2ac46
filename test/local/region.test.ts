/**
 * The regional roll-up end to end: generated municipal workbooks, `rollup` through DuckDB and sql/, the
 * same figures as each workbook's own jobs, the TypeScript figures of the Apps Script path, export round trips.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  concatTables,
  TABLE_NAMES,
  TABLES,
  type DataTables,
  type ModelRow,
  type ModelValue,
  type TableName,
} from '../../src/core/data-model';
import { addDays, dateInZone, isDateValue } from '../../src/core/dates';
import { count, NOUNS } from '../../src/core/plural';
import { regionalFigures, type MunicipalityFigures } from '../../src/core/regional-summary';
import { AWAITING_REPORT, statusForSchool } from '../../src/core/status';
import { LocalHost } from '../../src/local/host';
import { ModelDatabase, sqlPath } from '../../src/local/model-database';
import { queryFigures, rollup, rollupSources } from '../../src/local/rollup';
import {
  SAMPLE_REGION_TODAY,
  sampleMunicipalityCode,
  sampleMunicipalityFile,
  sampleRegion,
} from '../../src/local/sample-region';
import { readWorkbookTables } from '../../src/local/workbook-tables';
import { buildRiskProfiles } from '../../src/sheets/build-risk-profiles';
import { currentStatuses } from '../../src/sheets/current-statuses';
import { refreshStatuses } from '../../src/sheets/refresh-statuses';
import { ROADMAP_HEADER } from '../../src/sheets/roadmap-sheet';

/**
 * Five workbooks cover each seed roadmap once and keep the suite quick; the acceptance run over 40 is
 * `REGION_TEST_MUNICIPALITIES=40 npx jest test/local/region.test.ts`.
 */
const N = Number(process.env['REGION_TEST_MUNICIPALITIES'] ?? 5);
const today = SAMPLE_REGION_TODAY;
const dir = mkdtempSync(join(tmpdir(), 'roadmap500-region-'));
const books = join(dir, 'books');
const bin = join(__dirname, '../../bin/roadmap500.js');

function roadmap500(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What a coordinator sees after running the workbook's own jobs (refreshStatuses, buildRiskProfiles). */
async function ownJobs(file: string): Promise<Omit<MunicipalityFigures, 'name' | 'as_of'>> {
  const host = await LocalHost.open(file, { now: today });
  refreshStatuses(host.services());
  const roadmap = host.values('Дорожная карта').slice(1);
  const col = (name: (typeof ROADMAP_HEADER)[number]): number => ROADMAP_HEADER.indexOf(name);
  const overdue = roadmap.filter((r) => r[col('Статус')] === 'Просрочено');
  const message = buildRiskProfiles(host.services()).message;
  const risk = /высоких рисков (\d+), средних (\d+), не покрыто дорожной картой (\d+)/.exec(message);
  const from = addDays(today, -29);
  const recent = host
    .values('Отчёты')
    .slice(1)
    .filter(
      (r) =>
        isDateValue(r[0]) &&
        dateInZone(r[0], 'Europe/Moscow') >= from &&
        dateInZone(r[0], 'Europe/Moscow') <= today,
    );
  const schools = host
    .values('Школы')
    .slice(1)
    .map((r) => String(r[0]));
  const reported = new Set(recent.map((r) => String(r[2]).toLowerCase()));
  // «Без отчётов» are the schools the weekly summary would list: an assigned activity awaits their report.
  const { statuses, assigned } = currentStatuses(host.services());
  const awaited = new Set<string>();
  for (const [id, codes] of assigned)
    for (const code of codes) {
      const own = statusForSchool(statuses.get(id), code);
      if (own && AWAITING_REPORT.has(own.status)) awaited.add(code.toLowerCase());
    }
  const days = overdue.map((r) => Number(r[col('Дней просрочки')]));
  return {
    municipality: String(host.values('Настройки').find((r) => r[0] === 'Код муниципалитета')?.[1]),
    activities: roadmap.length,
    done: roadmap.filter((r) => r[col('Статус')] === 'Выполнено').length,
    overdue: overdue.length,
    // The oldest overdue due date is as many days back as the longest overdue.
    oldest_overdue_due: days.length > 0 ? addDays(today, -Math.max(...days)) : null,
    max_days_overdue: days.length > 0 ? Math.max(...days) : null,
    reports_30d: recent.length,
    schools: schools.length,
    schools_without_reports: schools.filter(
      (s) => awaited.has(s.toLowerCase()) && !reported.has(s.toLowerCase()),
    ).length,
    high: Number(risk?.[1]),
    medium: Number(risk?.[2]),
    uncovered: Number(risk?.[3]),
  };
}

beforeAll(async () => {
  mkdirSync(books);
  const quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await sampleRegion({ municipalities: N, dir: books });
  } finally {
    quiet.mockRestore();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('roadmap500 rollup over generated municipalities', () => {
  let figures: Awaited<ReturnType<typeof rollup>>;
  beforeAll(async () => {
    figures = await rollup(rollupSources([books], join(dir, 'region.xlsx')), today);
  }, 120_000);

  it('reads every generated workbook', () => {
    expect(readdirSync(books).sort()).toEqual(
      Array.from({ length: N }, (_, i) => sampleMunicipalityFile(i + 1)),
    );
    expect(figures.failures).toEqual([]);
    expect(figures.figures.municipalities.map((m) => m.municipality)).toEqual(
      Array.from({ length: N }, (_, i) => sampleMunicipalityCode(i + 1)),
    );
  });

  it('gives per municipality the figures of the workbook’s own jobs', async () => {
    for (let i = 1; i <= N; i++) {
      const own = await ownJobs(join(books, sampleMunicipalityFile(i)));
      const rolled = figures.figures.municipalities[i - 1];
      expect(rolled).toEqual({ ...own, name: sampleMunicipalityFile(i).replace('.xlsx', ''), as_of: today });
    }
    const all = figures.figures.municipalities;
    expect(all.some((m) => m.overdue > 0) && all.some((m) => m.done > 0)).toBe(true);
    expect(all.some((m) => m.reports_30d > 0) && all.some((m) => m.uncovered > 0)).toBe(true);
    expect(all.some((m) => m.schools_without_reports > 0)).toBe(true);
  }, 120_000);

  it('gives the same figures in TypeScript (the Apps Script path) as the SQL in DuckDB', async () => {
    const tables: DataTables[] = [];
    for (let i = 1; i <= N; i++)
      tables.push(await readWorkbookTables(join(books, sampleMunicipalityFile(i)), today));
    expect(regionalFigures(concatTables(tables))).toEqual(figures.figures);
  }, 120_000);
});

describe('schools without reports in the roll-up', () => {
  const row = (t: TableName, values: Record<string, ModelValue>): ModelRow =>
    TABLES[t].map((c) => values[c.name] ?? null);

  it('counts only the schools an assigned activity awaits a report from, in SQL as in TypeScript', async () => {
    const tables = concatTables([]);
    tables.municipalities.push(row('municipalities', { municipality: 'M', name: 'Район', as_of: today }));
    for (const s of ['SCH1', 'SCH2', 'SCH3', 'SCH4', 'SCH5'])
      tables.schools.push(row('schools', { municipality: 'M', school: s }));
    // SCH1 overdue and SCH5 under way, SCH2 done, SCH3 starts later, SCH4 assigned nothing; SCH5 reported.
    for (const [school, status] of [
      ['SCH1', 'Просрочено'],
      ['SCH2', 'Выполнено'],
      ['SCH3', 'Запланировано'],
      ['SCH5', 'В работе'],
    ] as const)
      tables.activity_schools.push(
        row('activity_schools', { municipality: 'M', activity_id: '1', school, status }),
      );
    tables.reports.push(
      row('reports', { municipality: 'M', school: 'SCH5', report_date: addDays(today, -3) }),
    );
    const db = await ModelDatabase.open();
    let sql: Awaited<ReturnType<typeof queryFigures>>;
    try {
      await db.append(tables);
      sql = await queryFigures(db);
    } finally {
      db.close();
    }
    expect(sql.municipalities[0]).toMatchObject({ schools: 5, schools_without_reports: 1, reports_30d: 1 });
    expect(regionalFigures(tables)).toEqual(sql);
  });

  it.each([
    ['Просрочено', 1],
    ['Скоро срок', 1],
    ['В работе', 1],
    ['Регулярное', 1],
    ['Выполнено', 0],
    ['Запланировано', 0],
    ['Без срока', 0],
  ])('a silent school whose own status is «%s» counts %i, in SQL as in TypeScript', async (status, n) => {
    const tables = concatTables([]);
    tables.municipalities.push(row('municipalities', { municipality: 'M', name: 'Район', as_of: today }));
    tables.schools.push(row('schools', { municipality: 'M', school: 'SCH1' }));
    tables.activity_schools.push(
      row('activity_schools', { municipality: 'M', activity_id: '1', school: 'SCH1', status }),
    );
    const db = await ModelDatabase.open();
    try {
      await db.append(tables);
      const sql = await queryFigures(db);
      expect(sql.municipalities[0]?.schools_without_reports).toBe(n);
      expect(regionalFigures(tables)).toEqual(sql);
    } finally {
      db.close();
    }
  });
});

describe('roadmap500 rollup from the command line', () => {
  it('lists an unreadable workbook and a duplicate municipality code with the reason, writes the rest, exits 1', async () => {
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed);
    for (let i = 1; i <= 2; i++)
      copyFileSync(join(books, sampleMunicipalityFile(i)), join(mixed, sampleMunicipalityFile(i)));
    copyFileSync(join(books, sampleMunicipalityFile(1)), join(mixed, 'копия.xlsx'));
    writeFileSync(join(mixed, 'сломанная.xlsx'), 'это не книга');
    const r = roadmap500('rollup', mixed, '--out', join(dir, 'регион.xlsx'), '--today', today);
    expect(r.status).toBe(1);
    // Whichever of the two comes second in name order is the one refused.
    expect(r.stderr).toMatch(
      /Не прочитано: (копия|municipality-001)\.xlsx — код муниципалитета «МО-001» уже есть у «(municipality-001|копия)\.xlsx»/,
    );
    expect(r.stderr).toMatch(/Не прочитано: сломанная\.xlsx — .*не книга Excel|повреждена/);
    expect(r.stdout).toContain('муниципалитетов 2');
    const region = await LocalHost.open(join(dir, 'регион.xlsx'));
    const grid = region.values('Региональная сводка');
    const failed = grid.findIndex((row) => String(row[0]).startsWith('Не прочитаны'));
    expect(
      grid
        .slice(failed + 2)
        .map((row) => String(row[0]))
        .sort(),
    ).toEqual(expect.arrayContaining(['сломанная.xlsx']));
    expect(grid.slice(failed + 2)).toHaveLength(2);
    expect(grid.find((row) => row[0] === 'Итого по региону')).toBeDefined();
    const sheet = region.spreadsheet.getSheetByName('Региональная сводка');
    const rules = sheet
      ?.getConditionalFormatRules()
      .map((x) => x.getBooleanCondition()?.getCriteriaValues()[0]);
    // Overdue column (C) red where above zero, from the first municipality's row down to the total.
    expect(rules).toContain('=AND(N("roadmap500")=0,C5>0)');
    // The local host draws the chart beside the workbook (an .xlsx keeps no Sheets chart).
    expect(existsSync(join(dir, 'регион-Региональная сводка-1.svg'))).toBe(true);
  }, 120_000);

  it('refuses a folder without workbooks with exit 2', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const r = roadmap500('rollup', empty, '--out', join(dir, 'x.xlsx'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('нет книг .xlsx');
  });
});

describe('roadmap500 export', () => {
  const book = join(books, sampleMunicipalityFile(2));

  it('writes one Parquet file per table that DuckDB reads back with the schema and the counts', async () => {
    const out = join(dir, 'parquet');
    const r = roadmap500(
      'export',
      book,
      '--parquet',
      out,
      '--today',
      today,
      '--bigquery-commands',
      '--dataset',
      'region75',
    );
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(TABLE_NAMES.map((t) => `${t}.parquet`).sort());
    const expected = await readWorkbookTables(book, today);
    // The coordinator reads Russian: what the files hold, not the tables' English names.
    expect(r.stderr.split('\n')[0]).toBe(
      `Муниципалитет «${sampleMunicipalityCode(2)}»: ${count(expected.activities.length, NOUNS.activity)}, ` +
        `${count(expected.activity_parties.length, ['назначение ответственного', 'назначения ответственных', 'назначений ответственных'])}, ` +
        `${count(expected.reports.length, NOUNS.report)}, ` +
        `${count(expected.indicators.length, ['значение показателя', 'значения показателей', 'значений показателей'])}, ` +
        `${count(expected.schools.length, NOUNS.school)}, ` +
        `${count(expected.risks.length, ['оценка риска', 'оценки рисков', 'оценок рисков'])}, ` +
        `${count(expected.coverage.length, ['высокий или средний риск', 'высоких или средних риска', 'высоких или средних рисков'])}, ` +
        `${count(expected.activity_schools.length, ['назначение школы', 'назначения школ', 'назначений школ'])}.`,
    );
    const db = await ModelDatabase.open();
    try {
      for (const t of TABLE_NAMES) {
        const file = sqlPath(join(out, `${t}.parquet`));
        const schema = await db.query(`DESCRIBE SELECT * FROM read_parquet(${file})`);
        expect(schema.map((c) => [c['column_name'], c['column_type']])).toEqual(
          TABLES[t].map((c) => [c.name, c.type === 'TIMESTAMPTZ' ? 'TIMESTAMP WITH TIME ZONE' : c.type]),
        );
        const [n] = await db.query(`SELECT COUNT(*) AS n FROM read_parquet(${file})`);
        expect([t, Number(n?.['n'])]).toEqual([t, expected[t].length]);
      }
      expect(expected.reports.length).toBeGreaterThan(0);
      expect(expected.risks.length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    const commands = r.stdout.trim().split('\n');
    expect(commands[0]).toBe('bq mk -f --dataset region75');
    expect(commands.slice(1)).toEqual(
      TABLE_NAMES.map((t) => `bq load --source_format=PARQUET region75.${t} ${join(out, `${t}.parquet`)}`),
    );
  }, 120_000);

  it('writes CSV with a header row, and the rollup reads a Parquet export as it reads the workbook', async () => {
    const csv = join(dir, 'csv');
    expect(roadmap500('export', book, '--csv', csv, '--today', today).status).toBe(0);
    const db = await ModelDatabase.open();
    try {
      const [row] = await db.query(
        `SELECT COUNT(*) AS n FROM read_csv(${sqlPath(join(csv, 'activities.csv'))}, header = true)`,
      );
      expect(Number(row?.['n'])).toBe((await readWorkbookTables(book, today)).activities.length);
    } finally {
      db.close();
    }
    const fromParquet = await rollup([{ kind: 'parquet', path: join(dir, 'parquet') }]);
    const fromBook = await rollup([{ kind: 'xlsx', path: book }], today);
    expect(fromParquet).toEqual(fromBook);
  }, 120_000);

  it('refuses --parquet and --csv together, and neither, with exit 2', () => {
    expect(roadmap500('export', book, '--parquet', 'a', '--csv', 'b').status).toBe(2);
    expect(roadmap500('export', book).stderr).toContain('--parquet ПАПКА');
  });
});
