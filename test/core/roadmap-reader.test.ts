import type { Grid } from '../../src/core/grid';
import {
  classifyHeader,
  periodFromTitle,
  readActivities,
  type ReadActivity,
} from '../../src/core/roadmap-reader';
import { readGrid, readSeed, seedActivitiesGrid } from '../fixtures/seed-roadmaps';

const byId = (activities: ReadActivity[], id: string): ReadActivity => {
  const a = activities.find((x) => x.id === id);
  if (!a) throw new Error(`no activity ${id}: ${activities.map((x) => x.id).join(' ')}`);
  return a;
};
/** The section tree as «outer › inner» paths, each title cut to 30 characters, in order of appearance. */
const sectionTree = (activities: ReadActivity[]): string[] => [
  ...new Set(activities.map((a) => a.sectionPath.map((s) => s.slice(0, 30)).join(' › '))),
];
const deadlineOf = (a: ReadActivity): Record<string, unknown> => {
  const d = a.deadline;
  const out: Record<string, unknown> = { kind: d.kind, due: d.due };
  if (d.start) out['start'] = d.start;
  if (d.end) out['end'] = d.end;
  if (d.recurrence)
    out['every'] =
      `${d.recurrence.interval} ${d.recurrence.unit}${d.recurrence.weekday ? ` wd${d.recurrence.weekday}` : ''} x${d.recurrence.timesPerPeriod}`;
  return out;
};
const errorsOf = (r: ReturnType<typeof readSeed>): string[] =>
  r.roadmap.problems.filter((p) => p.severity === 'ошибка').map((p) => p.cell);

