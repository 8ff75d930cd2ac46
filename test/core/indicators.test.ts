import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Grid } from '../../src/core/grid';
import { importText } from '../../src/core/import-text';
import {
  indicatorProgress,
  readIndicators,
  summarizeIndicators,
  WHOLE_PERIOD,
  type Indicator,
  type IndicatorProgress,
} from '../../src/core/indicators';
import type { Report } from '../../src/core/layouts';

const SEEDS = path.join(__dirname, '../../samples/seeds');
const seedLines = (prefix: string): string[] => {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix)) as string;
  return readFileSync(path.join(SEEDS, file), 'utf8').split('\n');
};
const tsv = (lines: string[]): Grid => lines.map((l) => l.split('\t'));
const opts = { sheet: 'Показатели', currentYear: 2021 };
const byActivity = (xs: Indicator[], id: string): Indicator => {
  const found = xs.find((i) => i.activityId === id);
  if (!found) throw new Error(`no indicator of activity ${id}`);
  return found;
};
const plan = (i: Indicator): Record<string, [number | null, string]> =>
  Object.fromEntries(Object.entries(i.planned).map(([k, v]) => [k, [v.value, v.direction]]));

describe('readIndicators on seed 000 (the roadmap table as pasted: two-row header, column numbers, sections)', () => {
  const { indicators, problems } = readIndicators(tsv(seedLines('000_')), opts);

  it('reads one indicator per activity row, with its section and activity', () => {
    expect(indicators).toHaveLength(31);
    const first = byActivity(indicators, '1.1');
    expect(first.name).toBe('Количество школ для адресного сопровождения и помощи');
    expect(first.activity).toBe('Отбор ШНОР и ШНСУ для адресного сопровождения');
    expect(first.section).toMatch(/^1\. Реализация мер, направленных на идентификацию/);
    expect(byActivity(indicators, '3.1').section).toMatch(/^3\. Реализация мер, направленных на нормативное/);
    expect(byActivity(indicators, '6.1').section).toMatch(/^6\. Реализация мер, направленных на финансовое/);
  });

  it('joins a row broken across a page to its activity', () => {
    expect(byActivity(indicators, '3.3').activity).toBe(
      'Проведение экспертизы муниципальной и школьных программ поддержки и перевода школ в эффективный режим работы',
    );
    expect(byActivity(indicators, '4.7').activity).toMatch(/моделей сетевого взаимодействия»$/);
  });

  it('pins the planned values per year (hand-checked against the seed)', () => {
    expect(plan(byActivity(indicators, '1.1'))).toEqual({
      '': [10, 'exact'],
      2020: [10, 'exact'],
      2021: [10, 'exact'],
      2022: [10, 'exact'],
    });
    expect(plan(byActivity(indicators, '2.1'))).toEqual({
      '': [1, 'more'],
      2020: [1, 'exact'],
      2021: [1, 'exact'],
      2022: [1, 'exact'],
    });
    expect(plan(byActivity(indicators, '3.3'))).toEqual({
      '': [11, 'exact'],
      2020: [11, 'exact'],
      2021: [11, 'exact'],
      2022: [11, 'exact'],
    });
    expect(plan(byActivity(indicators, '4.7'))).toEqual({
      '': [3, 'more'],
      2020: [1, 'exact'],
      2021: [1, 'exact'],
      2022: [1, 'exact'],
    });
    expect(plan(byActivity(indicators, '4.11'))).toEqual({
      '': [6, 'more'],
      2020: [2, 'exact'],
      2021: [2, 'exact'],
      2022: [2, 'exact'],
    });
    expect(plan(byActivity(indicators, '4.12'))).toEqual({
      '': [10, 'exact'],
      2020: [3, 'exact'],
      2021: [3, 'exact'],
      2022: [4, 'exact'],
    });
    expect(plan(byActivity(indicators, '5.2'))).toEqual({
      '': [3, 'exact'],
      2020: [1, 'exact'],
      2021: [1, 'exact'],
      2022: [1, 'exact'],
    });
    expect(plan(byActivity(indicators, '6.1'))).toEqual({
      '': [2, 'exact'],
      2020: [2, 'exact'],
      2021: [2, 'exact'],
      2022: [2, 'exact'],
    });
    const perYear = byActivity(indicators, '5.1');
    expect(plan(perYear)).toEqual({
      '': [1, 'more'],
      2020: [1, 'more'],
      2021: [1, 'more'],
      2022: [1, 'more'],
    });
    expect(perYear.unit).toBe('раза в год');
    expect(byActivity(indicators, '4.7').direction).toBe('more');
    expect(byActivity(indicators, '1.1').rule).toBe('sum');
  });

  it('reports an unreadable planned value once, at its first cell, naming the others («1; 10» of 4.1)', () => {
    expect(problems.map((p) => p.cell)).toEqual(['D30']);
    expect(problems[0]).toMatchObject({
      severity: 'предупреждение',
      sheet: 'Показатели',
      message:
        'Не удалось прочитать плановое значение «1; 10» (также в E30, F30, G30) показателя «Пакет инструментов, аналитические справки»: в ячейке несколько чисел (1; 10), нужно одно.',
    });
    expect(problems[0]?.fix).toMatch(/не менее 3/);
    expect(byActivity(indicators, '4.1').planned).toEqual({});
  });
});

