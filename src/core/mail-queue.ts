/**
 * Never twice, never lost, never nagging: which mails a run sends (escalations and news before
 * repeats, each group queued first), which were already sent today (per-day key), which digests say
 * nothing new and wait for their repeat day, what fits the daily quota, and what stays queued.
 */
import { addDays, daysBetween, type IsoDate } from './dates';
import { MAIL_KIND_RU, type Mail, type MailKind } from './mail-format';
import { messageOf } from './errors';

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

/** What a digest said when it last went out (Mail.repeat.state), kept across days and quota queues. */
export interface LastSent {
  on: IsoDate;
  state: string[];
  /** Repeat.action of that digest; absent in logs of older versions. */
  action?: string;
}

/** What was sent (or failed) today: per-day key → content hash, reset when the day changes; and `last`. */
export interface SendLog {
  date: IsoDate;
  keys: Record<string, string>;
  /** mailIdentity → what that digest said when it last went out; absent in logs of older versions. */
  last?: Record<string, LastSent>;
}

/**
 * Why a digest goes: the first to this recipient, new (an activity added, or one that became overdue
 * or escalated), changed (an activity left the list), or an unchanged one repeated after its days.
 */
export type Why = 'first' | 'new' | 'changed' | 'repeat';

/** Preview and journal words for Why. */
export const WHY_RU: Record<Why, string> = {
  first: 'новое',
  new: 'новое',
  changed: 'изменилось',
  repeat: 'повтор',
};

/** A mail in the run's order; `queuedOn` when it takes the place of a queued one. */
export interface Planned {
  mail: Mail;
  queuedOn?: IsoDate;
  /** For digests with a rhythm (Mail.repeat). */
  why?: Why;
  /** When this digest last went out, if it ever did. */
  lastOn?: IsoDate;
}

/** An unchanged digest that goes again on `nextOn`. */
export interface Waiting {
  mail: Mail;
  lastOn: IsoDate;
  nextOn: IsoDate;
}

export interface Plan {
  /** In sending order: escalations, then new and changed digests, then repeats; queued first in each. */
  send: Planned[];
  /** Fresh mails whose per-day key is already in today's log: a second run sends nothing new. */
  alreadySent: Mail[];
  /** Unchanged digests sent fewer than their repeat days ago: not sent today. */
  waiting: Waiting[];
  /** Queued reminders/escalations this job rebuilds but that have nothing (new) to say any more. */
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
 * Orders a run: each queued entry takes its place in line, carrying today's fresh mail of the same
 * kind and recipients when the job built one (or its stored body for the weekly summary); then the
 * other fresh mails. Anything whose per-day key is in today's log is left out, and so is a digest that
 * says what it said last time, until its repeat day. When the quota cannot hold everything, what comes
 * first goes: escalations, then new and changed digests, then repeats.
 * @param ownKinds the kinds this job rebuilds (sendReminders: reminder and escalation).
 */
export function planRun(
  queue: readonly QueuedMail[],
  fresh: readonly Mail[],
  ownKinds: readonly MailKind[],
  log: SendLog,
  today: IsoDate,
): Plan {
  const freshById = new Map(fresh.map((m) => [mailIdentity(m.kind, m.to), m]));
  const todayLog: SendLog = {
    date: today,
    keys: log.date === today ? { ...log.keys } : {},
    // Digests this job no longer builds are forgotten: should they come back, they are new again.
    last: Object.fromEntries(
      Object.entries(log.last ?? {}).filter(
        ([id]) => freshById.has(id) || !ownKinds.some((k) => id.startsWith(`${k}|`)),
      ),
    ),
  };
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
  const waiting: Waiting[] = [];
  for (const p of ordered) {
    const last = todayLog.last?.[mailIdentity(p.mail.kind, p.mail.to)];
    // Sent today already; again only when what it asks to do changed (new report links made today).
    if (dayKey(p.mail.kind, p.mail.to, today) in todayLog.keys && !actionChanged(p.mail, last)) {
      alreadySent.push(p.mail);
      continue;
    }
    const why = decide(p.mail, last, today);
    if (why === undefined && p.mail.repeat && last) {
      waiting.push({ mail: p.mail, lastOn: last.on, nextOn: addDays(last.on, p.mail.repeat.everyDays) });
      if (p.queuedOn !== undefined) obsolete.push(toQueued(p.mail, p.queuedOn));
    } else send.push({ ...p, ...(why ? { why } : {}), ...(last ? { lastOn: last.on } : {}) });
  }
  return { send: byPriority(send), alreadySent, waiting, obsolete, keep, log: todayLog };
}

/** Why a mail goes today, or undefined when it is an unchanged digest whose repeat day has not come. */
function decide(mail: Mail, last: LastSent | undefined, today: IsoDate): Why | undefined {
  if (!mail.repeat) return undefined;
  if (!last) return 'first';
  const before = new Set(last.state);
  if (mail.repeat.state.some((k) => !before.has(k))) return 'new';
  if (mail.repeat.state.length !== before.size || actionChanged(mail, last)) return 'changed';
  return daysBetween(last.on, today) >= mail.repeat.everyDays ? 'repeat' : undefined;
}

/**
 * The digest asks something else than when it last went (the school's link was made anew: the old one
 * no longer opens). A log of an older version recorded no action: nothing to compare, nothing resent.
 */
function actionChanged(mail: Mail, last: LastSent | undefined): boolean {
  return last?.action !== undefined && mail.repeat?.action !== last.action;
}

/** Escalations first, then everything else but repeats, then repeats; the order within each is kept. */
function byPriority(send: Planned[]): Planned[] {
  const rank = (p: Planned): number => (p.mail.kind === 'escalation' ? 0 : p.why === 'repeat' ? 2 : 1);
  return send
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map((x) => x.p);
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
      const message = messageOf(e);
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
  const last = { ...plan.log.last };
  const queue: QueuedMail[] = [...plan.keep];
  for (const o of outcomes) {
    const m = o.mail;
    if (o.status === 'queued') {
      queue.push({
        ...toQueued(m, o.queuedOn ?? today),
        ...(o.deferred && !o.queuedOn ? { deferred: true as const } : {}),
      });
    } else {
      keys[dayKey(m.kind, m.to, today)] = m.hash;
      // A failed mail (a bad address) is not what the recipient last got: it stays new for tomorrow.
      if (o.status === 'sent' && m.repeat)
        last[mailIdentity(m.kind, m.to)] = {
          on: today,
          state: m.repeat.state,
          ...(m.repeat.action !== undefined ? { action: m.repeat.action } : {}),
        };
    }
  }
  return { queue, log: { date: today, keys, last } };
}

/** The queue's record of a mail: its place in line; bodies only for the weekly summary (QueuedMail.content). */
function toQueued(m: Mail, queuedOn: IsoDate): QueuedMail {
  return {
    kind: m.kind,
    to: m.to,
    subject: m.subject,
    hash: m.hash,
    queuedOn,
    ...(m.kind === 'weekly' ? { content: { text: m.text, html: m.html, items: m.items } } : {}),
  };
}

/** «Напоминание (новое)», «Эскалация (повтор, из очереди от 14.03.2021)» — the journal's event text. */
export function outcomeEvent(o: Planned, formatDate: (d: IsoDate) => string): string {
  const notes = [
    ...(o.why ? [WHY_RU[o.why]] : []),
    ...(o.queuedOn ? [`из очереди от ${formatDate(o.queuedOn)}`] : []),
  ];
  return notes.length ? `${MAIL_KIND_RU[o.mail.kind]} (${notes.join(', ')})` : MAIL_KIND_RU[o.mail.kind];
}
