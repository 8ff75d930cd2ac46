/** Renders an embedded chart recorded by the local host (bar or column, stacked or grouped) as an SVG file beside the workbook. */
import { valueText } from '../core/grid';

export interface ChartSpec {
  sheet: string;
  type: string;
  options: Record<string, unknown>;
  data: unknown[][];
}

const DEFAULT_COLORS = [
  '#4285f4',
  '#db4437',
  '#f4b400',
  '#0f9d58',
  '#ab47bc',
  '#00acc1',
  '#ff7043',
  '#9e9d24',
];
const FONT = 'font-family="Arial, Helvetica, sans-serif"';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const numberOf = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : Number(valueText(v).replace(',', '.')) || 0;
const label = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : valueText(v));

/** Splits a label into at most `lines` lines of about `width` characters, the last one cut with «…». */
function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = `${(kept[lines - 1] ?? '').slice(0, width - 1)}…`;
    return kept;
  }
  return out;
}

/** A round step for about `count` ticks up to `max`. */
function tickStep(max: number, count: number): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  return Math.max(step, Number.isInteger(max) ? 1 : step);
}

/**
 * The chart as SVG: the first row of `data` names the series (its first cell is the category column),
 * each further row is a category with one value per series. BAR draws horizontal bars, COLUMN (and any
 * other type) vertical ones; `isStacked` stacks the series. Options used: title, colors, width, height.
 */
