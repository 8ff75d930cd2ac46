/** `Журнал`: the product's append-only log of runs, sends and refusals. */
import { SHEETS } from '../core/messages';
import type { Services, SheetPort } from './ports';
import { ensureSize } from './sheet-size';

export const JOURNAL_HEADER = [
  'Время',
  'Задача',
  'Событие',
  'Кому / кто',
  'Подробности',
  'Статус',
  'Ключ',
] as const;

export interface JournalEntry {
  /** Contract function that wrote it: «sendReminders», «submitReport», «dailyRefresh»… */
  job: string;
  event: string;
  who?: string;
  details?: string;
  status?: string;
  /** Content hash, idempotency key or per-day key. */
  key?: string;
}

/** An append-only product sheet (`Журнал`, `Отчёты`): created on first use with a bold, frozen header row. */
export function appendOnlySheet(svc: Services, name: string, header: readonly string[]): SheetPort {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  let sheet = ss.getSheetByName(name);
  if (!sheet) {
    sheet = ss.insertSheet(name);
    sheet
      .getRange(1, 1, 1, header.length)
      .setValues([[...header]])
      .setFontWeight('bold');
    sheet.setFrozenRows(1);
  }
  return sheet;
}

/** Appends entries in one write; text columns are plain text so nothing is taken for a formula. */
export function appendJournal(svc: Services, entries: JournalEntry[]): void {
  if (entries.length === 0) return;
  const now = svc.now();
  const rows = entries.map((e) => [
    now,
    e.job,
    e.event,
    e.who ?? '',
    e.details ?? '',
    e.status ?? '',
    e.key ?? '',
  ]);
  appendJournalRows(svc, rows);
}

/** Appends whole journal rows (as `readJournal` gives them) in one write. */
export function appendJournalRows(svc: Services, rows: unknown[][]): void {
  if (rows.length === 0) return;
  const sheet = appendOnlySheet(svc, SHEETS.journal, JOURNAL_HEADER);
  const first = sheet.getLastRow() + 1;
  ensureSize(sheet, first + rows.length - 1, JOURNAL_HEADER.length);
  const range = sheet.getRange(first, 1, rows.length, JOURNAL_HEADER.length);
  range.setNumberFormats(rows.map(() => ['dd.MM.yyyy HH:mm:ss', '@', '@', '@', '@', '@', '@']));
  range.setValues(rows);
}

/** All journal rows below the header, in one read. */
export function readJournal(svc: Services): unknown[][] {
  return journalRowsAfter(svc, 1);
}

/** The last row of `Журнал` (0 when there is no such sheet). */
export function journalLastRow(svc: Services): number {
  return svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.journal)?.getLastRow() ?? 0;
}

/** Journal rows below row `after` (1 is the header), in one read. */
export function journalRowsAfter(svc: Services, after: number): unknown[][] {
  const sheet = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.journal);
  const last = sheet?.getLastRow() ?? 0;
  if (!sheet || last <= after) return [];
  return sheet.getRange(after + 1, 1, last - after, JOURNAL_HEADER.length).getValues();
}
