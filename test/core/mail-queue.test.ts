import { runInNewContext } from 'node:vm';
import { makeMail, type Mail } from '../../src/core/mail-format';
import {
  afterRun,
  dayKey,
  deliver,
  planRun,
  type MailIo,
  type QueuedMail,
  type SendLog,
} from '../../src/core/mail-queue';

const reminder = (n: number, day = '2021-04-21'): Mail =>
  makeMail(
    'reminder',
    [`r${n}@edu.example.ru`],
    `Напоминание на ${day}`,
    `текст ${n} ${day}`,
    `<p>${n}</p>`,
    1,
  );
const empty: SendLog = { date: '2021-04-20', keys: {} };

/** A mail service with a quota; addresses containing «bad» throw like MailApp does. */
function fakeIo(quota: number): MailIo & { sent: Mail[] } {
  let left = quota;
  const sent: Mail[] = [];
  return {
    sent,
    remaining: () => left,
    send(m) {
      if (m.to.some((t) => t.includes('bad'))) throw new Error(`Invalid email: ${m.to[0]}`);
      left -= m.to.length;
      sent.push(m);
    },
  };
}

describe('mail queue', () => {
  const digest = (action: string): Mail =>
    makeMail('reminder', ['school@edu.example.ru'], 'Напоминание', `текст ${action}`, '<p></p>', 1, {
      state: ['1.1|overdue|2021-04-01|0'],
      everyDays: 7,
      action,
    });
  const sentOnce = (m: Mail, log: SendLog = empty): SendLog => {
    const plan = planRun([], [m], ['reminder'], log, '2021-04-21');
    return afterRun(plan, deliver(plan.send, fakeIo(100)), '2021-04-21').log;
  };

  it('sends a digest again the same day when what it asks to do changed (a new link), and only then', () => {
    const log = sentOnce(digest('link-1'));
    expect(planRun([], [digest('link-1')], ['reminder'], log, '2021-04-21').send).toEqual([]);
    const again = planRun([], [digest('link-2')], ['reminder'], log, '2021-04-21').send;
    expect(again.map((p) => p.why)).toEqual(['changed']);
  });

  it('does not resend on the day a log of an older version (no action recorded) is first read', () => {
    const log = sentOnce(digest('link-1'));
    const old: SendLog = {
      ...log,
      last: Object.fromEntries(
        Object.entries(log.last ?? {}).map(([k, v]) => [k, { on: v.on, state: v.state }]),
      ),
    };
    expect(planRun([], [digest('link-2')], ['reminder'], old, '2021-04-21').send).toEqual([]);
  });

  it('keys a mail by kind, recipient and day', () => {
    expect(dayKey('reminder', ['a@x.ru'], '2021-04-21')).toBe('reminder|a@x.ru|2021-04-21');
  });

  it('sends what fits the quota, queues the rest, and sends the queued ones first the next day', () => {
    const day1 = Array.from({ length: 12 }, (_, i) => reminder(i));
    const plan1 = planRun([], day1, ['reminder', 'escalation'], empty, '2021-04-21');
    const io1 = fakeIo(5);
    const out1 = deliver(plan1.send, io1);
    expect(out1.filter((o) => o.status === 'sent')).toHaveLength(5);
    expect(out1.filter((o) => o.status === 'queued')).toHaveLength(7);
    const state1 = afterRun(plan1, out1, '2021-04-21');
    expect(state1.queue.map((q) => q.to[0])).toEqual(day1.slice(5).map((m) => m.to[0]));
    expect(state1.queue.every((q) => q.queuedOn === '2021-04-21' && !q.content)).toBe(true);

    // Next day: the same 12 are rebuilt from fresh data; the 7 queued go first, with today's content.
    const day2 = Array.from({ length: 12 }, (_, i) => reminder(i, '2021-04-22'));
    const plan2 = planRun(state1.queue, day2, ['reminder', 'escalation'], state1.log, '2021-04-22');
    const io2 = fakeIo(100);
    const out2 = deliver(plan2.send, io2);
    expect(io2.sent.slice(0, 7).map((m) => m.to[0])).toEqual(day1.slice(5).map((m) => m.to[0]));
    expect(io2.sent[0].subject).toBe('Напоминание на 2021-04-22');
    expect(out2.slice(0, 7).every((o) => o.queuedOn === '2021-04-21')).toBe(true);
    expect(io2.sent).toHaveLength(12);
    expect(afterRun(plan2, out2, '2021-04-22').queue).toEqual([]);
  });

  it('sends nothing new on a second run the same day', () => {
    const mails = [reminder(1), reminder(2)];
    const plan1 = planRun([], mails, ['reminder'], empty, '2021-04-21');
    const state = afterRun(plan1, deliver(plan1.send, fakeIo(10)), '2021-04-21');
    const plan2 = planRun(state.queue, mails, ['reminder'], state.log, '2021-04-21');
    expect(plan2.send).toEqual([]);
    expect(plan2.alreadySent).toHaveLength(2);
  });

  it('logs a bad address as an error, still sends the rest, and does not retry it the same day', () => {
    const bad = makeMail('reminder', ['bad-address'], 's', 't', 'h', 1);
    const plan = planRun([], [reminder(1), bad, reminder(2)], ['reminder'], empty, '2021-04-21');
    const io = fakeIo(10);
    const out = deliver(plan.send, io);
    expect(out.map((o) => o.status)).toEqual(['sent', 'error', 'sent']);
    expect(out[1].error).toContain('Invalid email');
    const state = afterRun(plan, out, '2021-04-21');
    expect(planRun(state.queue, [bad], ['reminder'], state.log, '2021-04-21').send).toEqual([]);
  });

  it('keeps the reason a person reads, without «Error:», when the error comes from another realm (the local host)', () => {
    const io: MailIo = {
      remaining: () => 10,
      send: () => {
        // The bundle runs in a vm; the local host's errors are not `instanceof Error` there.
        throw runInNewContext('new Error("Сервер отклонил письмо для kuanda@school.ru: 550 no such user")');
      },
    };
    expect(deliver([{ mail: reminder(1) }], io)[0].error).toBe(
      'Сервер отклонил письмо для kuanda@school.ru: 550 no such user',
    );
  });

  it('queues a mail when the service reports the quota spent', () => {
    const io: MailIo = {
      remaining: () => 10,
      send: () => {
        throw new Error('Service invoked too many times for one day: email.');
      },
    };
    expect(deliver([{ mail: reminder(1) }], io)[0].status).toBe('queued');
  });

  it('counts every recipient of a message against the quota', () => {
    const many = makeMail('weekly', ['a@x.ru', 'b@x.ru', 'c@x.ru'], 'Сводка', 't', 'h', 1);
    const out = deliver([{ mail: many }, { mail: reminder(1) }], fakeIo(2));
    expect(out.map((o) => o.status)).toEqual(['queued', 'sent']);
  });

  it('keeps the weekly summary body in the queue and sends it from any later run', () => {
    const weekly = makeMail('weekly', ['coord@x.ru'], 'Сводка', 'текст', '<p>html</p>', 5);
    const plan = planRun([], [weekly], ['weekly'], empty, '2021-04-19');
    const state = afterRun(plan, deliver(plan.send, fakeIo(0)), '2021-04-19');
    expect(state.queue[0].content).toEqual({ text: 'текст', html: '<p>html</p>', items: 5 });
    // The reminders job does not build weekly summaries; it sends the stored one first.
    const next = planRun(
      state.queue,
      [reminder(1, '2021-04-20')],
      ['reminder', 'escalation'],
      state.log,
      '2021-04-20',
    );
    expect(next.send.map((p) => p.mail.kind)).toEqual(['weekly', 'reminder']);
    expect(next.send[0].mail.hash).toBe(weekly.hash);
  });

  it('drops a queued reminder that today has nothing to say, and leaves other jobs\u2019 entries alone', () => {
    const queue = [
      {
        kind: 'reminder' as const,
        to: ['r1@edu.example.ru'],
        subject: 's',
        hash: 'h',
        queuedOn: '2021-04-20',
      },
      { kind: 'escalation' as const, to: ['c@x.ru'], subject: 's', hash: 'h', queuedOn: '2021-04-20' },
    ];
    const plan = planRun(queue, [], ['reminder'], empty, '2021-04-21');
    expect(plan.obsolete.map((q) => q.kind)).toEqual(['reminder']);
    expect(plan.keep.map((q) => q.kind)).toEqual(['escalation']);
    expect(afterRun(plan, [], '2021-04-21').queue.map((q) => q.kind)).toEqual(['escalation']);
  });
});

