import { readSettings } from '../../src/core/settings';

const period = (value: unknown, timeZone: string): { start: string; end: string } => {
  const { settings, problems } = readSettings(
    [
      ['Начало периода', value as Date],
      ['Конец периода', value as Date],
    ],
    timeZone,
    2026,
  );
  expect(problems).toEqual([]);
  return { start: settings.periodStart, end: settings.periodEnd };
};

describe('period dates typed into Настройки', () => {
  it('are the calendar day the cell shows in the spreadsheet zone, whatever the machine zone', () => {
    // Sheets gives a typed 01.01.2021 as midnight of that day in the spreadsheet's zone.
    expect(period(new Date('2020-12-31T21:00:00Z'), 'Europe/Moscow').start).toBe('2021-01-01');
    expect(period(new Date('2020-12-31T12:00:00Z'), 'Asia/Kamchatka').start).toBe('2021-01-01');
    expect(period(new Date('2021-01-01T08:00:00Z'), 'America/Los_Angeles').start).toBe('2021-01-01');
    expect(period(new Date('2023-12-31T00:00:00Z'), 'UTC').end).toBe('2023-12-31');
  });

  it('read a year as its first or last day, and «31.12.2023» typed as text', () => {
    expect(period(2021, 'Europe/Moscow')).toEqual({ start: '2021-01-01', end: '2021-12-31' });
    expect(period('2022 г.', 'Europe/Moscow')).toEqual({ start: '2022-01-01', end: '2022-12-31' });
    expect(period('31.12.2023', 'Europe/Moscow')).toEqual({ start: '2023-12-31', end: '2023-12-31' });
  });

  it('warn at the cell and keep the default when the value is not a date', () => {
    const { settings, problems } = readSettings([['Начало периода', 'скоро']], 'Europe/Moscow', 2026);
    expect(settings.periodStart).toBe('2026-01-01');
    expect(problems.map((p) => p.cell)).toEqual(['B1']);
  });
});

const read = (rows: string[][]) => readSettings([['Параметр', 'Значение'], ...rows], 'Europe/Moscow', 2024);

describe('readSettings: risk profile settings of issue 17', () => {
  it('defaults to «все ответы» and a 10-minute window for repeated submissions', () => {
    const { settings } = read([]);
    expect([settings.aggregation, settings.duplicateWindowMinutes]).toEqual(['все ответы', 10]);
  });

  it('reads «Способ агрегации» and «Окно повторных ответов, мин»', () => {
    const { settings, problems } = read([
      ['Способ агрегации', 'По  вопросам'],
      ['Окно повторных ответов, мин', '0'],
    ]);
    expect(problems).toEqual([]);
    expect([settings.aggregation, settings.duplicateWindowMinutes]).toEqual(['по вопросам', 0]);
  });

  it('keeps the default and warns at the cell for an unknown way of aggregating', () => {
    const { settings, problems } = read([['Способ агрегации', 'медиана']]);
    expect(settings.aggregation).toBe('все ответы');
    expect(problems).toEqual([
      expect.objectContaining({
        cell: 'B2',
        message: 'Значение «медиана» параметра «Способ агрегации» нельзя использовать: такого способа нет.',
      }),
    ]);
  });
});

