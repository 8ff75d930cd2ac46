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

  it('refuses a cell wrapped over two lines (no blank lines to tell cells apart) instead of taking its last cell for a section', () => {
    const lines = ONE_CELL_PER_LINE.replace(/\n\n/g, '\n')
      .replace('Совещание муниципальных координаторов', 'Совещание муниципальных\nкоординаторов')
      .split('\n');
    const at = lines.indexOf('Протокол') + 1;
    expect(refusal(lines.join('\n'))).toMatch(
      new RegExp(
        `^Строка ${at}: «Протокол» стоит между строками «1\\.1» и «1\\.2», которые идут подряд: это не раздел`,
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
