/**
 * The regional deployment: dist-regional/Code.js with its own manifest, and buildRegionalSummary run from
 * it in the local host over several municipal workbooks (opened by id), across Apps Script's time limit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type { CellValue } from '../../src/core/grid';
import { LocalHost } from '../../src/local/host';
import { rollup, rollupSources } from '../../src/local/rollup';
import { SAMPLE_REGION_TODAY } from '../../src/local/sample-region';
import { REGIONAL_SUMMARY_SHEET, writeRegionalSummary } from '../../src/sheets/regional-summary-sheet';
import { sampleRegionDir } from '../sample-region-dir';

const root = join(__dirname, '../..');
const codePath = join(root, 'dist-regional', 'Code.js');
interface Manifest {
  oauthScopes: string[];
  dependencies?: { enabledAdvancedServices?: { userSymbol: string; serviceId: string; version: string }[] };
}
const manifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(root, dir, 'appsscript.json'), 'utf8')) as Manifest;

describe('dist-regional: a deployment of its own', () => {
  it('defines only onOpen, buildRegionalSummary and exportToBigQuery as global functions', () => {
    const context = vm.createContext({});
    vm.runInContext(readFileSync(codePath, 'utf8'), context);
    const functions = Object.keys(context).filter((k) => typeof context[k] === 'function');
    expect(functions.sort()).toEqual(['buildRegionalSummary', 'exportToBigQuery', 'onOpen']);
    expect(typeof context['RoadmapRegion']).toBe('object');
  });

  it('may read other spreadsheets and write only its own; the municipal manifest keeps currentonly', () => {
    const regional = manifest('dist-regional').oauthScopes;
    expect(regional).toEqual(
      expect.arrayContaining([
        'https://www.googleapis.com/auth/spreadsheets.readonly',
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
      ]),
    );
    expect(regional).not.toContain('https://www.googleapis.com/auth/spreadsheets');
    expect(regional).not.toContain('https://www.googleapis.com/auth/script.send_mail');
    const municipal = manifest('dist').oauthScopes;
    expect(municipal).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    expect(municipal.filter((s) => s.includes('/auth/spreadsheets'))).toHaveLength(1);
  });

  it('has the BigQuery advanced service and its scope; the municipal deployment has neither', () => {
    const regional = manifest('dist-regional');
    expect(regional.dependencies?.enabledAdvancedServices).toEqual([
      { userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' },
    ]);
    expect(regional.oauthScopes).toContain('https://www.googleapis.com/auth/bigquery');
    const municipal = manifest('dist');
    expect(municipal.oauthScopes.filter((s) => s.includes('bigquery'))).toEqual([]);
    expect(JSON.stringify(municipal.dependencies ?? {})).not.toMatch(/bigquery/i);
  });

  it('puts «Выгрузить в BigQuery» in the regional menu', () => {
    const items: [string, string][] = [];
    const menu = {
      addItem: (caption: string, fn: string) => (items.push([caption, fn]), menu),
      addToUi: () => undefined,
    };
    const context = vm.createContext({ SpreadsheetApp: { getUi: () => ({ createMenu: () => menu }) } });
    vm.runInContext(readFileSync(codePath, 'utf8'), context);
    vm.runInContext('onOpen()', context);
    expect(items).toContainEqual(['Выгрузить в BigQuery', 'exportToBigQuery']);
  });
});

describe('buildRegionalSummary in the local host', () => {
  const N = 4;
  const today = SAMPLE_REGION_TODAY;
  const { dir, ids } = sampleRegionDir(N);

  /** A regional spreadsheet listing the workbooks (and one id nobody shared), each call costing a second. */
  async function regionalHost(budgetSeconds: number): Promise<LocalHost> {
    const host = LocalHost.fromSheets(
      {
        Муниципалитеты: [
          ['Муниципалитет', 'Ссылка на таблицу'],
          ...ids.map((id, i) => [`Муниципалитет ${i + 1}`, id]),
          ['Пропавший район', 'нет-такой-таблицы'],
          ['Район без ссылки', ''],
        ],
        Настройки: [
          ['Параметр', 'Значение'],
          ['Бюджет времени, сек', budgetSeconds],
        ],
      },
      { now: today, codePath, callCostMs: 1000 },
    );
    for (const id of ids) await host.addSpreadsheet(join(dir, `${id}.xlsx`));
    return host;
  }

  /** The sheet as the user sees it, without the «built at» line. */
  const summary = (host: LocalHost): CellValue[][] =>
    host.values(REGIONAL_SUMMARY_SHEET).filter((row) => !String(row[0]).startsWith('Построено'));

  it('resumes across the time limit by its own trigger and writes the same summary as roadmap500 rollup', async () => {
    const host = await regionalHost(20);
    const first = host.run<{ exitCode: number; message: string }>('buildRegionalSummary');
    expect(first.message).toMatch(
      /^Прочитано муниципалитетов: [1-4] из 5\. Остальные будут прочитаны автоматически/,
    );
    expect(host.values(REGIONAL_SUMMARY_SHEET)).toEqual([]);
    expect(host.triggers().map((t) => t.handler)).toEqual(['buildRegionalSummary']);

    let runs = 1;
    for (let minute = 2; host.values(REGIONAL_SUMMARY_SHEET).length === 0 && minute < 60; minute += 2) {
      const fired = host.fireDue(new Date(host.clock.now().getTime() + 2 * 60_000));
      for (const f of fired) expect(f.error).toBeUndefined();
      runs += fired.length;
    }
    expect(runs).toBeGreaterThan(1);
    // Done: no continuation left behind.
    expect(host.triggers().filter((t) => !t.spent)).toEqual([]);

    const local = await rollup(
      rollupSources([dir], join(dir, 'region.xlsx')).filter((s) => !s.path.endsWith('region.xlsx')),
      today,
    );
    const expected = LocalHost.fromSheets({}, { now: today });
    writeRegionalSummary(expected.services(), local.figures, [
      { source: 'Пропавший район', reason: expect.any(String) },
    ]);
    const got = summary(host);
    const failed = got.findIndex((r) => String(r[0]).startsWith('Не прочитаны'));
    expect(got.slice(0, failed)).toEqual(summary(expected).slice(0, failed));
    expect(got.slice(failed + 2).map((r) => [r[0], r[1]])).toEqual([
      ['Район без ссылки', expect.stringContaining('нет ссылки на таблицу')],
      [
        'Пропавший район',
        expect.stringMatching(
          /^таблица не открылась \(Unexpected error while getting the method or property openById/,
        ),
      ],
    ]);
  }, 120_000);

  it('does it all in one run when the budget allows, reading each sheet of a municipality once', async () => {
    const host = await regionalHost(270);
    host.calls.reset();
    const result = host.run<{ exitCode: number; message: string }>('buildRegionalSummary');
    expect(result.exitCode).toBe(1);
    expect(result.message).toContain('муниципалитетов 4');
    expect(host.triggers()).toEqual([]);
    const reads = host.calls.byMethod()['Range.getValues'] ?? 0;
    // Per municipality: Мероприятия, Ответственные, Настройки, Отчёты, Показатели, Ответы, Анкета, Школы;
    // plus the regional «Муниципалитеты» and «Настройки».
    expect(reads).toBeLessThanOrEqual(N * 9 + 2);
  }, 120_000);
});
