/**
 * A workbook kept open by a long-running process (the report server): re-read whenever another process
 * replaced the file, written under the workbook's lock, with a clock that runs.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { appendJournalRows, journalLastRow, journalRowsAfter } from '../sheets/journal';
import { LocalHost, type HostOptions } from './host';
import { refuseOpenElsewhere } from './workbook-file';
import { withWorkbookLock } from './workbook-lock';
import { wallTime, zonedInstant } from './zone';

export interface SessionOptions extends Omit<HostOptions, 'now'> {
  /** 'YYYY-MM-DD': pins the date only; the time of day stays the real one. Default: the real now. */
  today?: string;
}

/** A request waits this long for a CLI job holding the workbook, then the page shows «книга занята». */
const WRITE_WAIT_MS = 30_000;

/** What identifies a version of the file: an atomic replace changes the inode, a save the size or mtime. */
function stamp(file: string): string {
  const s = statSync(file);
  return `${s.ino}:${s.size}:${s.mtimeMs}`;
}

export class WorkbookSession {
  private seen: string;
  /**
   * Counts the writes begun: a page's re-read that started before one must not replace the workbook in
   * memory when it finishes, or the report that write added would be undone by the next save.
   */
  private writes = 0;
  /**
   * «Журнал» lines written in memory and not yet saved (refused submits): carried into the workbook
   * re-read after another process replaced it, so the next save still has them.
   */
  private unsaved: unknown[][] = [];
  /** Writes of this process, one after another (the lock is per process too). */
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly what: string,
    private readonly opts: SessionOptions,
    private host: LocalHost,
  ) {
    this.seen = stamp(file);
  }

  static async open(file: string, what: string, opts: SessionOptions = {}): Promise<WorkbookSession> {
    const resolved = path.resolve(file);
    const host = await LocalHost.open(resolved, WorkbookSession.hostOptions(opts));
    return new WorkbookSession(resolved, what, opts, host);
  }

  private static hostOptions(opts: SessionOptions): HostOptions {
    const { today: _today, ...rest } = opts;
    return rest;
  }

  /** «Now» of a request: the real instant, or the real time of day on the pinned date. */
  private now(): Date {
    const real = new Date();
    if (!this.opts.today) return real;
    const [y, m, d] = this.opts.today.split('-').map(Number);
    const zone = this.host.spreadsheet.getSpreadsheetTimeZone();
    const w = wallTime(real, zone);
    return zonedInstant(y ?? 1970, m ?? 1, d ?? 1, zone, w.h, w.min, w.s);
  }

  /** The host over the workbook as it is on disk now, its clock set to this request's «now». */
  async current(): Promise<LocalHost> {
    const now = stamp(this.file);
    let host = this.host;
    if (now !== this.seen) {
      const writes = this.writes;
      host = await LocalHost.open(this.file, WorkbookSession.hostOptions(this.opts));
      // A write begun meanwhile holds newer data than this copy: the copy serves this request only.
      if (writes === this.writes) {
        appendJournalRows(host.services(), this.unsaved);
        this.host = host;
        this.seen = now;
      }
    }
    host.clock.set(this.now());
    return host;
  }

  /**
   * Runs a call that stores nothing itself (a page, the form's data) on the freshest workbook; the
   * «Журнал» lines it writes (a refused link) go to disk with the next save, at the latest on `flush`.
   */
  async read<T>(fn: (host: LocalHost) => T): Promise<T> {
    return this.logged(await this.current(), fn);
  }

  /** Runs `fn`, keeping the «Журнал» lines it wrote as unsaved (also in the kept workbook, if `host` was a copy). */
  private logged<T>(host: LocalHost, fn: (host: LocalHost) => T): T {
    const before = journalLastRow(host.services());
    const result = fn(host);
    const rows = journalRowsAfter(host.services(), Math.max(before, 1));
    if (rows.length > 0) {
      if (host !== this.host) appendJournalRows(this.host.services(), rows);
      this.unsaved.push(...rows);
    }
    return result;
  }

  /**
   * Runs `fn` on the freshest workbook and saves it, holding the lock throughout: a report another
   * process wrote a moment ago is read in first, and no other process writes in between.
   */
  write<T>(fn: (host: LocalHost) => T, keep: (result: T) => boolean = () => true): Promise<T> {
    const run = this.tail.then(() =>
      withWorkbookLock(
        this.file,
        this.what,
        async () => {
          // A book opened in Excel since the server started: its next save there would drop this report.
          // Checked before the call, so the workbook in memory stays as on disk and pages keep working.
          refuseOpenElsewhere(this.file);
          const host = await this.current();
          this.writes += 1;
          let saved = false;
          try {
            const result = this.logged(host, fn);
            if (!keep(result)) {
              // Nothing the user needs on disk now (a refusal's «Журнал» line waits for the next save).
              saved = true;
              return result;
            }
            // Again just before writing: reading the book in (current) gave Excel time to open it.
            refuseOpenElsewhere(this.file);
            await host.save(this.file);
            this.unsaved = [];
            saved = true;
            this.seen = stamp(this.file);
            return result;
          } finally {
            // After a failed call the host in memory may hold half of it: the next call re-reads the file.
            if (!saved) this.seen = '';
          }
        },
        { waitMs: WRITE_WAIT_MS },
      ),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Waits for the writes in flight, then saves what was kept in memory only (refusals' «Журнал» lines). */
  async flush(): Promise<void> {
    await this.tail;
    if (this.unsaved.length > 0) await this.write(() => undefined);
  }
}
