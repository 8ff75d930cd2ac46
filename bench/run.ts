/** npm run bench: the performance figures of issue 10, printed as a table and written to bench/results.json. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleFigures } from './bundle';
import { benchCustomFunctions } from './custom-functions';
import { benchDeadlines } from './deadlines';
import { benchImport } from './import';
import { benchRiskProfiles } from './risk-profiles';
import {
  callGrowth,
  coreValidateStatusMs,
  naiveCalls,
  riskJobCalls,
  roadmapJobCalls,
  type JobCalls,
} from './sheet-calls';
import { benchStatuses } from './statuses';
import { benchXlsxScale, XLSX_CHILD, xlsxChild, type XlsxScale } from './xlsx-scale';

const root = join(__dirname, '..');
const line = (label: string, value: string, target = ''): void =>
  console.log(`${label.padEnd(58)} ${value.padStart(14)}  ${target}`);

/** The local host at scale (issue 17): minutes, so `node lib/bench.js scale` runs it alone. */
async function printXlsxScale(): Promise<XlsxScale[]> {
  console.log('\nLocal host at scale: buildRiskProfiles on a generated workbook ÷ bare exceljs read + write');
  const scale = await benchXlsxScale([50_000, 100_000]);
  for (const s of scale)
    line(
      `${s.responses} responses: job ÷ bare exceljs round trip`,
      `×${s.ratio}`,
      `target ≤ 2; job ${s.job.ms} ms, peak RSS ${s.job.rssMb} MB (target < 2048); bare ${s.bare.ms} ms, ${s.bare.rssMb} MB`,
    );
  return scale;
}

async function main(): Promise<void> {
  console.log('Roadmap 500+ benchmark (Node, this machine)\n');

  const deadlines = benchDeadlines();
  line(`deadline phrases: ${deadlines.phrases} parses, ours`, `${deadlines.oursMs} ms`, 'target < 30 ms');
  line(
    `deadline phrases: ${deadlines.phrases} parses, chrono-node ru`,
    `${deadlines.chronoMs} ms`,
    `ours ×${deadlines.speedup} faster (target ≥ 10×)`,
  );
  line(
    'chrono-node ru: seed phrases with a wrong or missing date',
    `${deadlines.chronoWrongPct} %`,
    deadlines.chronoWrongExamples.slice(0, 3).join(' | '),
  );

  const custom = benchCustomFunctions(join(root, 'dist', 'Code.js'));
  for (const c of custom)
    line(
      `ROADMAP_DEADLINE / ROADMAP_STATUS: 1 call, ${c.rows} rows, ${c.column} (${c.distinct} distinct)`,
      `${c.deadlineMs} / ${c.statusMs} ms`,
      `chrono-node ${c.chronoMs} ms: ours ×${c.deadlineSpeedup} / ×${c.statusSpeedup} faster` +
        (c.distinct < c.rows ? ' (target ≥ 10×)' : ', every cell parsed'),
    );

  const core = [100, 1_000, 10_000].map((n) => ({ n, ms: coreValidateStatusMs(n) }));
  for (const c of core)
    line(
      `validate + statuses, ${c.n} activities (core)`,
      `${c.ms} ms`,
      c.n === 10_000 ? 'target < 150 ms' : '',
    );
  const statuses = benchStatuses();
  line(
    `statuses only, ${statuses.activities} activities, ${statuses.reports} reports`,
    `${statuses.medianMs} ms`,
    `first run ${statuses.firstMs} ms`,
  );

  const risk = benchRiskProfiles();
  line(
    `risk profiles, ${risk.responses} responses × ${risk.questions} q, ${risk.schools} schools`,
    `${risk.profilesMs} ms`,
    'target < 1.5 s',
  );

  const imports = await benchImport();
  for (const [kind, t] of [
    ['.docx', imports.docx],
    ['.html', imports.html],
  ] as const)
    line(
      `import of a ${kind} roadmap, ${imports.activities} activities (file → workbook)`,
      `${t.medianMs} ms`,
      `first run ${t.firstMs} ms, CPU ${t.cpuMs} ms; target < 1 s`,
    );

  console.log('\nSpreadsheet-service calls per job (built bundle in the local host)');
  const jobs: JobCalls[] = [...roadmapJobCalls(100), ...roadmapJobCalls(1_000), ...roadmapJobCalls(10_000)];
  const byJob = new Map<string, JobCalls[]>();
  for (const j of jobs) byJob.set(j.job, [...(byJob.get(j.job) ?? []), j]);
  for (const [job, runs] of byJob) {
    const [small, , large] = runs as [JobCalls, JobCalls, JobCalls];
    line(
      `${job}: calls at ${runs.map((r) => r.rows).join(' / ')} rows`,
      runs.map((r) => r.calls).join(' / '),
      `${callGrowth(small, large)}; ms ${runs.map((r) => r.ms).join(' / ')}; emails ${runs.map((r) => r.emails).join(' / ')}`,
    );
  }
  const riskCalls = [riskJobCalls(10_000), riskJobCalls(100_000)] as const;
  line(
    `buildRiskProfiles: calls at ${riskCalls[0].rows} / ${riskCalls[1].rows} responses`,
    `${riskCalls[0].calls} / ${riskCalls[1].calls}`,
    `${callGrowth(riskCalls[0], riskCalls[1])}; ${riskCalls[1].ms} ms at ${riskCalls[1].rows}`,
  );

  const naive = naiveCalls(10_000);
  const ours = byJob.get('refreshStatuses')?.[2];
  line(
    `naive per-row refresh vs ours, 10000 activities: calls`,
    `${naive.calls} / ${ours?.calls}`,
    `${ours ? Math.round(naive.calls / ours.calls) : '?'}× fewer (target ≥ 100×); ${naive.ms} ms vs ${ours?.ms} ms`,
  );

  const bundle = bundleFigures(join(root, 'dist', 'Code.js'));
  line('dist/Code.js size (pushed, unminified)', `${Math.round(bundle.bytes / 1024)} KB`);
  line('dist/Code.js size minified', `${Math.round(bundle.minifiedBytes / 1024)} KB`, 'target < 300 KB');
  line('dist/Code.js cold load in a fresh vm context', `${bundle.coldLoadMs} ms`, 'target < 50 ms');

  const scale = await printXlsxScale();

  const results = {
    date: new Date().toISOString(),
    deadlines,
    custom,
    core,
    statuses,
    risk,
    imports,
    jobs,
    riskCalls,
    naive,
    bundle,
    scale,
  };
  writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nbench/results.json written');
}

const [mode, childMode = '', input = '', output = '', job = ''] = process.argv.slice(2);
if (mode === XLSX_CHILD) void xlsxChild(childMode, input, output, job);
else if (mode === 'scale') void printXlsxScale();
else void main();
