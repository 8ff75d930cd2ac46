import {
  assignedSchools,
  assignmentsOf,
  meansAllSchools,
  reachedThroughSchools,
  reachOfParties,
  readSchools,
  SchoolMatcher,
  schoolsOfActivity,
  type ActivityText,
  type School,
} from '../../src/core/schools';
import { SCHOOLS_HEADER } from '../../src/core/layouts';
import { readSeed } from '../fixtures/seed-roadmaps';

const grid = [
  [...SCHOOLS_HEADER],
  [
    'CH1',
    'Муниципальное общеобразовательное учреждение Чарская средняя общеобразовательная школа №1',
    'МОУ Чарская СОШ №1',
    'dir1@school.ru, zam@school.ru',
    'cur@uo.ru',
  ],
  ['NCH2', 'МОУ Новочарская СОШ №2', 'Новочарская СОШ № 2', '', ''],
  ['OK', 'МБОУ «Оконешниковская СШ»', '', '', ''],
  ['OK2', 'МКОУ «Оконешниковская СШ»', '', '', ''],
  ['', '', '', '', ''],
];

function schools(): School[] {
  return readSchools(grid).schools;
}

describe('readSchools', () => {
  it('reads codes, names and emails with their rows', () => {
    const s = schools();
    expect(s.map((x) => x.code)).toEqual(['CH1', 'NCH2', 'OK', 'OK2']);
    expect(s[0]).toMatchObject({
      shortName: 'МОУ Чарская СОШ №1',
      reporters: ['dir1@school.ru', 'zam@school.ru'],
      curators: ['cur@uo.ru'],
      row: 2,
    });
  });

  it('reports a duplicate code at its cell', () => {
    const { problems } = readSchools([...grid, ['NCH2', 'Другая школа', '', '', '']]);
    expect(problems).toEqual([expect.objectContaining({ severity: 'ошибка', cell: 'A7', sheet: 'Школы' })]);
    expect(problems[0]?.message).toContain('строке 3');
  });

  it('finds columns in any order', () => {
    const { schools: s } = readSchools([
      ['Краткое наименование', 'Код'],
      ['Школа А', 'A'],
    ]);
    expect(s).toEqual([expect.objectContaining({ code: 'A', shortName: 'Школа А' })]);
  });
});

describe('SchoolMatcher', () => {
  const m = new SchoolMatcher(schools());
  const codes = (t: string): string[] => m.match(t).map((s) => s.code);

  it.each([
    ['CH1'],
    ['ch1'],
    ['МОУ Чарская СОШ №1'],
    ['Чарская СОШ № 1'],
    ['чарская сош №1'],
    ['МОУ "Чарская СОШ № 1"'],
    ['Чарская средняя общеобразовательная школа № 1'],
  ])('«%s» is Чарская СОШ №1', (typed) => {
    expect(codes(typed)).toEqual(['CH1']);
  });

  it('tells schools apart by number and by name', () => {
    expect(codes('Новочарская СОШ №2')).toEqual(['NCH2']);
    expect(codes('Чарская СОШ №2')).toEqual([]);
    expect(codes('Чарская СОШ №12')).toEqual([]);
  });

  it('returns every school a name fits when it is ambiguous, and the one an exact name fits', () => {
    expect(codes('Оконешниковская СШ')).toEqual(['OK', 'OK2']);
    expect(codes('МБОУ «Оконешниковская СШ»')).toEqual(['OK']);
  });

  it('matches nothing for an empty or unknown name', () => {
    expect(codes('')).toEqual([]);
    expect(codes('Школа не указана')).toEqual([]);
  });
});

describe('schoolsOfActivity (by any words of an activity)', () => {
  const [charskaya, novo, okon] = schools() as [School, School, School];
  const concernsSchool = (a: ActivityText, s: School): boolean => schoolsOfActivity(a, [s]).length > 0;
  const activity = (responsibleText: string, title = 'Семинар', expectedResult = '') => ({
    responsibleText,
    title,
    expectedResult,
  });

  it('is true for every school when the responsible list names schools generically', () => {
    for (const r of ['МОУО, ОО', 'МОУО ПРШ', 'ШНОР', 'Управленческая команда ПРШ', 'руководители школ']) {
      expect(concernsSchool(activity(r), charskaya)).toBe(true);
    }
  });

  it('is false for a municipal body alone', () => {
    expect(concernsSchool(activity('МОУО, ММЦ'), charskaya)).toBe(false);
    expect(concernsSchool(activity('УО'), novo)).toBe(false);
  });

  it('is true only for the schools named in the responsible text', () => {
    const a = activity('МБОУ «Куломзинская СШ», «Оконешниковская СШ», МОУ Чарская СОШ № 1');
    expect(
      schools()
        .filter((s) => concernsSchool(a, s))
        .map((s) => s.code),
    ).toEqual(['CH1', 'OK', 'OK2']);
    expect(concernsSchool(a, novo)).toBe(false);
    expect(concernsSchool(a, okon)).toBe(true);
  });

  it('finds a school named in the expected result', () => {
    const a = activity('МОУО', 'Увеличение числа резильентных школ', 'в 2021 году: Новочарская СОШ №2');
    // «школ» in the title names all schools generically
    expect(concernsSchool(a, charskaya)).toBe(true);
    const b = activity('МОУО', 'Перевод в число резильентных', 'в 2021 году: Новочарская СОШ №2');
    expect(
      schools()
        .filter((s) => concernsSchool(b, s))
        .map((s) => s.code),
    ).toEqual(['NCH2']);
  });

  it('accepts a responsible party given by the school code', () => {
    expect(concernsSchool({ ...activity('NCH2'), responsible: [{ name: 'NCH2' }] }, novo)).toBe(true);
  });
});

