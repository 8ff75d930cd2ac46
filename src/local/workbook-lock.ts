/**
 * One writer at a time per workbook, across processes: every CLI job and the report server hold this lock
 * from reading the workbook to replacing it, so no run works on a copy another run is about to replace.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { WorkbookError } from './workbook-file';

/** Who holds a workbook, written beside the lock so a waiting process can name them. */
interface Owner {
  what: string;
  pid: number;
  host: string;
  since: string;
}

export interface LockWaitOptions {
  /** How long to wait for another process to finish, ms; default 120 s. */
  waitMs?: number;
  /** Where a note about a taken-over stale lock goes; default stderr. */
  note?: (text: string) => void;
}

/**
 * A lock whose holder stopped refreshing it this long ago is stale (proper-lockfile refreshes it every
 * STALE_MS / 6). Generous because loading a large workbook blocks the event loop for seconds.
 */
const STALE_MS = 60_000;
const RETRY_MS = 250;

const lockPath = (book: string): string => join(dirname(book), `.${basename(book)}.lock`);
const ownerPath = (book: string): string => `${lockPath(book)}.json`;

function readOwner(book: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(ownerPath(book), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/** False only when the owner ran on this machine and its process is gone (killed, crashed, power cut). */
function alive(owner: Owner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** «roadmap500 sendReminders (процесс 4242, с 2026-12-02 07:14:03)». */
function describe(owner: Owner | undefined): string {
  if (!owner) return 'другой процесс roadmap500';
  const since = new Date(owner.since);
  const at = Number.isNaN(since.getTime()) ? owner.since : since.toLocaleString('ru-RU');
  return `${owner.what} (процесс ${owner.pid}${owner.host !== hostname() ? ` на ${owner.host}` : ''}, с ${at})`;
}

/** Removes a lock left by a process that no longer runs (or not refreshed for STALE_MS), with a note. */
function takeOverStale(book: string, note: (text: string) => void): void {
  let mtime: number;
  try {
    mtime = statSync(lockPath(book)).mtimeMs;
  } catch {
    return;
  }
  const owner = readOwner(book);
  const stale = Date.now() - mtime > STALE_MS || (owner !== undefined && !alive(owner));
  if (!stale) return;
  rmSync(lockPath(book), { recursive: true, force: true });
  note(
    `Снята зависшая блокировка книги «${basename(book)}»: её держал ${describe(owner)}, который завершился, не сняв её. Если тот запуск оборвался на середине, проверьте лист «Журнал».`,
  );
}

/**
 * Runs `fn` holding the workbook's lock. A second process waits up to `waitMs`, then gets a WorkbookError
 * «книга занята: …, повторите позже» (exit 2). A lock of a process that died is taken over with a note.
 */
export async function withWorkbookLock<T>(
  book: string,
  what: string,
  fn: () => Promise<T>,
  opts: LockWaitOptions = {},
): Promise<T> {
  const note = opts.note ?? ((text: string) => process.stderr.write(`${text}\n`));
  const waitMs = opts.waitMs ?? 120_000;
  const deadline = Date.now() + waitMs;
  let compromised: Error | undefined;
  let release: (() => Promise<void>) | undefined;
  for (;;) {
    takeOverStale(book, note);
    try {
      release = await lockfile.lock(book, {
        realpath: false,
        lockfilePath: lockPath(book),
        stale: STALE_MS,
        update: STALE_MS / 6,
        onCompromised: (e) => {
          compromised = e;
        },
      });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      if (Date.now() >= deadline)
        throw new WorkbookError(
          `книга занята: ${describe(readOwner(book))}, повторите позже. Книга «${book}» не изменена.`,
        );
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
  const owner: Owner = { what, pid: process.pid, host: hostname(), since: new Date().toISOString() };
  writeFileSync(ownerPath(book), JSON.stringify(owner));
  try {
    const result = await fn();
    if (compromised)
      throw new WorkbookError(
        `Блокировку книги «${book}» снял другой процесс, пока шла работа (${compromised.message}). Проверьте книгу и лист «Журнал».`,
      );
    return result;
  } finally {
    rmSync(ownerPath(book), { force: true });
    await release().catch(() => undefined);
  }
}
