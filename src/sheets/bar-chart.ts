/** The product's embedded charts: a stacked bar chart over a block of a sheet, the one kind its sheets draw. */
import type { SheetPort } from './ports';

export interface StackedBarChart {
  /** Header row and category rows, first column the labels: row, column, rows, columns. */
  range: [number, number, number, number];
  /** Where the chart's top-left corner goes (row, column). */
  anchor: [number, number];
  title: string;
  /** Series colours, in column order. */
  colors: string[];
}

/** Inserts the chart (the caller removes the previous run's charts first). */
export function insertStackedBarChart(sheet: SheetPort, chart: StackedBarChart): void {
  const [row, col, rows, cols] = chart.range;
  sheet.insertChart(
    sheet
      .newChart()
      .asBarChart()
      .addRange(sheet.getRange(row, col, rows, cols))
      .setPosition(chart.anchor[0], chart.anchor[1], 0, 0)
      .setOption('title', chart.title)
      .setOption('isStacked', true)
      .setOption('colors', chart.colors)
      .setOption('legend', { position: 'top' })
      .setOption('width', 900)
      .setOption('height', 420)
      .build(),
  );
}
