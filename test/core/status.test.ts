import type { Deadline, Recurrence } from '../../src/core/deadline-types';
import type { ActivityStatus, Report, ReportStatus } from '../../src/core/layouts';
import { assignmentsOf, type School } from '../../src/core/schools';
import { computeStatus, computeStatuses, type StatusSettings } from '../../src/core/status';

const SETTINGS: StatusSettings = { soonDays: 7, periodStart: '2021-01-01', periodEnd: '2021-12-31' };

const dl = (kind: Deadline['kind'], due: string[], extra: Partial<Deadline> = {}): Deadline => ({
  kind,
  text: extra.text ?? kind,
  due,
  issues: [],
  ...extra,
});
const date = (d: string): Deadline => dl('date', [d]);
const recurring = (
  r: Partial<Recurrence> & Pick<Recurrence, 'unit'>,
  extra: Partial<Deadline> = {},
): Deadline => dl('recurring', [], { recurrence: { interval: 1, timesPerPeriod: 1, ...r }, ...extra });

let seq = 0;
function report(
  status: ReportStatus,
  opts: { period?: string; school?: string; time?: string; id?: string } = {},
): Report {
  seq++;
  return {
    time: new Date(opts.time ?? '2021-04-01T09:00:00Z'),
    user: 'school@example.ru',
    school: opts.school ?? 'СОШ1',
    activityId: opts.id ?? 'A',
    period: opts.period ?? '',
    status,
    fact: '',
    comment: '',
    link: '',
    key: `k${seq}`,
  };
}

function status(
  deadline: Deadline,
  today: string,
  reports: Report[] = [],
  settings = SETTINGS,
): ActivityStatus {
  return computeStatus({ id: 'A', deadline }, reports, today, settings);
}
const brief = (s: ActivityStatus): [string, number, string | undefined, string] => [
  s.status,
  s.daysOverdue,
  s.due,
  s.missingPeriod,
];

describe('one due date (N = 7 days)', () => {
  it.each([
    ['due today → Скоро срок', date('2021-04-01'), '2021-04-01', 'Скоро срок', 0],
    ['due yesterday → 1 day overdue', date('2021-03-31'), '2021-04-01', 'Просрочено', 1],
    ['due 40 days ago', date('2021-02-20'), '2021-04-01', 'Просрочено', 40],
    ['due in N = 7 days → Скоро срок', date('2021-04-08'), '2021-04-01', 'Скоро срок', 0],
    ['due in N + 1 = 8 days → Запланировано', date('2021-04-09'), '2021-04-01', 'Запланировано', 0],
    ['«до 01.04.2021» on the day', dl('by-date', ['2021-04-01']), '2021-04-01', 'Скоро срок', 0],
    ['«до 01.04.2021» the day after', dl('by-date', ['2021-04-01']), '2021-04-02', 'Просрочено', 1],
    // End of month: «март 2021» is due 31 March.
    [
      'month, mid-month (range started)',
      dl('month', ['2021-03-31'], { start: '2021-03-01', end: '2021-03-31' }),
      '2021-03-15',
      'В работе',
      0,
    ],
    [
      'month, before it starts',
      dl('month', ['2021-03-31'], { start: '2021-03-01', end: '2021-03-31' }),
      '2021-02-20',
      'Запланировано',
      0,
    ],
    [
      'month, its last day',
      dl('month', ['2021-03-31'], { start: '2021-03-01', end: '2021-03-31' }),
      '2021-03-31',
      'Скоро срок',
      0,
    ],
    [
      'month, the 1st of the next',
      dl('month', ['2021-03-31'], { start: '2021-03-01', end: '2021-03-31' }),
      '2021-04-01',
      'Просрочено',
      1,
    ],
    // 29 February of a leap year.
    ['29.02.2024, on the day', date('2024-02-29'), '2024-02-29', 'Скоро срок', 0],
    ['29.02.2024, on 1 March', date('2024-02-29'), '2024-03-01', 'Просрочено', 1],
    ['29.02.2024, 7 days before', date('2024-02-29'), '2024-02-22', 'Скоро срок', 0],
    ['29.02.2024, 8 days before', date('2024-02-29'), '2024-02-21', 'Запланировано', 0],
    [
      '«февраль 2021» (non-leap), 1 March',
      dl('month', ['2021-02-28'], { start: '2021-02-01', end: '2021-02-28' }),
      '2021-03-01',
      'Просрочено',
      1,
    ],
    // End of quarter: «1 квартал» is due 31 March.
    [
      'quarter, 8 days before its end',
      dl('quarter', ['2021-03-31'], { start: '2021-01-01', end: '2021-03-31' }),
      '2021-03-23',
      'В работе',
      0,
    ],
    [
      'quarter, 7 days before its end',
      dl('quarter', ['2021-03-31'], { start: '2021-01-01', end: '2021-03-31' }),
      '2021-03-24',
      'Скоро срок',
      0,
    ],
    [
      'quarter, the day after',
      dl('quarter', ['2021-03-31'], { start: '2021-01-01', end: '2021-03-31' }),
      '2021-04-01',
      'Просрочено',
      1,
    ],
    [
      '«2021 год» on 31 December',
      dl('year', ['2021-12-31'], { start: '2021-01-01', end: '2021-12-31' }),
      '2021-12-31',
      'Скоро срок',
      0,
    ],
    [
      'a range without due list uses its end',
      dl('school-year', [], { start: '2020-09-01', end: '2021-05-31' }),
      '2021-06-01',
      'Просрочено',
      1,
    ],
  ])('%s', (_name, deadline, today, name, days) => {
    const s = status(deadline, today);
    expect([s.status, s.daysOverdue]).toEqual([name, days]);
    expect(s.due).toBe(deadline.due[deadline.due.length - 1] ?? deadline.end);
  });

  it('uses «Дней до срока» from the settings (N = 0: only today is soon)', () => {
    expect(status(date('2021-04-01'), '2021-04-01', [], { ...SETTINGS, soonDays: 0 }).status).toBe(
      'Скоро срок',
    );
    expect(status(date('2021-04-02'), '2021-04-01', [], { ...SETTINGS, soonDays: 0 }).status).toBe(
      'Запланировано',
    );
  });
});

