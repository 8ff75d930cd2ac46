/**
 * A table with merged cells (a Word table, an HTML `<table>`) → the rows of text the roadmap reader reads,
 * merges resolved the way a sheet shows them.
 */

/** One position of the table's grid: a cell's own text, or covered by the cell to its left or above. */
export type TableSlot = { text: string } | 'left' | 'above';

/** A cell as HTML writes it: its text and how many columns and rows it spans. */
export interface SpanCell {
  text: string;
  colSpan: number;
  rowSpan: number;
}

/** Lays HTML cells (`colspan`, `rowspan`) out on the grid, as a browser does. */
export function layoutSpans(rows: readonly (readonly SpanCell[])[]): TableSlot[][] {
  const grid: TableSlot[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    const row = grid[r];
    let c = 0;
    for (const cell of cells) {
      while (row[c] !== undefined) c++;
      const colSpan = Math.max(1, Math.min(cell.colSpan, 1000));
      const rowSpan = Math.max(1, Math.min(cell.rowSpan, rows.length - r));
      for (let dr = 0; dr < rowSpan; dr++) {
        const target = grid[r + dr];
        for (let dc = 0; dc < colSpan; dc++)
          target[c + dc] = dr === 0 && dc === 0 ? { text: cell.text } : dr === 0 ? 'left' : 'above';
      }
      c += colSpan;
    }
  });
  // Rows shorter than the table (a missing cell) read as empty there.
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? { text: '' }));
}

/**
 * The text of each row. A cell spanning columns shows once, in its first column (a section title across the
 * table). A cell merged down keeps its value in each row that starts with cells of its own (one responsible
 * for several activities, as a sheet's merged cells are copied down); a row whose leading cells are merged
 * from above (number and title) is the rest of the row above — a second deadline or party — and shows them empty.
 */
export function fillMerges(slots: readonly (readonly TableSlot[])[]): string[][] {
  let above: string[] = [];
  return slots.map((row) => {
    const own = row.findIndex((s) => typeof s === 'object');
    const values: string[] = [];
    const shown = row.map((slot, c) => {
      if (typeof slot === 'object') {
        values[c] = slot.text;
        return slot.text;
      }
      if (slot === 'left') {
        values[c] = '';
        return '';
      }
      values[c] = above[c] ?? '';
      return own >= 0 && c > own ? values[c] : '';
    });
    above = values;
    return shown;
  });
}
