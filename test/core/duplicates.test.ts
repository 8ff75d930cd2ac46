import type { CellValue } from '../../src/core/grid';
import { buildProfiles, type ProfileInput } from '../../src/core/risk';
import type { RiskFactor } from '../../src/core/risk-catalog';
import type { School } from '../../src/core/schools';

const factors: RiskFactor[] = [{ code: 'F1', name: 'Мотивация', keywords: [] }];
const schools: School[] = [
  {
    code: 'S1',
    fullName: 'МОУ Чарская СОШ №1',
    shortName: 'Чарская СОШ №1',
    reporters: [],
    curators: [],
    row: 2,
  },
];
const questions = [
  {
    header: 'Вопрос',
    factor: 'F1',
    roles: ['учитель' as const],
    scale: { kind: 'range' as const, min: 1, max: 5 },
    weight: 1,
    reversed: false,
    row: 1,
  },
];
const at = (minutes: number): Date => new Date(Date.UTC(2024, 2, 1, 9, minutes));

function run(rows: CellValue[][], withAddress: boolean, duplicateWindowMinutes?: number) {
  const header = [
    'Отметка времени',
    ...(withAddress ? ['Адрес электронной почты'] : []),
    'Школа',
    'Роль',
    'Вопрос',
  ];
  const input: ProfileInput = {
    responses: [header, ...rows.map((r) => (withAddress ? r : [r[0], ...r.slice(2)]))],
    questionnaire: { factors, questions },
    schools,
    settings: {
      mediumRiskFrom: 0.35,
      highRiskFrom: 0.6,
      minRespondents: 1,
      ...(duplicateWindowMinutes === undefined ? {} : { duplicateWindowMinutes }),
    },
  };
  return buildProfiles(input);
}

// Row 2 is sent again 20 seconds later (row 3) and 12 minutes after that (row 5, past the window from row 3);
// row 4 is another teacher with the same answer; row 6 is the first teacher with a changed answer.
const rows: CellValue[][] = [
  [at(0), 'a@school.ru', 'Чарская СОШ №1', 'учитель', 5],
  [new Date(at(0).getTime() + 20_000), 'A@school.ru ', 'Чарская СОШ №1', 'учитель', 5],
  [at(1), 'b@school.ru', 'Чарская СОШ №1', 'учитель', 5],
  [at(13), 'a@school.ru', 'Чарская СОШ №1', 'учитель', 5],
  [at(14), 'a@school.ru', 'Чарская СОШ №1', 'учитель', 1],
];

describe('repeated Forms submissions', () => {
  it('count once when the same address sent the same answers within 10 minutes, and Проверка says where', () => {
    const p = run(rows, true);
    expect(p.merged).toBe(1);
    expect(p.responses).toBe(5);
    expect(p.matched).toBe(4);
    expect(p.schools[0]?.cells[0]?.respondents).toBe(4);
    const warning = p.problems.find((x) => x.message.startsWith('Повторные отправки формы'));
    expect(warning).toMatchObject({ sheet: 'Ответы', cell: 'A3', severity: 'предупреждение' });
    expect(warning?.message).toContain(
      'учтены один раз (1 ответ): с того же адреса и с теми же ответами не позже чем через 10 минут после предыдущей',
    );
    expect(warning?.message).toContain('строки 3 (повтор строки 2)');
  });

  it('follow the window from Настройки; 0 merges nothing', () => {
    expect(run(rows, true, 15).merged).toBe(2);
    expect(run(rows, true, 0).merged).toBe(0);
  });

  it('are only reported, not merged, when the form collects no addresses', () => {
    const p = run(rows, false);
    expect(p.merged).toBe(0);
    expect(p.matched).toBe(5);
    const warning = p.problems.find((x) => x.message.startsWith('Похоже на повторные отправки'));
    // without addresses rows 3 and 4 both repeat row 2 (same answers, within 10 minutes)
    expect(warning?.message).toContain(
      '(2 ответа): во всём как отправленные до них не раньше чем за 10 минут',
    );
    expect(warning?.message).toContain('Адресов респондентов в листе нет, поэтому все они учтены');
  });
});
