/** The custom functions as Sheets calls them: from the built dist/Code.js, in the local host. */
import { dateInZone } from '../../src/core/dates';
import { LocalHost } from '../../src/local/host';

const host = (timeZone = 'Europe/Moscow', now: string | Date = '2021-04-01'): LocalHost =>
  LocalHost.fromSheets({ Лист1: [['']] }, { timeZone, now });
/** A Date of the vm's realm is not `instanceof Date` here: compare calendar days in the spreadsheet's zone. */
const day = (v: unknown, tz = 'Europe/Moscow'): unknown =>
  Object.prototype.toString.call(v) === '[object Date]' ? dateInZone(v as Date, tz) : v;
const days = (v: unknown, tz?: string): unknown => (v as unknown[][]).map((r) => r.map((c) => day(c, tz)));

describe('ROADMAP_DEADLINE in the bundle', () => {
  it('maps a 2-D range with blanks and bad cells, each cell on its own', () => {
    const out = host().run('ROADMAP_DEADLINE', [
      ['до 01.04.2021', ''],
      ['31.02.2021', 'ежегодно'],
    ]);
    expect(days(out)).toEqual([
      ['2021-04-01', ''],
      ['Ошибка: Дата 31.02.2021 не существует', 'Регулярно: ежегодно'],
    ]);
  });

  it("returns a single Date for a single value, at midnight of the day in the spreadsheet's zone", () => {
    const tz = 'Asia/Vladivostok';
    const d = host(tz).run<Date>('ROADMAP_DEADLINE', '3 квартал', 2022);
    expect(day(d, tz)).toBe('2022-09-30');
    expect(dateInZone(new Date(d.getTime() - 1), tz)).toBe('2022-09-29');
  });

  it("takes the year of phrases without one from the spreadsheet's today", () => {
    expect(day(host('Europe/Moscow', '2022-06-01').run('ROADMAP_DEADLINE', 'апрель'))).toBe('2022-04-30');
  });

  it('reads the time zone once per call, whatever the size of the range', () => {
    const h = host();
    h.calls.reset();
    h.run(
      'ROADMAP_DEADLINE',
      Array.from({ length: 200 }, () => ['до 01.04.2021']),
    );
    expect(h.calls.byMethod()).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSpreadsheetTimeZone': 1,
    });
  });
});

describe('ROADMAP_STATUS in the bundle', () => {
  it("uses today in the spreadsheet's zone: 23:30 UTC on 31 March is 1 April in Vladivostok", () => {
    const now = new Date('2021-03-31T23:30:00Z');
    expect(host('Asia/Vladivostok', now).run('ROADMAP_STATUS', 'до 31.03.2021', '')).toBe('Просрочено');
    expect(host('UTC', now).run('ROADMAP_STATUS', 'до 31.03.2021', '')).toBe('Скоро срок');
  });

  it('maps ranges of deadlines and marks with blanks and bad cells', () => {
    const out = host().run(
      'ROADMAP_STATUS',
      [['до 01.04.2021'], [''], ['до 20.04.2021'], ['скоро'], ['до 01.03.2021']],
      [['Выполнено'], [''], [''], [''], ['сделано']],
    );
    expect(out).toEqual([
      ['Выполнено'],
      [''],
      ['Запланировано'],
      [expect.stringMatching(/^Ошибка: Срок «скоро» не распознан/)],
      [expect.stringMatching(/^Ошибка: отметка «сделано» не распознана/)],
    ]);
  });

  it('accepts a deadline Date returned by ROADMAP_DEADLINE and an explicit today', () => {
    const h = host();
    const due = h.run('ROADMAP_DEADLINE', 'до 01.04.2021');
    const today = h.run('ROADMAP_DEADLINE', '02.04.2021');
    expect(h.run('ROADMAP_STATUS', due, '', today)).toBe('Просрочено');
  });
});

