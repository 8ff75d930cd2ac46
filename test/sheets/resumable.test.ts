import { makeMail } from '../../src/core/mail-format';
import { afterRun, deliver, planRun, type MailIo } from '../../src/core/mail-queue';
import { SHEETS } from '../../src/core/messages';
import type { JobResult } from '../../src/sheets/job';
import { LocalHost } from '../../src/local/host';
import {
  Budget,
  CONTINUATION_DELAY_MS,
  clearProgress,
  continuationId,
  MAX_BUDGET_SECONDS,
  isContinuation,
  loadProgress,
  saveProgress,
  scheduleContinuation,
} from '../../src/sheets/resumable';
import { mailWorkbook, manyPartiesRows, settingsSheet } from './mail-workbook';

const TODAY = '2021-04-21';
const HOUR = 3_600_000;

/** Properties the resumable module owns (progress and its chunks, the continuation's trigger id). */
function resumeKeys(host: LocalHost): string[] {
  return Object.keys(host.services().properties.getProperties()).filter((k) =>
    k.startsWith('roadmap500.resume'),
  );
}

function continuations(host: LocalHost): ReturnType<LocalHost['triggers']> {
  return host.triggers().filter((t) => t.kind === 'after');
}

/** Journal rows of a job without the time column: [job, event, who, details, status, key]. */
function journal(host: LocalHost, job: string): string[][] {
  return host
    .values(SHEETS.journal)
    .slice(1)
    .filter((r) => r[1] === job)
    .map((r) => r.slice(1).map((c) => String(c ?? '')));
}

const sentRows = (host: LocalHost): string[][] =>
  journal(host, 'sendReminders').filter((r) => r[4] === 'отправлено');
const mails = (host: LocalHost): { to: string; subject: string; text: string; html?: string }[] =>
  host.sentMail.map(({ to, subject, text, html }) => ({
    to,
    subject,
    text,
    ...(html !== undefined ? { html } : {}),
  }));
const later = (host: LocalHost, ms: number): Date => new Date(host.clock.now().getTime() + ms);

describe('resumable: budget, progress and the continuation trigger', () => {
  it('a budget counts from the run\u2019s start; setting the limit later keeps that start', () => {
    let now = 1_000_000;
    const budget = new Budget(() => new Date(now), 270);
    now += 269_999;
    expect(budget.expired()).toBe(false);
    budget.setSeconds(3);
    expect(budget.expired()).toBe(true);
    budget.setSeconds(290);
    now += 20_000;
    expect(budget.expired()).toBe(false);
    now += 1;
    expect(budget.expired()).toBe(true);
  });

  it('a budget beyond Apps Script\u2019s 6 minutes is held to 5 minutes, so a run is never killed with its sends unrecorded', () => {
    let now = 0;
    const budget = new Budget(() => new Date(now), 400);
    now = MAX_BUDGET_SECONDS * 1000 - 1;
    expect(budget.expired()).toBe(false);
    now += 1;
    expect(budget.expired()).toBe(true);
    expect(MAX_BUDGET_SECONDS).toBeLessThan(360);
  });

  it('progress survives by job, in chunks below the 9 KB limit, and clearing the last job deletes its trigger', () => {
    const host = LocalHost.fromSheets({ Лист1: [] }, { now: TODAY });
    const svc = host.services();
    expect(loadProgress(svc, 'a')).toBeUndefined();
    const big = { left: 'мероприятие '.repeat(2000) }; // 24,000 characters, Cyrillic: more than one property value holds
    saveProgress(svc, 'a', big);
    saveProgress(svc, 'b', { done: ['check'] });
    expect(loadProgress(svc, 'a')).toEqual(big);
    expect(loadProgress(svc, 'b')).toEqual({ done: ['check'] });
    expect(resumeKeys(host).length).toBeGreaterThan(3);

    scheduleContinuation(svc);
    scheduleContinuation(svc);
    const pending = continuations(host);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      handler: 'dailyRefresh',
      next: host.clock.now().getTime() + CONTINUATION_DELAY_MS,
    });
    expect(continuationId(svc)).toBe(pending[0].id);
    expect(isContinuation(svc, { triggerUid: pending[0].id })).toBe(true);
    expect(isContinuation(svc, { triggerUid: 'the-daily-trigger' })).toBe(false);
    expect(isContinuation(svc, undefined)).toBe(false);

    clearProgress(svc, 'a');
    expect(loadProgress(svc, 'a')).toBeUndefined();
    expect(continuations(host)).toHaveLength(1);
    clearProgress(svc, 'b');
    expect(continuations(host)).toHaveLength(0);
    expect(resumeKeys(host)).toEqual([]);
  });
});

