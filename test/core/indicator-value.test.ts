import {
  formatValue,
  meetsPlan,
  parseIndicatorValue,
  percentAchieved,
  type IndicatorValue,
} from '../../src/core/indicator-value';

function read(raw: unknown): IndicatorValue {
  const v = parseIndicatorValue(raw);
  if (!v.readable) throw new Error(`unreadable: ${String(raw)} (${v.reason})`);
  return v;
}

describe('parseIndicatorValue', () => {
  it.each([
    ['не менее 3', 3, '', 'more'],
    ['100%', 100, '%', 'exact'],
    ['до 15%', 15, '%', 'less'],
    ['не более 5 %', 5, '%', 'less'],
    ['1,5', 1.5, '', 'exact'],
    ['10 шт.', 10, 'шт.', 'exact'],
    ['1', 1, '', 'exact'],
    ['не менее 1', 1, '', 'more'],
    ['100% ОО', 100, '%', 'exact'],
    ['не менее 1 раза в год', 1, 'раза в год', 'more'],
    ['от 2', 2, '', 'more'],
    ['3 и более', 3, '', 'more'],
    ['не ниже 75%', 75, '%', 'more'],
    ['менее 10 %', 10, '%', 'less'],
    ['1 000 чел.', 1000, 'чел.', 'exact'],
    ['снижение доли до 5%', 5, '%', 'less'],
  ] as const)('«%s» → %s %s, %s', (text, value, unit, direction) => {
    const v = read(text);
    expect([v.value, v.unit, v.direction]).toEqual([value, unit, direction]);
    expect(v.text).toBe(text);
  });

  it('reads «снижение на 10%» as a reduction of at least 10 percent', () => {
    expect(read('снижение на 10%')).toMatchObject({
      value: 10,
      unit: '%',
      direction: 'more',
      change: 'decrease',
    });
    expect(read('увеличение на 2 школы')).toMatchObject({ value: 2, direction: 'more', change: 'increase' });
  });

  it('reads «—» and a blank cell as no value, not as an error', () => {
    for (const blank of ['—', '-', '–', '', '   ', null, undefined]) {
      expect(read(blank)).toMatchObject({ value: null, direction: 'exact' });
    }
  });

  it('takes numbers from cells as they are', () => {
    expect(read(12)).toMatchObject({ value: 12, unit: '', direction: 'exact' });
    expect(read(0.5).value).toBe(0.5);
  });

  it('reads yes/no indicators', () => {
    expect(read('наличие региональных методических команд')).toMatchObject({
      value: 1,
      presence: true,
      direction: 'more',
    });
    expect(read('да')).toMatchObject({ value: 1, presence: true });
    expect(read('отсутствие ОО в списке школ с необъективной оценкой')).toMatchObject({
      value: 0,
      presence: true,
      direction: 'less',
    });
    expect(read(true)).toMatchObject({ value: 1, presence: true });
  });

  it('keeps a year named in the text apart from the value', () => {
    expect(read('включение в проект 100% ПРШ до 2023 года')).toMatchObject({
      value: 100,
      unit: '%',
      year: '2023',
    });
    expect(read('переход в 2021 году 3-х школ')).toMatchObject({ value: 3, unit: 'школ', year: '2021' });
  });

  it('reads «с 33,3% … до 44,4%» as a rise to 44,4%', () => {
    expect(read('с 33,3% от общего числа директоров школ до 44,4%')).toMatchObject({
      value: 44.4,
      unit: '%',
      direction: 'more',
      from: 33.3,
    });
  });

  it('calls text without a number, or with two numbers, unreadable and says why', () => {
    const noNumber = parseIndicatorValue('Приказ начальника УО');
    expect(noNumber).toEqual({ readable: false, text: 'Приказ начальника УО', reason: 'в ячейке нет числа' });
    const two = parseIndicatorValue('1; 10');
    expect(two.readable).toBe(false);
    expect(two.readable ? '' : two.reason).toMatch(/несколько чисел \(1; 10\)/);
  });
});

describe('meetsPlan and percentAchieved', () => {
  it('«more»: a fact above or equal to the plan meets it, below does not', () => {
    expect(meetsPlan(3, 4, 'more')).toBe(true);
    expect(meetsPlan(3, 3, 'more')).toBe(true);
    expect(meetsPlan(3, 2, 'more')).toBe(false);
    expect([
      percentAchieved(3, 4, 'more'),
      percentAchieved(3, 3, 'more'),
      percentAchieved(3, 2, 'more'),
    ]).toEqual([133.3, 100, 66.7]);
  });

  it('«less»: «не более 5%» is met by 3% and by 5%, not by 7%', () => {
    expect(meetsPlan(5, 3, 'less')).toBe(true);
    expect(meetsPlan(5, 5, 'less')).toBe(true);
    expect(meetsPlan(5, 7, 'less')).toBe(false);
    expect([
      percentAchieved(5, 3, 'less'),
      percentAchieved(5, 5, 'less'),
      percentAchieved(5, 7, 'less'),
    ]).toEqual([166.7, 100, 71.4]);
    expect(percentAchieved(0, 0, 'less')).toBe(100);
  });

  it('a plain target counts as met when reached or exceeded', () => {
    expect(meetsPlan(10, 10, 'exact')).toBe(true);
    expect(meetsPlan(10, 11, 'exact')).toBe(true);
    expect(meetsPlan(10, 9, 'exact')).toBe(false);
    expect(meetsPlan(0.3, 0.1 + 0.2, 'exact')).toBe(true);
  });
});

describe('formatValue', () => {
  it('writes a value back compactly', () => {
    expect(formatValue(read('с 33,3% от общего числа директоров школ до 44,4%'))).toBe('не менее 44,4%');
    expect(formatValue(read('в 100% ПРШ проводится комплексный анализ'))).toBe('100%');
    expect(formatValue(read('не более 5 %'))).toBe('не более 5%');
    expect(formatValue(read('10 шт.'))).toBe('10 шт.');
    expect(formatValue(read('отсутствие ОО в списке'))).toBe('отсутствие');
    expect(formatValue(read('—'))).toBe('');
  });
});