describe('reachOfParties', () => {
  const named = (responsibleText: string): string[] =>
    [...reachOfParties({ responsibleText }, schools()).named.keys()].map((s) => s.code);

  it('tells schools apart in any grammatical case: Чарская is not Новочарская', () => {
    expect(named('в Новочарской СОШ №2')).toEqual(['NCH2']);
    expect(named('Чарской СОШ № 1, МОУО')).toEqual(['CH1']);
    expect(named('в Чарской средней общеобразовательной школе №1')).toEqual(['CH1']);
  });

  it('names the party that means all schools, and none for a district body', () => {
    expect(reachOfParties({ responsibleText: 'МОУО, руководители ОО' }, schools()).all).toBe(
      'руководители ОО',
    );
    expect(reachOfParties({ responsibleText: 'МОУО, ММЦ' }, schools()).all).toBeUndefined();
    // a specific school that is not in the list is not «all schools»
    expect(reachOfParties({ responsibleText: 'Школа № 5' }, schools()).all).toBeUndefined();
  });
});

// One rule for «all schools»: the risk matrix (reachOfParties), reporting and reminders
// (assignedSchools, reachedThroughSchools) and the hints of validation (meansAllSchools) agree on each party.
describe('meansAllSchools: which responsible parties mean every school', () => {
  it.each<[string, boolean]>([
    // The seeds' generic parties and how staff name all schools.
    ['ОО', true],
    ['руководители ОО', true],
    ['ПРШ', true],
    ['ПРШ группы риска', true],
    ['Управленческие команды ПРШ', true],
    ['Точки роста ПРШ', true],
    ['ШНОР', true],
    ['ШНСУ', true],
    ['все школы', true],
    ['школы района', true],
    ['директора школ', true],
    ['руководители школ', true],
    ['образовательные организации', true],
    ['Общеобразовательные учреждения', true],
    ['общеобразовательные организации района', true],
    // Bodies or programmes whose name only starts with «школ…», one school, and not-schools.
    ['Школьные координаторы', false],
    ['Школа кураторов', false],
    ['Школьная служба примирения', false],
    ['Школа умного руководителя', false],
    ['Школа № 5', false],
    ['МБОУ «Крестинская СШ»', false],
    ['дошкольные образовательные организации', false],
    ['профессиональные образовательные организации', false],
    ['МОУО', false],
    ['ММЦ', false],
    ['МОУО учреждения дополнительного образования', false],
    ['Лаврентьева С.А.', false],
  ])('«%s» → %s, in coverage and reporting alike', (party, all) => {
    expect(meansAllSchools(party)).toBe(all);
    // Coverage: the party reaches every school exactly when reporting assigns it to every school.
    expect(reachOfParties({ responsibleText: party }, schools()).all).toBe(all ? party : undefined);
    const assigned = assignedSchools(
      { responsibleText: party, title: 'Семинар', expectedResult: '', responsible: [{ name: party }] },
      schools(),
    );
    expect(assigned.length === schools().length).toBe(all);
    expect(reachedThroughSchools(party, schools())).toBe(all);
  });
});

describe('reachedThroughSchools (a party without an address that `Школы` still reaches)', () => {
  const noReporters = schools().filter((s) => s.reporters.length === 0);
  it('reaches «ОО», «руководители ОО», «все школы» when a school has a reporter', () => {
    for (const party of ['ОО', 'руководители ОО', 'все школы', 'ШНОР'])
      expect([party, reachedThroughSchools(party, schools())]).toEqual([party, true]);
  });
  it('does not without schools or without any reporter address', () => {
    expect(reachedThroughSchools('ОО', [])).toBe(false);
    expect(reachedThroughSchools('ОО', noReporters)).toBe(false);
  });
  it('does not reach district bodies, people, or a party no school digest goes to', () => {
    for (const party of ['МОУО', 'Иванова И.И.', 'Школа № 5', 'Школьные координаторы'])
      expect([party, reachedThroughSchools(party, schools())]).toEqual([party, false]);
  });
});

