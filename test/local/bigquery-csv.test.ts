/**
 * The CSV «Выгрузить в BigQuery» loads: a header, NULL as an empty cell, instants in UTC, and titles or
 * comments with quotes, commas and line breaks kept whole. DuckDB reads it with the table's typed columns
 * as BigQuery's CSV load would (skip the header, quoted newlines allowed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableCsv } from '../../src/core/bigquery-load';
import { TABLES, type ModelRow, type TableName } from '../../src/core/data-model';
import { ModelDatabase, sqlPath } from '../../src/local/model-database';

const dir = mkdtempSync(join(tmpdir(), 'roadmap500-bqcsv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readBack(table: TableName, rows: ModelRow[]): Promise<Record<string, unknown>[]> {
  const file = join(dir, `${table}.csv`);
  writeFileSync(file, tableCsv(table, rows));
  const columns = TABLES[table].map((c) => `'${c.name}': '${c.type}'`).join(', ');
  const db = await ModelDatabase.open();
  try {
    await db.query("SET TimeZone = 'UTC'");
    return await db.query(
      `SELECT * FROM read_csv(${sqlPath(file)}, header = true, columns = {${columns}}, quote = '"', escape = '"')`,
    );
  } finally {
    db.close();
  }
}

describe('tableCsv', () => {
  it('keeps a comment with quotes, commas and line breaks, an instant and an empty date', async () => {
    const comment = 'Провели «семинар», "круглый стол"\nи второй день,\r\nитоги — в отчёте';
    const rows: ModelRow[] = [
      [
        'МО-001',
        new Date('2022-03-14T09:30:00Z'),
        '2022-03-14',
        'Ш1',
        '1.2',
        '',
        'Выполнено',
        '5',
        comment,
        '',
      ],
      [
        'МО-001',
        null,
        null,
        'Ш2',
        '1.3',
        '2022-03',
        'В работе',
        '',
        'первая строка\nвторая',
        'https://a.b/c?x=1,2',
      ],
    ];
    const back = await readBack('reports', rows);
    expect(back).toHaveLength(2);
    expect(back[0]).toMatchObject({
      time: expect.stringMatching(/^2022-03-14 09:30:00/) as unknown,
      comment,
    });
    expect(back[1]).toMatchObject({
      time: null,
      report_date: null,
      comment: 'первая строка\nвторая',
      link: 'https://a.b/c?x=1,2',
    });
  });

  it('writes booleans and numbers as BigQuery reads them', async () => {
    const back = await readBack('coverage', [['МО-001', 'Ш1', 'R01', 'высокий', 0.625, 2, '1.2, 1.3', true]]);
    expect(back).toEqual([
      expect.objectContaining({ score: 0.625, activities: 2, activity_ids: '1.2, 1.3', covered: true }),
    ]);
  });
});
