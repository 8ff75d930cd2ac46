/**
 * Sending with a memory: the queue and today's sent keys in document properties, every send, queueing
 * and failure as a row of `Журнал`, and the run that ties them to MailApp.
 */
import { formatRu, type IsoDate } from '../core/dates';
import { MAIL_KIND_RU, type Mail, type MailKind } from '../core/mail-format';
import {
  OUTCOME_RU,
  afterRun,
  deliver,
  outcomeEvent,
  planRun,
  type Outcome,
  type QueuedMail,
  type SendLog,
} from '../core/mail-queue';
import { appendJournal, type JournalEntry } from './journal';
import type { PropertiesPort, Services } from './ports';

const QUEUE_KEY = 'roadmap500.mail.queue';
const SENT_KEY = 'roadmap500.mail.sent';

/**
 * Apps Script quirk: one property value holds at most 9 KB and all properties of a document 500 KB,
 * both counted in UTF-8 bytes. Values are split into chunks of at most 8 KB in UTF-8 (Cyrillic takes two
 * bytes, «—», «№», «•» three, so a count of characters is not enough), never inside a surrogate pair;
 * `key` holds the number of chunks, `key.0`, `key.1`… the pieces. The queue stays far below 500 KB
 * because reminders are queued without their bodies (see QueuedMail.content).
 */
const CHUNK_BYTES = 8 * 1024;

/** `value` cut into pieces of at most CHUNK_BYTES in UTF-8, each a whole sequence of code points. */
function utf8Chunks(value: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < value.length;) {
    const c = value.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    if (bytes + size > CHUNK_BYTES) {
      chunks.push(value.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += pair ? 2 : 1;
  }
  if (start < value.length) chunks.push(value.slice(start));
  return chunks;
}

export function writeChunked(props: PropertiesPort, key: string, value: string): void {
  const old = Number(props.getProperty(key) ?? 0);
  const chunks = utf8Chunks(value);
  chunks.forEach((chunk, i) => props.setProperty(`${key}.${i}`, chunk));
  for (let i = chunks.length; i < old; i++) props.deleteProperty(`${key}.${i}`);
  props.setProperty(key, String(chunks.length));
}

export function readChunked(props: PropertiesPort, key: string): string | null {
  const n = Number(props.getProperty(key) ?? NaN);
  if (!Number.isInteger(n)) return null;
  let s = '';
  for (let i = 0; i < n; i++) s += props.getProperty(`${key}.${i}`) ?? '';
  return s;
}

function readJson<T>(props: PropertiesPort, key: string, fallback: T): T {
  const raw = readChunked(props, key);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    // A half-written value (a run stopped mid-write) is treated as empty rather than blocking every send.
    return fallback;
  }
}

export interface MailState {
  queue: QueuedMail[];
  log: SendLog;
}

export function loadMailState(svc: Services): MailState {
  return {
    queue: readJson<QueuedMail[]>(svc.properties, QUEUE_KEY, []),
    log: readJson<SendLog>(svc.properties, SENT_KEY, { date: '', keys: {} }),
  };
}

export function saveMailState(svc: Services, state: MailState): void {
  // Sent keys first: if the queue then overflows the 500 KB store (a queued weekly summary keeps its
  // body), the mail already sent is still on record and the next run does not send it twice.
  writeChunked(svc.properties, SENT_KEY, JSON.stringify(state.log));
  writeChunked(svc.properties, QUEUE_KEY, JSON.stringify(state.queue));
}

/** Journal details of a mail the time budget held back. */
const DEFERRED_NOTE = ' — время запуска истекло, письмо уйдёт при продолжении через минуту';

/** What a run did, for the job's message. */
export interface RunSummary {
  sent: number;
  /** Held back by the daily quota. */
  queued: number;
  /** Held back by the run's time budget: its continuation sends them (see resumable.ts). */
  deferred: number;
  errors: number;
  alreadySent: number;
  /** Unchanged digests that wait for their repeat day. */
  waiting: number;
  obsolete: number;
  outcomes: Outcome[];
}

