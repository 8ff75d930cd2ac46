/**
 * «Выгрузить в BigQuery» (regional deployment) with a fake BigQuery over municipal workbooks in the local
 * host: one load job per table of the model, its schema from TABLES, its CSV the rows workbookTables gives.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableCsv } from '../../src/core/bigquery-load';
import { concatTables, TABLE_NAMES, TABLES, type DataTables } from '../../src/core/data-model';
import { LocalHost } from '../../src/local/host';
import { ModelDatabase, sqlPath } from '../../src/local/model-database';
import { SAMPLE_REGION_TODAY } from '../../src/local/sample-region';
import { exportToBigQuery, type BigQueryLoadJob, type BigQueryPort } from '../../src/sheets/bigquery-export';
import { workbookTables } from '../../src/sheets/data-tables';
import type { SpreadsheetPort } from '../../src/sheets/ports';
import type { SpreadsheetOpenerPort } from '../../src/sheets/regional-summary-job';
import { sampleRegionDir } from '../sample-region-dir';

const today = SAMPLE_REGION_TODAY;
const N = 2;
const { dir, ids } = sampleRegionDir(N);

interface Call {
  projectId: string;
  job: BigQueryLoadJob;
  csv: string;
}

/** Records every load job; `failAt` makes the n-th call fail as BigQuery would without the dataset. */
function fakeBigQuery(failAt?: number): BigQueryPort & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    insertLoadJob(projectId, job, csv) {
      calls.push({ projectId, job, csv });
      if (calls.length === failAt) throw new Error('Not found: Dataset region-edu-42:roadmap500');
      return { jobId: `job_${calls.length}` };
    },
  };
}

/** CSV records (a newline inside quotes belongs to the cell), without the header. */
function records(csv: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < csv.length; i++) {
    if (csv[i] === '"') quoted = !quoted;
    else if (csv[i] === '\n' && !quoted) {
      out.push(csv.slice(start, i));
      start = i + 1;
    }
  }
  return out.slice(1);
}

/** A regional spreadsheet listing the sample municipalities, with these settings rows. */
async function regional(
  settings: unknown[][],
  extra: unknown[][] = [],
): Promise<{ host: LocalHost; opener: SpreadsheetOpenerPort }> {
  const host = LocalHost.fromSheets(
    {
      Муниципалитеты: [
        ['Муниципалитет', 'Ссылка на таблицу'],
        ...ids.map((id, i) => [`Муниципалитет ${i + 1}`, id]),
        ...extra,
      ],
      Настройки: [['Параметр', 'Значение'], ...settings],
    },
    { now: today },
  );
  const opened = new Map<string, SpreadsheetPort>();
  for (const id of ids) opened.set(id, await host.addSpreadsheet(join(dir, `${id}.xlsx`)));
  const open = (ref: string): SpreadsheetPort => {
    const ss = opened.get(ref);
    if (!ss) throw new Error(`Unexpected error while getting the method or property openById`);
    return ss;
  };
  return { host, opener: { openById: open, openByUrl: open } };
}

const TARGET = [
  ['Проект BigQuery', 'region-edu-42'],
  ['Набор данных BigQuery', 'roadmap500'],
];

