/** Spreadsheet-service calls and wall time per job through the built bundle in the local host, by size. */
import { performance } from 'node:perf_hooks';
import { readRoadmap } from '../src/core/roadmap-reader';
import { computeStatuses } from '../src/core/status';
import { midnightInZoneFn } from '../src/core/zone-dates';
import { generateSample } from '../src/core/sample-responses';
import { SHEETS } from '../src/core/messages';
import { LocalHost } from '../src/local/host';
import type { Services } from '../src/sheets/ports';
import { roadmapRow } from '../src/sheets/roadmap-sheet';
import { ensureSize } from '../src/sheets/sheet-size';
import { activitiesGrid, responsibleGrid, settingsGrid } from './fixtures';
import { medianMs, round } from './stats';

const TODAY = '2021-06-01';

export interface JobCalls {
  job: string;
  rows: number;
  calls: number;
  byMethod: Record<string, number>;
  ms: number;
  emails: number;
}

function roadmapHost(n: number): LocalHost {
  return LocalHost.fromSheets(
    {
      [SHEETS.activities]: activitiesGrid(n),
      [SHEETS.responsible]: responsibleGrid(200),
      [SHEETS.settings]: settingsGrid('coordinator@example.ru'),
    },
    { now: TODAY, timeZone: 'Europe/Moscow' },
  );
}

function measure(host: LocalHost, job: string, rows: number): JobCalls {
  host.calls.reset();
  const mailBefore = host.sentMail.length;
  const t = performance.now();
  host.run(job);
  return {
    job,
    rows,
    calls: host.calls.total(),
    byMethod: host.calls.byMethod(),
    ms: round(performance.now() - t),
    emails: host.sentMail.length - mailBefore,
  };
}

/** The roadmap jobs in pipeline order on one host of `n` activities. */
export function roadmapJobCalls(n: number): JobCalls[] {
  const host = roadmapHost(n);
  return ['validateRoadmap', 'refreshStatuses', 'previewReminders', 'sendReminders', 'sendWeeklySummary'].map(
    (job) => measure(host, job, n),
  );
}

/** buildRiskProfiles over `responses` questionnaire rows (60 questions, schools = responses / 100). */
export function riskJobCalls(responses: number): JobCalls {
  const schools = Math.max(10, Math.round(responses / 100));
  const data = generateSample({
    schools,
    // Every tenth generated school gets only 3 respondents; the others make up the total.
    respondents: Math.round((responses / schools - 0.3) / 0.9),
    questions: 60,
    seed: 7,
  });
  const host = LocalHost.fromSheets(
    {
      [SHEETS.activities]: activitiesGrid(100),
      [SHEETS.schools]: data.schools,
      [SHEETS.questionnaire]: data.questionnaire,
      [SHEETS.responses]: data.responses,
    },
    { now: TODAY },
  );
  return measure(host, 'buildRiskProfiles', data.responses.length - 1);
}

/**
 * The deliberately naive version of validate + statuses that Apps Script beginners write: one getValues per
 * row of `Мероприятия` and one setValues per row of `Дорожная карта`. Same result, counted the same way.
 */
function naiveRefresh(svc: Services): void {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(SHEETS.activities);
  if (!sheet) return;
  const width = sheet.getLastColumn();
  const grid = [];
  for (let r = 1; r <= sheet.getLastRow(); r++)
    grid.push(sheet.getRange(r, 1, 1, width).getValues()[0] ?? []);
  const read = readRoadmap({
    activities: grid,
    settings: [],
    responsible: [],
    timeZone: 'Europe/Moscow',
    fallbackYear: 2021,
  });
  const statuses = computeStatuses(read.activities, [], TODAY, read.settings, 'Europe/Moscow');
  const out = ss.getSheetByName(SHEETS.roadmap) ?? ss.insertSheet(SHEETS.roadmap);
  ensureSize(out, read.activities.length + 1, 20);
  const midnight = midnightInZoneFn('Europe/Moscow');
  read.activities.forEach((a, i) => {
    const row = roadmapRow(a, statuses.get(a.id), sheet.getSheetId(), midnight);
    out.getRange(i + 2, 1, 1, row.length).setValues([row]);
  });
}

export function naiveCalls(n: number): JobCalls {
  const host = roadmapHost(n);
  host.calls.reset();
  const t = performance.now();
  naiveRefresh(host.services());
  return {
    job: 'naive refresh (per row)',
    rows: n,
    calls: host.calls.total(),
    byMethod: host.calls.byMethod(),
    ms: round(performance.now() - t),
    emails: 0,
  };
}

/** Node compute time of validate + statuses (core only, no sheet service): median of several runs. */
export function coreValidateStatusMs(n: number): number {
  const grid = activitiesGrid(n);
  const responsible = responsibleGrid(200);
  const settings = settingsGrid('coordinator@example.ru');
  return round(
    medianMs(() => {
      const read = readRoadmap({
        activities: grid,
        settings,
        responsible,
        timeZone: 'Europe/Moscow',
        fallbackYear: 2021,
      });
      computeStatuses(read.activities, [], TODAY, read.settings, 'Europe/Moscow');
    }),
  );
}

/**
 * How two runs' calls differ, by method. A product sheet too small for the output is grown once
 * (getMaxRows + insertRowsAfter: Sheets refuses ranges past the sheet's size); that is the only allowed difference.
 */
export function callGrowth(small: JobCalls, large: JobCalls): string {
  if (small.calls === large.calls) return 'constant';
  const methods = new Set([...Object.keys(small.byMethod), ...Object.keys(large.byMethod)]);
  const diff = [...methods].filter((m) => small.byMethod[m] !== large.byMethod[m]);
  const resizeOnly = diff.every((m) =>
    /\.(getMaxRows|getMaxColumns|insertRowsAfter|insertColumnsAfter)$/.test(m),
  );
  const detail = diff.map((m) => `${m} ${small.byMethod[m] ?? 0}→${large.byMethod[m] ?? 0}`).join(', ');
  return `${resizeOnly ? 'bounded: one-off sheet resize' : 'GROWS'} (${detail})`;
}