/**
 * One sending run under the caller's lock: queued mails first, per-day keys so nothing goes twice,
 * the quota checked before each mail, one journal write for the whole run, state saved after it.
 */
export function runMail(
  svc: Services,
  job: string,
  fresh: readonly Mail[],
  ownKinds: readonly MailKind[],
  today: IsoDate,
  /** Warnings for the journal, written only by a run that sent or queued something (not on every click). */
  notes: readonly string[] = [],
  /** True once the run's time budget is spent; the rest waits in the queue for the continuation. */
  stop?: () => boolean,
): RunSummary {
  const state = loadMailState(svc);
  const plan = planRun(state.queue, fresh, ownKinds, state.log, today);
  const outcomes = deliver(plan.send, {
    remaining: () => svc.mailApp.getRemainingDailyQuota(),
    ...(stop ? { stop } : {}),
    send: (m) =>
      svc.mailApp.sendEmail({
        to: m.to.join(','),
        subject: m.subject,
        body: m.text,
        htmlBody: m.html,
        name: 'Дорожная карта 500+',
      }),
  });
  saveMailState(svc, afterRun(plan, outcomes, today));
  const entries: JournalEntry[] = outcomes.map((o) => ({
    job,
    event: outcomeEvent(o, formatRu),
    who: o.mail.to.join(', '),
    details: o.error
      ? `${o.mail.subject}: ${o.error}`
      : o.deferred
        ? `${o.mail.subject}${DEFERRED_NOTE}`
        : o.mail.subject,
    status: OUTCOME_RU[o.status],
    key: o.mail.hash,
  }));
  for (const q of plan.obsolete) {
    entries.push({
      job,
      event: `${MAIL_KIND_RU[q.kind]} снято из очереди`,
      who: q.to.join(', '),
      details: `В очереди с ${formatRu(q.queuedOn)}; сегодня напоминать не о чем или нового нет`,
      status: OUTCOME_RU.obsolete,
      key: q.hash,
    });
  }
  if (outcomes.length) for (const details of notes) entries.push({ job, event: 'Предупреждение', details });
  if (entries.length === 0) {
    entries.push({
      job,
      event: 'Запуск без новых писем',
      details:
        [
          plan.alreadySent.length ? `Уже отправлено сегодня: ${plan.alreadySent.length}` : '',
          plan.waiting.length ? `Без изменений, ждут дня повтора: ${plan.waiting.length}` : '',
        ]
          .filter(Boolean)
          .join('; ') || 'Писать некому',
    });
  }
  appendJournal(svc, entries);
  const count = (s: Outcome['status']): number => outcomes.filter((o) => o.status === s).length;
  const deferred = outcomes.filter((o) => o.deferred).length;
  return {
    sent: count('sent'),
    queued: count('queued') - deferred,
    deferred,
    errors: count('error'),
    alreadySent: plan.alreadySent.length,
    waiting: plan.waiting.length,
    obsolete: plan.obsolete.length,
    outcomes,
  };
}

/** Why mail stays queued in Apps Script (the local host's SMTP failures queue mail the same way). */
export const QUOTA_REASON = '(дневная квота писем исчерпана)';

/** «Отправлено писем: 5. В очереди до следующего запуска: 7 (дневная квота исчерпана).» */
export function summaryMessage(r: RunSummary): string {
  const parts = [`Отправлено писем: ${r.sent}.`];
  if (r.deferred)
    parts.push(
      `Время одного запуска истекло: остальные письма (${r.deferred}) отправятся автоматически через минуту.`,
    );
  if (r.queued) parts.push(`В очереди до следующего запуска: ${r.queued} ${QUOTA_REASON}.`);
  if (r.errors) parts.push(`Ошибок: ${r.errors} — подробности на листе «Журнал».`);
  if (r.alreadySent) parts.push(`Уже отправлены сегодня и не повторяются: ${r.alreadySent}.`);
  if (r.waiting) parts.push(`Без изменений — уйдут в свой день повтора: ${r.waiting}.`);
  return parts.join(' ');
}