describe('readSettings: values a coordinator types, and values that cannot be used', () => {
  const one = (name: string, value: unknown): ReturnType<typeof readSettings> =>
    readSettings(
      [
        ['Параметр', 'Значение'],
        [name, value as string],
      ],
      'Europe/Moscow',
      2024,
    );

  it('an impossible period date is an error at its cell, never moved to another day', () => {
    const { settings, problems } = one('Начало периода', '31.02.2024');
    expect(settings.periodStart).toBe('2024-01-01');
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'ошибка',
        cell: 'B2',
        message: expect.stringContaining('31.02.2024') as string,
      }),
    ]);
    expect(problems[0]?.message).toContain('в феврале 2024 года 29 дней');
    expect(problems[0]?.fix).toContain('01.09.2024');
  });

  it('reads the hour as «8», «08:00» or a time cell, and warns at the cell for 25', () => {
    for (const v of ['8', '08:00', '8:00', 8]) expect(one('Час рассылки', v).settings.reminderHour).toBe(8);
    expect(one('Час рассылки', '08:00').problems).toEqual([]);
    // A time typed into Sheets or Excel is a Date on 30.12.1899 at that time in the spreadsheet zone
    // (Moscow was then UTC+2:30:17).
    const time = new Date(Date.UTC(1899, 11, 30, 5, 29, 43));
    expect(one('Час рассылки', time).settings.reminderHour).toBe(8);
    const { settings, problems } = one('Час рассылки', 25);
    expect(settings.reminderHour).toBe(8);
    expect(problems).toEqual([expect.objectContaining({ severity: 'предупреждение', cell: 'B2' })]);
    expect(problems[0]?.message).toContain('«25»');
    expect(problems[0]?.fix).toContain('от 0 до 23');
    expect(problems[0]?.fix).toContain('значение по умолчанию: 8');
  });

  it('reads the weekday as «пт», «пятница», «Пятница», «5», and warns for «8» or «пятничная»', () => {
    for (const v of ['пт', 'пт.', 'пятница', 'Пятница', 'ПТ', '5', 5]) {
      const { settings, problems } = one('День недельной сводки', v);
      expect([String(v), settings.summaryWeekday, problems]).toEqual([String(v), 5, []]);
    }
    for (const v of ['8', 'праздник', '1.5']) {
      const { settings, problems } = one('День недельной сводки', v);
      expect(settings.summaryWeekday).toBe(1);
      expect(problems.map((p) => p.cell)).toEqual(['B2']);
      expect(problems[0]?.fix).toContain('пятница');
    }
  });

  it('reads thresholds as «60%», «0,6» or 0.6, and warns for 60', () => {
    for (const v of ['60%', '60 %', '0,6', 0.6]) {
      const { settings, problems } = one('Порог высокого риска', v);
      expect([settings.highRiskFrom, problems]).toEqual([0.6, []]);
    }
    const { settings, problems } = one('Порог высокого риска', 60);
    expect(settings.highRiskFrom).toBe(0.6);
    expect(problems.map((p) => p.cell)).toEqual(['B2']);
    expect(problems[0]?.fix).toContain('60%');
  });

  it('warns for counts that are not whole non-negative numbers', () => {
    for (const [name, v] of [
      ['Дней до срока', 'семь'],
      ['Дней до срока', '-3'],
      ['Минимум респондентов', '2.5'],
      ['Бюджет времени, сек', '0'],
    ] as const) {
      const { problems } = one(name, v);
      expect([name, v, problems.map((p) => p.cell)]).toEqual([name, v, ['B2']]);
    }
    expect(one('Дней до срока', '10').settings.soonDays).toBe(10);
  });

  it('warns about words in «Координаторы» that are not email addresses, keeping the addresses', () => {
    const { settings, problems } = one('Координаторы', 'coord@chara.ru, Иванова');
    expect(settings.coordinators).toEqual(['coord@chara.ru']);
    expect(problems).toEqual([expect.objectContaining({ cell: 'B2' })]);
    expect(problems[0]?.message).toContain('«Иванова»');
  });

  it('an end of the period before its start is an error at the end\u2019s cell; one typed side moves the other', () => {
    const both = readSettings(
      [
        ['Начало периода', '2025'],
        ['Конец периода', '2024'],
      ],
      'Europe/Moscow',
      2026,
    );
    expect(both.problems).toEqual([
      expect.objectContaining({
        severity: 'ошибка',
        cell: 'B2',
        message:
          'Значение «2024» параметра «Конец периода» нельзя использовать: конец периода (31.12.2024) раньше начала (01.01.2025).',
      }),
    ]);
    const onlyStart = readSettings([['Начало периода', '2027']], 'Europe/Moscow', 2026);
    expect([onlyStart.settings.periodStart, onlyStart.settings.periodEnd, onlyStart.problems]).toEqual([
      '2027-01-01',
      '2027-12-31',
      [],
    ]);
  });

  it('a medium-risk threshold not below the high one is a warning at the cell typed, and the defaults stay', () => {
    const { settings, problems } = readSettings(
      [
        ['Порог среднего риска', '0,7'],
        ['Порог высокого риска', '50%'],
      ],
      'Europe/Moscow',
      2026,
    );
    expect([settings.mediumRiskFrom, settings.highRiskFrom]).toEqual([0.35, 0.6]);
    const why = 'нельзя использовать: порог среднего риска (0,7) должен быть ниже порога высокого (0,5).';
    expect(problems.map((p) => [p.cell, p.message])).toEqual([
      ['B2', `Значение «50%» параметра «Порог высокого риска» ${why}`],
      ['B1', `Значение «0,7» параметра «Порог среднего риска» ${why}`],
    ]);
    const onlyMedium = readSettings([['Порог среднего риска', '0,7']], 'Europe/Moscow', 2026);
    expect(onlyMedium.problems.map((p) => p.cell)).toEqual(['B1']);
    expect(onlyMedium.settings.mediumRiskFrom).toBe(0.35);
  });
});