describe('seed 000: two-row header, column numbers, per-year columns, sections in the number column', () => {
  const r = readSeed('000_');
  const all = r.activities;

  it('reads 31 activities in 6 sections, numbered as written', () => {
    expect(all).toHaveLength(31);
    expect(all.map((a) => a.id).slice(0, 6)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2']);
    const tree = [
      ...new Set(
        all.map((a) =>
          a.sectionPath
            .map((s) =>
              s
                .replace(/^(\d)\. Реализация мер, направленных на /, '$1: ')
                .split(' ')
                .slice(0, 3)
                .join(' '),
            )
            .join(' › '),
        ),
      ),
    ];
    expect(tree).toEqual([
      '1: идентификацию и',
      '2: создание муниципальной',
      '3: нормативное и',
      '4: профессиональное развитие',
      '5: взаимодействие и',
      '6: финансовое обеспечение',
    ]);
    expect(byId(all, '3.1').sectionPath[0]).toMatch(/^3\. Реализация мер, направленных на нормативное/);
  });

  it('takes the result name and planned values from the two header rows', () => {
    const a = byId(all, '2.1');
    expect(a.title).toBe(
      'Создание рабочей группы по разработке Программы поддержки, определение школ, нуждающихся в поддержке',
    );
    expect(a.expectedResult).toBe('Приказ начальника УО, перечень ОО');
    expect(a.planned).toBe('не менее 1');
    expect(a.plannedByYear).toEqual({ '2020': '1', '2021': '1', '2022': '1' });
    expect(byId(all, '4.12').plannedByYear).toEqual({ '2020': '3', '2021': '3', '2022': '4' });
    expect(byId(all, '1.1').responsibleText).toBe('ДО, УО, ММЦ');
  });

  it('merges rows broken across a page into the row above', () => {
    expect(byId(all, '3.3').title).toBe(
      'Проведение экспертизы муниципальной и школьных программ поддержки и перевода школ в эффективный режим работы',
    );
    expect(byId(all, '4.7').title).toMatch(
      /«Разработка и совершенствование моделей сетевого взаимодействия»$/,
    );
    expect(byId(all, '4.1').title).toMatch(/педагогов по вопросам повышения качества образования/);
  });

  it('takes the period from the year columns and a deadline per year with a value', () => {
    expect(r.period).toEqual({ start: '2020-01-01', end: '2022-12-31', source: 'year-columns' });
    const perYear = {
      kind: 'several',
      start: '2020-01-01',
      end: '2022-12-31',
      due: ['2020-12-31', '2021-12-31', '2022-12-31'],
    };
    for (const id of ['1.1', '1.2', '1.3', '1.4', '2.1', '2.4', '3.3', '4.1', '4.12', '5.1', '6.1'])
      expect(deadlineOf(byId(all, id))).toEqual(perYear);
    expect(byId(all, '1.1').deadlineText).toBe('2020 г., 2021 г., 2022 г.');
    expect(errorsOf(r)).toEqual([]);
  });
});

describe('seed 001: Roman sections, a repeated number, a second table without numbers', () => {
  const r = readSeed('001_');
  const all = r.activities;

  it('reads 22 + 19 activities; the indicator table is not read as activities', () => {
    expect(all).toHaveLength(41);
    expect(all.filter((a) => a.table === 0)).toHaveLength(22);
    expect(sectionTree(all)).toEqual([
      'I Организационно-управленчески',
      'II. Материально-техническое об',
      'III. Развитие кадрового потенц',
      'IV. Эффективное использование ',
      'V. Информационная открытость р',
      '',
    ]);
    expect(all.find((a) => a.title.startsWith('Доля ОО'))).toBeUndefined();
  });

  it('disambiguates the repeated «1.» in section I and warns at its cell', () => {
    expect(all.slice(0, 8).map((a) => a.id)).toEqual([
      'I.1',
      'I.2',
      'I.3',
      'I.4',
      'I.5',
      'I.6',
      'I.1(2)',
      'I.8',
    ]);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    const dup = r.roadmap.problems.find((p) => p.message.startsWith('Номер «1.» повторяется'));
    expect(dup).toMatchObject({ severity: 'предупреждение', cell: `A${byId(all, 'I.1(2)').sourceRow}` });
  });

  it('parses the deadlines of both tables (period 2021 from «на 2021 г.»)', () => {
    expect(r.period).toMatchObject({ start: '2021-01-01', end: '2021-12-31', source: 'title' });
    expect(deadlineOf(byId(all, 'I.1'))).toMatchObject({ kind: 'recurring', every: '1 year x1' });
    expect(deadlineOf(byId(all, 'I.2'))).toMatchObject({ kind: 'year', due: ['2021-12-31'] });
    expect(deadlineOf(byId(all, 'II.12'))).toMatchObject({ kind: 'recurring', end: '2022-12-31' });
    expect(deadlineOf(byId(all, 'III.15'))).toMatchObject({ kind: 'ongoing', due: [] });
    expect(deadlineOf(byId(all, 'IV.16'))).toMatchObject({ kind: 'year', due: ['2021-12-31'] });
    const second = all.filter((a) => a.table === 1);
    expect(second.map((a) => a.id).slice(0, 3)).toEqual(['1', '2', '3']);
    expect(deadlineOf(second[0])).toMatchObject({ kind: 'date', due: ['2021-03-01'] });
    expect(deadlineOf(second[1])).toMatchObject({ kind: 'empty' });
    expect(deadlineOf(second[2])).toMatchObject({ kind: 'by-date', due: ['2021-04-01'] });
    expect(deadlineOf(second[3])).toEqual({
      kind: 'month-range',
      start: '2021-03-01',
      end: '2021-08-31',
      due: ['2021-08-31'],
    });
    expect(deadlineOf(second[4])).toMatchObject({ kind: 'by-date', due: ['2021-03-10'] });
    expect(deadlineOf(second[5])).toMatchObject({ kind: 'by-date', due: ['2021-02-28'] });
    expect(deadlineOf(second[18])).toMatchObject({ kind: 'month', due: ['2021-08-31'] });
    expect(second[9].title).toMatch(/контрольно-измерительных материалов$/);
  });

  it('reports each missing deadline of the second table as an error at its cell', () => {
    const missing = all.filter((a) => a.deadline.kind === 'empty').map((a) => a.cells.deadline);
    expect(missing).toHaveLength(7);
    expect(errorsOf(r)).toEqual(missing);
    expect(byId(all, '1').responsible).toEqual([{ name: 'Медведкин П.Л.' }]);
  });
});

describe('seed 002: months without a year in a 2023–2025 roadmap, no responsible column', () => {
  const r = readSeed('002_');
  const all = r.activities;

  it('reads 20 activities, no sections, continuations merged', () => {
    expect(all).toHaveLength(20);
    expect(sectionTree(all)).toEqual(['']);
    expect(byId(all, '3').title).toMatch(
      /при решении задач повышения качества образования \(семинар – совещание\)$/,
    );
    expect(byId(all, '18').title).toBe(
      'Организационно – методическое сопровождение деятельности муниципальных консультационных центров.',
    );
  });

  it('gives months the first year of the period', () => {
    expect(r.period).toMatchObject({ start: '2023-01-01', end: '2025-12-31', source: 'title' });
    const month = (m: string, last: string): Record<string, unknown> => ({
      kind: 'month',
      start: `2023-${m}-01`,
      end: `2023-${m}-${last}`,
      due: [`2023-${m}-${last}`],
    });
    expect(deadlineOf(byId(all, '1'))).toEqual(month('04', '30'));
    expect(deadlineOf(byId(all, '4'))).toEqual(month('05', '31'));
    expect(deadlineOf(byId(all, '11'))).toEqual(month('06', '30'));
    expect(deadlineOf(byId(all, '12'))).toEqual(month('09', '30'));
    expect(deadlineOf(byId(all, '14'))).toEqual(month('10', '31'));
    expect(deadlineOf(byId(all, '15'))).toEqual(month('11', '30'));
    expect(deadlineOf(byId(all, '20'))).toEqual(month('12', '31'));
    expect(deadlineOf(byId(all, '6'))).toEqual({
      kind: 'month-range',
      start: '2023-04-01',
      end: '2023-05-31',
      due: ['2023-05-31'],
    });
    expect(deadlineOf(byId(all, '8'))).toEqual({
      kind: 'month-range',
      start: '2023-05-01',
      end: '2023-12-31',
      due: ['2023-12-31'],
    });
    expect(deadlineOf(byId(all, '19'))).toEqual({
      kind: 'month-range',
      start: '2023-10-01',
      end: '2023-11-30',
      due: ['2023-11-30'],
    });
  });

  it('warns once that the table has no responsible column', () => {
    const w = r.roadmap.problems.filter((p) => p.message.includes('нет столбца ответственных'));
    expect(w).toHaveLength(1);
    expect(errorsOf(r)).toEqual([]);
  });
});

describe('seed 003: an order with a document date, external schedules, a cell broken across a page', () => {
  const r = readSeed('003_');
  const all = r.activities;

  it('reads 28 activities numbered 1, 3…29', () => {
    expect(all).toHaveLength(28);
    expect(all.map((a) => a.id).slice(0, 3)).toEqual(['1', '3', '4']);
    expect(r.period).toMatchObject({ start: '2022-01-01', end: '2022-12-31', source: 'title' });
  });

  it('parses the deadlines', () => {
    expect(deadlineOf(byId(all, '1'))).toMatchObject({ kind: 'several', due: ['2022-04-30'] });
    expect(deadlineOf(byId(all, '3'))).toEqual({
      kind: 'month-range',
      start: '2022-04-01',
      end: '2022-05-31',
      due: ['2022-05-31'],
    });
    expect(deadlineOf(byId(all, '4'))).toMatchObject({ kind: 'month', due: ['2022-06-30'] });
    expect(deadlineOf(byId(all, '5'))).toMatchObject({ kind: 'by-date', due: ['2022-09-01'] });
    expect(deadlineOf(byId(all, '6'))).toMatchObject({
      kind: 'month-range',
      start: '2022-08-01',
      due: ['2022-09-30'],
    });
    expect(byId(all, '7').deadlineText).toBe('Согласно дорожной карте по реализации процедур МСОКО');
    expect(deadlineOf(byId(all, '7'))).toMatchObject({ kind: 'external', due: [] });
    expect(byId(all, '9').deadline).toMatchObject({ kind: 'external', schedule: 'ФИОКО' });
    expect(deadlineOf(byId(all, '15'))).toMatchObject({
      kind: 'ongoing',
      start: '2022-01-01',
      end: '2022-12-31',
    });
    expect(deadlineOf(byId(all, '16'))).toEqual({
      kind: 'quarter',
      start: '2022-07-01',
      end: '2022-09-30',
      due: ['2022-09-30'],
    });
    expect(deadlineOf(byId(all, '25'))).toMatchObject({
      kind: 'month-range',
      start: '2022-08-01',
      due: ['2022-10-31'],
    });
    expect(deadlineOf(byId(all, '27'))).toMatchObject({ kind: 'recurring', every: '1 quarter x1' });
    expect(deadlineOf(byId(all, '29'))).toMatchObject({ kind: 'recurring', every: '1 year x2' });
  });

  it('merges the broken row cell by cell and splits the responsible parties', () => {
    const a = byId(all, '7');
    expect(a.title).toBe(
      'Мониторинги качества подготовки обучающихся в ШНОР экспертным советом по оценке качества образования',
    );
    expect(a.responsible.map((p) => p.name)).toEqual(['МОУО', 'экспертный совет']);
    expect(a.expectedResult).toBe('Справка (экспертное заключение). протокол, рекомендации');
    expect(byId(all, '1').responsible.map((p) => p.name)).toEqual(['МОУО']);
  });

  it('warns about the repeated date «Апрель 2022 г. апрель 2022 г.» at its cell', () => {
    const w = r.roadmap.problems.find((p) => p.cell === byId(all, '1').cells.deadline);
    expect(w?.severity).toBe('предупреждение');
  });
});

describe('seed 004: nested sections in <i>…</i> and plain lines, numbering restarting in each', () => {
  const r = readSeed('004_');
  const all = r.activities;

  it('reads 59 activities; ids join the section number and the row number', () => {
    expect(all).toHaveLength(59);
    expect(all.map((a) => a.id).slice(0, 5)).toEqual(['1.1.1', '1.1.2', '1.1.3', '1.1.4', '1.2.1']);
    expect(byId(all, '3.7.1').title).toMatch(/^Организация партнерства и взаимодействия ОО/);
    expect(byId(all, '4.3').title).toBe('Положительная динамика образовательных результатов ПРШ');
  });

  it('builds the section tree', () => {
    const tree = sectionTree(all).map((p) => p.replace(/ Действия, направленные на [^›]*?(?= ›|$)/g, '…'));
    expect(tree).toEqual([
      '1.… › 1.1…',
      '1.… › 1.2…',
      '1.… › 1.3…',
      '2.… › 2.1…',
      '2.… › 2.2…',
      '2.… › 2.3…',
      '2.… › 2.4…',
      '2.… › 2.5…',
      '2.… › 2.6…',
      '3.… › 3.1…',
      '3.… › 3.2…',
      '3.… › 3.3…',
      '3.… › 3.4…',
      '3.… › 3.5…',
      '3.… › 3.6…',
      '3.… › 3.7…',
      '4. Итоговый контроль реализаци',
    ]);
    expect(byId(all, '2.4.1').sectionPath[1]).toBe(
      '2.4 Действия, направленные на преодоление высокой доли обучающихся с рисками школьной неуспешности',
    );
  });

  it('parses the deadlines (period 2021–2023 from the title)', () => {
    expect(r.period).toMatchObject({ start: '2021-01-01', end: '2023-12-31', source: 'title' });
    expect(deadlineOf(byId(all, '1.1.1'))).toEqual({
      kind: 'month',
      start: '2020-10-01',
      end: '2020-10-31',
      due: ['2020-10-31'],
    });
    expect(deadlineOf(byId(all, '1.1.3'))).toEqual({
      kind: 'month-range',
      start: '2020-11-01',
      end: '2021-01-31',
      due: ['2021-01-31'],
    });
    expect(deadlineOf(byId(all, '1.2.3'))).toMatchObject({ kind: 'by-date', due: ['2023-12-31'] });
    expect(deadlineOf(byId(all, '1.2.5'))).toMatchObject({ kind: 'by-date', due: ['2021-01-31'] });
    expect(deadlineOf(byId(all, '2.1.1'))).toMatchObject({ kind: 'from', start: '2020-10-01', due: [] });
    expect(deadlineOf(byId(all, '2.1.6'))).toMatchObject({ kind: 'recurring', every: '1 month x1' });
    expect(deadlineOf(byId(all, '2.1.7'))).toMatchObject({ kind: 'recurring', every: '1 week wd2 x1' });
    expect(byId(all, '2.1.8').deadlineText).toBe('1 раз в 2 недели с ноября 2020г.');
    expect(deadlineOf(byId(all, '2.1.8'))).toMatchObject({
      kind: 'recurring',
      start: '2020-11-01',
      every: '2 week x1',
    });
    expect(deadlineOf(byId(all, '2.1.9'))).toMatchObject({
      kind: 'several',
      due: ['2020-12-31', '2021-01-31', '2021-02-28', '2021-03-31'],
    });
    expect(deadlineOf(byId(all, '2.1.10'))).toMatchObject({
      kind: 'several',
      due: ['2021-11-25', '2022-01-27', '2022-03-29'],
    });
    expect(deadlineOf(byId(all, '2.5.3'))).toMatchObject({ kind: 'by-date', due: ['2021-01-01'] });
    expect(deadlineOf(byId(all, '3.2.1'))).toMatchObject({
      kind: 'school-year',
      start: '2020-01-01',
      end: '2023-12-31',
    });
    expect(deadlineOf(byId(all, '3.6.2'))).toMatchObject({ kind: 'recurring', every: '3 year x1' });
  });

  it('reads «МОУО ПРШ группы риска» as two parties and flags deadlines before the period', () => {
    expect(byId(all, '3.7.2').responsible.map((p) => p.name)).toEqual(['МОУО', 'ПРШ группы риска']);
    const outside = r.roadmap.problems.filter((p) => p.message.includes('выходит за период'));
    expect(outside.map((p) => p.cell)).toContain(byId(all, '1.1.1').cells.deadline);
    expect(outside.every((p) => p.severity === 'предупреждение')).toBe(true);
    expect(outside.map((p) => p.cell)).not.toContain(byId(all, '1.2.4').cells.deadline);
  });
});

describe('a table broken across pages with its header repeated', () => {
  it('reads as one table: same ids for unnumbered rows, sections kept, missing columns reported once', () => {
    const grid = seedActivitiesGrid('001_');
    const header = grid.findIndex((r) => r[0] === 'Мероприятие');
    const split = [...grid.slice(0, header + 8), [], grid[header] ?? [], ...grid.slice(header + 8)];
    const whole = readGrid(grid);
    const paged = readGrid(split);
    expect(paged.activities.map((a) => [a.id, a.title, a.table])).toEqual(
      whole.activities.map((a) => [a.id, a.title, a.table]),
    );
    const missing = (r: typeof whole): number =>
      r.roadmap.problems.filter((p) => p.message.includes('нет столбца')).length;
    expect(missing(paged)).toBe(missing(whole));
  });
});

describe('reading sheets as users keep them', () => {
  const header = ['№', 'Мероприятие', 'Срок', 'Ответственные', 'Ожидаемый результат'];

  it('recognises header synonyms', () => {
    expect(classifyHeader('Период реализации отдельного действия')).toBe('deadline');
    expect(classifyHeader('Дата проведения')).toBe('deadline');
    expect(classifyHeader('Исполнитель и соисполнители мероприятия')).toBe('responsible');
    expect(classifyHeader('Ответственный исполнитель')).toBe('responsible');
    expect(classifyHeader('Результат выполнения мероприятия')).toBe('result');
    expect(classifyHeader('Содержание действия')).toBe('title');
    expect(classifyHeader('Наименование показателя')).toBe('indicator');
    expect(classifyHeader('2021 г.')).toBe('year');
    expect(classifyHeader('№ п/п')).toBe('number');
  });

  it('reads a date typed into a deadline cell as that calendar date in the spreadsheet zone', () => {
    // 2021-03-31 21:30 UTC is already 1 April in Moscow.
    const grid: Grid = [
      header,
      ['1', 'Совещание', new Date(Date.UTC(2021, 2, 31, 21, 30)), 'УО', 'Протокол'],
    ];
    const r = readGrid(grid);
    expect(r.activities[0]?.deadlineText).toBe('01.04.2021');
    expect(r.activities[0]?.deadline.due).toEqual(['2021-04-01']);
  });

  it('takes the period from Настройки first, and falls back to the years of the deadlines', () => {
    const grid: Grid = [
      ['Дорожная карта на 2021-2023 годы'],
      header,
      ['1', 'Совещание', 'апрель', 'УО', 'Протокол'],
    ];
    expect(readGrid(grid).period.source).toBe('title');
    const set = readGrid(grid, {
      settings: [
        ['Начало периода', 2022],
        ['Конец периода', '2022'],
      ],
    });
    expect(set.period).toEqual({ start: '2022-01-01', end: '2022-12-31', source: 'settings' });
    expect(set.activities[0]?.deadline.due).toEqual(['2022-04-30']);
    expect(set.settings.periodStart).toBe('2022-01-01');
    const untitled = readGrid([
      header,
      ['1', 'А', 'до 01.02.2024', 'УО', 'Б'],
      ['2', 'В', 'май 2025 г.', 'УО', 'Г'],
    ]);
    expect(untitled.period).toEqual({ start: '2024-01-01', end: '2025-12-31', source: 'deadlines' });
  });

  it('reads start and end columns under «Сроки» as one range', () => {
    const grid: Grid = [
      ['№', 'Мероприятие', 'Сроки', '', 'Ответственные'],
      ['', '', 'начало', 'окончание', ''],
      ['1', 'Курсы', '01.02.2021', '31.03.2021', 'ММЦ'],
      ['2', 'Совещание', '', 'май 2021', 'УО'],
    ];
    const [a, b] = readGrid(grid).activities;
    expect(a?.deadlineText).toBe('с 01.02.2021 по 31.03.2021');
    expect(a?.deadline).toMatchObject({ start: '2021-02-01', due: ['2021-03-31'] });
    expect(b?.deadlineText).toBe('май 2021');
  });

  it('does not take a data row with header words for a header', () => {
    const grid: Grid = [
      ['Мероприятие', 'Ответственные', 'Сроки'],
      ['Разработка плана мероприятий', 'Ответственный отдел', 'до 01.04.2021'],
      ['Совещание', 'УО', 'май 2021'],
    ];
    expect(readGrid(grid).activities.map((a) => a.title)).toEqual([
      'Разработка плана мероприятий',
      'Совещание',
    ]);
  });

  it('says so when there is no header row', () => {
    const r = readActivities([['1', 'Совещание', 'апрель']]);
    expect(r.activities).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'ошибка', cell: 'A1' })]);
  });

  it('skips a table of another kind between activity tables, with a warning', () => {
    const grid: Grid = [
      header,
      ['1', 'Совещание', 'апрель 2021', 'УО', 'Протокол'],
      [],
      ['№ п/п', 'Наименование показателя', 'Значение показателя'],
      ['1', 'Доля школ', '100%'],
      [],
      header,
      ['2', 'Семинар', 'май 2021', 'ММЦ', 'Программа'],
    ];
    const r = readGrid(grid);
    expect(r.activities.map((a) => a.title)).toEqual(['Совещание', 'Семинар']);
    expect(r.roadmap.problems).toContainEqual(
      expect.objectContaining({ cell: 'A4', severity: 'предупреждение' }),
    );
  });

  it('treats a section title repeated across merged cells as one section, and separator rows as nothing', () => {
    const title = '1. Организационные мероприятия';
    const grid: Grid = [
      header,
      [title, title, title, title, title],
      ['---', '---', '---'],
      ['1.1', 'Совещание', 'апрель 2021', 'УО', 'Протокол'],
    ];
    const r = readGrid(grid);
    expect(r.activities).toHaveLength(1);
    expect(r.activities[0]).toMatchObject({ id: '1.1', sectionPath: [title] });
  });

  it('finds the period in titles', () => {
    expect(periodFromTitle('… на 2021-2023 годы')).toEqual({ start: 2021, end: 2023 });
    expect(periodFromTitle('**… на 2023 - 2025 годы**')).toEqual({ start: 2023, end: 2025 });
    expect(periodFromTitle('«500+» в 2022 году**')).toEqual({ start: 2022, end: 2022 });
    expect(periodFromTitle('(ШНРО) на 2021 г.')).toEqual({ start: 2021, end: 2021 });
    expect(periodFromTitle('11 апреля 2022 года')).toBeUndefined();
  });
});

