import { gridLines, importLines, importText, splitPastedText } from '../../src/core/import-text';
import { readIndicators } from '../../src/core/indicators';
import { readGrid, seedText } from '../fixtures/seed-roadmaps';

const texts = (rows: (string | number)[][]): string[] => rows.map((r) => r.map(String).join(' | '));

describe('importText on the seeds', () => {
  it.each([
    ['000_', ['activities'], { start: 2020, end: 2022 }],
    ['001_', ['indicators', 'activities', 'activities'], { start: 2021, end: 2021 }],
    ['002_', ['activities'], { start: 2023, end: 2025 }],
    ['003_', ['activities'], { start: 2022, end: 2022 }],
    ['004_', ['indicators', 'activities'], { start: 2021, end: 2023 }],
  ])('seed %s: tables %j, period %j', (prefix, kinds, period) => {
    const imported = importText(seedText(prefix));
    expect(imported.tables.map((t) => t.kind)).toEqual(kinds);
    expect(imported.period).toEqual(period);
  });

  it('puts the title above the table and keeps header rows, column numbers, sections and broken rows as written', () => {
    const rows = texts(importText(seedText('000_')).activities);
    expect(rows[0]).toBe(
      'X. «Дорожная карта» разработки и реализации муниципальной программ поддержки ШНОР и ШНСУ',
    );
    expect(rows[2]).toMatch(
      /^№ п\/п \| Наименование задачи\/мероприятия \| Результат выполнения мероприятия \| {2}\| Срок реализации, годы/,
    );
    expect(rows[3]).toBe(' |  | наименование | плановое значение | 2020 г. | 2021 г. | 2022 г.');
    expect(rows[4]).toBe('1 | 2 | 3 | 4 | 5 | 6 | 7 | 8');
    expect(rows).toContain(' | эффективный режим работы');
    expect(rows).toContain(
      '5. Реализация мер, направленных на взаимодействие и информирование педагогической общественности в процессе реализации региональной Программы поддержки ШНОР и ШНСУ',
    );
  });

  it('keeps a caption between tables out of both tables («ДОРОЖНАЯ КАРТА» in seed 001)', () => {
    const imported = importText(seedText('001_'));
    expect(texts(imported.activities).some((r) => r.includes('ДОРОЖНАЯ КАРТА'))).toBe(false);
    expect(
      texts(imported.activities).filter((r) => r.startsWith('Мероприятие | Ответственный')),
    ).toHaveLength(1);
    expect(imported.title).toMatch(/^План работы учебно-методического центра .* на 2021 г\.$/);
  });

  it('removes markup: <i>2.4 …</i> section lines read as text', () => {
    const rows = texts(importText(seedText('004_')).activities);
    expect(rows).toContain(
      '2.4 Действия, направленные на преодоление высокой доли обучающихся с рисками школьной неуспешности',
    );
    expect(rows.some((r) => r.includes('<'))).toBe(false);
  });

  it('writes indicator tables one bullet per row, which the indicators reader reads as 25 indicators (seed 004)', () => {
    const imported = importText(seedText('004_'));
    expect(imported.indicators).toHaveLength(26);
    const { indicators, problems } = readIndicators(imported.indicators, {
      sheet: 'Показатели',
      currentYear: 2021,
    });
    expect(problems).toEqual([]);
    expect(indicators).toHaveLength(25);
    expect(indicators.find((i) => i.name.startsWith('увеличение числа кураторов'))?.section).toBe(
      'Низкая эффективность управления в школе',
    );
  });

  it('writes the target table of seed 001 as written: 17 indicators with their plans', () => {
    const { indicators, problems } = readIndicators(importText(seedText('001_')).indicators, {
      sheet: 'Показатели',
      currentYear: 2021,
    });
    expect(problems).toEqual([]);
    expect(indicators).toHaveLength(17);
    expect(indicators[2]?.planned['']?.value).toBe(25);
  });

  it('copies a table with per-year targets to Показатели (seed 000)', () => {
    const imported = importText(seedText('000_'));
    const { indicators } = readIndicators(imported.indicators, { sheet: 'Показатели', currentYear: 2021 });
    expect(indicators).toHaveLength(31);
  });

  it('imports to what every seed reads back into', () => {
    expect(readGrid(importText(seedText('002_')).activities).activities).toHaveLength(20);
  });
});

describe('other shapes of input', () => {
  it('reads a multi-line cell quoted as Excel and Sheets copy it', () => {
    const text =
      '№\tМероприятие\tСрок\tОтветственные\n1\t"Совещание\nкоординаторов"\tапрель 2021\tУО\n2\t"Он сказал ""да"""\tмай 2021\tММЦ\n';
    const lines = splitPastedText(text);
    expect(lines[1]?.cells).toEqual(['1', 'Совещание\nкоординаторов', 'апрель 2021', 'УО']);
    expect(lines[2]?.cells[1]).toBe('Он сказал "да"');
    const r = readGrid(importText(text).activities);
    expect(r.activities.map((a) => a.title)).toEqual(['Совещание координаторов', 'Он сказал "да"']);
  });

  it('keeps an unbalanced quote as written', () => {
    expect(splitPastedText('1\t"Точка роста\tУО')[0]?.cells).toEqual(['1', '"Точка роста', 'УО']);
  });

  it('reads a grid from a spreadsheet export the same way (one-cell rows are lines of text)', () => {
    const grid = [
      ['Дорожная карта на 2022 год', '', ''],
      ['', '', ''],
      ['Мероприятие', 'Срок', 'Ответственный'],
      ['Организационные мероприятия', '', ''],
      ['Совещание', 'март 2022', 'УО'],
    ];
    const imported = importLines(gridLines(grid));
    expect(imported.period).toEqual({ start: 2022, end: 2022 });
    const r = readGrid(imported.activities);
    expect(r.activities).toEqual([
      expect.objectContaining({ title: 'Совещание', sectionPath: ['Организационные мероприятия'] }),
    ]);
  });

  it('finds no activity table in plain prose', () => {
    expect(importText('Просто текст\n\nбез таблиц').tables).toEqual([]);
  });
});