describe('reports on a one-off activity', () => {
  const due = date('2021-05-31');
  it.each<[string, ReportStatus[], string, string]>([
    ['«Выполнено» → Выполнено', ['Выполнено'], '2021-04-01', 'Выполнено'],
    ['«Выполнено» after the due date still completes', ['Выполнено'], '2021-07-01', 'Выполнено'],
    ['«В работе», due far → В работе', ['В работе'], '2021-04-01', 'В работе'],
    ['«Частично выполнено», due far → В работе', ['Частично выполнено'], '2021-04-01', 'В работе'],
    ['«В работе», due within N → Скоро срок', ['В работе'], '2021-05-30', 'Скоро срок'],
    ['«В работе», due passed → Просрочено', ['В работе'], '2021-06-02', 'Просрочено'],
    ['«Не выполнено» changes nothing', ['Не выполнено'], '2021-04-01', 'Запланировано'],
    ['a school corrects «Выполнено» to «В работе»', ['Выполнено', 'В работе'], '2021-04-01', 'В работе'],
  ])('%s', (_name, statuses, today, expected) => {
    expect(
      status(
        due,
        today,
        statuses.map((s) => report(s)),
      ).status,
    ).toBe(expected);
  });

  it('is done when any school says so (an activity with no list of assigned schools)', () => {
    const s = status(due, '2021-07-01', [
      report('Выполнено', { school: 'СОШ1' }),
      report('Не выполнено', { school: 'СОШ2' }),
    ]);
    expect(brief(s)).toEqual(['Выполнено', 0, '2021-05-31', '']);
  });

  it('ignores reports on other activities', () => {
    expect(status(due, '2021-06-02', [report('Выполнено', { id: 'B' })]).status).toBe('Просрочено');
  });

  it('describes the latest report', () => {
    const s = computeStatus(
      { id: 'A', deadline: due },
      [report('В работе', { time: '2021-03-31T21:30:00Z' })],
      '2021-04-01',
      SETTINGS,
      'Europe/Moscow',
    );
    expect(s.lastReport).toBe('В работе 01.04.2021, школа СОШ1');
  });
});