describe('a roadmap with nothing under its header', () => {
  it('is an error at the first row under the header, with what to do', () => {
    const { activities, problems } = readActivities(
      [['№', 'Мероприятие', 'Срок', 'Ответственные']],
      'Europe/Moscow',
    );
    expect(activities).toEqual([]);
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'ошибка',
        cell: 'A2',
        message: expect.stringContaining('нет ни одного мероприятия') as unknown,
      }),
    );
  });
});

describe('readRoadmap: an impossible date in «Начало периода»', () => {
  it('is an error at Настройки!B2 and the period comes from the roadmap, not a moved date', () => {
    const r = readGrid(
      [
        ['Дорожная карта на 2024-2025 годы'],
        ['№', 'Мероприятие', 'Сроки', 'Ответственные', 'Результат'],
        ['1', 'Совещание', 'ежеквартально', 'УО', 'Протокол'],
      ],
      {
        settings: [
          ['Параметр', 'Значение'],
          ['Начало периода', '31.02.2024'],
          ['Конец периода', '2025'],
        ],
      },
    );
    expect(r.roadmap.problems).toContainEqual(
      expect.objectContaining({ severity: 'ошибка', sheet: 'Настройки', cell: 'B2' }),
    );
    expect(r.period.start).toBe('2024-01-01');
    expect(r.activities[0]?.deadline.start).toBe('2024-01-01');
  });
});