describe('mail queue under a time budget (pure)', () => {
  const reminder = (n: number): ReturnType<typeof makeMail> =>
    makeMail('reminder', [`r${n}@edu.example.ru`], `Напоминание ${n}`, `текст ${n}`, `<p>${n}</p>`, 1);
  const io = (sent: string[]): MailIo => ({
    remaining: () => 100,
    stop: () => true,
    send: (m) => void sent.push(m.to[0]),
  });

  it('with the time already up, still sends the first mail (so every run advances) and defers the rest', () => {
    const sent: string[] = [];
    const plan = planRun(
      [],
      [reminder(1), reminder(2), reminder(3)],
      ['reminder'],
      { date: '', keys: {} },
      '2021-04-21',
    );
    const out = deliver(plan.send, io(sent));
    expect(sent).toEqual(['r1@edu.example.ru']);
    expect(out.map((o) => [o.status, o.deferred])).toEqual([
      ['sent', undefined],
      ['queued', true],
      ['queued', true],
    ]);
  });

  it('a deferred mail goes on as a fresh one the same day; one the quota held since yesterday keeps «из очереди»', () => {
    const yesterday = planRun([], [reminder(1)], ['reminder'], { date: '', keys: {} }, '2021-04-20');
    const overQuota = afterRun(
      yesterday,
      deliver(yesterday.send, { remaining: () => 0, send: () => undefined }),
      '2021-04-20',
    );
    const today = planRun(
      overQuota.queue,
      [reminder(0), reminder(1), reminder(2)],
      ['reminder'],
      overQuota.log,
      '2021-04-21',
    );
    expect(today.send.map((p) => [p.mail.to[0], p.queuedOn])).toEqual([
      ['r1@edu.example.ru', '2021-04-20'],
      ['r0@edu.example.ru', undefined],
      ['r2@edu.example.ru', undefined],
    ]);
    const state = afterRun(today, deliver(today.send, io([])), '2021-04-21');
    expect(state.queue.map((q) => [q.to[0], q.queuedOn, q.deferred])).toEqual([
      ['r0@edu.example.ru', '2021-04-21', true],
      ['r2@edu.example.ru', '2021-04-21', true],
    ]);
    const next = planRun(
      state.queue,
      [reminder(0), reminder(1), reminder(2)],
      ['reminder'],
      state.log,
      '2021-04-21',
    );
    expect(next.send.map((p) => [p.mail.to[0], p.queuedOn])).toEqual([
      ['r0@edu.example.ru', undefined],
      ['r2@edu.example.ru', undefined],
    ]);
    expect(next.alreadySent.map((m) => m.to[0])).toEqual(['r1@edu.example.ru']);
  });
});

/** 12 overdue activities, one per responsible party: 12 digests, no escalation. */
function twelveRecipients(budgetSeconds?: number): Record<string, unknown[][]> {
  const rows = manyPartiesRows(12);
  return mailWorkbook(
    rows.activities,
    rows.addresses,
    settingsSheet(budgetSeconds === undefined ? [] : [['Бюджет времени, сек', budgetSeconds]]),
  );
}