export function renderChartSvg(chart: ChartSpec): string {
  const [head = [], ...body] = chart.data;
  const series = head.slice(1).map(label);
  const rows = body.filter((r) => r.some((c) => c !== '' && c !== null));
  const categories = rows.map((r) => label(r[0]));
  const values = rows.map((r) => series.map((_, i) => Math.max(0, numberOf(r[i + 1]))));
  const stacked =
    chart.options['isStacked'] === true ||
    chart.options['isStacked'] === 'true' ||
    chart.options['isStacked'] === 'absolute';
  const colorsOpt = chart.options['colors'];
  const colors = Array.isArray(colorsOpt) && colorsOpt.length > 0 ? colorsOpt.map(String) : DEFAULT_COLORS;
  const color = (i: number): string => colors[i % colors.length];
  const title = valueText(chart.options['title'] ?? chart.sheet);
  const horizontal = chart.type.toUpperCase() === 'BAR';

  const max = Math.max(1, ...values.map((v) => (stacked ? v.reduce((a, b) => a + b, 0) : Math.max(0, ...v))));
  const step = tickStep(max, 5);
  const top = Math.ceil(max / step) * step;

  const width = Math.max(numberOf(chart.options['width']) || 900, 480);
  const legendH = 28;
  const titleH = 36;
  const parts: string[] = [];
  let height: number;

  if (horizontal) {
    const labelW = Math.min(340, Math.round(width * 0.38));
    const band = 34;
    const plotTop = titleH + legendH;
    const plotH = Math.max(categories.length, 1) * band;
    height = Math.max(numberOf(chart.options['height']) || 0, plotTop + plotH + 40);
    const plotLeft = labelW + 10;
    const plotW = width - plotLeft - 24;
    const x = (v: number): number => plotLeft + (v / top) * plotW;
    for (let t = 0; t <= top + 1e-9; t += step) {
      parts.push(
        `<line x1="${x(t).toFixed(1)}" y1="${plotTop}" x2="${x(t).toFixed(1)}" y2="${plotTop + plotH}" stroke="#e0e0e0"/>`,
      );
      parts.push(
        `<text x="${x(t).toFixed(1)}" y="${plotTop + plotH + 16}" font-size="11" text-anchor="middle" ${FONT} fill="#555">${esc(String(Math.round(t * 100) / 100))}</text>`,
      );
    }
    categories.forEach((cat, r) => {
      const y0 = plotTop + r * band;
      const lines = wrap(cat, Math.floor(labelW / 6.2), 2);
      lines.forEach((l, i) => {
        const y = y0 + band / 2 + (i - (lines.length - 1) / 2) * 13 + 4;
        parts.push(
          `<text x="${labelW}" y="${y.toFixed(1)}" font-size="11" text-anchor="end" ${FONT} fill="#222">${esc(l)}</text>`,
        );
      });
      const v = values[r] ?? [];
      if (stacked) {
        let acc = 0;
        v.forEach((val, i) => {
          if (val > 0)
            parts.push(
              `<rect x="${x(acc).toFixed(1)}" y="${y0 + 6}" width="${(x(acc + val) - x(acc)).toFixed(1)}" height="${band - 12}" fill="${esc(color(i))}"><title>${esc(`${cat}: ${series[i]} — ${val}`)}</title></rect>`,
            );
          acc += val;
        });
      } else {
        const h = (band - 12) / Math.max(series.length, 1);
        v.forEach((val, i) => {
          parts.push(
            `<rect x="${plotLeft}" y="${(y0 + 6 + i * h).toFixed(1)}" width="${(x(val) - plotLeft).toFixed(1)}" height="${h.toFixed(1)}" fill="${esc(color(i))}"><title>${esc(`${cat}: ${series[i]} — ${val}`)}</title></rect>`,
          );
        });
      }
    });
    parts.push(
      `<line x1="${plotLeft}" y1="${plotTop}" x2="${plotLeft}" y2="${plotTop + plotH}" stroke="#333"/>`,
    );
  } else {
    const plotTop = titleH + legendH;
    height = Math.max(numberOf(chart.options['height']) || 420, 300);
    const plotLeft = 48;
    const plotBottom = height - 64;
    const plotW = width - plotLeft - 24;
    const band = plotW / Math.max(categories.length, 1);
    const y = (v: number): number => plotBottom - (v / top) * (plotBottom - plotTop);
    for (let t = 0; t <= top + 1e-9; t += step) {
      parts.push(
        `<line x1="${plotLeft}" y1="${y(t).toFixed(1)}" x2="${plotLeft + plotW}" y2="${y(t).toFixed(1)}" stroke="#e0e0e0"/>`,
      );
      parts.push(
        `<text x="${plotLeft - 6}" y="${(y(t) + 4).toFixed(1)}" font-size="11" text-anchor="end" ${FONT} fill="#555">${esc(String(Math.round(t * 100) / 100))}</text>`,
      );
    }
    categories.forEach((cat, c) => {
      const x0 = plotLeft + c * band;
      wrap(cat, Math.max(4, Math.floor(band / 6.2)), 2).forEach((l, i) => {
        parts.push(
          `<text x="${(x0 + band / 2).toFixed(1)}" y="${plotBottom + 16 + i * 13}" font-size="11" text-anchor="middle" ${FONT} fill="#222">${esc(l)}</text>`,
        );
      });
      const v = values[c] ?? [];
      if (stacked) {
        let acc = 0;
        v.forEach((val, i) => {
          if (val > 0)
            parts.push(
              `<rect x="${(x0 + band * 0.15).toFixed(1)}" y="${y(acc + val).toFixed(1)}" width="${(band * 0.7).toFixed(1)}" height="${(y(acc) - y(acc + val)).toFixed(1)}" fill="${esc(color(i))}"><title>${esc(`${cat}: ${series[i]} — ${val}`)}</title></rect>`,
            );
          acc += val;
        });
      } else {
        const w = (band * 0.7) / Math.max(series.length, 1);
        v.forEach((val, i) => {
          parts.push(
            `<rect x="${(x0 + band * 0.15 + i * w).toFixed(1)}" y="${y(val).toFixed(1)}" width="${w.toFixed(1)}" height="${(plotBottom - y(val)).toFixed(1)}" fill="${esc(color(i))}"><title>${esc(`${cat}: ${series[i]} — ${val}`)}</title></rect>`,
          );
        });
      }
    });
    parts.push(
      `<line x1="${plotLeft}" y1="${plotBottom}" x2="${plotLeft + plotW}" y2="${plotBottom}" stroke="#333"/>`,
    );
  }

  let lx = 16;
  series.forEach((s, i) => {
    parts.push(`<rect x="${lx}" y="${titleH + 4}" width="12" height="12" fill="${esc(color(i))}"/>`);
    parts.push(`<text x="${lx + 16}" y="${titleH + 14}" font-size="12" ${FONT} fill="#222">${esc(s)}</text>`);
    lx += 16 + s.length * 7 + 20;
  });

  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" font-size="16" font-weight="bold" text-anchor="middle" ${FONT} fill="#222">${esc(title)}</text>`,
    ...parts,
    `</svg>`,
    '',
  ].join('\n');
}
