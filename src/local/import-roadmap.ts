/** `roadmap500 import <roadmap.txt|.csv|.xlsx|.docx|.html> --out FILE | --into BOOK`: a pasted, exported or saved roadmap → a workbook. Returns the exit status. */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { formatRu, isoDate } from '../core/dates';
import { isUserError, UserError } from '../core/errors';
import { gridLines, importLines, type ImportedRoadmap, type SheetCell } from '../core/import-text';
import { SHEETS } from '../core/messages';
import { count, NOUNS } from '../core/plural';
import { defaultSettings, readSettings, SETTING_KEYS, settingsRows } from '../core/settings';
import { textLines } from '../core/text-shapes';
import { readDocx } from './read-docx';
import { readHtml } from './read-html';
import { decodeText } from './text-encoding';
import { commitWorkbook, refuseExisting, refuseMissingFolder, WorkbookError } from './workbook-file';
import { withWorkbookLock } from './workbook-lock';
import { readWorkbook } from './xlsx';

/** CSV as Excel writes it: «;» in Russian locales, «,» elsewhere (whichever the first line has more of), quoted cells may span lines. */
export function parseCsv(text: string): string[][] {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const count = (ch: string): number => first.split(ch).length - 1;
  const sep = [';', '\t', ','].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/\r\n?/g, '\n');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The text of an exceljs cell value (rich text, formulas, hyperlinks, dates as «01.04.2021»). */
function excelText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return formatRu(isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()));
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return excelText(value.result ?? null);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/** Every worksheet's cells, in order, a blank row between sheets; cells hidden under a merge read as empty. */
async function readXlsx(path: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const grid: string[][] = [];
  wb.eachSheet((ws) => {
    if (grid.length > 0) grid.push([]);
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c);
        // exceljs repeats a merged cell's value in every cell of the merge; Sheets shows it once.
        cells.push(cell.isMerged && cell.master.address !== cell.address ? '' : excelText(cell.value));
      }
      grid.push(cells);
    }
  });
  return grid;
}

/** What to do with a file of a format the import does not read. */
const SAVE_AS: Record<string, string> = {
  '.doc':
    'Откройте документ в Word и сохраните его как «Документ Word (*.docx)» («Файл → Сохранить как»), затем укажите файл .docx.',
  '.rtf':
    'Откройте документ в Word и сохраните его как «Документ Word (*.docx)» («Файл → Сохранить как»), затем укажите файл .docx.',
  '.odt':
    'Откройте документ в LibreOffice или OpenOffice и сохраните его в формате «Word 2007–365 (.docx)», затем укажите файл .docx.',
  '.pdf':
    'Откройте PDF, выделите таблицу, скопируйте её в Блокнот и сохраните как .txt — или найдите исходный документ .docx.',
  '.mht': 'Сохраните страницу в браузере как «Веб-страница, только HTML» (.html) и укажите этот файл.',
  '.mhtml': 'Сохраните страницу в браузере как «Веб-страница, только HTML» (.html) и укажите этот файл.',
};

/**
 * A saved web page. Its tables are explicit, but when none has a header row the reader recognises, which
 * column is which cannot be told: the largest table is named by its line in the file.
 */
function readPage(path: string): ImportedRoadmap {
  const page = readHtml(readFileSync(path));
  const imported = importLines(page.lines);
  const largest = [...page.tables].sort((a, b) => b.rows - a.rows)[0];
  if (largest && !imported.tables.some((t) => t.kind === 'activities'))
    throw new UserError(
      `Строка ${largest.line}: в таблице страницы (${count(largest.rows, NOUNS.row)}) нет строки заголовков, по которой видно, в каком столбце мероприятие, срок и ответственные.`,
      'Проверьте, что страница сохранена целиком и над таблицей есть строка с названиями столбцов («№ п/п», «Мероприятие», «Срок», «Ответственные»), или сохраните исходный документ как .docx и укажите его.',
    );
  return imported;
}

/** The roadmap in a file: `.txt` (pasted text of any shape), `.csv`, `.xlsx`, `.docx` (Word tables) or `.html` (a saved page). */
export async function readRoadmapFile(path: string): Promise<ImportedRoadmap> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return importLines(gridLines(await readXlsx(path)));
  if (ext === '.docx') return importLines(await readDocx(readFileSync(path)));
  if (ext === '.html' || ext === '.htm') return readPage(path);
  if (ext === '.txt' || ext === '.tsv' || ext === '' || ext === '.csv') {
    const text = decodeText(readFileSync(path));
    return importLines(ext === '.csv' ? gridLines(parseCsv(text)) : textLines(text));
  }
  throw new Error(
    `Формат «${ext}» не поддерживается: нужен .docx (документ Word), .html (сохранённая страница), .xlsx, .csv или .txt (скопированный текст). ${SAVE_AS[ext] ?? ''}`.trim(),
  );
}

