/** Benchmark of `roadmap500 import` of a Word document and a saved web page of 200 activities (issue 13: < 1 s each). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SheetCell } from '../src/core/import-text';
import { importRoadmap } from '../src/local/import-roadmap';
import { buildDocx, roadmapDocxBlocks } from '../test/fixtures/docx';
import { activitiesGrid } from './fixtures';
import { round } from './stats';

export interface ImportBench {
  activities: number;
  docx: ImportTimes;
  html: ImportTimes;
}

/**
 * Whole `import`, file to written workbook: the first run in the process (modules loading), the median of the
 * next ones, and the median CPU time of this process (what the machine's other load does not inflate).
 */
export interface ImportTimes {
  firstMs: number;
  medianMs: number;
  cpuMs: number;
}

const median = (xs: number[]): number => round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0);

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The roadmap as a saved page: title, a table whose section rows span it, parties one per line. */
function roadmapPage(rows: readonly (readonly SheetCell[])[]): string {
  const [title, header, ...body] = rows;
  const tr = (r: readonly SheetCell[]): string => {
    const cells = r.map(String);
    if (cells.filter((c) => c !== '').length === 2 && /^\d+\.$/.test(cells[0] ?? ''))
      return `<tr><td colspan="${header?.length ?? 1}">${esc(cells.join(' '))}</td></tr>`;
    return `<tr>${cells.map((c) => `<td>${esc(c).replace(/, /g, '<br>')}</td>`).join('')}</tr>`;
  };
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><h1>${esc(String(title?.[0] ?? ''))}</h1>
<table><tr>${(header ?? []).map((h) => `<th>${esc(String(h))}</th>`).join('')}</tr>
${body.map(tr).join('\n')}</table></body></html>`;
}

async function timeImport(input: string, out: string): Promise<ImportTimes> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (): boolean => true;
  try {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Each run is a first import into a new book, as a coordinator's (import refuses an existing --out).
      rmSync(out, { force: true });
      const t = performance.now();
      const c = process.cpuUsage();
      if ((await importRoadmap(input, out)) !== 0) throw new Error(`import of ${input} failed`);
      const used = process.cpuUsage(c);
      wall.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
    return { firstMs: round(wall[0] ?? 0), medianMs: median(wall.slice(1)), cpuMs: median(cpu.slice(1)) };
  } finally {
    process.stdout.write = write;
  }
}

export async function benchImport(n = 200): Promise<ImportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-bench-import-'));
  try {
    const rows = activitiesGrid(n) as SheetCell[][];
    const docx = join(dir, 'карта.docx');
    writeFileSync(docx, await buildDocx(roadmapDocxBlocks(rows)));
    const html = join(dir, 'карта.html');
    writeFileSync(html, roadmapPage(rows));
    return {
      activities: n,
      docx: await timeImport(docx, join(dir, 'из-word.xlsx')),
      html: await timeImport(html, join(dir, 'из-html.xlsx')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
