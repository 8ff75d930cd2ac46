/** Jobs `previewReminders` and `sendReminders`: one digest per responsible address, escalation to coordinators. */
import { daysBetween, formatRu, type IsoDate } from '../core/dates';
import { buildDigests, type DigestResult } from '../core/digest';
import { buildSchoolDigests } from '../core/school-digest';
import { MAIL_KIND_RU, escapeHtml, type Mail } from '../core/mail-format';
import { deliver, planRun, WHY_RU, type Outcome, type Waiting } from '../core/mail-queue';
import { BUSY, FILL_SCHOOLS, SHEETS } from '../core/messages';
import { count, countGenitive, NOUNS } from '../core/plural';
import { isSchoolParty, reachedThroughSchools } from '../core/schools';
import { done, type JobResult } from './job';
import { appendJournal } from './journal';
import { loadMailContext, type MailContext } from './mail-context';
import { loadMailState, runMail, summaryMessage } from './mail-log';
import type { Services } from './ports';
import { ensureLinkSecret, schoolLink, webAppUrl } from './report-links';
import { stopWithoutActivities } from './roadmap-check';
import {
  clearProgress,
  loadProgress,
  saveProgress,
  scheduleContinuation,
  startBudget,
  type Budget,
} from './resumable';
import { MAIL_KEY_HEADER, writeSummarySection } from './summary-sheet';

const JOB = 'sendReminders';
const OWN_KINDS = ['reminder', 'escalation'] as const;
/** Sheets refuses a cell longer than 50,000 characters. */
const MAX_CELL = 49_000;
/** The dialog lists this many messages in full; the sheet has them all. */
const DIALOG_MAILS = 20;

function digests(svc: Services, ctx: MailContext): DigestResult {
  const input = {
    activities: ctx.activities,
    statuses: ctx.statuses,
    settings: ctx.settings,
    today: ctx.today,
    link: ctx.link,
    title: ctx.title,
    schools: ctx.schools.map((s) => ({ name: s.shortName || s.fullName || s.code, reporters: s.reporters })),
  };
  const d = buildDigests(input);
  const base = webAppUrl(svc);
  const schools = buildSchoolDigests({
    ...input,
    schools: ctx.schools,
    assigned: ctx.assigned,
    linkOf: (school, reporter) => schoolLink(svc, base, school, reporter),
  });
  return { ...d, mails: [...schools, ...d.mails] };
}

/** Notes for the user beyond the counts: parties without an address, escalation without coordinators. */
function warnings(d: DigestResult, ctx: MailContext): string[] {
  const out: string[] = [];
  // A party naming a school or meaning all of them («ОО») is reached through `Школы` when a school there has a reporter.
  const unresolved = d.unresolved.filter((p) => !reachedThroughSchools(p, ctx.schools));
  const schoolsWide = unresolved.filter((p) => isSchoolParty(p, ctx.schools));
  const others = unresolved.filter((p) => !schoolsWide.includes(p));
  // A row of the template's examples is there, with an address that is never mailed (validate.ts says the same).
  const examples = others.filter((p) => ctx.loaded.directory.find(p)?.example);
  const missing = others.filter((p) => !examples.includes(p));
  if (missing.length) {
    out.push(
      `Нет адреса у ответственных: ${missing.join(', ')} — добавьте их на лист «${SHEETS.responsible}».`,
    );
  }
  if (examples.length) {
    out.push(
      `У ответственных ${examples.join(', ')} на листе «${SHEETS.responsible}» адреса-примеры из шаблона: писем им не будет. Замените примеры настоящими адресами.`,
    );
  }
  if (schoolsWide.length) {
    out.push(
      `Нет адреса у ответственных: ${schoolsWide.join(', ')} — добавьте их на лист «${SHEETS.responsible}» или ${FILL_SCHOOLS}.`,
    );
  }
  if (d.escalated && ctx.settings.coordinators.length === 0) {
    out.push(
      `Просрочено более ${countGenitive(ctx.settings.escalationDays, NOUNS.day)}: ${count(d.escalated, NOUNS.activity)}, но координаторы не указаны: впишите их адреса в «Координаторы» листа «${SHEETS.settings}» или поставьте роль «координатор» их строкам на листе «${SHEETS.responsible}».`,
    );
  }
  return out;
}

