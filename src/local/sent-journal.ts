/**
 * Write-ahead record of the messages an SMTP server accepted, beside the workbook («.карта.xlsx.sent.jsonl»):
 * written the moment the server says 250, so a run that dies before the workbook is saved leaves the next
 * run knowing what not to send again. Removed once a saved workbook holds the same record.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

interface Entry {
  key: string;
  to: string;
  subject: string;
  at: string;
  response: string;
}

/** The identity of a message: the same recipients, subject and text are the same message. */
export function messageKey(m: {
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  text: string;
}): string {
  return createHash('sha256')
    .update([m.to, m.cc ?? '', m.bcc ?? '', m.subject, m.text].join('\u0000'))
    .digest('hex');
}

export class SentJournal {
  private readonly file: string;
  /** Accepted by a run whose workbook was not saved: key → the server's answer then. */
  private readonly earlier = new Map<string, string>();

  constructor(workbook: string) {
    this.file = join(dirname(workbook), `.${basename(workbook)}.sent.jsonl`);
    if (!existsSync(this.file)) return;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      try {
        const e = JSON.parse(line) as Entry;
        this.earlier.set(e.key, e.response);
      } catch {
        // a line cut short by a crash: that message's send had not been recorded yet
      }
    }
  }

  /** The server's answer if an earlier, unsaved run already delivered this message (then it is not sent again). */
  takeEarlier(key: string): string | undefined {
    const response = this.earlier.get(key);
    this.earlier.delete(key);
    return response;
  }

  /** Appends the record and forces it to disk before the run goes on. */
  record(key: string, m: { to: string; subject: string }, response: string): void {
    const entry: Entry = { key, to: m.to, subject: m.subject, at: new Date().toISOString(), response };
    const fd = openSync(this.file, 'a');
    try {
      appendFileSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** The workbook now records every accepted message itself. */
  clear(): void {
    rmSync(this.file, { force: true });
  }
}