describe('sendReminders within a time budget (through the bundle, on the simulated clock)', () => {
  function uninterrupted(): LocalHost {
    const host = LocalHost.fromSheets(twelveRecipients(), { now: TODAY, mailLatencyMs: 1000 });
    host.run('sendReminders');
    return host;
  }

  it('sends what fits in 3 s, leaves the rest queued for one continuation, and ends as an uninterrupted run', () => {
    const host = LocalHost.fromSheets(twelveRecipients(3), { now: TODAY, mailLatencyMs: 1000 });
    const first = host.run<JobResult>('sendReminders');
    expect(host.sentMail).toHaveLength(3);
    expect(first.message).toContain('остальные письма (9) отправятся автоматически через минуту');
    expect(continuations(host)).toHaveLength(1);
    expect(continuations(host)[0].handler).toBe('dailyRefresh');
    expect(resumeKeys(host).length).toBeGreaterThan(0);
    const queued = journal(host, 'sendReminders').filter((r) => r[4] === 'в очереди');
    expect(queued).toHaveLength(9);
    expect(queued[0][3]).toContain('уйдёт при продолжении через минуту');

    const fired = host.fireDue(later(host, HOUR));
    expect(fired.map((f) => [f.handler, f.error])).toEqual([
      ['dailyRefresh', undefined],
      ['dailyRefresh', undefined],
      ['dailyRefresh', undefined],
    ]);
    // The continuation only finished the mail: the daily refresh's own sheets were not written.
    expect(host.values(SHEETS.roadmap)).toEqual([]);

    const whole = uninterrupted();
    expect(whole.sentMail).toHaveLength(12);
    expect(mails(host)).toEqual(mails(whole));
    expect(new Set(host.sentMail.map((m) => m.to)).size).toBe(12);
    expect(sentRows(host)).toEqual(sentRows(whole));
    expect(continuations(host)).toHaveLength(0);
    expect(resumeKeys(host)).toEqual([]);
  });

  it('a run that finds the lock taken sends nothing; a continuation that does tries again a minute later', () => {
    const host = LocalHost.fromSheets(twelveRecipients(3), { now: TODAY, mailLatencyMs: 1000 });
    const holder = host.services().lock();
    expect(holder.tryLock(0)).toBe(true);
    expect(host.run<JobResult>('sendReminders').message).toContain('Другая задача');
    expect(host.sentMail).toHaveLength(0);
    expect(host.triggers()).toHaveLength(0);
    holder.releaseLock();

    host.run('sendReminders');
    expect(host.sentMail).toHaveLength(3);
    expect(holder.tryLock(0)).toBe(true);
    const busy = host.fireDue(later(host, CONTINUATION_DELAY_MS + 1000));
    expect(busy).toHaveLength(1);
    expect(host.sentMail).toHaveLength(3);
    expect(continuations(host)).toHaveLength(1);
    holder.releaseLock();

    host.fireDue(later(host, HOUR));
    expect(host.sentMail).toHaveLength(12);
    expect(new Set(host.sentMail.map((m) => m.to)).size).toBe(12);
    expect(continuations(host)).toHaveLength(0);
    expect(resumeKeys(host)).toEqual([]);
  });

  it('installTriggers keeps a pending continuation beside one daily and one weekly trigger; removeTriggers drops it', () => {
    const host = LocalHost.fromSheets(twelveRecipients(3), { now: TODAY, mailLatencyMs: 1000 });
    host.run('sendReminders');
    const pending = continuations(host)[0].id;
    host.run('installTriggers');
    host.run('installTriggers');
    expect(
      host
        .triggers()
        .map((t) => `${t.handler}:${t.kind}`)
        .sort(),
    ).toEqual(['dailyRefresh:after', 'dailyRefresh:everyDays', 'weeklySummary:everyWeeks']);
    expect(continuations(host)[0].id).toBe(pending);
    host.run('removeTriggers');
    expect(host.triggers()).toEqual([]);
    expect(resumeKeys(host)).toEqual([]);
  });

  it.each([
    ['the default 4.5-minute budget', [], 270],
    ['a budget of 400 s in «Настройки», held to 300', [['Бюджет времени, сек', 400]], 300],
  ] as [string, [string, unknown][], number][])(
    '400 digests at a second each: %s stops before Apps Script\u2019s 6 minutes, the continuation sends the rest',
    (_, extra, firstRun) => {
      const rows = manyPartiesRows(400);
      const host = LocalHost.fromSheets(mailWorkbook(rows.activities, rows.addresses, settingsSheet(extra)), {
        now: TODAY,
        mailLatencyMs: 1000,
        dailyQuota: 1000,
      });
      host.run('sendReminders');
      expect(host.sentMail).toHaveLength(firstRun);
      expect(sentRows(host)).toHaveLength(firstRun);
      const fired = host.fireDue(later(host, HOUR));
      expect(fired.map((f) => f.error)).toEqual([undefined]);
      expect(host.sentMail).toHaveLength(400);
      expect(new Set(host.sentMail.map((m) => m.to)).size).toBe(400);
      expect(continuations(host)).toHaveLength(0);
    },
  );
});

describe('dailyRefresh within a time budget', () => {
  /** Installs the triggers and lets the daily one fire at 8:00 on the 21st, continuations included. */
  function daily(opts: { budgetSeconds?: number; callCostMs?: number }): {
    host: LocalHost;
    fired: ReturnType<LocalHost['fireDue']>;
  } {
    const settings = settingsSheet(
      opts.budgetSeconds === undefined ? [] : [['Бюджет времени, сек', opts.budgetSeconds]],
    );
    const host = LocalHost.fromSheets(mailWorkbook(undefined, undefined, settings), {
      now: '2021-04-20',
      ...(opts.callCostMs ? { callCostMs: opts.callCostMs } : {}),
    });
    host.run('installTriggers');
    return { host, fired: host.fireDue(TODAY) };
  }

  it('interrupted after validation, its continuation writes the statuses and sends the reminders of an uninterrupted run', () => {
    // Every spreadsheet call takes a simulated second: reading the roadmap alone spends the 3-second budget.
    const { host, fired } = daily({ budgetSeconds: 3, callCostMs: 1000 });
    expect(fired.every((f) => f.handler === 'dailyRefresh' && f.error === undefined)).toBe(true);
    const runs = journal(host, 'dailyRefresh');
    expect(runs[0][1]).toBe('Ежедневное обновление продолжится');
    expect(runs[0][3]).toMatch(/^Выполнено: проверка; осталось: статусы и цвета, показатели, напоминания\./);
    expect(runs.at(-1)![1]).toBe('Ежедневное обновление');
    expect(runs.filter((r) => r[1] === 'Ежедневное обновление')).toHaveLength(1);

    const whole = daily({});
    expect(whole.fired).toHaveLength(1);
    expect(host.values(SHEETS.roadmap)).toEqual(whole.host.values(SHEETS.roadmap));
    expect(host.values(SHEETS.roadmap).length).toBeGreaterThan(1);
    expect(host.values(SHEETS.check)).toEqual(whole.host.values(SHEETS.check));
    expect(whole.host.sentMail.length).toBeGreaterThan(0);
    expect(mails(host)).toEqual(mails(whole.host));
    expect(sentRows(host)).toEqual(sentRows(whole.host));
    expect(
      host
        .triggers()
        .map((t) => t.kind)
        .sort(),
    ).toEqual(['everyDays', 'everyWeeks']);
    expect(resumeKeys(host)).toEqual([]);
  });
});
