import { periodKeyOf, periodLabel, periodOfKey, missedLabel, missedReports } from '../../src/core/periods';
import { count, countGenitive, daysLeft, NOUNS, plural } from '../../src/core/plural';

/** ICU's Russian plural rules (CLDR), independent of our arithmetic: one / few / many. */
const icu = new Intl.PluralRules('ru');
const FORM_OF = { one: 0, few: 1, many: 2 } as Record<string, number>;

describe('plural: the one Russian pluralisation helper', () => {
  it('agrees with CLDR for every number from 0 to 200', () => {
    for (let n = 0; n <= 200; n++) {
      const expected = NOUNS.activity[FORM_OF[icu.select(n)] ?? -1];
      expect([n, plural(n, NOUNS.activity)]).toEqual([n, expected]);
    }
  });

  it.each([
    [0, '0 мероприятий', '0 дней'],
    [1, '1 мероприятие', '1 день'],
    [2, '2 мероприятия', '2 дня'],
    [4, '4 мероприятия', '4 дня'],
    [5, '5 мероприятий', '5 дней'],
    [11, '11 мероприятий', '11 дней'],
    [12, '12 мероприятий', '12 дней'],
    [14, '14 мероприятий', '14 дней'],
    [21, '21 мероприятие', '21 день'],
    [22, '22 мероприятия', '22 дня'],
    [25, '25 мероприятий', '25 дней'],
    [101, '101 мероприятие', '101 день'],
    [111, '111 мероприятий', '111 дней'],
    [112, '112 мероприятий', '112 дней'],
    [122, '122 мероприятия', '122 дня'],
  ])('%i → «%s», «%s»', (n, activities, days) => {
    expect(count(n, NOUNS.activity)).toBe(activities);
    expect(count(n, NOUNS.day)).toBe(days);
  });

  it('takes the genitive after «более», «у», «в течение»', () => {
    expect([1, 2, 5, 11, 21, 22].map((n) => countGenitive(n, NOUNS.day))).toEqual([
      '1 дня',
      '2 дней',
      '5 дней',
      '11 дней',
      '21 дня',
      '22 дней',
    ]);
    // «раз» has one form for 1 and 5: the genitive singular still differs («более 1 раза»).
    expect([1, 5, 21].map((n) => countGenitive(n, NOUNS.times))).toEqual(['1 раза', '5 раз', '21 раза']);
  });

  it('makes the verb agree in «осталось N дней»', () => {
    expect([1, 2, 5, 11, 21, 22].map(daysLeft)).toEqual([
      'остался 1 день',
      'осталось 2 дня',
      'осталось 5 дней',
      'осталось 11 дней',
      'остался 21 день',
      'осталось 22 дня',
    ]);
  });

  it('reads a fraction as the genitive singular («1,5 дня»)', () => {
    expect(plural(1.5, NOUNS.day)).toBe('дня');
  });
});

describe('period labels in the case of their sentence', () => {
  const p = (key: string): NonNullable<ReturnType<typeof periodOfKey>> => periodOfKey(key)!;
  it.each([
    ['2021-W01', 'неделя 04.01–10.01.2021', 'неделю 04.01–10.01.2021', 'недели 04.01–10.01.2021'],
    ['2021-01', 'январь 2021', 'январь 2021', 'января 2021'],
    ['2021-05', 'май 2021', 'май 2021', 'мая 2021'],
    ['2021-Q2', 'II квартал 2021', 'II квартал 2021', 'II квартала 2021'],
    ['2021-H1', 'I полугодие 2021', 'I полугодие 2021', 'I полугодия 2021'],
    ['2021', '2021 год', '2021 год', '2021 года'],
    ['2021-11-25', '25.11.2021', '25.11.2021', '25.11.2021'],
  ])('%s: «%s», «за %s», «с %s»', (key, nom, acc, gen) => {
    expect(periodLabel(p(key))).toBe(nom);
    expect(periodLabel(p(key), 'acc')).toBe(acc);
    expect(periodLabel(p(key), 'gen')).toBe(gen);
    // What a person types back is still read as the same period (the form stores these labels in «Отчёты»).
    expect(periodKeyOf(nom)).toBe(key);
  });

  it('names one missing period after «за», and many with their count, the oldest and the latest', () => {
    const week = { count: 1, first: p('2021-W01'), last: p('2021-W01') };
    expect(missedReports(week)).toBe('нет отчёта за неделю 04.01–10.01.2021');
    expect(missedLabel(week)).toBe('неделя 04.01–10.01.2021');
    const weeks = { count: 62, first: p('2021-W01'), last: p('2022-W10') };
    expect(missedReports(weeks)).toBe(
      'нет отчётов за 62 недели (с недели 04.01–10.01.2021 по неделю 07.03–13.03.2022)',
    );
    expect(missedLabel(weeks)).toBe('неделя 04.01–10.01.2021 и ещё 61 неделя');
    const months = { count: 3, first: p('2021-01'), last: p('2021-03') };
    expect(missedReports(months)).toBe('нет отчётов за 3 месяца (с января 2021 по март 2021)');
    expect(missedReports({ count: 21, first: p('2021-W01'), last: p('2021-W21') })).toContain('за 21 неделю');
    expect(missedReports({ count: 2, first: p('2021-Q1'), last: p('2021-Q2') })).toBe(
      'нет отчётов за 2 квартала (с I квартала 2021 по II квартал 2021)',
    );
  });
});
