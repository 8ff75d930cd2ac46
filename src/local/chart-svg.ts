/** TODO(risk helper): renders an embedded chart recorded by the local host as an SVG file. */
export interface ChartSpec { sheet: string; type: string; options: Record<string, unknown>; data: unknown[][] }
export function renderChartSvg(_chart: ChartSpec): string {
  throw new Error('chart: ещё не реализовано');
}