describe('no date of its own', () => {
  const ongoing = dl('ongoing', [], { text: 'в течение года', start: '2021-01-01', end: '2021-12-31' });
  it.each<[string, Deadline, ReportStatus[], string]>([
    ['«в течение года» → Без срока', ongoing, [], 'Без срока'],
    ['«в течение года», reported in progress', ongoing, ['В работе'], 'В работе'],
    ['«в течение года», reported done', ongoing, ['Выполнено'], 'Выполнено'],
    ['«По графику ФИОКО» → Без срока', dl('external', [], { schedule: 'ФИОКО' }), [], 'Без срока'],
    [
      '«с ноября 2021г.» before November → Запланировано',
      dl('from', [], { start: '2021-11-01' }),
      [],
      'Запланировано',
    ],
    ['«с ноября 2020г.» → Без срока', dl('from', [], { start: '2020-11-01' }), [], 'Без срока'],
    ['empty deadline → Без срока', dl('empty', []), [], 'Без срока'],
  ])('%s', (_name, deadline, statuses, expected) => {
    const s = status(
      deadline,
      '2021-04-01',
      statuses.map((x) => report(x)),
    );
    expect([s.status, s.daysOverdue, s.due]).toEqual([expected, 0, undefined]);
  });
});

describe('several dates: the earliest event not done counts', () => {
  const several = dl('several', ['2021-03-25', '2021-05-27', '2021-09-30'], {
    text: '25.03.2021 27.05.2021 30.09.2021',
  });
  it.each<[string, Report[], string, [string, number, string | undefined, string]]>([
    ['nothing reported, first date passed', [], '2021-04-01', ['Просрочено', 7, '2021-03-25', '25.03.2021']],
    [
      'the first date reported by key',
      [report('Выполнено', { period: '2021-03-25' })],
      '2021-04-01',
      ['В работе', 0, '2021-05-27', ''],
    ],
    [
      'a report without period counts as the first',
      [report('Выполнено')],
      '2021-04-01',
      ['В работе', 0, '2021-05-27', ''],
    ],
    [
      'two schools without period still cover one event',
      [report('Выполнено', { school: 'СОШ1' }), report('Выполнено', { school: 'СОШ2' })],
      '2021-05-28',
      ['Просрочено', 1, '2021-05-27', '27.05.2021'],
    ],
    [
      'second reported but first missing',
      [report('Выполнено', { period: '2021-05-27' })],
      '2021-06-01',
      ['Просрочено', 68, '2021-03-25', '25.03.2021'],
    ],
    ['two missing', [], '2021-06-01', ['Просрочено', 68, '2021-03-25', '25.03.2021 и ещё 1 дата']],
    ['before the first date, within N', [], '2021-03-20', ['Скоро срок', 0, '2021-03-25', '']],
    [
      'all reported',
      ['2021-03-25', '2021-05-27', '2021-09-30'].map((p) => report('Выполнено', { period: p })),
      '2021-04-01',
      ['Выполнено', 0, '2021-09-30', ''],
    ],
  ])('%s', (_name, reports, today, expected) => {
    expect(brief(status(several, today, reports))).toEqual(expected);
  });
});

