import { readSettings } from '../../src/core/settings';

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
