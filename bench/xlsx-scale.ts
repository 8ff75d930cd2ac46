/**
 * A job of the local host on a large generated workbook against a bare exceljs read + write of the same
 * file (issue 17: at most 2×, peak memory under 2 GB). Each run is a child process of this bundle, so the
 * peak RSS it reports is its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { LocalHost } from '../src/local/host';
import { sampleResponses } from '../src/local/sample-responses';

/** The argument that makes `lib/bench.js` a measuring child instead of the benchmark. */
export const XLSX_CHILD = 'xlsx-child';

export interface ChildRun {
  ms: number;
  /** Peak resident set size of the child, MB. */
  rssMb: number;
}

export interface XlsxScale {
  responses: number;
  bare: ChildRun;
  job: ChildRun;
  /** job.ms ÷ bare.ms. */
  ratio: number;
}

/** In the child: one bare round trip or one job (open, run, save), then its time and peak RSS on stdout. */
export async function xlsxChild(mode: string, input: string, output: string, job: string): Promise<void> {
  const t = performance.now();
  if (mode === 'bare') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    await wb.xlsx.writeFile(output);
  } else {
    const host = await LocalHost.open(input, { timeZone: 'Europe/Moscow', outbox: join(output, '..') });
    host.run(job);
    await host.save(output);
  }
  const ms = Math.round(performance.now() - t);
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ ms, rssMb } satisfies ChildRun)}\n`);
}

function child(args: string[]): ChildRun {
  const out = execFileSync(process.execPath, [__filename, XLSX_CHILD, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ChildRun;
}

/**
 * For each size: generates `Школы`, `Анкета` and `Ответы` with about that many responses (30 questions per
 * response, about 1,000 per school), then times a bare exceljs round trip and `job` in the local host.
 */
export async function benchXlsxScale(sizes: number[], job = 'buildRiskProfiles'): Promise<XlsxScale[]> {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap500-bench-'));
  try {
    const results: XlsxScale[] = [];
    for (const n of sizes) {
      const input = join(dir, `responses-${n}.xlsx`);
      await sampleResponses({ schools: Math.round(n / 1000), respondents: 1100, out: input, seed: 17 });
      const bare = child(['bare', input, join(dir, 'bare.xlsx'), job]);
      const ran = child(['job', input, join(dir, 'job.xlsx'), job]);
      results.push({ responses: n, bare, job: ran, ratio: Math.round((ran.ms / bare.ms) * 100) / 100 });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