describe('repeat rhythm', () => {
  const OWN = ['reminder', 'escalation'] as const;
  /** A digest to `to` listing `state` (one key per activity in its state), on `day`. */
  const digest = (
    to: string,
    state: string[],
    day: string,
    kind: 'reminder' | 'escalation' = 'reminder',
  ): Mail =>
    makeMail(kind, [to], `${kind} ${day}`, `${state.join(',')} ${day}`, '<p></p>', state.length, {
      state: [...state].sort(),
      everyDays: 7,
    });

  /** Runs one day with `quota`; returns the log to carry on and what was decided. */
  function day(log: SendLog, mails: Mail[], today: string, quota = 100, queue: QueuedMail[] = []) {
    const plan = planRun(queue, mails, OWN, log, today);
    const out = deliver(plan.send, fakeIo(quota));
    return { plan, out, ...afterRun(plan, out, today) };
  }

  it('sends a digest on its first day, holds it while unchanged, and repeats it after 7 days', () => {
    let log = empty;
    const sentOn: string[] = [];
    const nextOn = new Set<string>();
    for (let d = 1; d <= 16; d++) {
      const today = `2021-04-${String(d).padStart(2, '0')}`;
      const r = day(log, [digest('a@x.ru', ['1.1|overdue'], today)], today);
      if (r.out.some((o) => o.status === 'sent')) sentOn.push(`${today} ${r.out[0]?.why}`);
      for (const w of r.plan.waiting) nextOn.add(w.nextOn);
      log = r.log;
    }
    expect([...nextOn]).toEqual(['2021-04-08', '2021-04-15', '2021-04-22']);
    expect(sentOn).toEqual(['2021-04-01 first', '2021-04-08 repeat', '2021-04-15 repeat']);
  });

  it('sends at once when an activity is added, crosses into overdue, or leaves the list', () => {
    let { log } = day(empty, [digest('a@x.ru', ['1.1|soon'], '2021-04-01')], '2021-04-01');
    const go = (state: string[], today: string) => {
      const r = day(log, [digest('a@x.ru', state, today)], today);
      log = r.log;
      return r.out.map((o) => o.why);
    };
    expect(go(['1.1|soon'], '2021-04-02')).toEqual([]);
    expect(go(['1.1|overdue'], '2021-04-03')).toEqual(['new']);
    expect(go(['1.1|overdue', '2.4|soon'], '2021-04-04')).toEqual(['new']);
    expect(go(['2.4|soon'], '2021-04-05')).toEqual(['changed']);
    expect(go(['2.4|soon'], '2021-04-06')).toEqual([]);
  });

  it('compares with what was last sent, across a quota queue: a queued digest still goes, once', () => {
    const first = day(empty, [digest('a@x.ru', ['1.1|overdue'], '2021-04-01')], '2021-04-01', 0);
    expect(first.queue).toHaveLength(1);
    // Nothing changed, but it never reached the recipient: it goes the next day as the first.
    const next = (prev: typeof first, today: string) =>
      day(prev.log, [digest('a@x.ru', ['1.1|overdue'], today)], today, 100, prev.queue);
    const second = next(first, '2021-04-02');
    expect(second.out.map((o) => [o.status, o.why, o.queuedOn])).toEqual([['sent', 'first', '2021-04-01']]);
    const third = next(second, '2021-04-03');
    expect(third.out).toEqual([]);
    expect(third.plan.waiting.map((w) => w.nextOn)).toEqual(['2021-04-09']);
  });

  it('keeps a failed digest new: a bad address is tried again the next day', () => {
    const bad = digest('bad-address', ['1.1|overdue'], '2021-04-01');
    const first = day(empty, [bad], '2021-04-01');
    expect(first.out[0]?.status).toBe('error');
    expect(
      day(first.log, [digest('bad-address', ['1.1|overdue'], '2021-04-02')], '2021-04-02').plan.send,
    ).toHaveLength(1);
  });

  it('when the quota cannot hold everything, escalations and first reminders go before repeats', () => {
    const old = ['a', 'b', 'c'].map((n) => digest(`${n}@x.ru`, ['1.1|overdue'], '2021-04-01'));
    const { log } = day(
      empty,
      [...old, digest('coord@x.ru', ['1.1|escalated'], '2021-04-01', 'escalation')],
      '2021-04-01',
    );
    const today = '2021-04-08';
    const mails = [
      ...['a', 'b', 'c'].map((n) => digest(`${n}@x.ru`, ['1.1|overdue'], today)),
      digest('new@x.ru', ['1.1|overdue'], today),
      digest('coord@x.ru', ['1.1|escalated'], today, 'escalation'),
    ];
    const r = day(log, mails, today, 2);
    expect(r.out.map((o) => [o.mail.to[0], o.why, o.status])).toEqual([
      ['coord@x.ru', 'repeat', 'sent'],
      ['new@x.ru', 'first', 'sent'],
      ['a@x.ru', 'repeat', 'queued'],
      ['b@x.ru', 'repeat', 'queued'],
      ['c@x.ru', 'repeat', 'queued'],
    ]);
  });

  it('forgets digests that are no longer built, so they are new when they come back', () => {
    const { log } = day(empty, [digest('a@x.ru', ['1.1|overdue'], '2021-04-01')], '2021-04-01');
    const gone = day(log, [], '2021-04-02');
    expect(gone.log.last).toEqual({});
    const back = day(gone.log, [digest('a@x.ru', ['1.1|overdue'], '2021-04-03')], '2021-04-03');
    expect(back.out.map((o) => o.why)).toEqual(['first']);
  });
});
