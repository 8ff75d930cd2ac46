/**
 * A generated municipality for `roadmap500 sample-region`: a seed roadmap as `roadmap500 import` reads
 * it, generated schools, questionnaire and responses (sample-responses.ts), and school reports on about
 * a third of the activities, all seeded so the same arguments give the same workbooks.
 */
import { addDays, type IsoDate } from './dates';
import type { CellValue, Grid } from './grid';
import { importText } from './import-text';
import { REPORTS_HEADER } from './layouts';
import { SHEETS } from './messages';
import { readRoadmap } from './roadmap-reader';
import { generateSample, prng } from './sample-responses';
import { defaultSettings, SETTING_KEYS, settingsRows } from './settings';

export interface MunicipalitySampleOptions {
  /** Code written to «Код муниципалитета». */
  code: string;
  /** A roadmap as pasted text (one of the seeds). */
  roadmapText: string;
  seed: number;
  /** Reports are dated up to this day, most within the last few months. */
  today: IsoDate;
  timeZone: string;
}

/** Report statuses with how often schools choose them. */
const STATUSES: readonly [string, number][] = [
  ['Выполнено', 0.6],
  ['В работе', 0.25],
  ['Частично выполнено', 0.1],
  ['Не выполнено', 0.05],
];

function pick(x: number): string {
  let acc = 0;
  for (const [s, p] of STATUSES) {
    acc += p;
    if (x < acc) return s;
  }
  return STATUSES[0]?.[0] ?? 'Выполнено';
}

/** The municipality's sheets by name, values as a user would have typed them (dates as Date). */
export function sampleMunicipality(opts: MunicipalitySampleOptions): Record<string, Grid> {
  const rnd = prng(opts.seed);
  const imported = importText(opts.roadmapText);
  const year = imported.period?.start ?? Number(opts.today.slice(0, 4));
  const settings = defaultSettings(year);
  if (imported.period) settings.periodEnd = `${imported.period.end}-12-31`;
  settings.municipalityCode = opts.code;
  const settingsGrid: Grid = [
    ['Параметр', 'Значение', 'Пояснение'],
    ...settingsRows(settings).map((r) => {
      const [key, value, note] = r;
      const unset =
        !imported.period && (key === SETTING_KEYS.periodStart[0] || key === SETTING_KEYS.periodEnd[0]);
      return [key ?? '', unset ? '' : (value ?? ''), note ?? ''];
    }),
  ];
  const activitiesGrid = imported.activities as Grid;
  const { roadmap } = readRoadmap({
    activities: activitiesGrid,
    settings: settingsGrid,
    responsible: [],
    timeZone: opts.timeZone,
    fallbackYear: year,
  });

  const sample = generateSample({
    schools: 3 + Math.floor(rnd() * 6),
    respondents: 8,
    seed: opts.seed,
    start: Date.UTC(Number(opts.today.slice(0, 4)), 0, 15, 9),
  });
  const schoolCodes = sample.schools.slice(1).map((r) => String(r[0]));

  // Reports over the 180 days up to today, in submission order.
  const reports: CellValue[][] = [];
  for (const a of roadmap.activities) {
    if (rnd() >= 0.35) continue;
    const school = schoolCodes[Math.floor(rnd() * schoolCodes.length)] ?? '';
    const day = addDays(opts.today, -Math.floor(rnd() * 180));
    const [y, m, d] = day.split('-').map(Number);
    const time = new Date(
      Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1, 3 + Math.floor(rnd() * 8), Math.floor(rnd() * 60)),
    );
    reports.push([
      time,
      `${school.toLowerCase()}@example.ru`,
      school,
      a.id,
      '',
      pick(rnd()),
      '',
      'Сформировано генератором примера',
      '',
      `sample-${opts.seed}-${reports.length + 1}`,
    ]);
  }
  reports.sort((x, z) => (x[0] as Date).getTime() - (z[0] as Date).getTime());
  return {
    [SHEETS.activities]: activitiesGrid,
    [SHEETS.indicators]: imported.indicators,
    [SHEETS.settings]: settingsGrid,
    [SHEETS.schools]: sample.schools,
    [SHEETS.questionnaire]: sample.questionnaire,
    [SHEETS.responses]: sample.responses,
    [SHEETS.reports]: [[...REPORTS_HEADER], ...reports],
  };
}
