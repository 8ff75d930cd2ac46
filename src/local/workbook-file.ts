/**
 * The workbook file itself: checks that a path is a usable .xlsx before anything heavy loads it (errors for
 * the user, in Russian), and replaces it atomically with one rolling backup when a job saves.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** A workbook that cannot be used: missing, not an xlsx, corrupt or locked. The message is for the user. */
export class WorkbookError extends Error {}

/** The lock file Excel («~$book.xlsx») or LibreOffice («.~lock.book.xlsx#») leaves while a book is open. */
export function lockFileOf(path: string): string | undefined {
  const dir = dirname(path);
  const name = basename(path);
  return [join(dir, `~$${name}`), join(dir, `.~lock.${name}#`)].find((f) => existsSync(f));
}

/**
 * Refuses a book open in Excel or LibreOffice: what we write would be overwritten by the program's own
 * save (or would overwrite the user's unsaved edits there).
 */
export function refuseOpenElsewhere(path: string): void {
  const lock = lockFileOf(path);
  if (lock) {
    // Excel and LibreOffice delete their lock file on closing; one older than the last save or a day is
    // most likely left by a program that crashed.
    const stale =
      statSync(lock).mtimeMs < statSync(path).mtimeMs || Date.now() - statSync(lock).mtimeMs > 86_400_000;
    throw new WorkbookError(
      `Книга «${path}» открыта в другой программе (есть файл «${basename(lock)}»). Закройте её и повторите.` +
        (stale
          ? ` Этот файл старше последнего сохранения книги: если книга нигде не открыта, он остался от закрытой с ошибкой программы — удалите «${basename(lock)}» и повторите.`
          : ''),
    );
  }
}

/** The file's bytes, once it is known to exist, be an .xlsx (a zip), and not be open elsewhere. */
export function readWorkbookFile(path: string): Buffer {
  if (!existsSync(path)) throw new WorkbookError(`Файл «${path}» не найден. Проверьте путь и имя файла.`);
  if (!/\.xlsx$/i.test(path))
    throw new WorkbookError(`Файл «${path}» — не книга Excel (.xlsx). Сохраните таблицу в формате .xlsx.`);
  refuseOpenElsewhere(path);
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new WorkbookError(`«${path}» — это папка, а нужен файл .xlsx.`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
      throw new WorkbookError(
        `Нет доступа к файлу «${path}»: он занят или защищён. Закройте его в других программах и повторите.`,
      );
    }
    throw new WorkbookError(`Не удалось прочитать файл «${path}»: ${(e as Error).message}`);
  }
  // Every .xlsx is a zip archive: it starts with «PK\x03\x04».
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw new WorkbookError(
      `Файл «${path}» — не книга Excel .xlsx (возможно, это другой формат, переименованный в .xlsx). Откройте его в Excel или LibreOffice и сохраните как .xlsx.`,
    );
  }
  return buffer;
}

/** Parts of a workbook exceljs cannot carry over into the saved copy, found by their names in the zip. */
const LOST_PARTS: readonly (readonly [string, string])[] = [
  ['xl/charts/', 'диаграммы'],
  ['xl/pivotTables/', 'сводные таблицы'],
  ['xl/slicers/', 'срезы'],
  ['xl/vbaProject.bin', 'макросы'],
];

/** What of the user's workbook will be missing from the saved copy (the input file itself is never changed). */
export function lostOnSave(buffer: Buffer): string[] {
  return LOST_PARTS.filter(([part]) => buffer.includes(part, 0, 'latin1')).map(([, what]) => what);
}

/** «карта.xlsx» → «карта.bak.xlsx»: the one previous version kept beside the workbook. */
export function backupPathOf(path: string): string {
  return join(dirname(path), `${basename(path).replace(/\.xlsx$/i, '')}.bak.xlsx`);
}

/**
 * Replaces `path` with `bytes`: `beforeCommit` runs first (the mail goes out once the new workbook is
 * fully built), then the current file becomes `<книга>.bak.xlsx` and the new bytes are written beside it
 * and renamed over it, so the workbook is never seen half-written and the previous version survives.
 */
export async function commitWorkbook(
  path: string,
  bytes: Uint8Array,
  beforeCommit: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  await beforeCommit();
  if (existsSync(path)) await backUp(path);
  await writeFileAtomic(path, Buffer.from(bytes));
}

/**
 * Copies the workbook to `<книга>.bak.xlsx` file to file (a book of 100,000 responses is hundreds of MB:
 * never read into memory) under a temporary name beside it, flushed to disk and then renamed over the
 * old backup, so the backup is never half-written either. A failed copy leaves no temporary file.
 */
async function backUp(path: string): Promise<void> {
  const backup = backupPathOf(path);
  const temp = `${backup}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await copyFile(path, temp);
    const file = await open(temp, 'r+');
    try {
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, backup);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** `--out` in a folder that does not exist: refused before anything is read, naming the folder (`what`: «книги», «сводки»). */
export function refuseMissingFolder(out: string, what: string): void {
  if (!existsSync(dirname(out)))
    throw new WorkbookError(
      `Папки «${dirname(out)}» для ${what} нет. Создайте её или укажите другую в --out.`,
    );
}

/** Refuses to replace an existing workbook unless the user said `--force` (exit 2, the file untouched). */
export function refuseExisting(out: string, force: boolean | undefined, alternative = ''): void {
  if (force || !existsSync(out)) return;
  throw new WorkbookError(
    `Книга «${out}» уже есть и не будет перезаписана. Чтобы заменить её целиком, добавьте --force (прежняя версия останется в «${basename(backupPathOf(out))}»)${alternative}; или укажите в --out другое имя.`,
  );
}
