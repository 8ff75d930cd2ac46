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
        message: 'Не удалось прочитать значение «медиана» параметра «Способ агрегации».',
      }),
    ]);
  });
});