describe('readIndicators on seed 004 section I (one indicator per bullet, plans in the wording)', () => {
  const grid = tsv(
    readFileSync(path.join(__dirname, '../fixtures/indicators-004.tsv'), 'utf8').trimEnd().split('\n'),
  );
  const { indicators, problems } = readIndicators(grid, opts);
  const named = (start: string): Indicator => {
    const found = indicators.find((i) => i.name.startsWith(start));
    if (!found) throw new Error(`no indicator «${start}»`);
    return found;
  };

  it('reads every bullet with its risk group', () => {
    expect(indicators).toHaveLength(25);
    expect(problems).toEqual([]);
    expect(named('100% повышение квалификации').section).toBe(
      'Обеспеченность материальными ресурсами и кадрами',
    );
    expect(named('100% обучение управленческих команд').section).toBe(
      'Низкая эффективность управления в школе',
    );
    expect(named('в 100% ПРШ внедрена').section).toBe('Необеспеченность благоприятного школьного уклада');
  });

  it('pins the plans read from the wording, per year where the wording names one', () => {
    expect(plan(named('100% повышение квалификации'))).toEqual({ '': [100, 'exact'] });
    expect(named('100% повышение квалификации').rule).toBe('mean');
    expect(plan(named('увеличение числа резильентных школ'))).toEqual({ 2021: [3, 'more'] });
    expect(plan(named('увеличение числа кураторов'))).toEqual({ '': [44.4, 'more'] });
    expect(named('увеличение числа кураторов').planned['']?.from).toBe(33.3);
    expect(plan(named('положительная динамика участия в проекте «Билет в будущее»'))).toEqual({
      2023: [100, 'more'],
    });
    expect(plan(named('в 100% ПРШ внедрена целевая модель наставничества'))).toEqual({
      2023: [100, 'exact'],
    });
    expect(plan(named('отсутствие ОО в списке школ'))).toEqual({ '': [0, 'less'] });
    expect(named('отсутствие ОО в списке школ').rule).toBe('latest');
    expect(plan(named('наличие региональных и муниципальных методических команд'))).toEqual({
      '': [1, 'more'],
    });
    expect(plan(named('в 100% ПРШ проводится комплексный анализ'))).toEqual({ '': [100, 'exact'] });
    expect(named('в 100% ПРШ проводится комплексный анализ').planFromWording).toBe(true);
    expect(plan(named('положительная динамика количества обучающихся'))).toEqual({});
  });
});