describe('reporter cells as people write them', () => {
  it.each<[string, string[]]>([
    ['Иванова И.И. <ivanova@school.ru>', ['ivanova@school.ru']],
    ['mailto:gym1@school.ru', ['gym1@school.ru']],
    ['dir@school.ru zam@school.ru', ['dir@school.ru', 'zam@school.ru']],
    ['dir@school.ru;\nZam@School.ru, dir@school.ru.', ['dir@school.ru', 'zam@school.ru']],
    ['Петров (petrov@mail.ru), «sidorov@yandex.ru»', ['petrov@mail.ru', 'sidorov@yandex.ru']],
    ['директор школы', []],
  ])('«%s» → %j', (cell, expected) => {
    const [s] = readSchools([[...SCHOOLS_HEADER], ['X', 'Школа', '', cell, '']]).schools;
    expect(s?.reporters).toEqual(expected);
  });
});

describe('assignedSchools: who must report an activity', () => {
  const activity = (responsibleText: string, title = 'Мероприятие'): ActivityText => ({
    title,
    responsibleText,
    expectedResult: '',
    responsible: responsibleText.split(/,\s*/).map((name) => ({ name })),
  });
  const codes = (a: ActivityText): string[] => assignedSchools(a, schools()).map((s) => s.code);

  it.each<[string, string, string[]]>([
    ['ОО', 'Разработка программы', ['CH1', 'NCH2', 'OK', 'OK2']],
    ['Руководители ОО', 'Самодиагностика', ['CH1', 'NCH2', 'OK', 'OK2']],
    ['МОУО, ШНОР', 'Отчёт', ['CH1', 'NCH2', 'OK', 'OK2']],
    ['МОУ Чарская СОШ №1', 'Анализ', ['CH1']],
    ['NCH2', 'Анализ', ['NCH2']],
    ['ОО', 'Вебинары: Новочарская СОШ №2', ['NCH2']],
    ['МОУО, ИМЦ', 'Семинар для руководителей ОО', []],
    ['УО', 'Совещание с директорами школ', []],
    ['Лаврентьева С.А.', 'Мониторинг образовательных организаций', []],
  ])('responsible «%s», title «%s» → %j', (responsible, title, expected) => {
    expect(codes(activity(responsible, title))).toEqual(expected);
  });

  it('falls back to the title when the responsible cell is empty', () => {
    expect(codes(activity('', 'Анализ: Новочарская СОШ № 2'))).toEqual(['NCH2']);
    // a school named in another case in the title, as the responsible list is read
    expect(codes(activity('', 'Анализ работы в Новочарской СОШ № 2'))).toEqual(['NCH2']);
  });

  // Reporting used to match only a school's name as written in `Школы`: a school the responsible cell
  // named in another case was asked nothing, though risk coverage counted the activity for it.
  it.each<[string, string[]]>([
    ['Директор Чарской СОШ № 1', ['CH1']],
    ['в Новочарской СОШ №2', ['NCH2']],
    ['МОУО, Чарской средней общеобразовательной школы №1', ['CH1']],
    ['Оконешниковской СШ', ['OK', 'OK2']],
  ])(
    'asks the school named in any grammatical case in «%s» to report, as coverage counts it',
    (text, expected) => {
      const a = { title: 'Семинар', responsibleText: text, expectedResult: '' };
      expect(codes(a)).toEqual(expected);
      expect([...reachOfParties(a, schools()).named.keys()].map((s) => s.code)).toEqual(expected);
    },
  );

  it('narrows «ОО» to the schools its title names in any case', () => {
    expect(codes(activity('ОО', 'Вебинары в Новочарской СОШ №2'))).toEqual(['NCH2']);
    expect(codes(activity('ОО', 'Вебинары в Новочарской СОШ №3'))).toEqual(['CH1', 'NCH2', 'OK', 'OK2']);
  });

  it('asks every school of seed 004 its title or result lists, one misspelt, to report its «МОУО ПРШ» activity', () => {
    const oko = [
      'Куломзинская',
      'Чистовская',
      'Золотонивская',
      'Красовская',
      'Любимовская',
      'Крестинская',
      'Сергеевская',
      'Оконешниковская',
      'Маяковская',
      'Чарская',
    ];
    const list = readSchools([
      [...SCHOOLS_HEADER],
      ...oko.map((name, i) => [`O${i + 1}`, `МБОУ «${name} СШ»`, `${name} СШ`, '', '']),
    ]).schools;
    const acts = readSeed('004_').activities;
    const assigned = assignmentsOf(acts, list);
    // 3.7.1 lists the district's nine schools, «МБОУ «Крестинска СШ»» among them; Чарская is not one
    expect(assigned.get('3.7.1')).toEqual(['O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7', 'O8', 'O9']);
    // 4.2: «в 2021 году: МБОУ «Оконешниковская СШ», МБОУ «Золотонивская СШ», МБОУ «Чистовская СШ»»
    expect(assigned.get('4.2')).toEqual(['O2', 'O3', 'O8']);
    // «МОУО» alone: the district's own
    expect(acts.find((a) => a.id === '1.2.1')?.responsibleText).toBe('МОУО');
    expect(assigned.has('1.2.1')).toBe(false);
  });

  it('lists only activities some school must report', () => {
    const list = [
      { id: '1', ...activity('ОО') },
      { id: '2', ...activity('МОУО') },
    ];
    expect([...assignmentsOf(list, schools()).keys()]).toEqual(['1']);
  });
});
