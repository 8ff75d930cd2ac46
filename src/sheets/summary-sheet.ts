/** `Сводка`: one product sheet shared by several jobs, its sections stacked one under another. */
import { isDateValue } from '../core/dates';
import { columnLetter, type CellValue } from '../core/grid';
import { SHEETS } from '../core/messages';
import { isOurRule, quoted, RULE_MARKER } from './conditional-format';
import type { ConditionalFormatRulePort, Services, SheetPort } from './ports';
import { ensureSize } from './sheet-size';

interface SummarySection {
  /** Data rows coloured by the text in the column with this header (conditional-format rules). */
  colourBy?: { header: string; colours: Readonly<Record<string, string>> };
  /** Notes on header cells, by header: what a column that is not self-explanatory is for. */
  headerNotes?: Readonly<Record<string, string>>;
}

/** The last column of the mail preview: the mail's content key, which «Журнал» records for a mail sent. */
export const MAIL_KEY_HEADER = 'Ключ письма';

/**
 * The sections of `Сводка`, in the order they stand on the sheet from the top. Each is a title row, a
 * header row and data rows, in columns from A, with a blank row before the next section: side by side
 * they were unreadable in Excel and LibreOffice and did not print on A4. A job that needs a section adds
 * one line here.
 */
export const SUMMARY_SECTIONS = {
  Показатели: {
    colourBy: { header: 'Статус', colours: { достигнуто: '#d9ead3', 'не достигнуто': '#f4cccc' } },
  },
  'Предпросмотр писем': {
    headerNotes: {
      [MAIL_KEY_HEADER]: `Служебный код письма: когда письмо отправлено, тот же код стоит в столбце «Ключ» листа «${SHEETS.journal}». Менять его не нужно.`,
    },
  },
} as const satisfies Record<string, SummarySection>;

export type SummarySectionTitle = keyof typeof SUMMARY_SECTIONS;

const TITLES = Object.keys(SUMMARY_SECTIONS) as SummarySectionTitle[];

/**
 * Text as plain text, so a value such as «=5» or «1/2» does not turn into a formula or a date; whole numbers
 * without a decimal point («0.##» would show «200.»).
 */
function formatOf(v: CellValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? '0' : '0.0##';
  return isDateValue(v) ? 'dd.MM.yyyy' : '@';
}

const isBlank = (v: CellValue | undefined): boolean => v === '' || v === null || v === undefined;

/** Columns up to the last filled cell of any row. */
function widthOf(rows: readonly CellValue[][]): number {
  let width = 1;
  for (const r of rows) for (let c = r.length; c > width; c--) if (!isBlank(r[c - 1])) width = c;
  return width;
}

function titleOf(v: CellValue): SummarySectionTitle | undefined {
  if (typeof v !== 'string') return undefined;
  return TITLES.find((t) => v === t || v.startsWith(`${t} — `));
}

/** A section as it stands on the sheet: `rows[0]` is its title row, `rows[1]` its header. */
export interface PlacedSection {
  title: SummarySectionTitle;
  /** The sheet row of the title (1-based). */
  row: number;
  /** The sheet column of the title (1-based): 1 in the stacked layout. */
  column: number;
  rows: CellValue[][];
}

/**
 * The sections found in the values of `Сводка`. A title is a cell holding a section's title (and subtitle)
 * with nothing else in its row but other titles; its section runs right to the next title in that row and
 * down to the next title in its column, blank rows at its end dropped. So a sheet written by an older
 * version, with blocks of columns side by side, is read too, and the next write stacks it.
 */
export function summarySections(values: readonly CellValue[][]): PlacedSection[] {
  const titles: { title: SummarySectionTitle; row: number; column: number }[] = [];
  values.forEach((r, row) => {
    const found = r.map((v, column) => ({ title: titleOf(v), row, column }));
    if (found.some((f) => f.title) && r.every((v, c) => isBlank(v) || found[c]?.title))
      for (const f of found) if (f.title) titles.push({ ...f, title: f.title });
  });
  const width = widthOf(values);
  return titles.map((t) => {
    const right = Math.min(
      width,
      ...titles.filter((o) => o.row === t.row && o.column > t.column).map((o) => o.column),
    );
    const below = Math.min(
      values.length,
      ...titles.filter((o) => o.column === t.column && o.row > t.row).map((o) => o.row),
    );
    const rows = values.slice(t.row, below).map((r) => r.slice(t.column, right));
    while (rows.length > 1 && rows[rows.length - 1]?.every(isBlank)) rows.pop();
    return { title: t.title, row: t.row + 1, column: t.column + 1, rows };
  });
}

/** Rules of `Сводка` made before they carried the marker: the status colours of «Показатели» at H3. */
const isLegacyRule = (rule: ConditionalFormatRulePort): boolean =>
  (rule.getBooleanCondition()?.getCriteriaValues() ?? []).some(
    (v) => v === '=$H3="достигнуто"' || v === '=$H3="не достигнуто"',
  );

