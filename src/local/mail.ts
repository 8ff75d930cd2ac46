/**
 * MailApp of the local host. sendEmail is synchronous in Apps Script: over SMTP the message goes at once
 * (deliverNow, see smtp-sync.ts); .eml files are composed asynchronously by `flushMail()`, which the host's
 * save() awaits.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { MailAppPort, MailMessage } from '../sheets/ports';
import { GuardedService } from './services';
import { wallTime } from './zone';

export interface SentMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  name?: string;
  /** The .eml file, once written by flushMail(). */
  file?: string;
  /** The SMTP server's answer, once it accepted the message. */
  smtpResponse?: string;
  date: Date;
}

/** Where the outbox goes when no SMTP server is configured: .eml files into a folder, or memory only. */
export interface MailDelivery {
  outbox?: string;
  from?: string;
}

export interface QuotaState {
  day: string;
  used: number;
}

const KNOWN_OPTIONS = new Set([
  'to',
  'subject',
  'body',
  'htmlBody',
  'cc',
  'bcc',
  'replyTo',
  'name',
  'noReply',
]);
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

function addresses(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

export class MailApp extends GuardedService implements MailAppPort {
  readonly className = 'MailApp';
  constructor(
    readonly sent: SentMail[],
    private readonly pending: SentMail[],
    private readonly quota: QuotaState,
    private readonly env: {
      now(): Date;
      timeZone(): string;
      dailyQuota(): number;
      /**
       * Delivers the message at once (SMTP), as Apps Script does: true when done, throws when the server
       * refused it; false when mail goes to the outbox on flush() instead.
       */
      deliverNow?(mail: SentMail): boolean;
    },
  ) {
    super();
  }

  /** The quota resets when the simulated calendar day changes in the spreadsheet's time zone. */
  private today(): QuotaState {
    const w = wallTime(this.env.now(), this.env.timeZone());
    const day = `${w.y}-${w.m}-${w.d}`;
    if (this.quota.day !== day) {
      this.quota.day = day;
      this.quota.used = 0;
    }
    return this.quota;
  }

  getRemainingDailyQuota(): number {
    return Math.max(0, this.env.dailyQuota() - this.today().used);
  }

  /** sendEmail(message) or sendEmail(recipient, subject, body, options), as in Apps Script. */
  sendEmail(
    message: MailMessage | string,
    subject?: string,
    body?: string,
    options?: Partial<MailMessage> & { bcc?: string },
  ): void {
    const m: MailMessage & { bcc?: string } =
      typeof message === 'string'
        ? { ...options, to: message, subject: subject ?? '', body: body ?? '' }
        : message;
    // Options the host would otherwise drop without a word (attachments, inline images) fail loudly.
    const unknown = Object.keys(m).filter((k) => !KNOWN_OPTIONS.has(k));
    if (unknown.length > 0)
      throw new Error(`Локальный хост не поддерживает MailApp.sendEmail({${unknown.join(', ')}})`);
    const recipients = [...addresses(m.to), ...addresses(m.cc), ...addresses(m.bcc)];
    if (recipients.length === 0) throw new Error('Failed to send email: no recipient');
    for (const a of [...recipients, ...addresses(m.replyTo)]) {
      if (!EMAIL.test(a)) throw new Error(`Invalid email: ${a}`);
    }
    const q = this.today();
    if (q.used + recipients.length > this.env.dailyQuota())
      throw new Error('Service invoked too many times for one day: email.');
    const mail: SentMail = {
      to: m.to,
      subject: String(m.subject ?? ''),
      text: String(m.body ?? ''),
      date: this.env.now(),
      ...(m.htmlBody !== undefined ? { html: m.htmlBody } : {}),
      ...(m.cc ? { cc: m.cc } : {}),
      ...(m.bcc ? { bcc: m.bcc } : {}),
      ...(m.replyTo ? { replyTo: m.replyTo } : {}),
      ...(m.name ? { name: m.name } : {}),
    };
    const delivered = this.env.deliverNow?.(mail) ?? false;
    q.used += recipients.length;
    this.sent.push(mail);
    if (!delivered) this.pending.push(mail);
  }
}

/** File name of the n-th message: «007-ivanova@school.ru.eml». */
function emlName(n: number, to: string): string {
  const first = addresses(to)[0] ?? 'recipient';
  return `${String(n).padStart(3, '0')}-${first.replace(/[^A-Za-z0-9@._-]/g, '_')}.eml`;
}

/** «smtp://user:pass@host:port» from «Настройки» «SMTP сервер» (a URL, or «host:port») and the password in SMTP_PASSWORD. */
export function smtpUrl(server: string, user?: string): string {
  if (/^smtps?:\/\//.test(server)) return server;
  const auth = user
    ? `${encodeURIComponent(user)}:${encodeURIComponent(process.env['SMTP_PASSWORD'] ?? '')}@`
    : '';
  return `smtp://${auth}${server}`;
}

/**
 * Composes every pending message with nodemailer (UTF-8, encoded headers, multipart/alternative) and
 * writes it as an .eml into the outbox. (SMTP mail does not wait for this: see MailApp's deliverNow.)
 */
export async function flushMail(pending: SentMail[], delivery: MailDelivery, sender: string): Promise<void> {
  if (pending.length === 0) return;
  const batch = pending.splice(0, pending.length);
  const fromAddress = delivery.from || sender;
  if (!delivery.outbox) return;
  mkdirSync(delivery.outbox, { recursive: true });
  let n = readdirSync(delivery.outbox).filter((f) => f.endsWith('.eml')).length;
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  for (const m of batch) {
    const info = await composer.sendMail(composeOptions(m, fromAddress));
    const file = join(delivery.outbox, emlName(++n, m.to));
    writeFileSync(file, info.message as Buffer);
    m.file = file;
  }
}

export function composeOptions(m: SentMail, from: string): SendMailOptions {
  return {
    from: m.name ? { name: m.name, address: from } : from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    date: m.date,
    ...(m.html !== undefined ? { html: m.html } : {}),
    ...(m.cc ? { cc: m.cc } : {}),
    ...(m.bcc ? { bcc: m.bcc } : {}),
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    textEncoding: 'base64',
  };
}