function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  rows: readonly (readonly SheetCell[])[],
  widths: number[],
): void {
  // A sheet replaced in an existing workbook (--into) keeps its place among the others.
  const old = wb.getWorksheet(name) as (ExcelJS.Worksheet & { orderNo: number }) | undefined;
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(name) as ExcelJS.Worksheet & { orderNo: number };
  if (old) ws.orderNo = old.orderNo;
  rows.forEach((r) => {
    const row = ws.addRow([...r]);
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  // Text stays text in Sheets: «1.1», «01.03 2021» and «100%» are not turned into numbers or dates.
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === 'string') cell.numFmt = '@';
    }),
  );
}

/** The workbook: `Мероприятия`, `Показатели`, `Настройки` (with the roadmap's period when the document names it). */
export async function writeImportedWorkbook(imported: ImportedRoadmap, out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  addRoadmapSheets(wb, imported);
  const settings = defaultSettings(imported.period?.start ?? new Date().getFullYear());
  if (imported.period) settings.periodEnd = isoDate(imported.period.end, 12, 31);
  const rows = settingsRows(settings).map((r): SheetCell[] => {
    const [key, value, note] = r;
    const isPeriod = key === 'Начало периода' || key === 'Конец периода';
    return [
      key ?? '',
      isPeriod && !imported.period ? '' : /^\d+$/.test(value ?? '') ? Number(value) : (value ?? ''),
      note ?? '',
    ];
  });
  addSheet(wb, SHEETS.settings, [['Параметр', 'Значение', 'Пояснение'], ...rows], [34, 24, 80]);
  await commitWorkbook(out, new Uint8Array(await wb.xlsx.writeBuffer()));
}

/** `Мероприятия`, and `Показатели` when the document has indicators (an existing one is kept otherwise). */
function addRoadmapSheets(wb: ExcelJS.Workbook, imported: ImportedRoadmap): void {
  addSheet(wb, SHEETS.activities, imported.activities, [8, 60, 24, 24, 24, 30, 30, 30]);
  if (imported.indicators.length > 0 || !wb.getWorksheet(SHEETS.indicators))
    addSheet(wb, SHEETS.indicators, imported.indicators, [8, 40, 40, 50, 14, 14, 14, 14]);
}

/** The document's years as the messages show them: «2022», «2024–2025». */
function yearsOf(period: { start: number; end: number }): string {
  return period.start === period.end ? `${period.start}` : `${period.start}–${period.end}`;
}

/**
 * The new roadmap's period into `Настройки` of an existing workbook (only those two rows): deadlines
 * without a year («апрель») fall in the period, so the old roadmap's years would make them years overdue.
 * A period the coordinator set that already spans the document's years (a school year «01.09.2024–
 * 31.08.2026» for a roadmap «на 2024–2025 годы») is theirs and stays. Returns what was done, for the message.
 */
function setPeriod(wb: ExcelJS.Workbook, imported: ImportedRoadmap): { note: string; changed: boolean } {
  const ws = wb.getWorksheet(SHEETS.settings);
  if (!imported.period || !ws) return { note: '', changed: false };
  const { start, end } = imported.period;
  const keys: string[] = [SETTING_KEYS.periodStart[0], SETTING_KEYS.periodEnd[0]];
  const rows = new Map<string, ExcelJS.Row>();
  ws.eachRow((r) => {
    rows.set(r.getCell(1).text.trim(), r);
  });
  const values = keys.map((k) => rows.get(k)?.getCell(2).value ?? null);
  const texts = values.map((v) => excelText(v));
  const was = texts[0] === texts[1] ? texts[0] : `${texts[0] || '…'}–${texts[1] || '…'}`;
  // Read as the jobs read it; exceljs gives a date cell as that wall-clock day at UTC midnight.
  const own = readSettings(
    keys.map((k, i) => [k, values[i] instanceof Date ? values[i] : (texts[i] ?? '')]),
    'UTC',
    start,
  );
  const readable = texts.every((t) => t !== '') && own.problems.length === 0;
  const year = (d: string): number => Number(d.slice(0, 4));
  if (readable && year(own.settings.periodStart) <= start && year(own.settings.periodEnd) >= end)
    return {
      note: ` Период на листе «${SHEETS.settings}» оставлен прежним: ${was} охватывает годы документа (${yearsOf(imported.period)}).`,
      changed: false,
    };
  const settings = defaultSettings(start);
  settings.periodEnd = isoDate(end, 12, 31);
  for (const [key, value] of settingsRows(settings)) {
    if (!key || !keys.includes(key)) continue;
    (rows.get(key) ?? ws.addRow([key])).getCell(2).value = /^\d+$/.test(value ?? '')
      ? Number(value)
      : (value ?? '');
  }
  return {
    note: texts.some((t) => t !== '')
      ? ` Период в «${SHEETS.settings}» изменён: был ${was}, стал ${yearsOf(imported.period)} (из документа).`
      : ` Период ${yearsOf(imported.period)} (из документа) записан на лист «${SHEETS.settings}».`,
    changed: true,
  };
}

