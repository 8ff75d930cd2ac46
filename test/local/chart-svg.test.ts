import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { generateSample } from '../../src/core/sample-responses';
import { renderChartSvg, type ChartSpec } from '../../src/local/chart-svg';
import { LocalHost } from '../../src/local/host';
import { buildRiskProfiles } from '../../src/sheets/build-risk-profiles';

const spec: ChartSpec = {
  sheet: 'Рисковые профили',
  type: 'BAR',
  options: {
    title: 'Уровни риска по факторам: число школ',
    isStacked: true,
    colors: ['#e06666', '#f6b26b', '#93c47d'],
  },
  data: [
    ['Фактор риска', 'высокий', 'средний', 'низкий'],
    ['Дефицит педагогических кадров', 3, 1, 6],
    ['Низкий уровень вовлеченности родителей <и> «прочее»', 0, 5, 5],
  ],
};

interface Bar {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  title: string;
}
function bars(svg: string): Bar[] {
  return [
    ...svg.matchAll(
      /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="([^"]+)"><title>([^<]*)<\/title>/g,
    ),
  ].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    w: Number(m[3]),
    h: Number(m[4]),
    fill: m[5],
    title: m[6],
  }));
}

describe('renderChartSvg', () => {
  it('draws a stacked bar per category, segments end to end and proportional to the values', () => {
    const svg = renderChartSvg(spec);
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('>Уровни риска по факторам: число школ</text>');
    const b = bars(svg);
    expect(b.map((x) => x.title)).toEqual([
      'Дефицит педагогических кадров: высокий — 3',
      'Дефицит педагогических кадров: средний — 1',
      'Дефицит педагогических кадров: низкий — 6',
      'Низкий уровень вовлеченности родителей &lt;и&gt; «прочее»: средний — 5',
      'Низкий уровень вовлеченности родителей &lt;и&gt; «прочее»: низкий — 5',
    ]);
    const [h, m, l] = b as [Bar, Bar, Bar];
    expect(m.x).toBeCloseTo(h.x + h.w, 0);
    expect(l.x).toBeCloseTo(m.x + m.w, 0);
    expect(h.w / m.w).toBeCloseTo(3, 1);
    expect(b.map((x) => x.fill)).toEqual(['#e06666', '#f6b26b', '#93c47d', '#f6b26b', '#93c47d']);
    expect(b[3]?.y).toBeGreaterThan(h.y);
  });

  it('names the series in a legend and escapes text', () => {
    const svg = renderChartSvg(spec);
    for (const s of ['высокий', 'средний', 'низкий']) expect(svg).toContain(`>${s}</text>`);
    expect(svg).not.toContain('<и>');
  });

  it('draws grouped columns when the chart is a column chart without stacking', () => {
    const b = bars(renderChartSvg({ ...spec, type: 'COLUMN', options: { title: 'Т' } }));
    expect(b).toHaveLength(6);
    const [first, second] = b as [Bar, Bar];
    expect(second.x).toBeGreaterThan(first.x);
    expect(first.h / second.h).toBeCloseTo(3, 1);
  });
});

describe('the risk chart saved by the local host', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'chart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is written beside the workbook as an SVG of the district summary, and into it as a picture', async () => {
    const data = generateSample({ schools: 6, respondents: 8, seed: 3 });
    const host = LocalHost.fromSheets(
      { Школы: data.schools, Анкета: data.questionnaire, Ответы: data.responses },
      { now: '2024-04-10' },
    );
    buildRiskProfiles(host.services());
    const out = path.join(dir, 'профили.xlsx');
    await host.save(out);
    const file = path.join(dir, 'профили-Рисковые профили-1.svg');
    expect(existsSync(file)).toBe(true);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toContain('Уровни риска по факторам: число школ');
    const perFactor = new Map<string, number>();
    for (const b of bars(svg)) {
      const [factor, rest] = b.title.split(': ') as [string, string];
      perFactor.set(factor, (perFactor.get(factor) ?? 0) + Number(rest.split(' — ')[1]));
    }
    expect(perFactor.size).toBe(10);
    for (const n of perFactor.values()) expect(n).toBe(6);

    // Inside the workbook too: a PNG in xl/media, one picture on «Рисковые профили», still one after saving again.
    const pngs = async (): Promise<Buffer[]> => {
      const zip = await JSZip.loadAsync(readFileSync(out));
      const names = Object.keys(zip.files).filter((f) => /^xl\/media\/.+\.png$/.test(f));
      return Promise.all(names.map((f) => zip.file(f)!.async('nodebuffer')));
    };
    const media = await pngs();
    expect(media).toHaveLength(1);
    expect(media[0]?.subarray(1, 4).toString('latin1')).toBe('PNG');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Рисковые профили')?.getImages()).toHaveLength(1);
    const again = await LocalHost.open(out);
    await again.save(out);
    expect(await pngs()).toHaveLength(1);
  });
});
