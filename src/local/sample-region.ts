/**
 * `roadmap500 sample-region --municipalities N --out DIR [--seed S] [--today ГГГГ-ММ-ДД]`: N municipal
 * workbooks built from the seed roadmaps in samples/seeds, with generated schools, questionnaire
 * responses and reports, to try `roadmap500 rollup` (and to test and benchmark it).
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleMunicipality } from '../core/sample-region';
import { LocalHost } from './host';
import { projectRoot } from './project';

export interface SampleRegionOptions {
  municipalities: number;
  dir: string;
  seed?: number;
  /** Reports are dated up to this day; default 2022-03-31, inside most seed roadmaps' periods. */
  today?: string;
}

export const SAMPLE_REGION_TODAY = '2022-03-31';
const TIME_ZONE = 'Europe/Moscow';

/** The seed roadmaps shipped with the project, as text. */
export function seedRoadmaps(): string[] {
  const dir = join(projectRoot(), 'samples', 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** File and code of the i-th municipality (1-based). */
export const sampleMunicipalityFile = (i: number): string =>
  `municipality-${String(i).padStart(3, '0')}.xlsx`;
export const sampleMunicipalityCode = (i: number): string => `МО-${String(i).padStart(3, '0')}`;

/** Writes the workbooks (replacing earlier ones of the same names); returns 0. */
export async function sampleRegion(opts: SampleRegionOptions): Promise<number> {
  const seeds = seedRoadmaps();
  const today = opts.today ?? SAMPLE_REGION_TODAY;
  mkdirSync(opts.dir, { recursive: true });
  for (let i = 1; i <= opts.municipalities; i++) {
    const sheets = sampleMunicipality({
      code: sampleMunicipalityCode(i),
      roadmapText: seeds[(i - 1) % seeds.length] ?? '',
      seed: (opts.seed ?? 1) * 1000 + i,
      today,
      timeZone: TIME_ZONE,
    });
    const host = LocalHost.fromSheets(sheets, { timeZone: TIME_ZONE });
    await host.save(join(opts.dir, sampleMunicipalityFile(i)));
    if (process.stderr.isTTY) process.stderr.write(`\r… ${i}/${opts.municipalities}`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  process.stdout.write(
    `Записано книг муниципалитетов: ${opts.municipalities} в папку ${opts.dir} (отчёты школ — по ${today}).\n` +
      `Сводка: roadmap500 rollup "${opts.dir}" --out регион.xlsx --today ${today}\n`,
  );
  return 0;
}