/**
 * `--into BOOK`: only `Мероприятия` (and `Показатели`) of an existing workbook are replaced, and the period in
 * `Настройки` when the book's does not cover the document's; every other sheet stays.
 */
async function importInto(
  imported: ImportedRoadmap,
  book: string,
): Promise<{ note: string; changed: boolean }> {
  return withWorkbookLock(book, 'roadmap500 import --into', async () => {
    const { workbook } = await readWorkbook(book);
    addRoadmapSheets(workbook, imported);
    const period = setPeriod(workbook, imported);
    await commitWorkbook(book, new Uint8Array(await workbook.xlsx.writeBuffer()));
    return period;
  });
}

/** Where the import goes: a new workbook (an existing one only with `force`), or `into` an existing one. */
export interface ImportTarget {
  force?: boolean;
  into?: boolean;
}

/**
 * Runs the import: 0 written; 2 the input could not be read or holds no activity table, or `out` exists
 * and neither `force` nor `into` was given (nothing written).
 */
export async function importRoadmap(input: string, out: string, target: ImportTarget = {}): Promise<number> {
  try {
    if (!target.into) refuseMissingFolder(out, 'книги');
    if (!target.into)
      refuseExisting(
        out,
        target.force,
        `, а чтобы заменить в ней только «${SHEETS.activities}»: roadmap500 import … --into «${out}»`,
      );
  } catch (e) {
    process.stderr.write(`roadmap500 import: ${(e as Error).message}\n`);
    return 2;
  }
  let imported: ImportedRoadmap;
  try {
    imported = await readRoadmapFile(input);
  } catch (e) {
    process.stderr.write(
      `roadmap500 import: не удалось прочитать «${input}»: ${isUserError(e) ? `${e.message} ${e.fix}` : e instanceof Error ? e.message : String(e)}\n`,
    );
    return 2;
  }
  const activityTables = imported.tables.filter((t) => t.kind === 'activities');
  if (activityTables.length === 0) {
    process.stderr.write(
      `roadmap500 import: в «${input}» не найдена таблица мероприятий. Нужна строка заголовков со столбцом «Мероприятие» (или «Наименование мероприятия», «Содержание действия») и столбцом сроков, ответственных или результата.\n`,
    );
    return 2;
  }
  let period = { note: '', changed: false };
  try {
    if (target.into) period = await importInto(imported, out);
    else await writeImportedWorkbook(imported, out);
  } catch (e) {
    if (e instanceof WorkbookError) {
      process.stderr.write(`roadmap500 import: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(
      `roadmap500 import: не удалось записать «${out}»: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 2;
  }
  const years = imported.period ? yearsOf(imported.period) : 'не указан (задайте на листе «Настройки»)';
  const rows = imported.activities.length;
  const skipped = imported.tables.filter((t) => t.kind === 'other').map((t) => t.line);
  process.stdout.write(
    `Книга «${out}»: таблиц мероприятий ${activityTables.length} (${count(rows, NOUNS.row)} на листе «${SHEETS.activities}»), ` +
      `строк показателей ${imported.indicators.length}, период дорожной карты ${years}.` +
      (skipped.length > 0
        ? ` Пропущены таблицы, не похожие на мероприятия или показатели (строки ${skipped.join(', ')}).`
        : '') +
      (target.into
        ? `${period.note}${imported.indicators.length === 0 ? ` Лист «${SHEETS.indicators}» оставлен прежним: в документе нет показателей.` : ''}` +
          (period.changed
            ? ` Другие листы не тронуты, на листе «${SHEETS.settings}» изменён только период.`
            : ' Остальные листы книги не тронуты.')
        : '') +
      ` Проверьте её: roadmap500 validateRoadmap "${out}"\n`,
  );
  return 0;
}
