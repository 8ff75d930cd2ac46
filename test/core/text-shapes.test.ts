import { isUserError } from '../../src/core/errors';
import { importLines, importText } from '../../src/core/import-text';
import { followsNumber, textLines } from '../../src/core/text-shapes';
import {
  HEADER,
  ONE_CELL_PER_LINE,
  PIPE_ENDS,
  PIPE_ROWS,
  ROWS,
  TITLE,
  TSV,
  roadmapSummary,
} from '../fixtures/roadmap-shapes';
import { seedText } from '../fixtures/seed-roadmaps';

const imported = (text: string): ReturnType<typeof roadmapSummary> =>
  roadmapSummary(importLines(textLines(text)));
const reference = roadmapSummary(importText(TSV));

/** The refusal a text gets: its message (with the line) and what to do. */
function refusal(text: string): string {
  try {
    textLines(text);
  } catch (e) {
    if (isUserError(e)) return `${e.message} ${e.fix}`;
    throw e;
  }
  throw new Error('not refused');
}

describe('the reference roadmap', () => {
  it('has 10 activities in two sections, the title and the period 2024', () => {
    expect(reference.activities).toHaveLength(10);
    expect(reference.activities[0]).toBe(
      '1.1 | 1.1 | 1. Организационные мероприятия | Совещание муниципальных координаторов | 2024-01-31 | Управление образования',
    );
    expect(reference.activities[8]).toMatch(/^2\.4 .* \| Управление образования \+ ММЦ$/);
    expect(reference.period).toEqual({ start: 2024, end: 2024 });
    expect(reference.title).toBe(TITLE.join(' '));
  });
});

describe('text copied from a web page or a PDF, one cell per line', () => {
  it('reads as the same roadmap as the tab-separated text', () => {
    expect(imported(ONE_CELL_PER_LINE)).toEqual(reference);
  });

  it('takes a title line right above the header for the title, not for a column («План мероприятий»)', () => {
    const text = ONE_CELL_PER_LINE.replace(`${TITLE[0]}\n${TITLE[1]}\n`, 'План мероприятий на 2024 год\n');
    const read = imported(text);
    expect(read.activities).toEqual(reference.activities);
    expect(read.title).toBe('План мероприятий на 2024 год');
  });

  it('reads lines without blank lines between them, one cell per line', () => {
    expect(imported(ONE_CELL_PER_LINE.replace(/\n\n/g, '\n'))).toEqual(reference);
  });

  it('refuses a row with a missing cell, naming its line, instead of shifting the cells of the rows below', () => {
    const lines = ONE_CELL_PER_LINE.split('\n');
    const at = lines.indexOf('Рисковые профили школ');
    lines.splice(at, 2);
    const row12 = lines.indexOf('   1.2') + 1;
    expect(refusal(lines.join('\n'))).toMatch(
      new RegExp(
        `^Строка ${row12}: в строке таблицы с номером «1\\.2» 4 ячейки, а столбцов в заголовке 5: .*Впишите «—» в пустые ячейки`,
      ),
    );
  });

  it('refuses a table without a number column, naming the line of its header: rows cannot be told apart', () => {
    const text = ['Мероприятие', '', 'Срок', '', 'Ответственные', '', 'Совещание', '', 'май', '', 'УО'].join(
      '\n',
    );
    expect(refusal(text)).toMatch(/^Строка 1: в таблице нет столбца номеров/);
  });

  it('is not taken for a table when no header names the columns (the import then says no table was found)', () => {
    const lines = textLines('Просто текст.\n\nЕщё абзац.\n\n1\n\nКонец.');
    expect(importLines(lines).tables).toEqual([]);
  });
});

