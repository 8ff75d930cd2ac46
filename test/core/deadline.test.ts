import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadlineKindLabel, formatDeadline, parseDeadline, recurrenceLabel } from '../../src/core/deadline';
import type { Deadline, DeadlineContext, DeadlineKind, Recurrence } from '../../src/core/deadline-types';

/** What a phrase must give; fields left out must be absent (start/end) or empty (due). */
interface Want {
  kind: DeadlineKind;
  start?: string;
  end?: string;
  due?: string[];
  recurrence?: Recurrence;
  schedule?: string;
}

const CTX: DeadlineContext = { periodStart: '2021-01-01', periodEnd: '2023-12-31', defaultYear: 2021 };

const date = (d: string): Want => ({ kind: 'date', start: d, end: d, due: [d] });
const byDate = (d: string, start?: string): Want => ({
  kind: 'by-date',
  ...(start ? { start } : {}),
  end: d,
  due: [d],
});
const ranged = (kind: DeadlineKind, start: string, end: string): Want => ({ kind, start, end, due: [end] });
const lastDay = (ym: string): string => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return `${ym}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
const month = (ym: string): Want => ranged('month', `${ym}-01`, lastDay(ym));
const months = (from: string, to: string): Want => ranged('month-range', `${from}-01`, lastDay(to));
const year = (y: number): Want => ranged('year', `${y}-01-01`, `${y}-12-31`);
const from = (start: string, schedule?: string): Want => ({
  kind: 'from',
  start,
  ...(schedule !== undefined ? { schedule } : {}),
});
const ongoing = (ctx = CTX): Want => ({ kind: 'ongoing', start: ctx.periodStart, end: ctx.periodEnd });
const external = (schedule: string): Want => ({ kind: 'external', schedule });
const several = (...due: string[]): Want => ({ kind: 'several', end: due[due.length - 1], due });
const every = (
  unit: Recurrence['unit'],
  more: Partial<Recurrence> = {},
  bounds: { start?: string; end?: string; schedule?: string; ctx?: DeadlineContext } = {},
): Want => ({
  kind: 'recurring',
  recurrence: { unit, interval: 1, timesPerPeriod: 1, ...more },
  start: bounds.start ?? (bounds.ctx ?? CTX).periodStart,
  end: bounds.end ?? (bounds.ctx ?? CTX).periodEnd,
  ...(bounds.schedule !== undefined ? { schedule: bounds.schedule } : {}),
});

function expectParsed(text: string, want: Want, ctx = CTX): Deadline {
  const d = parseDeadline(text, ctx);
  expect({
    kind: d.kind,
    start: d.start,
    end: d.end,
    due: d.due,
    recurrence: d.recurrence,
    schedule: d.schedule,
  }).toEqual({
    kind: want.kind,
    start: want.start,
    end: want.end,
    due: want.due ?? [],
    recurrence: want.recurrence,
    schedule: want.schedule,
  });
  expect(d.text).toBe(text);
  return d;
}

const errors = (d: Deadline): string[] =>
  d.issues.filter((i) => i.severity === 'ошибка').map((i) => i.message);

describe('every example phrase of deadlines.md', () => {
  const table: [string, Want][] = [
    // date
    ['25.11.2021', date('2021-11-25')],
    ['01.03 2021', date('2021-03-01')],
    ['Август 2021', month('2021-08')],
    // by date
    ['До 01.04.2021', byDate('2021-04-01')],
    ['до 01.01.2021г.', byDate('2021-01-01')],
    ['До 1 сентября 2022 г.', byDate('2022-09-01')],
    ['до 2023г.', byDate('2023-12-31')],
    ['до января 2021г.', byDate('2021-01-31')],
    // month
    ['апрель', month('2021-04')],
    ['Апрель 2022 г.', month('2022-04')],
    ['ноябрь 2020г.', month('2020-11')],
    // month range
    ['апрель - май', months('2021-04', '2021-05')],
    ['Март – август 2021', months('2021-03', '2021-08')],
    ['Сентябрь- декабрь 2022 г.', months('2022-09', '2022-12')],
    ['октябрь 2020г. – июнь 2021г.', months('2020-10', '2021-06')],
    // several dates
    [
      'Декабрь 2020 Январь 2021 Февраль 2021 Март 2021',
      several('2020-12-31', '2021-01-31', '2021-02-28', '2021-03-31'),
    ],
    ['25.11.2021 27.01.2022 29.03.2022', several('2021-11-25', '2022-01-27', '2022-03-29')],
    ['Апрель 2022 г. апрель 2022 г.', several('2022-04-30')],
    // quarter, half-year
    ['3 квартал', ranged('quarter', '2021-07-01', '2021-09-30')],
    ['II полугодие', ranged('half-year', '2021-07-01', '2021-12-31')],
    // year
    ['2021 год', year(2021)],
    ['2021', year(2021)],
    ['2020 г.', year(2020)],
    // school year or years
    ['2020-2021 уч.г.', ranged('school-year', '2020-09-01', '2021-05-31')],
    ['в течение 2020-2023гг.', ranged('school-year', '2020-01-01', '2023-12-31')],
    // from
    ['с ноября 2020г.', from('2020-11-01')],
    ['с октября 2020г. постоянно', from('2020-10-01')],
    ['С января 2021 года в сроки, установленные ИРООО', from('2021-01-01', 'ИРООО')],
    // recurring
    ['ежегодно', every('year')],
    ['ежеквартально', every('quarter')],
    ['1 раз в месяц', every('month')],
    ['По вторникам 1 раз в неделю', every('week', { weekday: 2 })],
    ['1 раз в 2 недели с ноября 2020г.', every('week', { interval: 2 }, { start: '2020-11-01' })],
    ['2 раза в год', every('year', { timesPerPeriod: 2 })],
    ['1 раз в 3 года при проведении', every('year', { interval: 3 })],
    ['ежегодно по графику до 2022 года', every('year', {}, { end: '2022-12-31', schedule: '' })],
    ['Ежеквартально по графику ИРО', every('quarter', {}, { schedule: 'ИРО' })],
    // ongoing
    ['постоянно', ongoing()],
    ['В течение года', ongoing()],
    ['В течение всего периода', ongoing()],
    ['Весь период', ongoing()],
    ['по необходимости', ongoing()],
    ['в течение срока проекта', ongoing()],
    // external schedule
    ['По графику', external('')],
    ['По графику ФИОКО', external('ФИОКО')],
    ['По плану ИРО', external('ИРО')],
    ['План работы ММС', external('ММС')],
    [
      'Согласно дорожной карте по реализации процедур МСОКО',
      external('дорожной карте по реализации процедур МСОКО'),
    ],
    ['с учетом сроков НПО', external('НПО')],
  ];
  test.each(table)('%s', (text, want) => {
    const d = expectParsed(text, want);
    expect(errors(d)).toEqual([]);
  });

  test('a repeated date in «several» is a warning «указана дважды»', () => {
    const d = parseDeadline('Апрель 2022 г. апрель 2022 г.', CTX);
    expect(d.issues).toEqual([{ severity: 'предупреждение', message: 'Дата 30.04.2022 указана дважды' }]);
  });

  test('an empty phrase is kind «empty» with the error «Срок не указан»', () => {
    for (const text of ['', '   ', '\n', ' – ']) {
      const d = expectParsed(text, { kind: 'empty' });
      expect(errors(d)).toEqual(['Срок не указан']);
    }
  });

  test('«скоро» is unknown: an error that quotes the phrase and says what to write', () => {
    const d = expectParsed('скоро', { kind: 'unknown' });
    expect(errors(d)).toHaveLength(1);
    expect(errors(d)[0]).toMatch(/^Срок «скоро» не распознан: укажите дату/);
  });
});

describe('genitive period forms after «в течение», in every numbering style', () => {
  const half = (y: number, n: 1 | 2): Want =>
    ranged('half-year', n === 1 ? `${y}-01-01` : `${y}-07-01`, n === 1 ? `${y}-06-30` : `${y}-12-31`);
  const quarter = (y: number, n: number): Want =>
    ranged(
      'quarter',
      `${y}-${String(n * 3 - 2).padStart(2, '0')}-01`,
      lastDay(`${y}-${String(n * 3).padStart(2, '0')}`),
    );
  const table: [string, Want][] = [
    ['в течение II полугодия 2024 г.', half(2024, 2)],
    ['в течение II полугодия 2024 года', half(2024, 2)],
    ['в течение второго полугодия 2024 г.', half(2024, 2)],
    ['в течение 2 полугодия 2024 г.', half(2024, 2)],
    ['в течение 2-го полугодия 2024 года', half(2024, 2)],
    ['в течение 1 полугодия', half(2021, 1)],
    ['в течение I полугодия', half(2021, 1)],
    ['в течение первого полугодия', half(2021, 1)],
    ['В течение 1-го полугодия 2022 г.', half(2022, 1)],
    ['в течение III квартала', quarter(2021, 3)],
    ['в течение третьего квартала', quarter(2021, 3)],
    ['в течение 3 квартала', quarter(2021, 3)],
    ['в течение 3-го квартала 2022 г.', quarter(2022, 3)],
    ['в течение второго квартала 2024 года', quarter(2024, 2)],
    ['в течение II квартала 2024 г.', quarter(2024, 2)],
    ['в течение 2 квартала 2024 г.', quarter(2024, 2)],
    ['в течение IV квартала 2023 года', quarter(2023, 4)],
    ['в течение четвертого квартала', quarter(2021, 4)],
    // halves of a school year: September–December and January–May
    ['в течение первого полугодия 2023/24 учебного года', ranged('half-year', '2023-09-01', '2023-12-31')],
    ['в течение I полугодия 2023-2024 учебного года', ranged('half-year', '2023-09-01', '2023-12-31')],
    ['в течение 1 полугодия 2022/2023 уч. г.', ranged('half-year', '2022-09-01', '2022-12-31')],
    ['в течение второго полугодия 2023/2024 учебного года', ranged('half-year', '2024-01-01', '2024-05-31')],
    ['в течение II полугодия 2021-2022 учебного года', ranged('half-year', '2022-01-01', '2022-05-31')],
    ['II полугодие 2021/22 учебного года', ranged('half-year', '2022-01-01', '2022-05-31')],
    ['в течение II-го полугодия 2024 г.', half(2024, 2)],
    ['в течение IV-го квартала 2024 г.', quarter(2024, 4)],
    // without a year: the first such term from the roadmap's start (CTX starts on 01.01.2021)
    ['в течение первого полугодия учебного года', ranged('half-year', '2021-09-01', '2021-12-31')],
    ['в течение II полугодия учебного года', ranged('half-year', '2021-01-01', '2021-05-31')],
    // quarters of a school year are its четверти: September–October, November–December, January–March, April–May
    ['в течение III четверти', months('2021-01', '2021-03')],
    ['в течение 3 четверти', months('2021-01', '2021-03')],
    ['II четверть 2022/23 учебного года', months('2022-11', '2022-12')],
    ['в течение I квартала 2022/2023 учебного года', months('2022-09', '2022-10')],
    ['в течение IV квартала 2022-2023 уч. г.', months('2023-04', '2023-05')],
    // a recurrence within a half-year or a quarter repeats there only
    [
      'в течение второго полугодия 2022 г., ежемесячно',
      every('month', {}, { start: '2022-07-01', end: '2022-12-31' }),
    ],
    [
      'ежемесячно в течение III квартала 2022 года',
      every('month', {}, { start: '2022-07-01', end: '2022-09-30' }),
    ],
    // a number of quarters or half-years in the plural, or of years, is a length of time
    ['в течение 2 кварталов', ongoing()],
    ['в течение 3 лет', ongoing()],
  ];
  test.each(table)('%s', (text, want) => {
    const d = expectParsed(text, want);
    expect(errors(d)).toEqual([]);
  });

  test('a school half-year reads back from its canonical phrase', () => {
    const d = parseDeadline('в течение второго полугодия 2023/2024 учебного года', CTX);
    expect(formatDeadline(d)).toBe('II полугодие 2023/2024 учебного года');
    expect({ ...parseDeadline(formatDeadline(d), CTX), text: '' }).toEqual({ ...d, text: '' });
    const first = parseDeadline('I полугодие 2023/24 уч.г.', CTX);
    expect(formatDeadline(first)).toBe('I полугодие 2023/2024 учебного года');
    const term = parseDeadline('в течение III четверти 2022/23 учебного года', CTX);
    expect(formatDeadline(term)).toBe('январь 2023 г. – март 2023 г.');
    expect({ ...parseDeadline(formatDeadline(term), CTX), text: '' }).toEqual({ ...term, text: '' });
  });
});

describe('invalid dates are errors and are never moved', () => {
  test.each([
    ['31.02.2021', 'date', 'Дата 31.02.2021 не существует'],
    ['15.13.2021', 'date', 'Дата 15.13.2021 не существует'],
    ['до 31.02.2021', 'by-date', 'Дата 31.02.2021 не существует'],
    ['29.02.2021г.', 'date', 'Дата 29.02.2021 не существует'],
    ['до 30 февраля 2022 г.', 'by-date', 'Дата 30 февраля 2022 не существует'],
    ['00.05.2021', 'date', 'Дата 00.05.2021 не существует'],
  ] as [string, DeadlineKind, string][])('%s', (text, kind, message) => {
    const d = parseDeadline(text, CTX);
    expect(d.kind).toBe(kind);
    expect(d.due).toEqual([]);
    expect(d.start).toBeUndefined();
    expect(d.end).toBeUndefined();
    expect(errors(d)).toEqual([message]);
  });

  test('29 February of a leap year exists', () => {
    expectParsed('29.02.2024', date('2024-02-29'));
  });

  test('an invalid date among several keeps the valid ones and reports the bad one', () => {
    const d = parseDeadline('25.11.2021 31.11.2021 29.03.2022', CTX);
    expect(d.kind).toBe('several');
    expect(d.due).toEqual(['2021-11-25', '2022-03-29']);
    expect(errors(d)).toEqual(['Дата 31.11.2021 не существует']);
  });

  test('impossible quarters and half-years, and a range that ends before it starts, are errors', () => {
    expect(errors(parseDeadline('5 квартал 2021', CTX))).toEqual([
      'Квартал 5 не существует («5 квартал 2021»)',
    ]);
    expect(errors(parseDeadline('3 полугодие', CTX))).toEqual(['Полугодие 3 не существует («3 полугодие»)']);
    expect(errors(parseDeadline('май 2022 – апрель 2021', CTX))).toEqual([
      'Конец периода (30.04.2021) раньше начала (01.05.2022)',
    ]);
  });
});

// Phrases of the seeds' deadline columns (file, line, the cell as written), each checked by hand against its
// roadmap's period: 000 has per-year columns 2020–2022, 001 is «на 2021 г.», 002 «на 2023 - 2025 годы», 003
// «в 2022 году», 004 «на 2021-2023 годы».
const seedsDir = path.join(__dirname, '../../../shared/seeds');
const seedFiles = fs.readdirSync(seedsDir).sort();
const seedLines = (n: number): string[] =>
  fs
    .readFileSync(path.join(seedsDir, seedFiles.find((f) => f.startsWith(`00${n}_`)) as string), 'utf8')
    .split('\n');

const SEED_CTX: Record<number, DeadlineContext> = {
  0: { periodStart: '2020-01-01', periodEnd: '2022-12-31', defaultYear: 2020 },
  1: { periodStart: '2021-01-01', periodEnd: '2021-12-31', defaultYear: 2021 },
  2: { periodStart: '2023-01-01', periodEnd: '2025-12-31', defaultYear: 2023 },
  3: { periodStart: '2022-01-01', periodEnd: '2022-12-31', defaultYear: 2022 },
  4: { periodStart: '2021-01-01', periodEnd: '2023-12-31', defaultYear: 2021 },
};

describe('deadline cells of the seeds', () => {
  // Together with the joined cells below, these pin every distinct phrase of the seeds' deadline columns.
  // [seed, line, tab column, cell text, expectation]
  const cells: [number, number, number, string, Want][] = [
    [0, 6, 4, '2020 г.', year(2020)],
    [0, 6, 5, '2021 г.', year(2021)],
    [0, 6, 6, '2022 г.', year(2022)],
    [1, 57, 2, 'ежегодно', every('year', {}, { ctx: SEED_CTX[1] })],
    [1, 58, 2, '2021 год', year(2021)],
    [
      1,
      71,
      2,
      'ежегодно по графику до 2022 года',
      every('year', {}, { ctx: SEED_CTX[1], end: '2022-12-31', schedule: '' }),
    ],
    [1, 76, 2, 'Весь период', ongoing(SEED_CTX[1])],
    [1, 78, 2, '2021', year(2021)],
    [1, 91, 2, '01.03 2021', date('2021-03-01')],
    [1, 93, 2, 'До 01.04.2021', byDate('2021-04-01')],
    [1, 94, 2, 'Март – август 2021', months('2021-03', '2021-08')],
    [1, 95, 2, 'До 10.03.2021', byDate('2021-03-10')],
    [1, 96, 2, 'До 28.02.2021', byDate('2021-02-28')],
    [1, 97, 2, 'До 01.05.2021', byDate('2021-05-01')],
    [1, 111, 2, 'Август 2021', month('2021-08')],
    [2, 9, 2, 'апрель', month('2023-04')],
    [2, 14, 2, 'май', month('2023-05')],
    [2, 16, 2, 'апрель - май', months('2023-04', '2023-05')],
    [2, 18, 2, 'май - декабрь', months('2023-05', '2023-12')],
    [2, 21, 2, 'июнь', month('2023-06')],
    [2, 24, 2, 'сентябрь', month('2023-09')],
    [2, 26, 2, 'октябрь', month('2023-10')],
    [2, 27, 2, 'ноябрь', month('2023-11')],
    [2, 33, 2, 'октябрь - ноябрь', months('2023-10', '2023-11')],
    [2, 34, 2, 'декабрь', month('2023-12')],
    [3, 44, 2, 'Апрель 2022 г. апрель 2022 г.', several('2022-04-30')],
    [3, 45, 2, 'Апрель-май 2022 г.', months('2022-04', '2022-05')],
    [3, 46, 2, 'июнь 2022 г.', month('2022-06')],
    [3, 47, 2, 'До 1 сентября 2022 г.', byDate('2022-09-01')],
    [3, 48, 2, 'Август-сентябрь 2022 г.', months('2022-08', '2022-09')],
    [
      3,
      52,
      2,
      'Согласно дорожной карте по реализации процедур МСОКО',
      external('дорожной карте по реализации процедур МСОКО'),
    ],
    [3, 53, 2, 'По графику ФИОКО', external('ФИОКО')],
    [3, 55, 2, 'Сентябрь 2022 г.', month('2022-09')],
    [3, 56, 2, 'План работы ММС', external('ММС')],
    [3, 57, 2, 'Сентябрь- декабрь 2022 г.', months('2022-09', '2022-12')],
    [3, 58, 2, 'По плану ИРО', external('ИРО')],
    [3, 59, 2, 'В течение года', ongoing(SEED_CTX[3])],
    [3, 60, 2, '3 квартал', ranged('quarter', '2022-07-01', '2022-09-30')],
    [3, 61, 2, 'По графику', external('')],
    [3, 62, 2, 'В течение всего периода', ongoing(SEED_CTX[3])],
    [3, 66, 2, 'Апрель 2022 г.', month('2022-04')],
    [3, 67, 2, 'Май-июнь 2022 г.', months('2022-05', '2022-06')],
    [3, 69, 2, 'Август-октябрь 2022г.', months('2022-08', '2022-10')],
    [3, 72, 2, 'Ноябрь 2022г.', month('2022-11')],
    [3, 73, 2, 'Ежеквартально по графику ИРО', every('quarter', {}, { ctx: SEED_CTX[3], schedule: 'ИРО' })],
    [3, 75, 2, '2 раза в год', every('year', { timesPerPeriod: 2 }, { ctx: SEED_CTX[3] })],
    [4, 31, 3, 'октябрь 2020г.', month('2020-10')],
    [4, 34, 3, 'с учетом сроков НПО', external('НПО')],
    [4, 35, 3, 'ноябрь 2020г.-январь 2021г.', months('2020-11', '2021-01')],
    [4, 36, 3, 'ноябрь 2020г.', month('2020-11')],
    [4, 39, 3, 'декабрь 2020г.', month('2020-12')],
    [4, 40, 3, 'до 2023г.', byDate('2023-12-31')],
    [4, 41, 3, 'январь 2021г.', month('2021-01')],
    [4, 42, 3, 'до января 2021г.', byDate('2021-01-31')],
    [4, 43, 3, 'постоянно', ongoing(SEED_CTX[4])],
    [4, 54, 3, 'с октября 2020г. постоянно', from('2020-10-01')],
    [4, 55, 3, 'С января 2021 года в сроки, установленные ИРООО', from('2021-01-01', 'ИРООО')],
    [4, 56, 3, 'с ноября 2020г. постоянно', from('2020-11-01')],
    [4, 57, 3, 'октябрь 2020г. – июнь 2021г.', months('2020-10', '2021-06')],
    [4, 58, 3, 'июнь 2021г. – июнь 2022г.', months('2021-06', '2022-06')],
    [4, 59, 3, '1 раз в месяц', every('month', {}, { ctx: SEED_CTX[4] })],
    [4, 60, 3, 'По вторникам 1 раз в неделю', every('week', { weekday: 2 }, { ctx: SEED_CTX[4] })],
    [
      4,
      64,
      3,
      'Декабрь 2020 Январь 2021 Февраль 2021 Март 2021',
      several('2020-12-31', '2021-01-31', '2021-02-28', '2021-03-31'),
    ],
    [4, 65, 3, '25.11.2021 27.01.2022 29.03.2022', several('2021-11-25', '2022-01-27', '2022-03-29')],
    [4, 68, 3, 'с декабря 2020г.', from('2020-12-01')],
    [4, 71, 3, 'с ноября 2020г.', from('2020-11-01')],
    [4, 77, 3, 'по необходимост и', ongoing(SEED_CTX[4])],
    [4, 79, 3, 'до 01.01.2021г.', byDate('2021-01-01')],
    [4, 82, 3, 'ежегодно', every('year', {}, { ctx: SEED_CTX[4] })],
    [4, 90, 3, 'в течение срока проекта', ongoing(SEED_CTX[4])],
    [4, 92, 3, 'Декабрь 2020', month('2020-12')],
    [4, 96, 3, 'в течение 2020-2023гг.', ranged('school-year', '2020-01-01', '2023-12-31')],
    [4, 102, 3, 'В сроки, установленные ИРООО', external('ИРООО')],
    [4, 111, 3, 'До 01.01.2021', byDate('2021-01-01')],
    [4, 116, 3, '1 раз в 3 года при проведении', every('year', { interval: 3 }, { ctx: SEED_CTX[4] })],
    [4, 118, 3, 'Постоянно', ongoing(SEED_CTX[4])],
    [4, 124, 3, 'Ежегодное увеличение', every('year', {}, { ctx: SEED_CTX[4] })],
  ];
  test.each(cells)('seed %i line %i col %i: %s', (seed, line, col, text, want) => {
    expect(seedLines(seed)[line - 1]?.split('\t')[col]).toBe(text);
    expectParsed(text, want, SEED_CTX[seed]);
  });

  test('cells broken across lines or pages parse once their parts are joined', () => {
    // seed 003 lines 49–51 and seed 004 lines 61–63 hold one cell each, split by a page break
    expect(seedLines(3)[48]?.split('\t')[2]).toBe('Согласно дорожной');
    expect(seedLines(3)[50]?.split('\t')[2]).toBe('карте по реализации процедур МСОКО');
    expectParsed(
      'Согласно дорожной\nкарте по реализации процедур МСОКО',
      external('дорожной карте по реализации процедур МСОКО'),
      SEED_CTX[3],
    );
    expect(seedLines(4)[60]?.split('\t')[3]).toBe('1 раз в 2 недели с ноября');
    expect(seedLines(4)[62]?.split('\t')[3]).toBe('2020г.');
    expectParsed(
      '1 раз в 2 недели с ноября\n2020г.',
      every('week', { interval: 2 }, { start: '2020-11-01' }),
      SEED_CTX[4],
    );
  });

  test("period phrases of the seeds' titles", () => {
    expectParsed('на 2021-2023 годы', ranged('school-year', '2021-01-01', '2023-12-31'));
    expectParsed('на 2023 - 2025 годы', ranged('school-year', '2023-01-01', '2025-12-31'));
    expectParsed('в 2022 году', year(2022));
    expectParsed('на 2021 г.', year(2021));
    expectParsed('11 апреля 2022 года', date('2022-04-11'));
    expectParsed('2020-2021 уч.г.', ranged('school-year', '2020-09-01', '2021-05-31'));
  });

  test('every non-empty deadline cell of seeds 001–004 is recognised', () => {
    const columns: [number, number, number, number][] = [
      [1, 56, 89, 2],
      [1, 91, 111, 2],
      [2, 9, 34, 2],
      [3, 44, 75, 2],
      [4, 29, 125, 3],
    ];
    let seen = 0;
    for (const [seed, first, last, col] of columns) {
      const lines = seedLines(seed);
      for (let n = first; n <= last; n++) {
        const cell = lines[n - 1]?.split('\t')[col]?.trim();
        // seed 003 line 51 continues the cell of line 49 across a page break (joined in the test above)
        if (!cell || (seed === 3 && n === 51)) continue;
        seen++;
        const d = parseDeadline(cell, SEED_CTX[seed]);
        expect([n, d.kind]).not.toEqual([n, 'unknown']);
        expect([n, errors(d)]).toEqual([n, []]);
      }
    }
    expect(seen).toBe(142);
  });
});

describe('tokens of the grammar', () => {
  test.each([
    ['до 15 января 2022', byDate('2022-01-15')],
    ['до конца января', byDate('2021-01-31')],
    ['в январе 2022 г.', month('2022-01')],
    ['к январю', byDate('2021-01-31')],
    ['к 2023 году', byDate('2023-12-31')],
    ['не позднее 1 марта 2022 г.', byDate('2022-03-01')],
    ['в срок до 01.04.2021', byDate('2021-04-01')],
    ['не ранее 01.09.2021', from('2021-09-01')],
    ['до 01.09.2021, до 01.12.2021', several('2021-09-01', '2021-12-01')],
    ['Ноябрь-декабрь 2020, январь 2021', several('2020-12-31', '2021-01-31')],
    ['01.09.2021 – 31.05.2022', byDate('2022-05-31', '2021-09-01')],
    ['в течение 2021-2022 учебного года', ranged('school-year', '2021-09-01', '2022-05-31')],
    ['1 раз в четверть', every('quarter')],
    ['по итогам каждой четверти', every('quarter')],
    ['в течение 3 лет', ongoing()],
    ['ежегодно с 2021 по 2022 год', every('year', {}, { start: '2021-01-01', end: '2022-12-31' })],
    ['январём 2022', month('2022-01')],
    ['янв. 2022', month('2022-01')],
    ['сент. – дек. 2021 г.', months('2021-09', '2021-12')],
    ['в мае', month('2021-05')],
    ['ДО 01.04.2021', byDate('2021-04-01')],
    ['до 01.04.21', byDate('2021-04-01')],
    ['01.04', date('2021-04-01')],
    ['2021-04-01', date('2021-04-01')],
    ['01.04.2021 г.', date('2021-04-01')],
    ['  до\n01.04.2021.  ', byDate('2021-04-01')],
    ['<i>Апрель 2022 г.</i>', month('2022-04')],
    ['апрель—май', months('2021-04', '2021-05')],
    ['апрель‐май 2022', months('2022-04', '2022-05')],
    ['апрель − май', months('2021-04', '2021-05')],
    ['октябрь – июнь', months('2021-10', '2022-06')],
    ['октябрь – июнь 2022 г.', months('2021-10', '2022-06')],
    ['с сентября по декабрь 2021 г.', months('2021-09', '2021-12')],
    ['с 01.09.2021 по 31.12.2021', byDate('2021-12-31', '2021-09-01')],
    ['с 1 по 15 сентября', byDate('2021-09-15', '2021-09-01')],
    ['1-15 сентября 2022', byDate('2022-09-15', '2022-09-01')],
    ['III квартал', ranged('quarter', '2021-07-01', '2021-09-30')],
    ['3 кв. 2022 г.', ranged('quarter', '2022-07-01', '2022-09-30')],
    ['в IV квартале 2022 года', ranged('quarter', '2022-10-01', '2022-12-31')],
    ['первый квартал', ranged('quarter', '2021-01-01', '2021-03-31')],
    ['I-II квартал 2022', ranged('quarter', '2022-01-01', '2022-06-30')],
    ['2-е полугодие', ranged('half-year', '2021-07-01', '2021-12-31')],
    ['первое полугодие 2022 г.', ranged('half-year', '2022-01-01', '2022-06-30')],
    ['во втором полугодии', ranged('half-year', '2021-07-01', '2021-12-31')],
    ['2021-2022 гг.', ranged('school-year', '2021-01-01', '2022-12-31')],
    ['2021 – 2023 годы', ranged('school-year', '2021-01-01', '2023-12-31')],
    ['2020/2021 учебный год', ranged('school-year', '2020-09-01', '2021-05-31')],
    ['2021-22 уч. год', ranged('school-year', '2021-09-01', '2022-05-31')],
    ['в течение 2021 года', year(2021)],
    ['с 2022 года', from('2022-01-01')],
    ['начиная с 15.09.2021', from('2021-09-15')],
    ['еженедельно', every('week')],
    ['ежемесячно', every('month')],
    ['ежедневно', every('day')],
    ['раз в полгода', every('half-year')],
    ['1 раз в полугодие', every('half-year')],
    ['дважды в год', every('year', { timesPerPeriod: 2 })],
    ['каждые 2 недели', every('week', { interval: 2 })],
    ['по средам', every('week', { weekday: 3 })],
    ['ежемесячно, по пятницам', every('month', { weekday: 5 })],
    ['раз в два года', every('year', { interval: 2 })],
    ['ежемесячно в 2022 году', every('month', {}, { start: '2022-01-01', end: '2022-12-31' })],
    ['по мере необходимости', ongoing()],
    ['по мере поступления', ongoing()],
    ['3 раза в учебный год', every('year', { timesPerPeriod: 3 })],
    ['каждый вторник', every('week', { weekday: 2 })],
    ['1 раз в неделю (по понедельникам)', every('week', { weekday: 1 })],
    ['ежегодно в августе', every('year')],
    ['до 25 числа каждого месяца', every('month')],
    ['в течение учебного года', ongoing()],
    ['согласно графику ИРО', external('ИРО')],
    ['в соответствии с планом работы ИРО', external('ИРО')],
    ['по графику проведения ВПР', external('проведения ВПР')],
    ['апрель, май 2022', several('2022-04-30', '2022-05-31')],
    ['весна 2022 г.', months('2022-03', '2022-05')],
    ['в летний период', months('2021-06', '2021-08')],
    ['осенью 2021 года', months('2021-09', '2021-11')],
    ['с начала 2022 года', from('2022-01-01')],
    ['до конца 2021 года', byDate('2021-12-31')],
    ['до конца учебного года', byDate('2021-05-31')],
    ['до конца года', byDate('2021-12-31')],
  ] as [string, Want][])('%s', (text, want) => {
    const d = expectParsed(text, want);
    expect(errors(d)).toEqual([]);
  });
});

describe('month names', () => {
  const forms: [number, string][] = [
    [1, 'январь января январе январю январем январём янв.'],
    [2, 'февраль февраля феврале февралю февралем февр. фев.'],
    [3, 'март марта марте марту мартом мар.'],
    [4, 'апрель апреля апреле апрелю апрелем апр.'],
    [5, 'май мая мае маю маем'],
    [6, 'июнь июня июне июню июнем июн.'],
    [7, 'июль июля июле июлю июлем июл.'],
    [8, 'август августа августе августу августом авг.'],
    [9, 'сентябрь сентября сентябре сентябрю сентябрем сен. сент.'],
    [10, 'октябрь октября октябре октябрю октябрем окт.'],
    [11, 'ноябрь ноября ноябре ноябрю ноябрем ноя. нояб.'],
    [12, 'декабрь декабря декабре декабрю декабрем дек.'],
  ];
  test.each(forms)('month %i in every case and short form', (m, words) => {
    const ym = `2022-${String(m).padStart(2, '0')}`;
    for (const w of words.split(' ')) {
      expectParsed(`${w} 2022 г.`, month(ym));
      expectParsed(w.toUpperCase(), month(`2021-${ym.slice(5)}`));
    }
  });
});

describe('labels and canonical phrases', () => {
  test('every kind has its Russian label', () => {
    const kinds: [DeadlineKind, string][] = [
      ['date', 'дата'],
      ['by-date', 'до даты'],
      ['month', 'месяц'],
      ['month-range', 'период месяцев'],
      ['several', 'несколько дат'],
      ['quarter', 'квартал'],
      ['half-year', 'полугодие'],
      ['year', 'год'],
      ['school-year', 'учебный год'],
      ['from', 'начиная с'],
      ['recurring', 'регулярно'],
      ['ongoing', 'постоянно'],
      ['external', 'по графику'],
      ['empty', 'не указан'],
      ['unknown', 'не распознан'],
    ];
    for (const [kind, label] of kinds) expect(deadlineKindLabel(kind)).toBe(label);
  });

  test.each([
    [{ unit: 'month', interval: 1, timesPerPeriod: 1 }, 'ежемесячно'],
    [{ unit: 'year', interval: 1, timesPerPeriod: 1 }, 'ежегодно'],
    [{ unit: 'week', interval: 2, timesPerPeriod: 1, weekday: 2 }, '1 раз в 2 недели, по вторникам'],
    [{ unit: 'year', interval: 1, timesPerPeriod: 2 }, '2 раза в год'],
    [{ unit: 'year', interval: 3, timesPerPeriod: 1 }, '1 раз в 3 года'],
    [{ unit: 'year', interval: 5, timesPerPeriod: 1 }, '1 раз в 5 лет'],
    [{ unit: 'month', interval: 1, timesPerPeriod: 5 }, '5 раз в месяц'],
    [{ unit: 'half-year', interval: 1, timesPerPeriod: 1 }, '1 раз в полугодие'],
    [{ unit: 'week', interval: 1, timesPerPeriod: 1, weekday: 7 }, 'еженедельно, по воскресеньям'],
  ] as [Recurrence, string][])('recurrenceLabel %j', (r, label) => {
    expect(recurrenceLabel(r)).toBe(label);
  });

  test.each([
    ['До 01.04.2021', 'до 01.04.2021'],
    ['Март – август 2021', 'март 2021 г. – август 2021 г.'],
    ['II полугодие', 'II полугодие 2021 г.'],
    ['I-II квартал 2022', 'I–II квартал 2022 г.'],
    ['2020-2021 уч.г.', '2020–2021 уч. г.'],
    ['в течение 2020-2023гг.', '2020–2023 гг.'],
    ['По вторникам 1 раз в неделю', 'еженедельно, по вторникам с 01.01.2021 по 31.12.2023'],
    ['ежегодно по графику до 2022 года', 'ежегодно с 01.01.2021 по 31.12.2022 по графику'],
    ['С января 2021 года в сроки, установленные ИРООО', 'с 01.01.2021 по графику ИРООО'],
    ['По плану ИРО', 'по графику ИРО'],
    ['Апрель 2022 г. апрель 2022 г.', '30.04.2022, 30.04.2022'],
    ['Декабрь 2020 Январь 2021', '31.12.2020, 31.01.2021'],
    ['3 квартал', 'III квартал 2021 г.'],
    ['с 1 по 15 сентября', 'с 01.09.2021 по 15.09.2021'],
    ['постоянно', 'постоянно'],
    ['скоро', 'скоро'],
  ])('formatDeadline(parse(%s)) = %s and reads back the same', (text, phrase) => {
    const d = parseDeadline(text, CTX);
    expect(formatDeadline(d)).toBe(phrase);
    const again = parseDeadline(phrase, CTX);
    expect({ ...again, text: '' }).toEqual({ ...d, text: '' });
  });
});
