import type { CellValue } from '../../src/core/grid';
import {
  buildProfiles,
  LEVEL,
  riskLevel,
  shownLevel,
  shownScore,
  type ProfileInput,
} from '../../src/core/risk';
import { parseScale } from '../../src/core/likert';
import type { Question, RiskFactor, Scale } from '../../src/core/risk-catalog';
import type { School } from '../../src/core/schools';

const thresholds = { mediumRiskFrom: 0.35, highRiskFrom: 0.6 };

describe('riskLevel', () => {
  it('gives the edges to the higher level', () => {
    expect(riskLevel(0.35, thresholds)).toBe('средний');
    expect(riskLevel(0.6, thresholds)).toBe('высокий');
    expect(riskLevel(0.3499, thresholds)).toBe('низкий');
    expect(riskLevel(0.5999, thresholds)).toBe('средний');
    expect(riskLevel(0, thresholds)).toBe('низкий');
    expect(riskLevel(1, thresholds)).toBe('высокий');
  });
  it('keeps a computed mean that prints as the threshold at the higher level', () => {
    expect((0.25 + 0.1 + 0.7) / 3).toBeLessThan(0.35); // 0.3499999999999999 in floating point
    expect(riskLevel((0.25 + 0.1 + 0.7) / 3, thresholds)).toBe('средний');
  });
  it('never shows a score on one side of a threshold with the level of the other (sweep around 0.35 and 0.6)', () => {
    const shownText = (x: number): string => String(shownScore(x, thresholds)).replace('.', ',');
    // What a curator reads: the shown score against «средний от 0,35, высокий от 0,6».
    const readLevel = (text: string): string => {
      const x = Number(text.replace(',', '.'));
      return x >= 0.6 ? 'высокий' : x >= 0.35 ? 'средний' : 'низкий';
    };
    let checked = 0;
    for (const centre of [0.35, 0.6]) {
      for (let i = -20000; i <= 20000; i++) {
        const score = centre + i * 1e-6;
        expect(shownLevel(score, thresholds)).toBe(readLevel(shownText(score)));
        checked++;
      }
      // Means computed in floating point land a hair below a threshold they print as.
      for (const [a, b, c] of [
        [0.25, 0.1, 0.7],
        [0.2, 0.2, 1.4],
        [0.1, 0.7, 1],
      ]) {
        const mean = (a + b + c) / 3;
        expect(shownLevel(mean, thresholds)).toBe(readLevel(shownText(mean)));
      }
    }
    expect(checked).toBe(80002);
    expect(shownText(0.5951)).toBe('0,6');
    expect(shownLevel(0.5951, thresholds)).toBe('высокий');
    expect(shownLevel(0.3449, thresholds)).toBe('низкий');
  });
  it('shows as many places as a threshold has, so a finer threshold is not rounded away', () => {
    const fine = { mediumRiskFrom: 0.355, highRiskFrom: 0.6 };
    expect(shownScore(0.3549, fine)).toBe(0.355);
    expect(shownLevel(0.3549, fine)).toBe('средний');
    expect(shownScore(0.3544, fine)).toBe(0.354);
    expect(shownLevel(0.3544, fine)).toBe('низкий');
  });
  it('follows thresholds from Настройки', () => {
    expect(riskLevel(0.5, { mediumRiskFrom: 0.2, highRiskFrom: 0.5 })).toBe('высокий');
  });
});

const factors: RiskFactor[] = [
  { code: 'F1', name: 'Мотивация', keywords: [] },
  { code: 'F2', name: 'Родители', keywords: [] },
];
const school = (code: string, shortName: string, row: number): School => ({
  code,
  fullName: `МОУ ${shortName}`,
  shortName,
  reporters: [],
  curators: [],
  row,
});
const schools = [school('S1', 'Чарская СОШ №1', 2), school('S2', 'Новочарская СОШ №2', 3)];
const range: Scale = { kind: 'range', min: 1, max: 5 };
const q = (header: string, factor: string, extra: Partial<Question> = {}): Question => ({
  header,
  factor,
  roles: ['директор', 'учитель', 'ученик', 'родитель'],
  scale: range,
  weight: 1,
  reversed: false,
  row: 1,
  ...extra,
});

function run(questions: Question[], header: string[], rows: CellValue[][], minRespondents = 1) {
  const input: ProfileInput = {
    responses: [
      ['Отметка времени', 'Школа', 'Роль', ...header],
      ...rows.map((r) => [new Date(2024, 0, 1), ...r]),
    ],
    questionnaire: { factors, questions },
    schools,
    settings: { ...thresholds, minRespondents },
  };
  return buildProfiles(input);
}