describe('text copied from a PDF: page furniture between rows, cells wrapped over lines', () => {
  /** The reference one cell per line, with no blank lines (as a PDF copies), `extra` lines put before `line`. */
  const pdf = (line: string, ...extra: string[]): string => {
    const lines = ONE_CELL_PER_LINE.replace(/\n\n/g, '\n').split('\n');
    const at = lines.indexOf(line);
    if (at < 0) throw new Error(`no line «${line}»`);
    lines.splice(at, 0, ...extra);
    return lines.join('\n');
  };

  it.each([
    ['a page number', ['2']],
    ['a page number in dashes', ['– 2 –']],
    ['«Страница 2 из 5»', ['Страница 2 из 5']],
    ['the header and the column numbers repeated on the new page', ['2', ...HEADER, '1', '2', '3', '4', '5']],
    [
      'the header wrapped as on the first page',
      [
        '№',
        'п/п',
        'Наименование мероприятия',
        'Срок',
        'исполнения',
        'Ответственные',
        'Ожидаемый',
        'результат',
      ],
    ],
  ])('drops %s between two rows instead of shifting the cells of the row below', (_, extra) => {
    expect(imported(pdf('   1.4', ...extra))).toEqual(reference);
  });

  it('drops a page number between a section title and its first row, and one between a row and the next section', () => {
    expect(imported(pdf('   2.1', '3'))).toEqual(reference);
    expect(imported(pdf('2. Методическое сопровождение', '3'))).toEqual(reference);
  });

  it('drops the page number under the last row, and in a copy with blank lines between cells', () => {
    const signed = `${ONE_CELL_PER_LINE.replace(/\n\n/g, '\n')}\n3\nНачальник управления образования И.И. Иванов`;
    expect(imported(signed)).toEqual(reference);
    expect(imported(ONE_CELL_PER_LINE.replace('   1.4', '2\n\n   1.4'))).toEqual(reference);
  });

  it('drops a page number that falls inside a row: the row is whole without it', () => {
    expect(imported(pdf('Мониторинг оснащения школ оборудованием', '2'))).toEqual(reference);
    expect(imported(pdf('II квартал 2024 г.', '7'))).toEqual(reference);
  });

  it('refuses a lone number that may be a page number or a section without its title, naming its line', () => {
    const text = pdf('   2.1', '2').replace('2. Методическое сопровождение\n', '');
    const at = text.split('\n').indexOf('2') + 1;
    expect(refusal(text)).toMatch(
      new RegExp(
        `^Строка ${at}: «2» стоит отдельно перед строкой «2\\.1»: .*Если это номер страницы, удалите эту строку`,
      ),
    );
  });

  it('reads a header whose cells are wrapped over two lines («Срок» / «исполнения», «№» / «п/п»)', () => {
    const text = ONE_CELL_PER_LINE.replace(/\n\n/g, '\n')
      .replace('№ п/п', '№\nп/п')
      .replace('Срок исполнения', 'Срок\nисполнения')
      .replace('Ожидаемый результат', 'Ожидаемый\nрезультат');
    expect(imported(text)).toEqual(reference);
  });

  /** The reference as a PDF copies it, each `[cell, as wrapped]` of `wraps` wrapped over lines. */
  const wrapped = (...wraps: [string, string][]): string =>
    wraps.reduce((text, [cell, lines]) => text.replace(cell, lines), pdf('   1.2'));

  it('reads a name wrapped over two lines: the row has one cell too many, and only the name can take it', () => {
    const one = wrapped(['Совещание муниципальных координаторов', 'Совещание муниципальных\nкоординаторов']);
    expect(imported(one)).toEqual(reference);
    const two = wrapped(
      [
        'Утверждение школьных программ перевода в эффективный режим',
        'Утверждение школьных программ\nперевода в эффективный\nрежим',
      ],
      ['Карты наблюдения уроков', 'Карты наблюдения\nуроков'],
    );
    expect(imported(two)).toEqual(reference);
  });

  it('reads a wrapped cell that two ways could take by the column where another row has it whole («Руководители» / «ОО»)', () => {
    expect(imported(wrapped(['Руководители ОО\nПриказы ОО', 'Руководители\nОО\nПриказы ОО']))).toEqual(
      reference,
    );
  });

  it('refuses a wrapped cell it cannot place, naming the lines to join, not «Впишите «—» в пустые ячейки»', () => {
    const text = wrapped(['Управление образования\nПротокол', 'Управление\nОбразования\nПротокол']);
    const lines = text.split('\n');
    const row = lines.indexOf('   1.1') + 1;
    const at = lines.indexOf('Управление') + 1;
    const message = refusal(text);
    expect(message).toMatch(
      new RegExp(
        `^Строка ${row}: в строке таблицы с номером «1\\.1» 6 ячеек, а столбцов в заголовке 5: похоже, текст ячейки перенесён на новую строку\\.`,
      ),
    );
    expect(message).toContain(
      `Соедините в одну строки ${at} и ${at + 1} (или ${at + 1} и ${at + 2}) — ту пару`,
    );
    expect(message).not.toContain('Впишите «—»');
  });
});

