import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importLines, importText } from '../../src/core/import-text';
import { importRoadmap, readRoadmapFile } from '../../src/local/import-roadmap';
import { LocalHost } from '../../src/local/host';
import { readDocx } from '../../src/local/read-docx';
import { buildDocx, roadmapDocxBlocks, type DocxBlock, type DocxCell } from '../fixtures/docx';
import { roadmapSummary } from '../fixtures/roadmap-shapes';
import { readGrid, SEED_ACTIVITY_COUNTS, seedText } from '../fixtures/seed-roadmaps';

const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

/** What the import prints to stderr while running. */
function captureErrors(): string[] {
  const errors: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
    errors.push(String(s));
    return true;
  });
  return errors;
}

describe('a seed roadmap as a Word document', () => {
  const merges = { vertical: 0, spans: 0, lists: 0 };
  afterAll(() => {
    // The documents hold what Word documents hold: merged section rows, responsible cells merged down, lists.
    expect(merges.vertical).toBeGreaterThan(20);
    expect(merges.spans).toBeGreaterThan(20);
    expect(merges.lists).toBeGreaterThan(100);
  });

  it.each(SEED_ACTIVITY_COUNTS)(
    'seed %s: the same activities, sections, numbering, due dates, parties, title and period as its text (%i activities)',
    async (prefix, count) => {
      const text = importText(seedText(prefix));
      const blocks = roadmapDocxBlocks(text.activities);
      const cells = blocks
        .flatMap((b) => ('table' in b ? b.table.flat() : []))
        .map((c): DocxCell => (typeof c === 'string' ? { text: c } : c));
      merges.vertical += cells.filter((c) => c.vMerge === 'continue').length;
      merges.spans += cells.filter((c) => (c.span ?? 1) > 1).length;
      merges.lists += cells.filter((c) => c.text.includes('\n')).length;
      const file = path.join(dir, `${prefix}.docx`);
      writeFileSync(file, await buildDocx(blocks));
      const fromWord = roadmapSummary(await readRoadmapFile(file));
      expect(fromWord).toEqual(roadmapSummary(text));
      expect(fromWord.activities).toHaveLength(count);
    },
  );
});

