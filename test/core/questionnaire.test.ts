import { readQuestionnaire } from '../../src/core/questionnaire';
import {
  DEFAULT_FACTORS,
  defaultQuestionnaireRows,
  questionnaireHeader,
  questionnaireHeaderRows,
  QUESTIONS_HEADER,
} from '../../src/core/risk-catalog';

describe('the default Анкета', () => {
  const grid = [questionnaireHeader, ...defaultQuestionnaireRows()];

  it('reads back as the default catalogue and questions without problems', () => {
    const q = readQuestionnaire(grid);
    expect(q.problems).toEqual([]);
    expect(q.factors.map((f) => f.code)).toEqual(DEFAULT_FACTORS.map((f) => f.code));
    expect(q.factors[1]).toEqual({
      code: 'R02',
      name: 'Дефицит педагогических кадров',
      keywords: ['дефицит кадр', 'кадр', 'ваканс', 'укомплектован'],
    });
    expect(q.questions).toHaveLength(30);
    for (const f of q.factors) {
      const qs = q.questions.filter((x) => x.factor === f.code);
      expect(qs.length).toBeGreaterThanOrEqual(3);
    }
    const kinds = new Set(q.questions.map((x) => x.scale.kind));
    expect(kinds).toEqual(new Set(['range', 'yesno', 'options']));
    expect(q.questions.some((x) => x.reversed)).toBe(true);
    expect(q.questions.find((x) => x.header === 'Мне интересно учиться')).toMatchObject({
      roles: ['ученик'],
      weight: 2,
      reversed: true,
    });
  });

  it('has every row as wide as the header and its block headers where it says', () => {
    for (const row of grid) expect(row).toHaveLength(questionnaireHeader.length);
    const [factorsRow, questionsRow] = questionnaireHeaderRows() as [number, number];
    expect(grid[factorsRow - 1]?.[0]).toBe('Код');
    expect(grid[questionsRow - 1]).toEqual([...QUESTIONS_HEADER]);
  });
});

describe('readQuestionnaire', () => {
  it('accepts a replaced catalogue and finds block columns by title', () => {
    const q = readQuestionnaire([
      ['Код', 'Фактор'],
      ['Д', 'Низкий уровень дисциплины в классе'],
      [],
      ['Вопрос', 'Вес', 'Код фактора'],
      ['На уроках шумно', '2', 'д'],
    ]);
    expect(q.problems).toEqual([]);
    expect(q.factors).toEqual([{ code: 'Д', name: 'Низкий уровень дисциплины в классе', keywords: [] }]);
    expect(q.questions).toEqual([
      expect.objectContaining({
        header: 'На уроках шумно',
        factor: 'Д',
        weight: 2,
        reversed: false,
        roles: ['директор', 'учитель', 'ученик', 'родитель'],
        row: 5,
      }),
    ]);
  });

  it('reports bad rows at their cells and leaves them out', () => {
    const q = readQuestionnaire([
      ['Код', 'Фактор', 'Ключевые слова'],
      ['R01', 'Оснащение', 'оснащ'],
      ['R01', 'Повтор', ''],
      [],
      [...QUESTIONS_HEADER],
      ['Вопрос 1', 'R99', '', '1-5', 1, 'нет'],
      ['Вопрос 2', 'R01', 'завхоз', '1-5', 1, 'нет'],
      ['Вопрос 3', 'R01', '', 'как-нибудь', 1, 'нет'],
      ['Вопрос 4', 'R01', '', '1-5', 'много', 'наоборот'],
      ['Вопрос 4', 'R01', '', '1-5', 1, 'нет'],
    ]);
    expect(q.problems.map((p) => [p.cell, p.severity])).toEqual([
      ['A3', 'ошибка'],
      ['B6', 'ошибка'],
      ['C7', 'ошибка'],
      ['D8', 'ошибка'],
      ['E9', 'предупреждение'],
      ['F9', 'предупреждение'],
      ['A10', 'ошибка'],
    ]);
    expect(q.problems[1]?.message).toContain('R99');
    expect(q.questions).toEqual([
      expect.objectContaining({ header: 'Вопрос 4', weight: 1, reversed: false }),
    ]);
  });

  it('says when a block is missing', () => {
    const q = readQuestionnaire([['Что-то другое']]);
    expect(q.problems.map((p) => p.cell)).toEqual(['A1', 'A1']);
    expect(q.problems[0]?.message).toContain('нет блока факторов');
  });
});