describe('buildProfiles', () => {
  it('reads text Likert answers and turns reversed scales over', () => {
    const p = run(
      [q('Мне интересно учиться', 'F1', { reversed: true })],
      ['Мне интересно учиться'],
      [
        ['Чарская СОШ №1', 'Ученик', 'Полностью согласен'],
        ['Чарская СОШ №1', 'Ученик', 'Скорее согласен'],
        ['Чарская СОШ №1', 'Ученик', 2],
      ],
    );
    // risks 0, 0.25, 0.75 → 1/3
    expect(p.schools[0]?.cells[0]?.score).toBeCloseTo(1 / 3);
    expect(p.schools[0]?.cells[0]?.level).toBe('низкий');
  });

  it('weighs answers by the question weight', () => {
    const p = run(
      [q('A', 'F1', { weight: 3 }), q('B', 'F1', { weight: 1 })],
      ['A', 'B'],
      [['S1', 'учитель', 5, 1]],
    );
    // (3·1 + 1·0) / 4
    expect(p.schools[0]?.cells[0]?.score).toBeCloseTo(0.75);
    expect(p.schools[0]?.cells[0]?.level).toBe('высокий');
  });

  it('counts only the roles a question is for, and respondents per role', () => {
    const p = run(
      [q('Родители участвуют', 'F2', { roles: ['учитель', 'директор'] })],
      ['Родители участвуют'],
      [
        ['S1', 'Учитель', 5],
        ['S1', 'Директор', 4],
        ['S1', 'Ученик', 1],
        ['S1', 'Родитель', 1],
      ],
    );
    const cell = p.schools[0]?.cells[1];
    expect(cell?.score).toBeCloseTo(0.875);
    expect(cell?.respondents).toBe(2);
    expect(cell?.byRole).toEqual({ директор: 1, учитель: 1, ученик: 0, родитель: 0 });
    expect(p.schools[0]?.byRole).toEqual({ директор: 1, учитель: 1, ученик: 1, родитель: 1 });
  });

  it('scores option lists and yes/no', () => {
    const opts = parseScale('Почти все=0; Половина=1; Единицы=2') as Scale;
    const p = run(
      [
        q('Собрания', 'F2', { scale: opts }),
        q('Есть совет родителей', 'F2', { scale: { kind: 'yesno' }, reversed: true }),
      ],
      ['Собрания', 'Есть совет родителей'],
      [['S2', 'директор', 'Половина', 'Нет']],
    );
    expect(p.schools[1]?.cells[1]?.score).toBeCloseTo(0.75);
  });

  it('puts scores exactly on the thresholds at the higher level', () => {
    const p = run(
      [q('A', 'F1', { scale: { kind: 'range', min: 0, max: 20 } })],
      ['A'],
      [
        ['S1', 'учитель', 7],
        ['S2', 'учитель', 12],
      ],
    );
    expect(p.schools.map((s) => s.cells[0]?.score)).toEqual([0.35, 0.6]);
    expect(p.schools.map((s) => s.cells[0]?.level)).toEqual(['средний', 'высокий']);
  });

  it('gives a cell the level of its score as shown: 0.597 reads «0,6» and is высокий', () => {
    const p = run(
      [q('A', 'F1', { scale: { kind: 'range', min: 0, max: 1000 } })],
      ['A'],
      [
        ['S1', 'учитель', 597],
        ['S2', 'учитель', 344],
      ],
    );
    expect(p.schools.map((s) => s.cells[0]?.level)).toEqual(['высокий', 'низкий']);
  });

  it('says «недостаточно данных» below the minimum of respondents, whatever the score', () => {
    const rows = [
      ['S1', 'учитель', 5],
      ['S1', 'учитель', 5],
      ['S2', 'учитель', 5],
      ['S2', 'учитель', 5],
      ['S2', 'родитель', 5],
    ];
    const p = run([q('A', 'F1')], ['A'], rows, 3);
    expect(p.schools.map((s) => s.cells[0]?.level)).toEqual([LEVEL.noData, LEVEL.high]);
    expect(p.schools[0]?.cells[0]?.score).toBe(1);
    expect(p.schools.map((s) => s.cells[1]?.level)).toEqual([LEVEL.noData, LEVEL.noData]);
    expect(p.schools[0]?.cells[1]?.score).toBeNull();
  });

  it('summarises the district per factor and counts each school’s high and medium risks', () => {
    const p = run(
      [q('A', 'F1'), q('B', 'F2')],
      ['A', 'B'],
      [
        ['S1', 'учитель', 5, 3],
        ['S2', 'учитель', 1, 5],
      ],
    );
    expect(p.summary.map((s) => [s.factor.code, s.counts])).toEqual([
      ['F1', { высокий: 1, средний: 0, низкий: 1, 'недостаточно данных': 0 }],
      ['F2', { высокий: 1, средний: 1, низкий: 0, 'недостаточно данных': 0 }],
    ]);
    expect(p.schools.map((s) => [s.high, s.medium])).toEqual([
      [1, 1],
      [1, 0],
    ]);
  });

  it('lists responses that match no school, several schools or no role, with their rows', () => {
    const both = [school('A', 'Школа А', 2), school('B', 'Школа А', 3)];
    const p = buildProfiles({
      responses: [
        ['Отметка времени', 'Ваша школа', 'Вы являетесь', 'A'],
        [1, 'Школа Б', 'учитель', 3],
        [1, 'Школа А', 'учитель', 3],
        [1, 'A', 'гость', 3],
        [1, '', '', 3],
        ['', '', '', ''],
        [1, 'a', 'Педагог', 3],
      ],
      questionnaire: { factors, questions: [q('A', 'F1')] },
      schools: both,
      settings: { ...thresholds, minRespondents: 1 },
    });
    expect(p.unmatched).toEqual([
      { row: 2, school: 'Школа Б', role: 'учитель', reason: 'школа не найдена в листе «Школы»' },
      { row: 3, school: 'Школа А', role: 'учитель', reason: 'подходит к нескольким школам: A, B' },
      { row: 4, school: 'A', role: 'гость', reason: 'неизвестная роль «гость»' },
      { row: 5, school: '', role: '', reason: 'школа не указана; роль не указана' },
    ]);
    expect([p.responses, p.matched]).toEqual([5, 1]);
  });

  it('warns about questions without a column and answers the scale cannot read', () => {
    const p = run(
      [q('A', 'F1'), { ...q('Нет такого', 'F1'), row: 9 }],
      ['A'],
      [
        ['S1', 'учитель', 7],
        ['S1', 'учитель', 'ого'],
        ['S1', 'учитель', 4],
      ],
    );
    expect(p.problems.map((x) => [x.sheet, x.cell])).toEqual([
      ['Анкета', 'A9'],
      ['Ответы', 'D2'],
    ]);
    expect(p.problems[1]?.message).toContain('2 ответ');
    expect(p.schools[0]?.cells[0]).toMatchObject({ score: 0.75, respondents: 1 });
  });

  it('takes the school from a school field rather than a free question that mentions schools', () => {
    const p = buildProfiles({
      responses: [
        ['Отметка времени', 'Что бы вы изменили в школе?', 'Ваша школа', 'Роль', 'A'],
        [1, 'Больше кружков', 'S2', 'учитель', 5],
      ],
      questionnaire: { factors, questions: [q('A', 'F1')] },
      schools,
      settings: { ...thresholds, minRespondents: 1 },
    });
    expect(p.unmatched).toEqual([]);
    expect(p.schools[1]?.cells[0]?.score).toBe(1);
  });

  it('needs a school column and a role column', () => {
    expect(() =>
      buildProfiles({
        responses: [['Время', 'Роль']],
        questionnaire: { factors, questions: [] },
        schools,
        settings: { ...thresholds, minRespondents: 1 },
      }),
    ).toThrow('столбец со школой');
    expect(() =>
      buildProfiles({
        responses: [['Время', 'Школа']],
        questionnaire: { factors, questions: [] },
        schools,
        settings: { ...thresholds, minRespondents: 1 },
      }),
    ).toThrow('ролью');
  });
});