const PREDICTION: Record<Outcome['status'], string> = {
  sent: 'будет отправлено',
  queued: 'в очередь: не хватит дневной квоты',
  error: 'ошибка',
};

/** «будет отправлено — повтор, из очереди», the preview's «Что будет» of a mail that goes. */
function prediction(o: Outcome, today: IsoDate): string {
  const why =
    o.why === 'repeat' && o.lastOn !== undefined
      ? `повтор: без изменений ${count(daysBetween(o.lastOn, today), NOUNS.day)}`
      : o.why && WHY_RU[o.why];
  return [PREDICTION[o.status], why, o.queuedOn ? 'из очереди' : ''].filter(Boolean).join(' — ');
}

/** «не отправляется: без изменений, повтор через 3 дня (24.04.2021)». */
function waitingText(w: Waiting, today: IsoDate): string {
  return `не отправляется: без изменений, повтор через ${count(daysBetween(today, w.nextOn), NOUNS.day)} (${formatRu(w.nextOn)})`;
}

/**
 * Shows exactly what sendReminders would send now, in its order and with the quota applied, without
 * sending: a section of `Сводка` (recipient, subject, text) and, in Sheets, a dialog.
 */
export function previewReminders(svc: Services): JobResult {
  ensureLinkSecret(svc);
  const ctx = loadMailContext(svc);
  const stop = stopWithoutActivities(svc, ctx.loaded);
  if (stop) return stop;
  const d = digests(svc, ctx);
  const state = loadMailState(svc);
  const plan = planRun(state.queue, d.mails, OWN_KINDS, state.log, ctx.today);
  let left = svc.mailApp.getRemainingDailyQuota();
  const predicted = deliver(plan.send, { remaining: () => left, send: (m) => void (left -= m.to.length) });
  const rows = [
    ['Кому', 'Вид', 'Тема', 'Текст письма', 'Что будет', 'Мероприятий', MAIL_KEY_HEADER],
    ...predicted.map((o) => [
      o.mail.to.join(', '),
      MAIL_KIND_RU[o.mail.kind],
      o.mail.subject,
      o.mail.text.length > MAX_CELL ? `${o.mail.text.slice(0, MAX_CELL)}\n…` : o.mail.text,
      prediction(o, ctx.today),
      o.mail.items,
      o.mail.hash,
    ]),
    ...plan.waiting.map((w) => [
      w.mail.to.join(', '),
      MAIL_KIND_RU[w.mail.kind],
      w.mail.subject,
      '',
      waitingText(w, ctx.today),
      w.mail.items,
      w.mail.hash,
    ]),
    ...plan.alreadySent.map((m) => [
      m.to.join(', '),
      MAIL_KIND_RU[m.kind],
      m.subject,
      '',
      'уже отправлено сегодня',
      m.items,
      m.hash,
    ]),
  ];
  const note = warnings(d, ctx);
  writeSummarySection(
    svc,
    'Предпросмотр писем',
    rows,
    `на ${formatRu(ctx.today)}${note.length ? '. ' + note.join(' ') : ''}`,
  );
  showDialog(
    svc,
    predicted.map((o) => o.mail),
    note,
  );
  const message = predicted.length
    ? `Будет отправлено писем: ${predicted.filter((o) => o.status === 'sent').length}` +
      (predicted.some((o) => o.status === 'queued')
        ? `, в очередь: ${predicted.filter((o) => o.status === 'queued').length}`
        : '') +
      (plan.waiting.length ? `, без изменений и ждут дня повтора: ${plan.waiting.length}` : '') +
      `. Письма — на листе «${SHEETS.summary}».`
    : plan.alreadySent.length
      ? 'Новых писем нет: все напоминания сегодня уже отправлены.'
      : plan.waiting.length
        ? `Новых писем нет: напоминания без изменений (${plan.waiting.length}) уйдут в свой день повтора — он указан на листе «${SHEETS.summary}».`
        : d.unresolved.length > 0 || d.escalated > 0
          ? 'Писем не будет: о просроченных и скорых мероприятиях некому напомнить.'
          : 'Напоминать не о чем: нет просроченных мероприятий и мероприятий со скорым сроком.';
  return done([message, ...note].join(' '));
}

