/**
 * Never twice, never lost: which mails a run sends (yesterday's queue first), which were already sent
 * today (per-day key), what fits the daily quota, and what stays queued for the next run.
 */
import type { IsoDate } from './dates';
import { MAIL_KIND_RU, type Mail, type MailKind } from './mail-format';

/** A mail that did not fit the quota, persisted until a later run sends it. */
export interface QueuedMail {
  kind: MailKind;
  to: string[];
  subject: string;
  hash: string;
  /** The day it was first queued (spreadsheet time zone). */
  queuedOn: IsoDate;
  /**
   * Bodies, kept only for the weekly summary. Reminders and escalations are rebuilt from the current
   * data on every run (so nobody gets yesterday's stale list); the queue keeps only their place in line.
   */
  content?: { text: string; html: string; items: number };
  /**
   * Held back by a run's time budget, not by the quota: the run's continuation sends it the same day as
   * an ordinary mail (no «из очереди»), so an interrupted job ends as an uninterrupted one would.
   */
  deferred?: true;
}

/** What was sent (or failed) today: per-day key → content hash. Reset when the day changes. */
export interface SendLog {
  date: IsoDate;
  keys: Record<string, string>;
}

/** A mail in the run's order; `queuedOn` when it takes the place of a queued one. */
export interface Planned {
  mail: Mail;
  queuedOn?: IsoDate;
}

export interface Plan {
  /** In sending order: queued first. */
  send: Planned[];
  /** Fresh mails whose per-day key is already in today's log: a second run sends nothing new. */
  alreadySent: Mail[];
  /** Queued reminders/escalations this job rebuilds but that have nothing to say any more. */
  obsolete: QueuedMail[];
  /** Queued mails of other jobs' kinds without stored bodies, left for those jobs. */
  keep: QueuedMail[];
  log: SendLog;
}

export type OutcomeStatus = 'sent' | 'queued' | 'error';

export interface Outcome extends Planned {
  status: OutcomeStatus;
  /** 'queued' because the run's time budget was spent (see QueuedMail.deferred). */
  deferred?: true;
  /** The error text for 'error'. */
  error?: string;
}

/** Journal statuses (column «Статус» of `Журнал`). */
export const OUTCOME_RU: Record<OutcomeStatus | 'obsolete', string> = {
  sent: 'отправлено',
  queued: 'в очереди',
  error: 'ошибка',
  obsolete: 'неактуально',
};

/** «reminder|a@x.ru»: who gets which kind of mail, independent of the day. */
export function mailIdentity(kind: MailKind, to: readonly string[]): string {
  return `${kind}|${to.join(',')}`;
}

/** The per-day key `kind|recipient|date`: one mail of a kind per recipient per day. */
export function dayKey(kind: MailKind, to: readonly string[], date: IsoDate): string {
  return `${mailIdentity(kind, to)}|${date}`;
}

/**
 * Orders a run: each queued entry goes first, carrying today's fresh mail of the same kind and
 * recipients when the job built one (or its stored body for the weekly summary); then the other fresh
 * mails. Anything whose per-day key is in today's log is left out.
 * @param ownKinds the kinds this job rebuilds (sendReminders: reminder and escalation).
 */
