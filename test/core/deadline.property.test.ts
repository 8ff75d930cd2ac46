import fc from 'fast-check';
import { daysInMonth, isoDate, lastDayOfMonth } from '../../src/core/dates';
import { formatDeadline, parseDeadline } from '../../src/core/deadline';
import type { Deadline, DeadlineContext, DeadlineKind, Recurrence } from '../../src/core/deadline-types';

const CTX: DeadlineContext = { periodStart: '2021-01-01', periodEnd: '2023-12-31', defaultYear: 2021 };
const KINDS: DeadlineKind[] = [
  'date',
  'by-date',
  'month',
  'month-range',
  'several',
  'quarter',
  'half-year',
  'year',
  'school-year',
  'from',
  'recurring',
  'ongoing',
  'external',
  'empty',
  'unknown',
];
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Pieces of real phrases, so random text also exercises the grammar's corners, not only the "unknown" path. */
const PIECES = [
  'до',
  'с',
  'по',
  'в',
  'течение',
  'начиная',
  'ежегодно',
  'ежемесячно',
  'раз',
  'раза',
  '1',
  '2',
  '3',
  '12',
  '31',
  '2021',
  '2022',
  '21',
  'г.',
  'гг.',
  'года',
  'уч.г.',
  'квартал',
  'кв.',
  'полугодие',
  'III',
  'II',
  'второе',
  'января',
  'март',
  'Апрель',
  'янв.',
  'недели',
  'месяц',
  'вторникам',
  'графику',
  'плану',
  'ИРО',
  'согласно',
  'постоянно',
  'весь',
  'период',
  'необходимости',
  '-',
  '–',
  '—',
  '/',
  ',',
  '.',
  '25.11.2021',
  '31.02.2021',
  '15.13.2021',
  '01.03',
  '2021-03-01',
  '<i>',
  '</i>',
  '\n',
  'конца',
  'начала',
  'весна',
  'летом',
  'сроки',
  'установленные',
  'учетом',
  'каждые',
  'дважды',
];