describe('text copied from a legal database, cells ending with « |»', () => {
  it('reads as the same roadmap: cells wrapped over lines, the header «N п/п» over two lines, section rows with empty cells', () => {
    expect(imported(PIPE_ENDS)).toEqual(reference);
  });

  it('keeps the text below the table out of it', () => {
    const lines = importLines(textLines(PIPE_ENDS)).activities.map((r) => r.join(' '));
    expect(lines.some((l) => l.includes('Иванов'))).toBe(false);
  });

  it('refuses when a header has more cells than the rows (a merged header), naming the line of the cell that does not fit', () => {
    const text = PIPE_ENDS.replace('Ожидаемый результат |', 'Ожидаемый результат |\nПримечание |');
    expect(refusal(text)).toMatch(
      /^Строка \d+: «.*» не похоже ни на номер строки, ни на раздел, а ниже таблица продолжается/,
    );
  });

  it('refuses when the row of column numbers under the header does not match the header, naming its line', () => {
    const text = PIPE_ENDS.replace('Ожидаемый результат |\n', 'Ожидаемый результат |\n1 |\n2 |\n3 |\n4 |\n');
    const at = text.split('\n').indexOf('1 |') + 1;
    expect(refusal(text)).toMatch(
      new RegExp(`^Строка ${at}: номера столбцов под заголовком идут до 4, а названий столбцов 5`),
    );
  });

  it('refuses a table that ends mid-row', () => {
    const text = PIPE_ENDS.replace(/Отчёт \|\nНачальник.*$/s, '');
    expect(refusal(text)).toMatch(/^Строка \d+: последняя строка таблицы неполная: 4 ячейки из 5\./);
  });
});

describe('cells between «|», one row per line', () => {
  it('reads a Markdown-style table as the same roadmap', () => {
    expect(imported(PIPE_ROWS)).toEqual(reference);
  });

  it('reads a box-drawn table whose rows take several lines between rules', () => {
    const box = [
      ...TITLE,
      '',
      '┌─────┬───────────────┬──────────┬────────────┬───────────┐',
      '│ №   │ Наименование  │ Срок     │ Ответствен-│ Ожидаемый │',
      '│ п/п │ мероприятия   │ исполнения │ ные      │ результат │',
      ...ROWS.flatMap((r) => [
        '├─────┼───────────────┼──────────┼────────────┼───────────┤',
        r.length === 1 ? `│ ${r[0]} │` : `│ ${r.join(' │ ')} │`,
      ]),
      '└─────┴───────────────┴──────────┴────────────┴───────────┘',
    ].join('\n');
    const read = imported(box);
    expect(read.activities).toHaveLength(10);
    expect(read.activities[0]).toBe(reference.activities[0]);
  });

  it('refuses a row with a different number of cells, naming its line', () => {
    const lines = PIPE_ROWS.split('\n');
    const at = lines.findIndex((l) => l.startsWith('| 2.2 '));
    lines[at] = '| 2.2 | Посещение уроков кураторами | в течение года | Кураторы школ |';
    expect(refusal(lines.join('\n'))).toMatch(
      new RegExp(`^Строка ${at + 1}: в строке 4 ячейки между «\\|», а в заголовке таблицы 5`),
    );
  });
});

describe('tab-separated text', () => {
  it.each(['000_', '001_', '002_', '003_', '004_'])('seed %s is read as before', (prefix) => {
    const text = seedText(prefix);
    expect(importLines(textLines(text))).toEqual(importText(text));
  });

  it('keeps its header and rows', () => {
    expect(textLines(TSV)[3]?.cells).toEqual(HEADER);
  });
});

describe('followsNumber: which number can start the next row', () => {
  it.each([
    [undefined, '1', true],
    ['1', '2', true],
    ['1', '1.1', true],
    ['1.1', '1.2', true],
    ['1.2', '2', true],
    ['1.2.', '2.1.', false],
    ['1.2', '1.4', false],
    ['2', '1', false],
    ['I', 'II', true],
    ['I', '1', true],
    ['IV', 'V', true],
    ['1', 'текст', false],
  ])('%s → %s: %s', (prev, next, expected) => {
    expect(followsNumber(prev, next)).toBe(expected);
  });
});
