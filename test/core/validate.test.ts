import type { Grid } from '../../src/core/grid';
import type { Problem } from '../../src/core/roadmap-model';
import { readGrid, readSeed } from '../fixtures/seed-roadmaps';

const HEADER = [
  '№ п/п',
  'Наименование мероприятия',
  'Сроки',
  'Ответственные',
  'Ожидаемый результат',
  'Плановое значение',
];
const ROADMAP: Grid = [
  ['Дорожная карта на 2021-2022 годы'],
  HEADER,
  ['1. Организационные мероприятия'],
  ['1.1', 'Совещание координаторов', 'до 01.04.2021', 'УО', 'Протокол', '1'],
  ['1.2', 'Семинар для директоров', '', 'УО', 'Программа', 'не менее 3'],
  ['1.3', 'Мониторинг сайтов', '31.02.2021', 'ММЦ', 'Справка', '100%'],
  ['1.4', 'Анкетирование', '15.13.2021', 'УО', 'Отчёт', 'да'],
  ['1.5', 'Отчёт школ', 'апрель 2023 г.', '', '', 'много'],
  ['1.5', 'Совещание координаторов', 'скоро', 'Лаврентьева С.А., Петров П.П.', 'Протокол', ''],
  ['2. Методическая работа'],
  ['1', 'Совещание координаторов', 'ежеквартально', 'УО, ММЦ', 'Протокол', ''],
];
const RESPONSIBLE: Grid = [
  ['Код или имя', 'Полное наименование / ФИО', 'Email'],
  ['УО', 'Управление образования', 'uo@example.ru'],
  ['ММЦ', 'Методический центр', ''],
  ['', 'Лаврентьева Светлана Александровна', 'lavr@example.ru'],
];

const at = (problems: Problem[], cell: string): Pick<Problem, 'severity' | 'message'>[] =>
  problems
    .filter((p) => p.cell === cell && p.sheet === 'Мероприятия')
    .map((p) => ({ severity: p.severity, message: p.message }));