describe('exportToBigQuery', () => {
  it('sends one WRITE_TRUNCATE load job per table, schema from TABLES, rows as workbookTables computes them', async () => {
    const { host, opener } = await regional(TARGET);
    const bq = fakeBigQuery();
    const result = exportToBigQuery(host.services(), opener, bq);
    expect(result.exitCode).toBe(0);
    expect(result.message).toContain('region-edu-42.roadmap500');

    const parts: DataTables[] = [];
    for (const id of ids) {
      const own = await LocalHost.open(join(dir, `${id}.xlsx`), { now: today });
      parts.push(workbookTables(own.services()));
    }
    const expected = concatTables(parts);

    expect(bq.calls.map((c) => c.job.configuration.load.destinationTable)).toEqual(
      TABLE_NAMES.map((t) => ({ projectId: 'region-edu-42', datasetId: 'roadmap500', tableId: t })),
    );
    for (const [i, t] of TABLE_NAMES.entries()) {
      const { projectId, job, csv } = bq.calls[i];
      const load = job.configuration.load;
      expect(projectId).toBe('region-edu-42');
      expect(load).toMatchObject({
        sourceFormat: 'CSV',
        skipLeadingRows: 1,
        allowQuotedNewlines: true,
        writeDisposition: 'WRITE_TRUNCATE',
      });
      expect(load.schema.fields.map((f) => f.name)).toEqual(TABLES[t].map((c) => c.name));
      expect(csv.split('\n')[0]).toBe(TABLES[t].map((c) => c.name).join(','));
      expect(records(csv)).toHaveLength(expected[t].length);
      expect(csv).toBe(tableCsv(t, expected[t]));
    }
    // Both municipalities, every activity of both.
    expect(expected.municipalities).toHaveLength(N);
    expect(expected.activities.length).toBeGreaterThan(10);
    const types = (t: (typeof TABLE_NAMES)[number]): Record<string, string> =>
      Object.fromEntries(
        bq.calls[TABLE_NAMES.indexOf(t)].job.configuration.load.schema.fields.map((f) => [f.name, f.type]),
      );
    expect(types('activities')).toMatchObject({ due: 'DATE', parties: 'INT64', title: 'STRING' });
    expect(types('reports')).toMatchObject({ time: 'TIMESTAMP', report_date: 'DATE' });
    expect(types('activity_parties')).toMatchObject({ has_email: 'BOOL' });

    // The CSV parses with the table's typed columns (quoted newlines, instants, booleans) back to its rows.
    const db = await ModelDatabase.open();
    try {
      for (const [i, t] of TABLE_NAMES.entries()) {
        const file = join(dir, `${t}.csv`);
        writeFileSync(file, bq.calls[i].csv);
        const columns = TABLES[t].map((c) => `'${c.name}': '${c.type}'`).join(', ');
        const [row] = await db.query(
          `SELECT COUNT(*) AS n FROM read_csv(${sqlPath(file)}, header = true, columns = {${columns}})`,
        );
        expect([t, Number(row?.['n'])]).toEqual([t, expected[t].length]);
      }
    } finally {
      db.close();
    }

    // One «Журнал» line per table, with the job's id.
    const journal = host.values('Журнал').slice(1);
    expect(journal.map((r) => [r[1], r[3], r[6]])).toEqual(
      TABLE_NAMES.map((t, i) => ['exportToBigQuery', `region-edu-42.roadmap500.${t}`, `job_${i + 1}`]),
    );
  }, 120_000);

  it.each([
    ['no settings rows', []],
    ['the dataset left empty', [TARGET[0], ['Набор данных BigQuery', '']]],
  ])(
    'refuses with what to fill and touches nothing: %s',
    async (_, settings) => {
      const { host, opener } = await regional(settings);
      const bq = fakeBigQuery();
      host.calls.reset();
      let refusal: unknown;
      try {
        exportToBigQuery(host.services(), opener, bq);
      } catch (e) {
        refusal = e;
      }
      expect(refusal).toMatchObject({
        name: 'UserError',
        message: 'Выгрузка в BigQuery не настроена: ничего не выгружено.',
        fix: expect.stringMatching(/«Проект BigQuery».*«Набор данных BigQuery»/) as unknown,
      });
      expect(bq.calls).toEqual([]);
      expect(host.values('Журнал')).toEqual([]);
      expect(host.calls.byMethod()['Range.setValues']).toBeUndefined();
    },
    60_000,
  );

  it('loads nothing when a listed municipality cannot be read: replacing the tables would drop its rows', async () => {
    const { host, opener } = await regional(TARGET, [['Пропавший район', 'нет-такой-таблицы']]);
    const bq = fakeBigQuery();
    expect(() => exportToBigQuery(host.services(), opener, bq)).toThrow(/не прочитаны «Пропавший район»/);
    expect(bq.calls).toEqual([]);
  }, 60_000);

  it('stops at the first table BigQuery refuses and says so in the result and in «Журнал»', async () => {
    const { host, opener } = await regional(TARGET);
    const bq = fakeBigQuery(1);
    const result = exportToBigQuery(host.services(), opener, bq);
    expect(result.exitCode).toBe(1);
    expect(result.message).toMatch(/^BigQuery не принял таблицу municipalities: Not found: Dataset/);
    expect(result.message).toContain('Отправлено таблиц: 0 из');
    expect(bq.calls).toHaveLength(1);
    expect(
      host
        .values('Журнал')
        .slice(1)
        .map((r) => r[5]),
    ).toEqual(['ошибка']);
  }, 60_000);

  it('refuses without «Муниципалитеты», saying to fill it', () => {
    const host = LocalHost.fromSheets({ Настройки: TARGET }, { now: today });
    const bq = fakeBigQuery();
    const none: SpreadsheetOpenerPort = {
      openById: () => host.spreadsheet,
      openByUrl: () => host.spreadsheet,
    };
    expect(() => exportToBigQuery(host.services(), none, bq)).toThrow(/Нет муниципалитетов для выгрузки/);
    expect(bq.calls).toEqual([]);
  });

  it('refuses a project id that is not one, naming the cell', async () => {
    const { host, opener } = await regional([['Проект BigQuery', 'Мой проект'], TARGET[1]]);
    const bq = fakeBigQuery();
    expect(() => exportToBigQuery(host.services(), opener, bq)).toThrow(/«Мой проект» .*ячейка B2/);
    expect(bq.calls).toEqual([]);
  }, 60_000);
});