// What Sheets passes for each argument: a single value, a 1×1 range, or a range. The first argument sets
// the shape of the answer; every other one is used for every cell (a value, a 1×1 range) or cell by cell.
describe('arguments as ranges, in the bundle', () => {
  it('answers a range in its shape, and a single value with a single value', () => {
    const h = host();
    expect(h.run('RISK_LEVEL', 0.7)).toBe('высокий');
    expect(
      h.run('RISK_LEVEL', [
        [0.1, 0.5],
        [0.7, 0.2],
      ]),
    ).toEqual([
      ['низкий', 'средний'],
      ['высокий', 'низкий'],
    ]);
  });

  it('uses a single value or a 1×1 range for every cell, and pairs a range of the same shape cell by cell', () => {
    const h = host();
    const phrases = [['апрель'], ['май']];
    expect(days(h.run('ROADMAP_DEADLINE', phrases, 2022))).toEqual([['2022-04-30'], ['2022-05-31']]);
    expect(days(h.run('ROADMAP_DEADLINE', phrases, [[2023]]))).toEqual([['2023-04-30'], ['2023-05-31']]);
    expect(days(h.run('ROADMAP_DEADLINE', phrases, [[2021], [2022]]))).toEqual([
      ['2021-04-30'],
      ['2022-05-31'],
    ]);
    // The third argument too: one today for the column, or a today per row.
    const deadlines = [['до 10.04.2021'], ['до 20.04.2021']];
    expect(h.run('ROADMAP_STATUS', deadlines, '', [['15.04.2021']])).toEqual([
      ['Просрочено'],
      ['Скоро срок'],
    ]);
    expect(
      h.run('ROADMAP_STATUS', deadlines, [['Выполнено'], ['']], [['01.04.2021'], ['25.04.2021']]),
    ).toEqual([['Выполнено'], ['Просрочено']]);
  });

  it('refuses ranges of different shapes for the whole call, in Russian', () => {
    expect(() =>
      host().run('ROADMAP_STATUS', [['до 10.04.2021'], ['до 20.04.2021']], [['Выполнено'], [''], ['']]),
    ).toThrow('Диапазоны разного размера: 2×1 и 3×1');
  });
});

describe('RISK_LEVEL in the bundle', () => {
  it('gives levels with edges to the higher one, for a value and a range', () => {
    const h = host();
    expect(h.run('RISK_LEVEL', 0.6)).toBe('высокий');
    expect(
      h.run('RISK_LEVEL', [
        [0.34, 0.35],
        ['', 'x'],
      ]),
    ).toEqual([
      ['низкий', 'средний'],
      ['', 'Ошибка: балл «x» должен быть числом от 0 до 1, например 0,45'],
    ]);
  });

  it('touches no spreadsheet service at all', () => {
    const h = host();
    h.calls.reset();
    h.run('RISK_LEVEL', [[0.1]]);
    expect(h.calls.total()).toBe(0);
  });
});

/** A column of `rows` cells cycling through `values`, and a count of every read of it (rows and cells). */
function countedColumn(rows: number, values: readonly string[]): { range: string[][]; reads: () => number } {
  let reads = 0;
  const counted = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, key, receiver): unknown {
        reads++;
        return Reflect.get(t, key, receiver);
      },
    });
  const range = counted(Array.from({ length: rows }, (_, i) => counted([values[i % values.length] ?? ''])));
  return { range, reads: () => reads };
}

describe('custom functions over a whole column', () => {
  const phrases = ['до 01.04.2021', '3 квартал', 'ежемесячно', 'II полугодие 2021', 'декабрь'];
  const marks = ['Выполнено', '', ''];

  it('answer a 10,000-row range cell by cell, in the shape of the range', () => {
    const deadlines = countedColumn(10_000, phrases).range;
    const statuses = host().run<string[][]>('ROADMAP_STATUS', deadlines, countedColumn(10_000, marks).range);
    expect(statuses).toHaveLength(10_000);
    expect(statuses[0]).toEqual(['Выполнено']);
    expect(statuses[2]).toEqual(['Регулярное']);
  });

  // Sheets gives a custom function 30 seconds. What keeps a whole column far from it is that each cell is
  // read a fixed number of times: a 10× longer column costs 10× the reads, never 100× (checking the whole
  // range again for every cell once made a 10,000-row call take about 30 s).
  it.each(['ROADMAP_DEADLINE', 'ROADMAP_STATUS'])(
    '%s reads a 10× longer column at most 12× as often',
    (fn) => {
      const reads = (rows: number): number => {
        const deadlines = countedColumn(rows, phrases);
        const second = fn === 'ROADMAP_STATUS' ? countedColumn(rows, marks) : countedColumn(1, ['2021']);
        host().run(fn, deadlines.range, second.range);
        return deadlines.reads() + second.reads();
      };
      const small = reads(1_000);
      expect(reads(10_000)).toBeLessThanOrEqual(12 * small);
    },
  );
});