export function planRun(
  queue: readonly QueuedMail[],
  fresh: readonly Mail[],
  ownKinds: readonly MailKind[],
  log: SendLog,
  today: IsoDate,
): Plan {
  const todayLog: SendLog =
    log.date === today ? { date: today, keys: { ...log.keys } } : { date: today, keys: {} };
  const freshById = new Map(fresh.map((m) => [mailIdentity(m.kind, m.to), m]));
  const ordered: Planned[] = [];
  const obsolete: QueuedMail[] = [];
  const keep: QueuedMail[] = [];
  for (const q of queue) {
    const id = mailIdentity(q.kind, q.to);
    const rebuilt = freshById.get(id);
    if (rebuilt) {
      freshById.delete(id);
      ordered.push({ mail: rebuilt, ...queuedSince(q) });
    } else if (q.content) {
      ordered.push({
        mail: { kind: q.kind, to: q.to, subject: q.subject, hash: q.hash, ...q.content },
        ...queuedSince(q),
      });
    } else if (ownKinds.includes(q.kind)) {
      obsolete.push(q);
    } else {
      keep.push(q);
    }
  }
  for (const m of freshById.values()) ordered.push({ mail: m });
  const send: Planned[] = [];
  const alreadySent: Mail[] = [];
  for (const p of ordered) {
    if (dayKey(p.mail.kind, p.mail.to, today) in todayLog.keys) alreadySent.push(p.mail);
    else send.push(p);
  }
  return { send, alreadySent, obsolete, keep, log: todayLog };
}

/** A deferred mail goes on as a fresh one; a mail the quota held back keeps the day it was queued. */
function queuedSince(q: QueuedMail): { queuedOn?: IsoDate } {
  return q.deferred ? {} : { queuedOn: q.queuedOn };
}

/** What the run may do to the outside world: read the quota, send one mail. */
export interface MailIo {
  /** Recipients that may still be sent today (MailApp.getRemainingDailyQuota). */
  remaining(): number;
  /** True once the run's time budget is spent: the rest is deferred to its continuation. */
  stop?(): boolean;
  /** Sends or throws (a bad address, a quota the service counts differently…). */
  send(mail: Mail): void;
}

/** Apps Script's text when the daily mail quota is spent although getRemainingDailyQuota said otherwise. */
const QUOTA_ERROR = /too many times|quota|квот|слишком много/i;

/**
 * Sends in order, checking the quota before each mail (each recipient counts once); a mail that does
 * not fit is queued, a mail that throws is an error, and the rest still go. Once `io.stop()` says the
 * time is up, the rest is queued as deferred; the first mail is always tried, so every run advances.
 */
export function deliver(planned: readonly Planned[], io: MailIo): Outcome[] {
  let tried = 0;
  return planned.map((p): Outcome => {
    if (tried > 0 && io.stop?.()) return { ...p, status: 'queued', deferred: true };
    if (io.remaining() < p.mail.to.length) return { ...p, status: 'queued' };
    tried += 1;
    try {
      io.send(p.mail);
      return { ...p, status: 'sent' };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (QUOTA_ERROR.test(message)) return { ...p, status: 'queued' };
      return { ...p, status: 'error', error: message };
    }
  });
}

/**
 * The state after a run: today's log gains every mail sent or failed (a bad address is not retried
 * the same day), and the queue holds what stayed queued, keeping the day each entry was first queued.
 */
export function afterRun(
  plan: Plan,
  outcomes: readonly Outcome[],
  today: IsoDate,
): { queue: QueuedMail[]; log: SendLog } {
  const keys = { ...plan.log.keys };
  const queue: QueuedMail[] = [...plan.keep];
  for (const o of outcomes) {
    const m = o.mail;
    if (o.status === 'queued') {
      queue.push({
        kind: m.kind,
        to: m.to,
        subject: m.subject,
        hash: m.hash,
        queuedOn: o.queuedOn ?? today,
        ...(o.deferred && !o.queuedOn ? { deferred: true as const } : {}),
        ...(m.kind === 'weekly' ? { content: { text: m.text, html: m.html, items: m.items } } : {}),
      });
    } else {
      keys[dayKey(m.kind, m.to, today)] = m.hash;
    }
  }
  return { queue, log: { date: today, keys } };
}

/** «Напоминание», «Эскалация (из очереди от 14.03.2021)» — the journal's event text. */
export function outcomeEvent(o: Planned, formatDate: (d: IsoDate) => string): string {
  const kind = MAIL_KIND_RU[o.mail.kind];
  return o.queuedOn ? `${kind} (из очереди от ${formatDate(o.queuedOn)})` : kind;
}