describe('recurring: each period needs its own report', () => {
  const monthly = recurring({ unit: 'month' }, { text: '1 раз в месяц' });
  const upTo = (last: number, opts: { school?: string } = {}): Report[] =>
    Array.from({ length: last }, (_, i) =>
      report('Выполнено', { period: `2021-${String(i + 1).padStart(2, '0')}`, ...opts }),
    );

  it.each<[string, Report[], string, [string, number, string | undefined, string]]>([
    [
      'every ended month reported → Регулярное, due end of this month',
      upTo(3),
      '2021-04-01',
      ['Регулярное', 0, '2021-04-30', ''],
    ],
    [
      'March missing on 1 April → overdue for «март 2021»',
      upTo(2),
      '2021-04-01',
      ['Просрочено', 1, '2021-03-31', 'март 2021'],
    ],
    ['March not yet ended on 31 March', upTo(2), '2021-03-31', ['Регулярное', 0, '2021-03-31', '']],
    [
      'the earliest gap is named, with the count',
      upTo(1),
      '2021-04-10',
      ['Просрочено', 41, '2021-02-28', 'февраль 2021 и ещё 1 месяц'],
    ],
    [
      'a late report still covers its period',
      [...upTo(2), report('Выполнено', { period: '2021-03', time: '2021-04-20T08:00:00Z' })],
      '2021-04-21',
      ['Регулярное', 0, '2021-04-30', ''],
    ],
    [
      'a label typed by hand covers it too',
      [...upTo(2), report('Выполнено', { period: 'март 2021' })],
      '2021-04-21',
      ['Регулярное', 0, '2021-04-30', ''],
    ],
    [
      'a late report without period covers the month it was sent in, not the missing one',
      [...upTo(2), report('Выполнено', { time: '2021-04-02T08:00:00Z' })],
      '2021-04-03',
      ['Просрочено', 3, '2021-03-31', 'март 2021'],
    ],
    [
      '«Частично выполнено» does not complete a period',
      [...upTo(2), report('Частично выполнено', { period: '2021-03' })],
      '2021-04-01',
      ['Просрочено', 1, '2021-03-31', 'март 2021'],
    ],
    [
      'any school covers a period',
      [...upTo(2, { school: 'СОШ2' }), report('Выполнено', { period: '2021-03', school: 'СОШ1' })],
      '2021-04-01',
      ['Регулярное', 0, '2021-04-30', ''],
    ],
    [
      'all twelve reported after the end → Выполнено',
      upTo(12),
      '2022-01-10',
      ['Выполнено', 0, '2021-12-31', ''],
    ],
  ])('%s', (_name, reports, today, expected) => {
    expect(brief(status(monthly, today, reports))).toEqual(expected);
  });

  it('names a single gap between reported periods', () => {
    expect(
      brief(status(monthly, '2021-04-10', [...upTo(1), report('Выполнено', { period: '2021-03' })])),
    ).toEqual(['Просрочено', 41, '2021-02-28', 'февраль 2021']);
  });

  it('is Запланировано before its first period', () => {
    expect(brief(status(recurring({ unit: 'quarter' }, { start: '2021-07-01' }), '2021-04-01'))).toEqual([
      'Запланировано',
      0,
      '2021-09-30',
      '',
    ]);
  });

  describe('weekly «По вторникам» (ISO weeks, Monday–Sunday)', () => {
    const tuesdays = recurring(
      { unit: 'week', weekday: 2 },
      { text: 'По вторникам 1 раз в неделю', start: '2021-03-01', end: '2021-05-31' },
    );
    // Weeks 09 (01.03–07.03) … 13 (29.03–04.04); Wednesday 7 April is in week 14.
    const weeks = (from: number, to: number): Report[] =>
      Array.from({ length: to - from + 1 }, (_, i) =>
        report('Выполнено', { period: `2021-W${String(from + i).padStart(2, '0')}` }),
      );
    it.each<[string, Report[], string, [string, number, string | undefined, string]]>([
      ['all ended weeks reported', weeks(9, 13), '2021-04-07', ['Регулярное', 0, '2021-04-11', '']],
      [
        'last week missing',
        weeks(9, 12),
        '2021-04-07',
        ['Просрочено', 3, '2021-04-04', 'неделя 29.03–04.04.2021'],
      ],
      ['on Sunday the week has not ended', weeks(9, 12), '2021-04-04', ['Регулярное', 0, '2021-04-04', '']],
      [
        'on Monday it has',
        weeks(9, 12),
        '2021-04-05',
        ['Просрочено', 1, '2021-04-04', 'неделя 29.03–04.04.2021'],
      ],
      [
        'late report for the week, sent on Tuesday after',
        [...weeks(9, 12), report('Выполнено', { period: '2021-W13', time: '2021-04-06T10:00:00Z' })],
        '2021-04-07',
        ['Регулярное', 0, '2021-04-11', ''],
      ],
      [
        'report without period, sent within the week',
        [...weeks(9, 12), report('Выполнено', { time: '2021-03-30T10:00:00Z' })],
        '2021-04-07',
        ['Регулярное', 0, '2021-04-11', ''],
      ],
    ])('%s', (_name, reports, today, expected) => {
      expect(brief(status(tuesdays, today, reports))).toEqual(expected);
    });
  });

  it('reads «2 раза в год» as one report per half-year', () => {
    const twice = recurring({ unit: 'year', timesPerPeriod: 2 });
    expect(brief(status(twice, '2021-07-01'))).toEqual(['Просрочено', 1, '2021-06-30', 'I полугодие 2021']);
    expect(brief(status(twice, '2021-07-01', [report('Выполнено', { period: '2021-H1' })]))).toEqual([
      'Регулярное',
      0,
      '2021-12-31',
      '',
    ]);
  });

  it('matches a week key inside a two-week period', () => {
    const fortnightly = recurring({ unit: 'week', interval: 2 }, { start: '2021-03-01', end: '2021-03-28' });
    // Periods: W09–W10 (01.03–14.03), W11–W12 (15.03–28.03).
    const s = status(fortnightly, '2021-03-20', [report('Выполнено', { period: '2021-W10' })]);
    expect(brief(s)).toEqual(['Регулярное', 0, '2021-03-28', '']);
  });
});

