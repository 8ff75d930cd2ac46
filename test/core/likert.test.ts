import { agreement, answerReader, BLANK, parseRole, parseRoles, parseScale } from '../../src/core/likert';

describe('parseScale', () => {
  it('reads ranges in the ways people write them', () => {
    for (const t of ['1-5', '1–5', '1 — 5', 'от 1 до 5', '1..5'])
      expect(parseScale(t)).toEqual({ kind: 'range', min: 1, max: 5 });
    expect(parseScale('0-10')).toEqual({ kind: 'range', min: 0, max: 10 });
    expect(parseScale('')).toEqual({ kind: 'range', min: 1, max: 5 });
  });
  it('reads yes/no and options with scores', () => {
    expect(parseScale('Да/Нет')).toEqual({ kind: 'yesno' });
    expect(parseScale('Никогда=0; Редко=1; Часто: 2\nВсегда (3)')).toEqual({
      kind: 'options',
      options: [
        { text: 'никогда', score: 0 },
        { text: 'редко', score: 1 },
        { text: 'часто', score: 2 },
        { text: 'всегда', score: 3 },
      ],
    });
    expect(parseScale('Менее 5%=0; 5–15%=1; Более 30%=2')?.kind).toBe('options');
  });
  it('refuses what it cannot read', () => {
    expect(parseScale('5-1')).toBeUndefined();
    expect(parseScale('оценка')).toBeUndefined();
    expect(parseScale('А=1; Б=1')).toBeUndefined();
  });
});

describe('roles', () => {
  it.each([
    ['Учитель', 'учитель'],
    ['Педагог', 'учитель'],
    ['Классный руководитель', 'учитель'],
    ['Директор', 'директор'],
    ['Руководитель ОО', 'директор'],
    ['Заместитель директора', 'директор'],
    ['Обучающийся', 'ученик'],
    ['ученица', 'ученик'],
    ['Учащийся 9 класса', 'ученик'],
    ['Родитель (законный представитель)', 'родитель'],
  ])('«%s» → %s', (text, role) => expect(parseRole(text)).toBe(role));
  it('leaves unknown roles undefined', () => {
    expect(parseRole('Гость')).toBeUndefined();
    expect(parseRole('')).toBeUndefined();
  });
  it('reads a roles cell, empty meaning all', () => {
    expect(parseRoles('учитель, родитель')).toEqual({ roles: ['учитель', 'родитель'], unknown: [] });
    expect(parseRoles('').roles).toHaveLength(4);
    expect(parseRoles('учитель, завхоз').unknown).toEqual(['завхоз']);
  });
});

describe('answers → risk values', () => {
  const likert = answerReader({ kind: 'range', min: 1, max: 5 }, false);
  const reversed = answerReader({ kind: 'range', min: 1, max: 5 }, true);

  it('places numbers in the range, as numbers or text', () => {
    expect([1, 2, 3, 4, 5].map(likert)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(likert('4')).toBe(0.75);
    expect(likert('4 — скорее согласен')).toBe(0.75);
    expect(answerReader({ kind: 'range', min: 0, max: 10 }, false)(7)).toBeCloseTo(0.7);
  });

  it('reads the text Likert answers of Google Forms', () => {
    expect(likert('Полностью согласен')).toBe(1);
    expect(likert('Скорее согласен')).toBe(0.75);
    expect(likert('Затрудняюсь ответить')).toBe(0.5);
    expect(likert('Скорее не согласен')).toBe(0.25);
    expect(likert('Совсем не согласен')).toBe(0);
    expect(likert('  полностью СОГЛАСНА ')).toBe(1);
    expect(likert('Не согласен')).toBe(0.25);
  });

  it('turns reversed scales over', () => {
    expect(reversed(5)).toBe(0);
    expect(reversed(1)).toBe(1);
    expect(reversed('Полностью согласен')).toBe(0);
    expect(reversed('Скорее не согласен')).toBe(0.75);
  });

  it('reads yes/no, reversed too', () => {
    const yn = answerReader({ kind: 'yesno' }, false);
    expect([yn('Да'), yn('нет'), yn(true), yn(false)]).toEqual([1, 0, 1, 0]);
    expect(answerReader({ kind: 'yesno' }, true)('Да')).toBe(0);
  });

  it('scores options relative to their lowest and highest score', () => {
    const scale = parseScale('Никогда=0; Редко=1; Иногда=2; Часто=3');
    if (!scale) throw new Error('scale');
    const read = answerReader(scale, false);
    expect(read('Никогда')).toBe(0);
    expect(read('Иногда')).toBeCloseTo(2 / 3);
    expect(read('часто')).toBe(1);
    expect(answerReader(scale, true)('Часто')).toBe(0);
  });

  it('tells blanks from unreadable answers', () => {
    expect(likert('')).toBe(BLANK);
    expect(likert(null)).toBe(BLANK);
    expect(likert('   ')).toBe(BLANK);
    expect(likert(7)).toBeNaN();
    expect(likert('может быть')).toBeNaN();
    expect(answerReader(parseScale('А=0; Б=1') ?? { kind: 'yesno' }, false)('В')).toBeNaN();
  });

  it('knows frequency words', () => {
    expect(['Никогда', 'Редко', 'Иногда', 'Часто', 'Всегда'].map(agreement)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});
