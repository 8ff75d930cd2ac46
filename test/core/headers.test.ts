/** Headers as published plans of the genre write them, and section rows of tables without a number column. */
import type { Grid } from '../../src/core/grid';
import { classifyHeader } from '../../src/core/roadmap-reader';
import { readGrid } from '../fixtures/seed-roadmaps';

describe('header vocabulary', () => {
  it.each([
    ['№ п.п.', 'number'],
    ['№ п. п.', 'number'],
    ['N п/п', 'number'],
    ['№№', 'number'],
    ['№№ п/п', 'number'],
    ['№ п\\п', 'number'],
    ['п/п', 'number'],
    ['No.', 'number'],
    ['Содержание работы', 'title'],
    ['Наименование мероприятия', 'title'],
    ['Направления деятельности', 'title'],
    ['Планируемые мероприятия', 'title'],
    ['Исполнители', 'responsible'],
    ['Ответственные исполнители', 'responsible'],
    ['Ответственный за результат', 'responsible'],
    ['Срок исполнения', 'deadline'],
    ['Сроки реализации', 'deadline'],
    ['Время проведения', 'deadline'],
    ['Срок достижения результата', 'deadline'],
    ['Ожидаемый результат', 'result'],
    ['Планируемый результат', 'result'],
    ['Плановый результат', 'result'],
    ['Использование результатов', 'result'],
    ['Форма отчетности', 'result'],
    ['Итоговый документ', 'result'],
    ['Плановое значение', 'planned'],
  ])('«%s» is %s', (header, field) => {
    expect(classifyHeader(header)).toBe(field);
  });
});

const titles = (grid: Grid): string[] => readGrid(grid).activities.map((a) => `${a.id} ${a.title}`);

describe('tables as published', () => {
  it.each<[string, Grid]>([
    [
      'split over two rows, the number column headed «№ / п/п»',
      [
        ['№', 'Наименование', 'Срок', 'Ответственный', 'Ожидаемый'],
        ['п/п', 'мероприятия', 'исполнения', 'исполнитель', 'результат'],
      ],
    ],
    [
      'whose every cell is broken over two rows, words hyphenated',
      [
        ['№', 'Содержа-', 'Сроки', 'Исполни-', 'Использование'],
        ['п.п.', 'ние работы', 'реализации', 'тели', 'результатов'],
      ],
    ],
  ])('reads a header %s', (_, header) => {
    const read = readGrid([
      ...header,
      ['1.', 'Анализ результатов ВПР', 'до 01.03.2024', 'УО', 'Адресные рекомендации'],
      ['2.', 'Методический десант', 'в течение III квартала 2024 г.', 'ММЦ', 'Отчёт'],
    ]);
    expect(read.tables[0]?.columns).toEqual({ number: 0, title: 1, deadline: 2, responsible: 3, result: 4 });
    expect(
      read.activities.map((a) => [a.id, a.title, a.deadline.due[0], a.responsibleText, a.expectedResult]),
    ).toEqual([
      ['1', 'Анализ результатов ВПР', '2024-03-01', 'УО', 'Адресные рекомендации'],
      ['2', 'Методический десант', '2024-09-30', 'ММЦ', 'Отчёт'],
    ]);
    expect(read.roadmap.problems.filter((p) => p.sheet === 'Мероприятия')).toEqual([]);
  });

  it('takes the activities, not the directions, as titles when a plan has both', () => {
    const read = readGrid([
      ['№ п/п', 'Направления деятельности', 'Наименование мероприятия', 'Сроки реализации', 'Исполнители'],
      ['1', 'Кадры', 'Курсы повышения квалификации', '2024 г.', 'ИРО'],
      ['2', '', 'Стажировки', '2024 г.', 'ИРО'],
    ]);
    expect(read.tables[0]?.columns.title).toBe(2);
    expect(read.activities.map((a) => a.title)).toEqual(['Курсы повышения квалификации', 'Стажировки']);
    // With no column of activities, the directions are the titles.
    expect(
      titles([
        ['Направления деятельности', 'Срок исполнения', 'Исполнители'],
        ['Кадровое обеспечение', '2024 г.', 'ИРО'],
      ]),
    ).toEqual(['1 Кадровое обеспечение']);
  });

  it('tells «Ответственный за результат» (responsible) from «Ожидаемый результат» (result)', () => {
    const read = readGrid([
      ['№', 'Мероприятие', 'Срок', 'Ожидаемый результат', 'Ответственный за результат'],
      ['1', 'Педсовет', 'март 2024', 'Решение педсовета', 'Директор'],
    ]);
    expect(read.tables[0]?.columns).toMatchObject({ result: 3, responsible: 4 });
    expect(read.activities[0]).toMatchObject({
      expectedResult: 'Решение педсовета',
      responsibleText: 'Директор',
    });
  });

  it('recognises sections «I.», «1.» and titles spanning the row when the number column has no header', () => {
    const grid: Grid = [
      ['', 'Содержание работы', 'Срок исполнения', 'Исполнители', 'Ожидаемый результат'],
      ['I.', 'Организационные мероприятия', '', '', ''],
      ['1.', 'Диагностика', 'до 01.03.2024', 'УО', 'Справка'],
      ['2.', 'Совещание', 'до 01.04.2024', 'УО', 'Протокол'],
      ['II.', 'Методическое сопровождение', '', '', ''],
      ['1.', 'Семинар', 'до 01.05.2024', 'ММЦ', 'Программа'],
      [
        'Работа с родителями',
        'Работа с родителями',
        'Работа с родителями',
        'Работа с родителями',
        'Работа с родителями',
      ],
      ['1.', 'Собрание', 'до 01.06.2024', 'ОО', 'Протокол'],
    ];
    const read = readGrid(grid);
    expect(read.tables[0]?.columns.number).toBe(0);
    expect(read.activities.map((a) => [a.id, a.sectionPath.at(-1)])).toEqual([
      ['I.1', 'I. Организационные мероприятия'],
      ['I.2', 'I. Организационные мероприятия'],
      ['II.1', 'II. Методическое сопровождение'],
      ['1', 'Работа с родителями'],
    ]);
  });

  it('recognises «I. | title» rows as sections in a table without any number column', () => {
    const read = readGrid([
      ['Мероприятие', 'Срок', 'Ответственные', 'Ожидаемый результат'],
      ['I.', 'Организационные мероприятия'],
      ['Диагностика', 'до 01.03.2024', 'УО', 'Справка'],
      ['II.', 'Методическое сопровождение'],
      ['Семинар', 'до 01.05.2024', 'ММЦ', 'Программа'],
    ]);
    expect(read.activities.map((a) => [a.id, a.title, a.sectionPath])).toEqual([
      ['I.1', 'Диагностика', ['I. Организационные мероприятия']],
      ['II.1', 'Семинар', ['II. Методическое сопровождение']],
    ]);
  });
});