describe('a Word roadmap written for the test', () => {
  const numbered = (level: number, text = ''): DocxCell => ({ text, level });
  const header = ['№ п/п', 'Содержание мероприятия', 'Срок', 'Ответственные', 'Ожидаемый результат'];
  const blocks: DocxBlock[] = [
    { paragraph: 'УТВЕРЖДЕНА' },
    { paragraph: 'приказом управления образования' },
    { paragraph: '' },
    { paragraph: 'Дорожная карта' },
    { paragraph: 'по поддержке школ с низкими результатами обучения на 2024 год' },
    { paragraph: '' },
    {
      table: [
        header,
        [{ ...numbered(0, 'Организационные мероприятия'), span: 5 }],
        [
          numbered(1),
          'Совещание координаторов',
          'январь 2024 г.',
          { text: 'Комитет по образованию\nМетодический центр', vMerge: 'restart' },
          'Протокол',
        ],
        [numbered(1), 'Анкетирование школ', 'февраль 2024 г.', { text: '', vMerge: 'continue' }, 'Профили'],
        [numbered(1), 'Утверждение программ', 'март 2024 г.', { text: '', vMerge: 'continue' }, 'Приказы'],
        [
          { ...numbered(1), vMerge: 'restart' },
          { text: 'Мониторинг оснащения школ', vMerge: 'restart' },
          'апрель 2024 г.',
          'ММЦ',
          'Справка',
        ],
        [
          { text: '', vMerge: 'continue' },
          { text: '', vMerge: 'continue' },
          'октябрь 2024 г.',
          'Руководители ОО',
          '',
        ],
      ],
    },
    { paragraph: '' },
    { paragraph: 'Продолжение дорожной карты' },
    {
      table: [
        header,
        [{ text: '2. Методическое сопровождение', span: 5 }],
        ['2.1.', 'Семинар для педагогов', 'май 2024 г.', 'ММЦ', 'Программа'],
        ['2.2.', 'Курсы повышения\nквалификации учителей', 'до 01.10.2024', 'ИРО', 'Удостоверения'],
        ['2.3.', 'Конференция по итогам года', 'декабрь 2024 г.', 'Управление образования, ММЦ', 'Резолюция'],
        ['2.4.', 'Посещение уроков', 'ноябрь 2024 г.', 'Кураторы школ', 'Карты'],
      ],
    },
  ];

  it('reads the title and year above the table, Word numbering, merged cells, cell paragraphs and both tables', async () => {
    const file = path.join(dir, 'карта.docx');
    writeFileSync(file, await buildDocx(blocks));
    const imported = await readRoadmapFile(file);
    expect(imported.title).toBe(
      'Дорожная карта по поддержке школ с низкими результатами обучения на 2024 год',
    );
    expect(imported.period).toEqual({ start: 2024, end: 2024 });
    expect(imported.tables.map((t) => t.kind)).toEqual(['activities', 'activities']);
    const read = readGrid(imported.activities).activities;
    expect(
      read.map((a) => [
        a.id,
        a.sectionPath.join(' › '),
        a.title,
        a.deadline.due,
        a.responsible.map((p) => p.name),
      ]),
    ).toEqual([
      [
        '1.1',
        '1. Организационные мероприятия',
        'Совещание координаторов',
        ['2024-01-31'],
        ['Комитет по образованию', 'Методический центр'],
      ],
      [
        '1.2',
        '1. Организационные мероприятия',
        'Анкетирование школ',
        ['2024-02-29'],
        ['Комитет по образованию', 'Методический центр'],
      ],
      [
        '1.3',
        '1. Организационные мероприятия',
        'Утверждение программ',
        ['2024-03-31'],
        ['Комитет по образованию', 'Методический центр'],
      ],
      // Number and title merged over two rows: one activity, its second deadline and party from the second row.
      [
        '1.4',
        '1. Организационные мероприятия',
        'Мониторинг оснащения школ',
        ['2024-04-30', '2024-10-31'],
        ['ММЦ', 'Руководители ОО'],
      ],
      ['2.1', '2. Методическое сопровождение', 'Семинар для педагогов', ['2024-05-31'], ['ММЦ']],
      [
        '2.2',
        '2. Методическое сопровождение',
        'Курсы повышения квалификации учителей',
        ['2024-10-01'],
        ['ИРО'],
      ],
      [
        '2.3',
        '2. Методическое сопровождение',
        'Конференция по итогам года',
        ['2024-12-31'],
        ['Управление образования', 'ММЦ'],
      ],
      ['2.4', '2. Методическое сопровождение', 'Посещение уроков', ['2024-11-30'], ['Кураторы школ']],
    ]);
  });

  it('becomes a workbook through roadmap500 import, a list of parties kept one per line in its cell', async () => {
    captureErrors();
    const file = path.join(dir, 'план.docx');
    const out = path.join(dir, 'план.xlsx');
    writeFileSync(file, await buildDocx(blocks));
    expect(await importRoadmap(file, out)).toBe(0);
    const host = await LocalHost.open(out);
    const rows = host.values('Мероприятия');
    expect(rows.flat()).toContain('Комитет по образованию\nМетодический центр');
    expect(readGrid(rows).activities).toHaveLength(8);
    expect(host.values('Настройки').find((r) => r[0] === 'Начало периода')?.[1]).toBe(2024);
  });

  it('reads a title written in a text box once (Word stores the box twice: the drawing and its old fallback)', async () => {
    const box = '<w:txbxContent><w:p><w:r><w:t>Дорожная карта на 2025 год</w:t></w:r></w:p></w:txbxContent>';
    const textBox =
      '<w:p><w:r><mc:AlternateContent>' +
      `<mc:Choice Requires="wps"><w:drawing><wps:txbx>${box}</wps:txbx></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><v:textbox>${box}</v:textbox></w:pict></mc:Fallback>` +
      '</mc:AlternateContent></w:r></w:p>';
    const file = path.join(dir, 'надпись.docx');
    writeFileSync(file, await buildDocx([{ xml: textBox }, ...blocks.slice(5)]));
    const imported = await readRoadmapFile(file);
    expect(imported.title).toBe('Дорожная карта на 2025 год');
    expect(imported.period).toEqual({ start: 2025, end: 2025 });
  });

  it('reads the tables inside a frame (a table of one cell around the content) as tables', async () => {
    const framed = await buildDocx([{ table: [[{ text: '', blocks }]] }]);
    const file = path.join(dir, 'в-рамке.docx');
    writeFileSync(file, framed);
    const imported = await readRoadmapFile(file);
    expect(imported.tables.map((t) => t.kind)).toEqual(['activities', 'activities']);
    expect(readGrid(imported.activities).activities).toHaveLength(8);
  });

  it('keeps paragraphs outside tables as lines of text and each table row as a row', async () => {
    const lines = await readDocx(await buildDocx(blocks));
    expect(lines.slice(0, 5).map((l) => [l.cells, l.tabbed])).toEqual([
      [['УТВЕРЖДЕНА'], false],
      [['приказом управления образования'], false],
      [[''], false],
      [['Дорожная карта'], false],
      [['по поддержке школ с низкими результатами обучения на 2024 год'], false],
    ]);
    expect(lines.find((l) => l.tabbed && l.cells[0]?.startsWith('1. '))?.cells).toEqual([
      '1. Организационные мероприятия',
      '',
      '',
      '',
      '',
    ]);
    expect(importLines(lines).tables).toHaveLength(2);
  });
});