describe('Способ агрегации', () => {
  // F1 has two questions: A answered «1» (no risk) by three teachers, B answered «5» (full risk) by one.
  const input = (aggregation?: 'все ответы' | 'по вопросам'): ProfileInput => ({
    responses: [
      ['Отметка времени', 'Школа', 'Роль', 'A', 'B'],
      [new Date(2024, 0, 1, 9), 'Чарская СОШ №1', 'учитель', 1, ''],
      [new Date(2024, 0, 1, 10), 'Чарская СОШ №1', 'учитель', 1, ''],
      [new Date(2024, 0, 1, 11), 'Чарская СОШ №1', 'учитель', 1, 5],
    ],
    questionnaire: { factors, questions: [q('A', 'F1'), q('B', 'F1', { weight: 1 })] },
    schools,
    settings: { ...thresholds, minRespondents: 1, ...(aggregation ? { aggregation } : {}) },
  });

  it('«все ответы» (the default) pools every answer: 1 of 4 answers at full risk → 0,25', () => {
    expect(buildProfiles(input()).schools[0]?.cells[0]?.score).toBeCloseTo(0.25);
    expect(buildProfiles(input('все ответы')).schools[0]?.cells[0]?.score).toBeCloseTo(0.25);
  });

  it('«по вопросам» averages the question means: (0 + 1) / 2 → 0,5, средний', () => {
    const cell = buildProfiles(input('по вопросам')).schools[0]?.cells[0];
    expect(cell?.score).toBeCloseTo(0.5);
    expect(cell?.level).toBe('средний');
    expect(cell?.respondents).toBe(3);
  });

  it('weighs question means by the question weight', () => {
    const weighted = { ...input('по вопросам') };
    weighted.questionnaire = { factors, questions: [q('A', 'F1', { weight: 3 }), q('B', 'F1')] };
    expect(buildProfiles(weighted).schools[0]?.cells[0]?.score).toBeCloseTo(0.25);
  });
});