describe('parseDeadline on random text', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join(' ')),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join('')),
  );
  const year = fc.integer({ min: 1990, max: 2100 });

  test('never throws and always returns a well-formed Deadline', () => {
    fc.assert(
      fc.property(text, year, (t, y) => {
        const d = parseDeadline(t, { ...CTX, defaultYear: y });
        expect(KINDS).toContain(d.kind);
        expect(d.text).toBe(t);
        for (const x of [d.start, d.end, ...d.due]) if (x !== undefined) expect(x).toMatch(ISO);
        expect([...d.due].sort()).toEqual(d.due);
        for (const i of d.issues) expect(['ошибка', 'предупреждение']).toContain(i.severity);
        if (d.kind === 'empty' || d.kind === 'unknown')
          expect(d.issues.some((i) => i.severity === 'ошибка')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

/** Random valid structured deadlines, built with the semantics of deadlines.md. */
const day = fc
  .record({
    y: fc.integer({ min: 2000, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => isoDate(y, m, Math.min(d, daysInMonth(y, m))));
const yearArb = fc.integer({ min: 2000, max: 2098 });
const monthArb = fc.record({ y: yearArb, m: fc.integer({ min: 1, max: 12 }) });
const twoDays = fc.tuple(day, day).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
const scheduleArb = fc.constantFrom('', 'ФИОКО', 'ИРО', 'ММС', 'ИРООО', 'НПО', 'дорожной карте МСОКО');

const base = (kind: DeadlineKind, fields: Partial<Deadline> = {}): Deadline => ({
  kind,
  text: '',
  due: [],
  issues: [],
  ...fields,
});
const span = (kind: DeadlineKind, start: string, end: string): Deadline =>
  base(kind, { start, end, due: [end] });

const recurrenceArb: fc.Arbitrary<Recurrence> = fc
  .record({
    unit: fc.constantFrom<Recurrence['unit']>('day', 'week', 'month', 'quarter', 'half-year', 'year'),
    interval: fc.integer({ min: 1, max: 12 }),
    timesPerPeriod: fc.integer({ min: 1, max: 25 }),
    weekday: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
  })
  .map(({ weekday, ...r }) => (weekday === undefined ? r : { ...r, weekday }));

const deadlineArb: fc.Arbitrary<Deadline> = fc.oneof(
  day.map((d) => base('date', { start: d, end: d, due: [d] })),
  day.map((d) => base('by-date', { end: d, due: [d] })),
  twoDays.map(([s, e]) => span('by-date', s, e)),
  fc.tuple(day, scheduleArb).map(([d, s]) => base('by-date', { end: d, due: [d], schedule: s })),
  monthArb.map(({ y, m }) => span('month', isoDate(y, m, 1), lastDayOfMonth(y, m))),
  fc.tuple(monthArb, monthArb).map(([a, b]) => {
    const [x, z] = a.y * 12 + a.m <= b.y * 12 + b.m ? [a, b] : [b, a];
    return span('month-range', isoDate(x.y, x.m, 1), lastDayOfMonth(z.y, z.m));
  }),
  fc.uniqueArray(day, { minLength: 2, maxLength: 5 }).map((ds) => {
    const due = [...ds].sort();
    return base('several', { end: due[due.length - 1], due });
  }),
  fc
    .tuple(yearArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
    .map(([y, a, b]) =>
      span('quarter', isoDate(y, Math.min(a, b) * 3 - 2, 1), lastDayOfMonth(y, Math.max(a, b) * 3)),
    ),
  fc
    .tuple(yearArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
    .map(([y, a, b]) => span('quarter', isoDate(y, a * 3 - 2, 1), lastDayOfMonth(y + 1, b * 3))),
  fc
    .tuple(yearArb, fc.integer({ min: 1, max: 2 }))
    .map(([y, h]) => span('half-year', isoDate(y, h * 6 - 5, 1), lastDayOfMonth(y, h * 6))),
  yearArb.map((y) => span('year', isoDate(y, 1, 1), isoDate(y, 12, 31))),
  fc
    .tuple(yearArb, fc.integer({ min: 1, max: 4 }))
    .map(([y, n]) => span('school-year', isoDate(y, 9, 1), isoDate(y + n, 5, 31))),
  fc
    .tuple(yearArb, fc.integer({ min: 1, max: 4 }))
    .map(([y, n]) => span('school-year', isoDate(y, 1, 1), isoDate(y + n, 12, 31))),
  day.map((d) => base('from', { start: d })),
  fc.tuple(day, scheduleArb).map(([d, s]) => base('from', { start: d, schedule: s })),
  fc
    .tuple(recurrenceArb, twoDays, fc.option(scheduleArb, { nil: undefined }))
    .map(([r, [s, e], sch]) =>
      base('recurring', { recurrence: r, start: s, end: e, ...(sch === undefined ? {} : { schedule: sch }) }),
    ),
  fc.constant(base('ongoing', { start: CTX.periodStart, end: CTX.periodEnd })),
  scheduleArb.map((s) => base('external', { schedule: s })),
);

describe('formatDeadline → parseDeadline', () => {
  test('valid structured deadlines round-trip (kind, range, due dates, recurrence, schedule)', () => {
    fc.assert(
      fc.property(deadlineArb, (d) => {
        const phrase = formatDeadline(d);
        const back = parseDeadline(phrase, CTX);
        expect({
          phrase,
          kind: back.kind,
          start: back.start,
          end: back.end,
          due: back.due,
          recurrence: back.recurrence,
          schedule: back.schedule,
        }).toEqual({
          phrase,
          kind: d.kind,
          start: d.start,
          end: d.end,
          due: d.due,
          recurrence: d.recurrence,
          schedule: d.schedule,
        });
        expect(back.issues).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
