/** Building blocks of every email the product sends: kinds, escaping, content hash, layout. */
import { count, NOUNS } from './plural';

/** What an email is: a reminder to a responsible party, an escalation to coordinators, the weekly summary. */
export type MailKind = 'reminder' | 'escalation' | 'weekly';

export const MAIL_KIND_RU: Record<MailKind, string> = {
  reminder: 'Напоминание',
  escalation: 'Эскалация',
  weekly: 'Недельная сводка',
};

/** MailApp refuses a message with more than 50 recipients. */
export const MAX_RECIPIENTS = 50;

/** One message ready to send: text body plus its HTML alternative. */
export interface Mail {
  kind: MailKind;
  /** At most MAX_RECIPIENTS addresses, lower-case. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Stable hash of recipients, subject and bodies (contentHash). */
  hash: string;
  /** How many activities (or summary lines) the message lists. */
  items: number;
  /** Reminders and escalations: what they say, to go again unchanged only after `everyDays` (mail-queue). */
  repeat?: Repeat;
}

/** The rhythm of a digest: its items in their states (no day counts), and how often it may go unchanged. */
export interface Repeat {
  /** One key per listed activity and its state («1.1|overdue|2021-03-01|0»), sorted. */
  state: string[];
  everyDays: number;
  /** Hash of what the digest asks the recipient to do (a school's report link in it): a new one makes it go again. */
  action?: string;
}

/**
 * Apps Script quirk: MailApp refuses a message whose body passes 200 KB on consumer accounts (400 KB on
 * Workspace) with «Limit Exceeded: Email Body Size». Lists in a message stop once their text and HTML
 * together reach this many UTF-8 bytes, leaving room for the rest of the message.
 */
export const MAX_LIST_BYTES = 120 * 1024;

/** Length of `s` in UTF-8 bytes (no TextEncoder in Apps Script). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3; // a surrogate pair counts 3 + 3: a safe overestimate of 4
  }
  return n;
}

/**
 * A byte budget shared by the lists of one message: `take` says how many of the entries (each the text
 * and HTML it adds, plus `markupEach` bytes of tags around them) still fit, in order, and spends them.
 */
export function listBudget(bytes: number = MAX_LIST_BYTES): {
  take(entries: readonly string[][], markupEach?: number): number;
} {
  let left = bytes;
  return {
    take(entries, markupEach = 0) {
      let n = 0;
      for (const parts of entries) {
        const size = parts.reduce((sum, part) => sum + utf8Length(part), markupEach);
        if (size > left) break;
        left -= size;
        n += 1;
      }
      return n;
    },
  };
}

/** «…и ещё 12 мероприятий — полный список в таблице.» after a list cut to fit the mail. */
export function moreActivities(n: number): string {
  return `…и ещё ${count(n, NOUNS.activity)} — полный список в таблице.`;
}

/** «…и ещё 5 школ — полный список в таблице.» after a list of schools cut to fit the mail. */
export function moreSchools(n: number): string {
  return `…и ещё ${count(n, NOUNS.school)} — полный список в таблице.`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) =>
      `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' } as Record<string, string>)[c]};`,
  );
}

/**
 * Two-lane FNV-1a: a 53-bit string hash in plain JS (no Node crypto, no Apps Script Utilities), as 14 hex
 * digits, stable across runs and runtimes, which is all a send log needs. The FNV prime multiplication
 * is written as shifts and adds: Math.imul is many times slower inside node:vm contexts (jest, the local
 * host), which made hashing 200 digests take seconds there.
 */
export function contentHash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 ^= ch;
    h1 = (h1 + (h1 << 1) + (h1 << 4) + (h1 << 7) + (h1 << 8) + (h1 << 24)) | 0;
    h2 ^= ch ^ (i & 0xff);
    h2 = (h2 + (h2 << 1) + (h2 << 4) + (h2 << 7) + (h2 << 8) + (h2 << 24)) | 0;
  }
  return ((h2 & 0x1fffff) * 4294967296 + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** Splits recipients into groups MailApp accepts (at most MAX_RECIPIENTS each), deduplicated, in order. */
export function recipientGroups(emails: readonly string[]): string[][] {
  const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''))];
  const groups: string[][] = [];
  for (let i = 0; i < unique.length; i += MAX_RECIPIENTS) groups.push(unique.slice(i, i + MAX_RECIPIENTS));
  return groups;
}

/** Finishes a message: computes its hash over everything the recipient will see. */
export function makeMail(
  kind: MailKind,
  to: string[],
  subject: string,
  text: string,
  html: string,
  items: number,
  repeat?: Repeat,
): Mail {
  return {
    kind,
    to,
    subject,
    text,
    html,
    items,
    ...(repeat ? { repeat } : {}),
    hash: contentHash([kind, to.join(','), subject, text, html].join('\n\u0000')),
  };
}

/** Wraps HTML body content in a minimal document with inline styles (mail clients drop <style> often). */
export function htmlDocument(title: string, body: string): string {
  return (
    '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>' +
    escapeHtml(title) +
    '</title></head><body style="font-family:Arial,sans-serif;font-size:14px;color:#222">' +
    body +
    '</body></html>'
  );
}

/** What htmlTable adds around the cells of one row: `<tr>` and a styled `<td>` per cell (at most five). */
export const TABLE_ROW_MARKUP_BYTES = 5 * 80 + 10;

/** A table from escaped cells: header texts are escaped here, body cells must already be HTML. */
export function htmlTable(header: readonly string[], rows: readonly string[][]): string {
  const th = header
    .map((h) => `<th style="text-align:left;border-bottom:1px solid #999;padding:4px">${escapeHtml(h)}</th>`)
    .join('');
  const trs = rows
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td style="vertical-align:top;border-bottom:1px solid #ddd;padding:4px">${c}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table style="border-collapse:collapse">${th ? `<tr>${th}</tr>` : ''}${trs}</table>`;
}

export const MAIL_FOOTER = 'Письмо сформировано автоматически надстройкой «Дорожная карта 500+».';