function showDialog(svc: Services, mails: Mail[], notes: string[]): void {
  let ui;
  try {
    ui = svc.spreadsheetApp.getUi();
  } catch {
    // Apps Script quirk: getUi() throws outside a user session (time-driven trigger, script editor run).
    return;
  }
  const parts = mails
    .slice(0, DIALOG_MAILS)
    .map(
      (m) =>
        `<h3 style="margin-bottom:0">${escapeHtml(m.subject)}</h3><div>Кому: ${escapeHtml(m.to.join(', '))}</div>` +
        `<pre style="white-space:pre-wrap;font-family:inherit;border-left:3px solid #ccc;padding-left:8px">${escapeHtml(m.text)}</pre>`,
    );
  if (mails.length > DIALOG_MAILS)
    parts.push(
      `<p>… и ещё ${count(mails.length - DIALOG_MAILS, NOUNS.letter)}: все письма — на листе «${SHEETS.summary}».</p>`,
    );
  if (mails.length === 0) parts.push('<p>Отправлять нечего.</p>');
  const html = `<div style="font-family:Arial,sans-serif;font-size:13px">${notes.map((n) => `<p><b>${escapeHtml(n)}</b></p>`).join('')}${parts.join('')}</div>`;
  ui.showModalDialog(
    svc.htmlService.createHtmlOutput(html).setWidth(800).setHeight(600),
    'Предпросмотр напоминаний',
  );
}

/** Why a reminders run left mail unsent for later: the lock was taken, or its time budget ran out. */
export type Unfinished = 'busy' | 'time' | null;

/**
 * Sends the digests under the document lock: what was queued goes first, nothing goes twice a day,
 * the quota is checked before each mail, a bad address is logged and the rest still go. Once `budget`
 * is spent the rest stays queued; `settle` runs still under the lock (unless it was busy) to record that.
 */
export function sendRemindersWithin(
  svc: Services,
  budget: Budget,
  settle: (unfinished: Unfinished) => void,
): JobResult {
  // Schools' links in their digests need the secret, made before this job takes the lock.
  ensureLinkSecret(svc);
  const lock = svc.lock();
  // A trigger and a click (or two clicks) can overlap; the second waits briefly, then gives up unsent.
  if (!lock.tryLock(5000)) {
    appendJournal(svc, [{ job: 'sendReminders', event: 'Пропущено', details: BUSY }]);
    settle('busy');
    return done(BUSY);
  }
  try {
    const ctx = loadMailContext(svc);
    const stop = stopWithoutActivities(svc, ctx.loaded);
    if (stop) {
      // Nothing was left to send later: a continuation has no more to do.
      settle(null);
      return stop;
    }
    budget.setSeconds(ctx.settings.timeBudgetSeconds);
    const d = digests(svc, ctx);
    const note = warnings(d, ctx);
    const run = runMail(svc, 'sendReminders', d.mails, OWN_KINDS, ctx.today, note, () => budget.expired());
    settle(run.deferred > 0 ? 'time' : null);
    return done([summaryMessage(run), ...note].join(' '));
  } finally {
    lock.releaseLock();
  }
}

/**
 * Menu job, and the continuation of one that ran out of time: what did not fit the time budget goes
 * a minute later by a one-off trigger (resumable.ts), as many times as it takes.
 */
export function sendReminders(svc: Services, budget: Budget = startBudget(svc)): JobResult {
  return sendRemindersWithin(svc, budget, (unfinished) => {
    // A click that finds the lock taken just says so; a continuation that does tries again later.
    if (unfinished === 'time' || (unfinished === 'busy' && loadProgress(svc, JOB) !== undefined)) {
      saveProgress(svc, JOB, loadProgress(svc, JOB) ?? { since: svc.now().toISOString() });
      scheduleContinuation(svc);
    } else if (unfinished === null) {
      clearProgress(svc, JOB);
    }
  });
}