describe('responsible parties of a Word roadmap (karta1.docx, karta3.docx of the QA report)', () => {
  const full = 'Управление образования и молодежной политики администрации Чарского муниципального округа';
  const blocks: DocxBlock[] = [
    { paragraph: 'Приложение 1 к приказу Управления образования от 10.10.2024 № 245' },
    { paragraph: 'Дорожная карта по поддержке школ на 2024-2025 годы' },
    { paragraph: `${full} (далее - Управление)` },
    {
      table: [
        ['№ п/п', 'Мероприятие', 'Срок', 'Ответственные'],
        ['1', 'Мониторинг', 'ежеквартально', 'Управление'],
        ['2', 'Семинар', 'апрель 2025', 'Управление образования\nадминистрации Чарского района'],
        ['3', 'Разработка ИОМ', 'до 30.11.2024', 'МОУ Чарская СОШ №1'],
        ['4', 'Курсы', 'май 2025', 'ГАУ ДПО «Институт развития образования Забайкальского края»'],
      ],
    },
  ];
  const responsible = [
    ['Код или имя', 'Полное наименование / ФИО', 'Email'],
    ['УО', full, 'uo@chara.ru'],
    ['', 'Управление образования администрации Чарского района', 'uo2@chara.ru'],
    ['', 'МОУ Чарская СОШ №1', 'sosh1@chara.ru'],
    ['ИРО', 'ГАУ ДПО «Институт развития образования Забайкальского края»', 'iro@zab.ru'],
  ];

  it('«(далее - Управление)» under a title naming another body, a name on two lines of a cell, legal forms: each reaches its address', async () => {
    const file = path.join(dir, 'исполнители.docx');
    writeFileSync(file, await buildDocx(blocks));
    const read = readGrid((await readRoadmapFile(file)).activities, { responsible });
    expect(read.activities.map((a) => a.responsible)).toEqual([
      [{ name: 'Управление', email: 'uo@chara.ru' }],
      [{ name: 'Управление образования администрации Чарского района', email: 'uo2@chara.ru' }],
      [{ name: 'МОУ Чарская СОШ №1', email: 'sosh1@chara.ru' }],
      [{ name: 'ГАУ ДПО «Институт развития образования Забайкальского края»', email: 'iro@zab.ru' }],
    ]);
    expect(read.roadmap.problems.filter((p) => p.message.includes('не найден'))).toEqual([]);
  });
});

describe('files Word can save but the import does not read', () => {
  it.each([
    ['карта.doc', /сохраните его как «Документ Word \(\*\.docx\)»/],
    ['карта.rtf', /сохраните его как «Документ Word \(\*\.docx\)»/],
    ['карта.odt', /LibreOffice.*\.docx/],
  ])('%s: exit 2 and a Russian message saying to save it as .docx', async (name, advice) => {
    const errors = captureErrors();
    const input = path.join(dir, name);
    writeFileSync(input, 'старый формат');
    expect(await importRoadmap(input, path.join(dir, `${name}.xlsx`))).toBe(2);
    expect(errors.join('')).toMatch(advice);
  });

  it('a .doc renamed to .docx (or a .docx under a password): exit 2, says to save it as .docx', async () => {
    const errors = captureErrors();
    const input = path.join(dir, 'старый.docx');
    writeFileSync(input, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(await importRoadmap(input, path.join(dir, 'старый.xlsx'))).toBe(2);
    expect(errors.join('')).toMatch(
      /старого формата \(\.doc\) или документ, защищённый паролем.*Документ Word \(\*\.docx\)/,
    );
  });

  it('a .docx that is not a Word document: exit 2, says so', async () => {
    const errors = captureErrors();
    const input = path.join(dir, 'повреждён.docx');
    writeFileSync(input, 'PK это не zip');
    expect(await importRoadmap(input, path.join(dir, 'повреждён.xlsx'))).toBe(2);
    expect(errors.join('')).toContain('файл не похож на документ Word .docx');
  });
});