describe('computeStatuses', () => {
  it('gives the same answer as computeStatus for each activity, grouping reports once', () => {
    const acts = [
      { id: '1', deadline: date('2021-03-31') },
      { id: '2', deadline: date('2021-03-31') },
      { id: '3', deadline: recurring({ unit: 'month' }) },
    ];
    const reports = [
      report('Выполнено', { id: '2' }),
      report('Выполнено', { id: '3', period: '2021-01' }),
      report('Выполнено', { id: '3', period: '2021-02' }),
    ];
    const all = computeStatuses(acts, reports, '2021-04-01', SETTINGS);
    expect([...all.entries()].map(([id, s]) => [id, s.status, s.missingPeriod])).toEqual([
      ['1', 'Просрочено', ''],
      ['2', 'Выполнено', ''],
      ['3', 'Просрочено', 'март 2021'],
    ]);
    for (const a of acts) expect(all.get(a.id)).toEqual(computeStatus(a, reports, '2021-04-01', SETTINGS));
  });
});

describe('an activity assigned to several schools', () => {
  const schools = ['s1', 's2', 's3', 's4', 's5'];
  const assigned = new Map([['A', schools]]);
  const statusOf = (deadline: Deadline, reports: Report[]): ActivityStatus =>
    computeStatuses([{ id: 'A', deadline }], reports, '2021-04-10', SETTINGS, 'UTC', assigned).get(
      'A',
    ) as ActivityStatus;

  it('stays open with «Выполнено в 4 из 5 школ» while one school has not reported done', () => {
    const s = statusOf(
      date('2021-04-01'),
      schools.slice(0, 4).map((school) => report('Выполнено', { school })),
    );
    expect(brief(s)).toEqual(['Просрочено', 9, '2021-04-01', '']);
    expect(s.lastReport).toMatch(/^Выполнено в 4 из 5 школ; Выполнено 01\.04\.2021, школа s4/);
    expect(s.bySchool?.get('s1')?.status).toBe('Выполнено');
    expect(s.bySchool?.get('s5')?.status).toBe('Просрочено');
  });

  it('is done when every school has reported done', () => {
    const s = statusOf(
      date('2021-04-01'),
      schools.map((school) => report('Выполнено', { school })),
    );
    expect(s.status).toBe('Выполнено');
    expect(s.lastReport).toMatch(/^Выполнено в 5 из 5 школ/);
  });

  it("takes no school's report for another's, and a school's latest report decides for it", () => {
    const s = statusOf(date('2021-04-20'), [
      report('Выполнено', { school: 's1' }),
      report('В работе', { school: 's1', time: '2021-04-05T09:00:00Z' }),
      report('Выполнено', { school: 'другая школа' }),
    ]);
    expect(s.bySchool?.get('s1')?.status).toBe('В работе');
    expect(s.bySchool?.get('s2')?.status).toBe('Запланировано');
    expect(s.lastReport).toMatch(/^Выполнено в 0 из 5 школ/);
  });

  it('needs each period from each school when recurring', () => {
    const monthly = recurring({ unit: 'month' });
    const s = statusOf(monthly, [
      ...schools.map((school) => report('Выполнено', { school, period: '2021-01' })),
      ...schools.map((school) => report('Выполнено', { school, period: '2021-02' })),
      ...schools.slice(1).map((school) => report('Выполнено', { school, period: '2021-03' })),
    ]);
    expect(s.status).toBe('Просрочено');
    // Only s1 missed March; given no names, the school is named by its code.
    expect(s.missingPeriod).toBe('март 2021 (s1)');
    expect(s.bySchool?.get('s2')?.status).toBe('Регулярное');
  });

  it('keeps the old rule (any school) for an activity with no assigned schools', () => {
    const s = computeStatuses(
      [{ id: 'A', deadline: date('2021-04-01') }],
      [report('Выполнено')],
      '2021-04-10',
      SETTINGS,
      'UTC',
      new Map(),
    ).get('A');
    expect(s?.status).toBe('Выполнено');
    expect(s?.bySchool).toBeUndefined();
  });

  describe('a recurring activity: the school furthest behind decides (QA #3)', () => {
    // SCH5 reports ahead, LIC2 reports the current quarter only, KRS reports nothing.
    const year: StatusSettings = { soonDays: 7, periodStart: '2026-01-01', periodEnd: '2026-12-31' };
    const three = new Map([
      ['Q', ['SCH5', 'LIC2', 'KRS']],
      ['M', ['SCH5', 'LIC2', 'KRS']],
    ]);
    const short = new Map([
      ['SCH5', 'СОШ № 5'],
      ['LIC2', 'Лицей № 2'],
      ['KRS', 'Крестинская СШ'],
    ]);
    const names = (code: string): string => short.get(code) ?? code;
    const reports = [
      report('Выполнено', { id: 'Q', school: 'SCH5', period: '2026-Q3' }),
      report('Выполнено', { id: 'M', school: 'SCH5', period: '2026-11' }),
      report('Выполнено', { id: 'Q', school: 'LIC2', period: '2026-Q4' }),
    ];
    const statuses = (today: string, assigned: typeof three = three): Map<string, ActivityStatus> =>
      computeStatuses(
        [
          { id: 'Q', deadline: recurring({ unit: 'quarter' }) },
          { id: 'M', deadline: recurring({ unit: 'month' }) },
        ],
        reports,
        today,
        year,
        'UTC',
        assigned,
        names,
      );

    it('shows the missed periods of the schools that reported least, and names them', () => {
      const all = statuses('2026-12-03');
      const q = all.get('Q') as ActivityStatus;
      const m = all.get('M') as ActivityStatus;
      expect(q.missed?.count).toBe(3);
      expect(q.missingPeriod).toBe('I квартал 2026 и ещё 2 квартала (Лицей № 2 и ещё 1 школа)');
      expect(q.behind).toBe('Лицей № 2 и ещё 1 школа');
      expect(m.missed?.count).toBe(11);
      expect(m.missingPeriod).toBe('январь 2026 и ещё 10 месяцев (Лицей № 2 и ещё 1 школа)');
      expect(q.bySchool?.get('SCH5')?.missed?.count).toBe(2);
    });

    it('names the one school furthest behind, and every school as far behind', () => {
      const all = statuses('2027-01-10');
      expect(all.get('Q')?.missed?.count).toBe(4);
      expect(all.get('Q')?.missingPeriod).toBe('I квартал 2026 и ещё 3 квартала (Крестинская СШ)');
      expect(all.get('M')?.missed?.count).toBe(12);
      // No school reported the months but SCH5: Лицей № 2 is as far behind as Крестинская СШ.
      expect(all.get('M')?.behind).toBe('Лицей № 2 и ещё 1 школа');
    });

    it('does not depend on the order of the schools in the list', () => {
      const reversed = new Map([...three].map(([id, codes]) => [id, [...codes].reverse()]));
      const all = statuses('2026-12-03', reversed);
      expect(all.get('Q')?.missed?.count).toBe(3);
      expect(all.get('M')?.missed?.count).toBe(11);
    });

    it('names no school when all are equally behind', () => {
      const none = computeStatuses(
        [{ id: 'Q', deadline: recurring({ unit: 'quarter' }) }],
        [],
        '2026-12-03',
        year,
        'UTC',
        three,
        names,
      ).get('Q');
      expect(none?.missingPeriod).toBe('I квартал 2026 и ещё 2 квартала');
      expect(none?.behind).toBeUndefined();
    });
  });

  describe('an «ОО» activity of many schools', () => {
    const school = (i: number): School => ({
      code: `S${i}`,
      fullName: `МБОУ «Школа № ${i}»`,
      shortName: `Школа № ${i}`,
      reporters: [],
      curators: [],
      row: i + 1,
    });
    const acts = [
      { id: 'D', deadline: date('2021-04-05') },
      { id: 'M', deadline: recurring({ unit: 'month' }) },
      { id: 'E', deadline: dl('several', ['2021-02-01', '2021-05-01']) },
    ];
    const MARKS: ReportStatus[] = ['Выполнено', 'В работе', 'Не выполнено', 'Частично выполнено'];
    /** n schools, each with a few reports on each activity (some spelled in lower case), and the coordinator's own. */
    function roadmap(n: number): { schools: School[]; reports: Report[] } {
      const schools = Array.from({ length: n }, (_, i) => school(i + 1));
      const reports: Report[] = [];
      for (const a of acts) {
        reports.push(report('В работе', { id: a.id, school: '' }));
        schools.forEach((s, i) => {
          if (i % 7 === 6) return; // no report of its own
          const spelled = i % 3 === 0 ? s.code.toLowerCase() : s.code;
          reports.push(report(MARKS[i % 4], { id: a.id, school: spelled, period: i % 2 ? '2021-01' : '' }));
          if (i % 5 === 0)
            reports.push(report('Выполнено', { id: a.id, school: spelled, period: '2021-02' }));
        });
        reports.push(report('Не выполнено', { id: a.id, school: '' }));
      }
      return { schools, reports };
    }
    const activities = acts.map((a) => ({
      ...a,
      title: 'Самодиагностика',
      responsibleText: 'ОО',
      expectedResult: '',
    }));

    /** Statuses of the roadmap and how many times a report's fields were read to compute them. */
    function run(n: number): {
      statuses: Map<string, ActivityStatus>;
      reads: number;
      schools: School[];
      reports: Report[];
    } {
      const { schools, reports } = roadmap(n);
      let reads = 0;
      const counted = reports.map(
        (r) =>
          new Proxy(r, {
            get(target, key, receiver) {
              reads++;
              return Reflect.get(target, key, receiver) as unknown;
            },
          }),
      );
      const assigned = assignmentsOf(activities, schools);
      expect([...assigned.values()].map((codes) => codes.length)).toEqual([n, n, n]);
      const statuses = computeStatuses(acts, counted, '2021-04-10', SETTINGS, 'UTC', assigned);
      return { statuses, reads, schools, reports };
    }

    it('reads the reports about 10× as often for 10× the schools and reports, not 100×', () => {
      const small = run(30);
      const large = run(300);
      expect(large.reports.length / small.reports.length).toBeGreaterThan(9);
      // Filtering all reports once per school read them 100× as often here.
      expect(large.reads / small.reads).toBeLessThan(15);
    });

    it('gives each school the status of its own reports and the coordinator’s, as computeStatus does', () => {
      const { statuses, schools, reports } = run(40);
      for (const a of acts) {
        const st = statuses.get(a.id);
        for (const s of schools) {
          const own = reports.filter(
            (r) => r.school === '' || r.school.toLowerCase() === s.code.toLowerCase(),
          );
          expect([a.id, s.code, st?.bySchool?.get(s.code)]).toEqual([
            a.id,
            s.code,
            computeStatus(a, own, '2021-04-10', SETTINGS),
          ]);
        }
      }
      expect([...statuses.values()].map((s) => [s.status, s.lastReport.split(';')[0]])).toEqual([
        ['Просрочено', expect.stringMatching(/^Выполнено в \d+ из 40 школ$/)],
        // Recurring and several dates: no school is done before the last period, so no count of schools.
        ['Просрочено', 'Не выполнено 01.04.2021'],
        ['Просрочено', 'Не выполнено 01.04.2021'],
      ]);
    });
  });
});