describe('readIndicators on `Показатели` as roadmap500 import writes it', () => {
  const imported = (prefix: string): Indicator[] => {
    const { indicators, problems } = readIndicators(
      importText(seedLines(prefix).join('\n')).indicators,
      opts,
    );
    expect(problems.every((p) => /«1; 10»/.test(p.message))).toBe(true);
    return indicators;
  };

  it('reads seed 000 with the same per-year plans', () => {
    const xs = imported('000_');
    expect(xs).toHaveLength(31);
    expect(plan(byActivity(xs, '4.12'))).toEqual({
      '': [10, 'exact'],
      2020: [3, 'exact'],
      2021: [3, 'exact'],
      2022: [4, 'exact'],
    });
    expect(plan(byActivity(xs, '4.10'))).toEqual({
      '': [3, 'more'],
      2020: [1, 'exact'],
      2021: [1, 'exact'],
      2022: [1, 'exact'],
    });
    expect(byActivity(xs, '3.3').activity).toMatch(/перевода школ в эффективный режим работы$/);
  });

  it('reads seed 004 section I with one indicator per bullet', () => {
    const xs = imported('004_');
    expect(xs).toHaveLength(25);
    const kurators = xs.find((i) => i.name.startsWith('увеличение числа кураторов'));
    expect(kurators && plan(kurators)).toEqual({ '': [44.4, 'more'] });
    const resilient = xs.find((i) => i.name.startsWith('увеличение числа резильентных школ'));
    expect(resilient && [plan(resilient), resilient.section]).toEqual([
      { 2021: [3, 'more'] },
      'Низкая эффективность управления в школе',
    ]);
  });
});

describe('readIndicators on seed 001 («Планируемые результаты»: the value column is headed «Инд икат»)', () => {
  const { indicators } = readIndicators(importText(seedLines('001_').join('\n')).indicators, opts);
  // Indicators come in sheet order, numbered 1… in the seed.
  const numbered = (n: string): Indicator => indicators[Number(n) - 1];

  it('finds the plan column by its values, and does not take numbers of the wording for plans', () => {
    expect(indicators).toHaveLength(17);
    expect(indicators.map((i) => i.activityId)).toEqual(Array(17).fill(''));
    expect(numbered('17').name).toBe(
      'Доля ШНОР, которые реализуют образовательные программы в сетевой форме',
    );
    expect(plan(numbered('1'))).toEqual({ '': [100, 'exact'] });
    expect(plan(numbered('3'))).toEqual({ '': [25, 'exact'] });
    expect(numbered('3').source).toBe('РИС ГИА');
    // «в возрасте до 35 лет» is what is counted, 20% is the plan.
    expect(plan(numbered('8'))).toEqual({ '': [20, 'exact'] });
    // «не менее 1 Мбит/сек» is what is counted, 100% is the plan.
    expect(plan(numbered('11'))).toEqual({ '': [100, 'exact'] });
    expect(numbered('11').rule).toBe('mean');
  });
});

describe('readIndicators on a sheet typed by staff', () => {
  const grid: Grid = [
    [
      'Показатель',
      'Ед. изм.',
      'ID мероприятия',
      'Плановое значение',
      '2021 г.',
      '2022 г.',
      'Факт 2021',
      'Факт',
      'Источник',
      'Подсчёт факта',
    ],
    [
      'Доля обучающихся с рисками неуспешности',
      '%',
      '2.4.1',
      'не более 15%',
      'до 20%',
      '15%',
      '',
      '',
      'ВПР',
      '',
    ],
    ['Число школ с программами перевода', 'шт.', '3.2', '', 10, 10, 9, '', 'отчёты школ', 'последнее'],
    ['Охват педагогов курсами', '%', '1.3.2', 0.85, '', '', '', 0.9, '', ''],
    ['Семинары', '', '4.7', 'три', '', '', 'много', '', '', ''],
  ];
  const display = grid.map((r) => r.map((v) => (v === 0.85 ? '85%' : v === 0.9 ? '90%' : String(v))));
  const { indicators, problems } = readIndicators(grid, { ...opts, display });

  it('reads columns by their headers, years, units, sources and the fact rule', () => {
    const [share, schools, coverage] = indicators as [Indicator, Indicator, Indicator];
    expect(share).toMatchObject({
      row: 2,
      unit: '%',
      activityId: '2.4.1',
      source: 'ВПР',
      direction: 'less',
      rule: 'mean',
    });
    expect(plan(share)).toEqual({ '': [15, 'less'], 2021: [20, 'less'], 2022: [15, 'exact'] });
    expect(schools).toMatchObject({ rule: 'latest', manualFacts: { 2021: 9 } });
    expect(plan(coverage)).toEqual({ '': [85, 'exact'] });
    expect(coverage.manualFacts).toEqual({ '': 90 });
  });

  it('warns about an unreadable plan and an unreadable fact at their cells', () => {
    expect(problems.map((p) => [p.cell, p.message])).toEqual([
      ['D5', 'Не удалось прочитать плановое значение «три» показателя «Семинары»: в ячейке нет числа.'],
      ['G5', 'Не удалось прочитать факт «много» показателя «Семинары»: в ячейке нет числа.'],
    ]);
  });
});