describe('checkActivities (through readRoadmap)', () => {
  const r = readGrid(ROADMAP, { responsible: RESPONSIBLE });
  const problems = r.roadmap.problems;

  it('reads the period from the title and every activity', () => {
    expect(r.period).toMatchObject({ start: '2021-01-01', end: '2022-12-31' });
    expect(r.activities.map((a) => a.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.5(2)', '2.1']);
  });

  it('a missing deadline is an error at the deadline cell', () => {
    expect(at(problems, 'C5')).toEqual([
      { severity: 'ошибка', message: 'Не указан срок мероприятия «Семинар для директоров».' },
    ]);
  });

  it('«31.02.2021» and «15.13.2021» are errors with their cell address, never moved to another date', () => {
    for (const cell of ['C6', 'C7']) {
      const found = at(problems, cell);
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((p) => p.severity === 'ошибка')).toBe(true);
    }
    expect(r.activities[2]?.deadline.due).toEqual([]);
    expect(r.activities[3]?.deadline.due).toEqual([]);
    expect(problems.find((p) => p.cell === 'C6')?.fix).toMatch(/например/);
  });

  it('an unreadable deadline is an error', () => {
    expect(at(problems, 'C9')).toEqual([expect.objectContaining({ severity: 'ошибка' })]);
  });

  it('a deadline outside the roadmap period is a warning', () => {
    expect(at(problems, 'C8')).toEqual([
      {
        severity: 'предупреждение',
        message: expect.stringContaining('выходит за период дорожной карты 01.01.2021–31.12.2022'),
      },
    ]);
  });

  it('a missing responsible is an error, a missing result a warning', () => {
    expect(at(problems, 'D8')).toEqual([
      { severity: 'ошибка', message: 'Не указан ответственный за мероприятие «Отчёт школ».' },
    ]);
    expect(at(problems, 'E8')).toEqual([
      { severity: 'предупреждение', message: 'Не указан ожидаемый результат мероприятия «Отчёт школ».' },
    ]);
  });

  it('an unknown party or one without email is a warning at its cell', () => {
    expect(at(problems, 'D9')).toEqual([
      {
        severity: 'предупреждение',
        message: 'Исполнитель «Петров П.П.» не найден на листе «Ответственные».',
      },
    ]);
    expect(at(problems, 'D6')).toEqual([
      {
        severity: 'предупреждение',
        message: 'У исполнителя «ММЦ» на листе «Ответственные» (строка 3) нет адреса почты (также в D11).',
      },
    ]);
    expect(r.activities[5]?.responsible).toEqual([
      { name: 'Лаврентьева С.А.', email: 'lavr@example.ru' },
      { name: 'Петров П.П.' },
    ]);
  });

  it('a planned value must be a number, a percentage or «не менее N»', () => {
    expect(at(problems, 'F8')).toEqual([
      { severity: 'предупреждение', message: expect.stringMatching(/^Плановое значение «много» не число/) },
    ]);
    expect(at(problems, 'F5')).toEqual([]);
    expect(at(problems, 'F6')).toEqual([]);
    expect(at(problems, 'F7')).toEqual([]);
  });

  it('a repeated number and a repeated activity within a section are warnings; across sections they are fine', () => {
    expect(at(problems, 'A9')).toEqual([
      {
        severity: 'предупреждение',
        message:
          'Номер «1.5» повторяется в разделе «1. Организационные мероприятия»: он уже есть в строке 8.',
      },
    ]);
    expect(at(problems, 'B9')).toEqual([
      {
        severity: 'предупреждение',
        message: 'Мероприятие «Совещание координаторов» повторяет мероприятие из строки 4.',
      },
    ]);
    expect(at(problems, 'B11')).toEqual([]);
  });

  it('every problem names a sheet, an A1 cell, a Russian message and a fix', () => {
    for (const p of problems) {
      expect(p.cell).toMatch(/^[A-Z]+\d+$/);
      expect(p.message).toMatch(/[а-я]/);
      expect(p.fix).toMatch(/[а-я]/);
    }
  });
});

describe('an empty or missing «Ответственные»', () => {
  it('gives one warning for the whole sheet, not one per row', () => {
    const problems = readGrid(ROADMAP).roadmap.problems;
    const onSheet = problems.filter((p) => p.sheet === 'Ответственные');
    expect(onSheet).toEqual([expect.objectContaining({ cell: 'A1', severity: 'предупреждение' })]);
    expect(problems.filter((p) => p.message.includes('не найден'))).toEqual([]);
  });
});

describe('deadlines against the roadmap period (seed 004: «на 2021-2023 годы» with work begun in autumn 2020)', () => {
  const grid: Grid = [
    ['Муниципальная дорожная карта на 2021-2023 годы'],
    HEADER,
    ['1', 'Школа умного руководителя', 'октябрь 2020г. – июнь 2021г.', 'МОУО', 'Участие', ''],
    ['2', 'Определение кураторов', 'с ноября 2020г. постоянно', 'МОУО', 'Кураторы', ''],
    ['3', 'Подпроекты ИППР', 'в течение 2020-2023гг.', 'МОУО', 'ИППР', ''],
    ['4', 'Собеседование руководителей', '1 раз в 2 недели с ноября 2020г.', 'МОУО', 'Связь', ''],
    ['5', 'Мониторинг кадров', 'ноябрь 2020г.', 'МОУО', 'Справка', ''],
    ['6', 'Новый этап', 'с января 2024 г.', 'МОУО', 'План', ''],
  ];
  const problems = readGrid(grid).roadmap.problems;
  const outside = (cell: string): string[] =>
    at(problems, cell)
      .map((p) => p.message)
      .filter((m) => m.includes('выходит за период'));

  it('a deadline that begins before the period and runs into it is no warning', () => {
    for (const cell of ['C3', 'C4', 'C5', 'C6']) expect(outside(cell)).toEqual([]);
  });

  it('a deadline wholly before or after the period is a warning', () => {
    expect(outside('C7')).toEqual([
      'Срок «ноябрь 2020г.» (30.11.2020) выходит за период дорожной карты 01.01.2021–31.12.2023.',
    ]);
    expect(outside('C8')).toHaveLength(1);
  });
});

describe('a date written twice in one deadline (seed 003: «Апрель 2022 г. апрель 2022 г.»)', () => {
  const grid: Grid = [
    ['План-график на 2022 год'],
    HEADER,
    [
      '1',
      'Разработка дорожной карты Определение перечня ШНОР',
      'Апрель 2022 г. апрель 2022 г.',
      'МОУО',
      'Распоряжение',
      '',
    ],
  ];
  const problem = readGrid(grid).roadmap.problems.find((p) => p.cell === 'C3');

  it('names the phrase and says what to do about a repeat, not how to write a deadline', () => {
    expect(problem).toMatchObject({
      severity: 'предупреждение',
      message: 'Срок «Апрель 2022 г. апрель 2022 г.»: дата 30.04.2022 указана дважды.',
    });
    expect(problem?.fix).toMatch(/отдельн.* строк/);
    expect(problem?.fix).not.toMatch(/например/);
  });
});

describe('deadlines without a year in a roadmap of several years (seed 002: «на 2023 - 2025 годы», «апрель»)', () => {
  const rows = (title: string): Grid => [
    [title],
    HEADER,
    ['1', 'Идентификация школ', 'апрель', 'УО', 'Списки ШНОР', ''],
    ['2', 'Школа кураторов', 'май - декабрь', 'УО', 'Кураторы', ''],
    ['3', 'Анкетирование', 'ежегодно', 'УО', 'Профили', ''],
    ['4', 'Конференция', 'апрель 2024 г.', 'УО', 'Программа', ''],
  ];
  const yearless = (problems: Problem[]): Problem[] =>
    problems.filter((p) => p.message.includes('не указан год'));

  it('is one warning at the first such cell: they were put in the first year, and will look overdue after it', () => {
    const found = yearless(readGrid(rows('Дорожная карта на 2023 - 2025 годы')).roadmap.problems);
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'предупреждение',
        sheet: 'Мероприятия',
        cell: 'C3',
        message:
          'В 2 сроках не указан год («апрель», «май - декабрь»): программа отнесла их к 2023 году — первому году дорожной карты 2023–2025, и с 2024 года эти мероприятия будут считаться просроченными.',
        fix: expect.stringContaining('ежегодно в апреле'),
      }),
    ]);
  });

  it('is no warning in a roadmap of one year', () => {
    expect(yearless(readGrid(rows('Дорожная карта на 2022 год')).roadmap.problems)).toEqual([]);
  });
});

