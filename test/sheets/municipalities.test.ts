/**
 * One pass over the municipalities of «Муниципалитеты», shared by buildRegionalSummary and exportToBigQuery:
 * each municipal spreadsheet read once per sheet, a repeated municipality code refused with its reason.
 */
import { join } from 'node:path';
import type { CellValue } from '../../src/core/grid';
import { LocalHost } from '../../src/local/host';
import { SAMPLE_REGION_TODAY } from '../../src/local/sample-region';
import { exportToBigQuery } from '../../src/sheets/bigquery-export';
import { workbookTables } from '../../src/sheets/data-tables';
import { servicesOn, type SpreadsheetOpenerPort } from '../../src/sheets/municipalities';
import type { SpreadsheetPort } from '../../src/sheets/ports';
import { buildRegionalSummary } from '../../src/sheets/regional-summary-job';
import { REGIONAL_SUMMARY_SHEET } from '../../src/sheets/regional-summary-sheet';
import { countSheetReads, type SheetReads } from '../fixtures/sheet-reads';
import { sampleRegionDir } from '../sample-region-dir';

const today = SAMPLE_REGION_TODAY;
const { dir, ids } = sampleRegionDir(2);
const [first = '', second = ''] = ids;

/**
 * A regional spreadsheet listing `rows` (label, id), and an opener that hands out the sample workbooks,
 * counting the reads of each opening separately.
 */
async function region(
  rows: [string, string][],
  settings: CellValue[][] = [],
): Promise<{ host: LocalHost; opener: SpreadsheetOpenerPort; openings: SheetReads[] }> {
  const host = LocalHost.fromSheets(
    {
      Муниципалитеты: [['Муниципалитет', 'Ссылка на таблицу'], ...rows],
      Настройки: [['Параметр', 'Значение'], ...settings],
    },
    { now: today },
  );
  const books = new Map<string, SpreadsheetPort>();
  for (const id of ids) books.set(id, await host.addSpreadsheet(join(dir, `${id}.xlsx`)));
  const openings: SheetReads[] = [];
  const open = (ref: string): SpreadsheetPort => {
    const ss = books.get(ref);
    if (!ss) throw new Error('Unexpected error while getting the method or property openById');
    const reads: SheetReads = {};
    openings.push(reads);
    return countSheetReads(ss, reads);
  };
  return { host, opener: { openById: open, openByUrl: open }, openings };
}

describe('the pass over the municipalities', () => {
  it('reads every sheet of a municipality once, `Школы` included (the roadmap and the risk profiles share it)', async () => {
    const { host, opener, openings } = await region([
      ['Первый', first],
      ['Второй', second],
    ]);
    expect(buildRegionalSummary(host.services(), opener).exitCode).toBe(0);
    expect(openings).toHaveLength(2);
    for (const reads of openings) {
      expect(reads['Школы']).toBe(1);
      expect(reads).toEqual(
        expect.objectContaining({ Мероприятия: 1, Отчёты: 1, Ответы: 1, Анкета: 1, Настройки: 1 }),
      );
      expect(Math.max(...Object.values(reads))).toBe(1);
    }
  }, 60_000);

  it('gives the tables a municipality gives on its own, from those single reads', async () => {
    const { host, opener } = await region([['Первый', first]]);
    const reads: SheetReads = {};
    const ss = opener.openById(first);
    const tables = workbookTables(servicesOn(host.services(), countSheetReads(ss, reads)));
    const own = await LocalHost.open(join(dir, `${first}.xlsx`), { now: today });
    expect(tables).toEqual(workbookTables(own.services()));
    expect(reads['Школы']).toBe(1);
    expect(tables.schools.length).toBeGreaterThan(0);
    expect(tables.risks.length).toBeGreaterThan(0);
  }, 60_000);

  it('lists a second spreadsheet with the same municipality code as not read, naming the first', async () => {
    const { host, opener } = await region([
      ['Первый', first],
      ['Он же ещё раз', first],
      ['Второй', second],
    ]);
    const result = buildRegionalSummary(host.services(), opener);
    expect(result.exitCode).toBe(1);
    const sheet = host.values(REGIONAL_SUMMARY_SHEET);
    const failed = sheet.findIndex((r) => String(r[0]).startsWith('Не прочитаны'));
    expect(sheet.slice(failed + 2).map((r) => [r[0], r[1]])).toEqual([
      ['Он же ещё раз', expect.stringMatching(/^код муниципалитета «.+» уже есть у «Первый»/)],
    ]);
    expect(String(sheet[1]?.[0])).toContain('Муниципалитетов: 2; не прочитано: 1');

    const bq = { insertLoadJob: jest.fn(() => ({ jobId: 'job' })) };
    const { host: exporting, opener: again } = await region(
      [
        ['Первый', first],
        ['Он же ещё раз', first],
      ],
      [
        ['Проект BigQuery', 'region-edu-42'],
        ['Набор данных BigQuery', 'roadmap500'],
      ],
    );
    expect(() => exportToBigQuery(exporting.services(), again, bq)).toThrow(
      /не прочитаны «Он же ещё раз» — код муниципалитета «.+» уже есть у «Первый»/,
    );
    expect(bq.insertLoadJob).not.toHaveBeenCalled();
  }, 60_000);
});