/**
 * Colour rules for the sections that have them, over exactly their data rows where they now stand. Built
 * anew with every layout, so a section that moved is coloured where it is and rules never stack up.
 */
function colourSections(svc: Services, sheet: SheetPort, placed: PlacedSection[]): void {
  const rules: ConditionalFormatRulePort[] = [];
  for (const { title, row, rows } of placed) {
    const by = (SUMMARY_SECTIONS[title] as SummarySection).colourBy;
    const column = rows[1]?.indexOf(by?.header ?? '') ?? -1;
    if (!by || column < 0 || rows.length < 3) continue;
    const first = row + 2;
    const range = sheet.getRange(first, 1, rows.length - 2, widthOf(rows));
    const cell = `$${columnLetter(column + 1)}${first}`;
    for (const [value, colour] of Object.entries(by.colours))
      rules.push(
        svc.spreadsheetApp
          .newConditionalFormatRule()
          .whenFormulaSatisfied(`=AND(${RULE_MARKER},${cell}=${quoted(value)})`)
          .setBackground(colour)
          .setRanges([range])
          .build(),
      );
  }
  const kept = sheet.getConditionalFormatRules().filter((r) => !isOurRule(r) && !isLegacyRule(r));
  sheet.setConditionalFormatRules([...rules, ...kept]);
}

export interface WrittenSection {
  sheet: SheetPort;
  /** The sheet row of the section's title. */
  row: number;
}

/** The notes of the header cells of the sections as placed (none elsewhere: a moved section leaves no stale note). */
function headerNotes(grid: readonly CellValue[][], placed: readonly PlacedSection[]): (string | null)[][] {
  const notes = grid.map((r) => r.map((): string | null => null));
  for (const p of placed) {
    const byHeader: Readonly<Record<string, string>> =
      (SUMMARY_SECTIONS[p.title] as SummarySection).headerNotes ?? {};
    // p.row is 1-based: the title's index + 1 is the header's index.
    grid[p.row]?.forEach((v, c) => {
      const note = typeof v === 'string' ? byHeader[v] : undefined;
      if (note !== undefined && notes[p.row]) notes[p.row][c] = note;
    });
  }
  return notes;
}

/**
 * Rewrites one section of `Сводка` and keeps the others: the first row of the section holds the title
 * (with `subtitle`, e.g. the time of the update), `rows[0]` is the column header (bold), the rest are data.
 * The sheet is read once and written whole once (values, formats, weights), so sections keep their order
 * and a blank row between them however long each grows; the cells a shorter layout no longer uses are
 * cleared by the same write (notes too, but the header notes of SUMMARY_SECTIONS). The number of calls does not depend on the number of rows.
 */
export function writeSummarySection(
  svc: Services,
  title: SummarySectionTitle,
  rows: CellValue[][],
  subtitle = '',
): WrittenSection {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(SHEETS.summary) ?? ss.insertSheet(SHEETS.summary);
  const before = sheet.getDataRange().getValues();
  const sections = new Map<SummarySectionTitle, CellValue[][]>();
  for (const s of summarySections(before)) if (!sections.has(s.title)) sections.set(s.title, s.rows);
  sections.set(title, [[subtitle ? `${title} — ${subtitle}` : title], ...rows]);

  const stacked: CellValue[][] = [];
  const bold: boolean[] = [];
  const placed: PlacedSection[] = [];
  for (const t of TITLES) {
    const section = sections.get(t);
    if (!section) continue;
    if (stacked.length > 0) {
      stacked.push([]);
      bold.push(false);
    }
    placed.push({ title: t, row: stacked.length + 1, column: 1, rows: section });
    section.forEach((r, i) => {
      stacked.push(r);
      bold.push(i < 2);
    });
  }
  const width = Math.max(widthOf(before), widthOf(stacked));
  const height = Math.max(before.length, stacked.length);
  const grid = Array.from({ length: height }, (_, i) =>
    Array.from({ length: width }, (_, c): CellValue => stacked[i]?.[c] ?? ''),
  );
  ensureSize(sheet, height, width);
  const range = sheet.getRange(1, 1, height, width);
  range.setNumberFormats(grid.map((r) => r.map(formatOf)));
  range.setValues(grid);
  range.setFontWeights(
    grid.map((_, i) => Array.from({ length: width }, () => (bold[i] ? 'bold' : 'normal'))),
  );
  range.setNotes(headerNotes(grid, placed));
  // An older version froze the first section's title and header; over a stack they would hide the rest.
  if (sheet.getFrozenRows() > 0) sheet.setFrozenRows(0);
  colourSections(svc, sheet, placed);
  return { sheet, row: placed.find((p) => p.title === title)?.row ?? 1 };
}