describe('one unreadable planned value repeated in the per-year columns (seed 000: «1; 10» in D…G)', () => {
  const problems = readSeed('000_').roadmap.problems.filter(
    (p) => p.sheet === 'Мероприятия' && p.message.startsWith('Плановое значение'),
  );

  it('is one warning at its first cell, naming the others, not one per column', () => {
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'предупреждение',
        cell: 'D26',
        message:
          'Плановое значение «1; 10» (также в E26, F26, G26) не число: в ячейке несколько чисел (1; 10), нужно одно.',
      }),
    ]);
  });
});

describe('one executor missing from «Ответственные» in many activities (seed 003: «ШНОР» in 15 rows)', () => {
  const grid: Grid = [
    ['План-график на 2022 год'],
    HEADER,
    ['1', 'Определение ответственного', 'май 2022 г.', 'МОУО, ШНОР', 'Приказы', ''],
    ['2', 'Сбор сведений', 'июнь 2022 г.', 'ШНОР', 'Мониторинг', ''],
    ['3', 'Подготовительная работа', 'июль 2022 г.', 'ШНОР', 'Анализ', ''],
    ['4', 'Мониторинг', 'август 2022 г.', 'МОУО', 'Справка', ''],
  ];
  const responsible: Grid = [
    ['Код или имя', 'Полное наименование / ФИО', 'Email'],
    ['МОУО', 'Отдел образования', 'mouo@example.ru'],
  ];
  const problems = readGrid(grid, { responsible }).roadmap.problems.filter((p) => p.message.includes('ШНОР'));

  it('is one warning at its first cell that names the other cells, not one row per activity', () => {
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'предупреждение',
        cell: 'D3',
        message: 'Исполнитель «ШНОР» не найден на листе «Ответственные» (также в D4, D5).',
      }),
    ]);
  });
});