describe('indicatorProgress', () => {
  const TZ = 'Europe/Moscow';
  const base: Indicator = {
    row: 2,
    sheet: 'Показатели',
    name: 'Число семинаров',
    unit: '',
    activityId: '4.7',
    activity: '',
    section: '',
    source: '',
    planned: {},
    manualFacts: {},
    rule: 'sum',
    direction: 'more',
    planFromWording: false,
  };
  const value = (v: number, direction: 'more' | 'less' | 'exact', text = String(v), unit = '') => ({
    readable: true as const,
    value: v,
    unit,
    direction,
    presence: false,
    text,
  });
  let n = 0;
  const report = (
    school: string,
    fact: string,
    period: string,
    time = `2021-0${1 + (n % 8)}-10T09:00:00Z`,
    activityId = '4.7',
  ): Report => ({
    time: new Date(time),
    user: 'u@example.ru',
    school,
    activityId,
    period,
    status: 'Выполнено',
    fact,
    comment: '',
    link: '',
    key: `k${n++}`,
  });
  const progressOf = (ind: Indicator, reports: Report[]): IndicatorProgress[] =>
    indicatorProgress([ind], reports, { timeZone: TZ });
  const at = (rows: IndicatorProgress[], period: string): IndicatorProgress =>
    rows.find((r) => r.period === period) as IndicatorProgress;

  const more = { ...base, planned: { '2021': value(3, 'more', 'не менее 3') } };
  it.each([
    ['above', ['2', '2'], 4, 'достигнуто', 133.3],
    ['equal', ['2', '1'], 3, 'достигнуто', 100],
    ['below', ['1', '1'], 2, 'не достигнуто', 66.7],
  ] as const)(
    '«не менее 3», fact %s the plan (counts of two schools add up)',
    (_, facts, fact, status, percent) => {
      const rows = progressOf(more, [report('ШКОЛА1', facts[0], '2021'), report('ШКОЛА2', facts[1], '2021')]);
      expect(at(rows, '2021')).toMatchObject({
        planned: 3,
        fact,
        status,
        percent,
        factSource: 'отчёты',
        reports: 2,
        schools: 2,
      });
    },
  );

  const less = {
    ...base,
    name: 'Доля неуспевающих',
    unit: '%',
    rule: 'mean' as const,
    direction: 'less' as const,
    planned: { '2021': value(5, 'less', 'не более 5%', '%') },
  };
  it.each([
    ['above', '7%', 'не достигнуто', 71.4],
    ['equal', '5%', 'достигнуто', 100],
    ['below', '3%', 'достигнуто', 166.7],
  ] as const)('«не более 5%», fact %s the plan', (_, fact, status, percent) => {
    const rows = progressOf(less, [report('ШКОЛА1', fact, '2021-Q2')]);
    expect(at(rows, '2021')).toMatchObject({ planned: 5, status, percent });
  });

  it('averages percentages over schools, each school counting with its latest report', () => {
    const rows = progressOf(less, [
      report('ШКОЛА1', '10%', '2021-Q1', '2021-03-01T09:00:00Z'),
      report('ШКОЛА1', '4%', '2021-Q2', '2021-06-01T09:00:00Z'),
      report('ШКОЛА2', '8%', '2021-Q2', '2021-06-02T09:00:00Z'),
      report('ШКОЛА2', '5%', '2021-Q2', '2021-06-03T09:00:00Z'),
    ]);
    expect(at(rows, '2021')).toMatchObject({ fact: 4.5, status: 'достигнуто', schools: 2 });
  });

  it('counts a resubmitted report for the same period once (the latest)', () => {
    const rows = progressOf(more, [
      report('ШКОЛА1', '1', '2021', '2021-03-01T09:00:00Z'),
      report('ШКОЛА1', '3', '2021', '2021-04-01T09:00:00Z'),
    ]);
    expect(at(rows, '2021')).toMatchObject({ fact: 3, reports: 1, status: 'достигнуто' });
  });

  it('gives «нет данных» for a year without reports, and counts a report without a period in the year it was sent', () => {
    const perYear = {
      ...base,
      planned: {
        '': value(3, 'more', 'не менее 3'),
        '2020': value(1, 'exact'),
        '2021': value(1, 'exact'),
        '2022': value(1, 'exact'),
      },
    };
    const rows = progressOf(perYear, [
      report('ШКОЛА1', '2', '', '2021-12-31T22:30:00Z'),
      report('ШКОЛА1', '1', '2020-12'),
    ]);
    // 22:30 UTC on 31 December is already 1 January 2022 in Moscow.
    expect(rows.map((r) => [r.period, r.fact, r.status])).toEqual([
      ['2020', 1, 'достигнуто'],
      ['2021', null, 'нет данных'],
      ['2022', 2, 'достигнуто'],
      [WHOLE_PERIOD, 3, 'достигнуто'],
    ]);
    expect(at(rows, '2021').note).toMatch(/нет факта/);
  });

  it('prefers a hand-filled fact to reports, and ignores reports of other activities', () => {
    const ind = { ...more, manualFacts: { '2021': 5 } };
    const rows = progressOf(ind, [
      report('ШКОЛА1', '1', '2021'),
      report('ШКОЛА1', '9', '2021', undefined, '4.8'),
    ]);
    expect(at(rows, '2021')).toMatchObject({ fact: 5, factSource: 'вручную', status: 'достигнуто' });
    expect(at(progressOf(more, [report('ШКОЛА1', '9', '2021', undefined, '4.8')]), '2021').status).toBe(
      'нет данных',
    );
  });

  it('takes the latest answer for a yes/no indicator', () => {
    const presence = {
      ...base,
      rule: 'latest' as const,
      planned: { '': { ...value(1, 'more', 'наличие'), presence: true } },
    };
    const rows = progressOf(presence, [
      report('ШКОЛА1', 'да', '', '2021-02-01T09:00:00Z'),
      report('ШКОЛА2', 'нет', '', '2021-05-01T09:00:00Z'),
    ]);
    expect(at(rows, WHOLE_PERIOD)).toMatchObject({ fact: 0, status: 'не достигнуто' });
  });

  it('says «нет данных» when there is no plan', () => {
    const rows = progressOf(base, [report('ШКОЛА1', '2', '2021')]);
    expect(rows).toEqual([
      expect.objectContaining({
        period: WHOLE_PERIOD,
        planned: null,
        fact: 2,
        status: 'нет данных',
        note: 'нет планового значения',
      }),
    ]);
  });

  it('summarizes a year for the weekly summary', () => {
    const other = { ...more, name: 'Число конференций', activityId: '4.10' };
    const rows = indicatorProgress([more, other], [report('ШКОЛА1', '3', '2021')], { timeZone: TZ });
    const s = summarizeIndicators(rows, 2021);
    expect(s).toMatchObject({ achieved: 1, notAchieved: 0, noData: 1 });
    expect(s.lines[0]).toBe('Показатели 2021 года: достигнуто 1 из 2, не достигнуто 0, нет данных 1.');
  });
});
