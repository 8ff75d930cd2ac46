import { dateInZone } from '../../src/core/dates';
import { RISK_LEVEL, ROADMAP_DEADLINE, ROADMAP_STATUS } from '../../src/core/custom-functions';
import { midnightInZoneFn } from '../../src/core/zone-dates';

const MSK = { timeZone: 'Europe/Moscow', today: '2021-04-01' };
/** A returned cell as the user sees it: the calendar day of a Date in the spreadsheet's zone, else the text. */
const shown = (v: unknown, tz = MSK.timeZone): unknown => (v instanceof Date ? dateInZone(v, tz) : v);

/** A date cell as Sheets passes it to a custom function: midnight of that day in the spreadsheet's zone. */
const sheetDate = (iso: string, tz: string): Date => midnightInZoneFn(tz)(iso);

describe('the date ROADMAP_DEADLINE returns', () => {
  it.each([
    'Europe/Moscow',
    'Asia/Vladivostok',
    'Europe/Kaliningrad',
    'Pacific/Kiritimati',
    'America/Los_Angeles',
  ])('is midnight of the day in %s, so the cell shows that day', (tz) => {
    const d = ROADMAP_DEADLINE('до 29.02.2024', '', { timeZone: tz, today: '2024-01-10' });
    if (!(d instanceof Date)) throw new Error(`not a date: ${String(d)}`);
    expect(dateInZone(d, tz)).toBe('2024-02-29');
    expect(dateInZone(new Date(d.getTime() - 1), tz)).toBe('2024-02-28');
  });
});

describe('ROADMAP_DEADLINE', () => {
  it.each([
    ['до 01.04.2021', '', '2021-04-01'],
    ['3 квартал', 2022, '2022-09-30'],
    ['апрель', '2022 г.', '2022-04-30'],
    ['апрель', '', '2021-04-30'],
    ['29.02.2024', '', '2024-02-29'],
    ['25.11.2021 27.01.2022', '', '2022-01-27'],
    ['ежегодно', '', 'Регулярно: ежегодно'],
    ['По вторникам 1 раз в неделю', '', 'Регулярно: еженедельно, по вторникам'],
    ['в течение года', '', 'Без срока'],
    ['По графику ФИОКО', '', 'По графику ФИОКО'],
    ['', '', ''],
    ['31.02.2021', '', 'Ошибка: Дата 31.02.2021 не существует'],
    ['до 01.04.2021', 'двадцать', 'Ошибка: год «двадцать» не распознан: укажите год числом, например 2021'],
  ])('%s [%s] → %s', (text, year, expected) => {
    expect(shown(ROADMAP_DEADLINE(text, year, MSK))).toBe(expected);
  });

  it('maps a range with blanks and bad cells, cell by cell', () => {
    const out = ROADMAP_DEADLINE(
      [
        ['до 01.04.2021', ''],
        ['31.02.2021', 'ежегодно'],
        ['скоро', null],
      ],
      undefined,
      MSK,
    ) as unknown[][];
    expect(out.map((r) => r.map((v) => shown(v)))).toEqual([
      ['2021-04-01', ''],
      ['Ошибка: Дата 31.02.2021 не существует', 'Регулярно: ежегодно'],
      [expect.stringMatching(/^Ошибка: Срок «скоро» не распознан/), ''],
    ]);
  });

  it('takes a year per row from a range of the same shape', () => {
    const out = ROADMAP_DEADLINE([['апрель'], ['апрель']], [[2021], [2022]], MSK) as unknown[][];
    expect(out.map((r) => r.map((v) => shown(v)))).toEqual([['2021-04-30'], ['2022-04-30']]);
  });
});

describe('ROADMAP_STATUS', () => {
  const date = (iso: string, tz = MSK.timeZone): Date => sheetDate(iso, tz);
  it.each<[string, unknown, unknown, unknown, string]>([
    ['due today', date('2021-04-01'), '', undefined, 'Скоро срок'],
    ['due yesterday', date('2021-03-31'), '', undefined, 'Просрочено'],
    ['due in 7 days', date('2021-04-08'), '', undefined, 'Скоро срок'],
    ['due in 8 days', date('2021-04-09'), '', undefined, 'Запланировано'],
    ['done', date('2021-03-31'), 'Выполнено', undefined, 'Выполнено'],
    ['in progress, due far', 'до 01.06.2021', 'в работе', undefined, 'В работе'],
    ['phrase, month started', 'апрель', '', undefined, 'В работе'],
    ['today given as a cell', 'до 01.06.2021', '', date('2021-06-02'), 'Просрочено'],
    ['today typed as text', 'до 01.06.2021', '', '02.06.2021', 'Просрочено'],
    ['ongoing', 'в течение года', '', undefined, 'Без срока'],
    ['recurring', 'ежемесячно', '', undefined, 'Регулярное'],
    ['blank deadline stays blank', '', 'Выполнено', undefined, ''],
    [
      'unknown mark',
      date('2021-03-31'),
      'сделано',
      undefined,
      'Ошибка: отметка «сделано» не распознана: укажите Выполнено, Частично выполнено, В работе, Не выполнено или оставьте пустой',
    ],
    [
      'bad today',
      date('2021-03-31'),
      '',
      '32.01.2021',
      'Ошибка: дата «32.01.2021» не распознана: укажите дату, например 01.04.2021',
    ],
    ['bad deadline', 'скоро', '', undefined, expect.stringMatching(/^Ошибка: Срок «скоро»/)],
  ])('%s', (_name, deadline, mark, today, expected) => {
    expect(ROADMAP_STATUS(deadline, mark, today, MSK)).toEqual(expected);
  });

  it("reads date cells in the spreadsheet's zone (a Vladivostok midnight is still that day)", () => {
    const vl = { timeZone: 'Asia/Vladivostok', today: '2021-04-01' };
    expect(ROADMAP_STATUS(date('2021-03-31', vl.timeZone), '', undefined, vl)).toBe('Просрочено');
    expect(ROADMAP_STATUS(date('2021-04-01', vl.timeZone), '', undefined, vl)).toBe('Скоро срок');
  });

  it('maps ranges of deadlines and marks', () => {
    expect(
      ROADMAP_STATUS(
        [
          [date('2021-03-31'), ''],
          ['до 01.06.2021', '31.02.2021'],
        ],
        [
          ['Выполнено', ''],
          ['', ''],
        ],
        undefined,
        MSK,
      ),
    ).toEqual([
      ['Выполнено', ''],
      ['Запланировано', 'Ошибка: Дата 31.02.2021 не существует'],
    ]);
  });
});

describe('RISK_LEVEL', () => {
  it.each<[unknown, string]>([
    [0, 'низкий'],
    [0.3499, 'низкий'],
    [0.35, 'средний'],
    [0.5999, 'средний'],
    [0.6, 'высокий'],
    [1, 'высокий'],
    ['0,45', 'средний'],
    ['', ''],
    [null, ''],
    [1.5, 'Ошибка: балл «1.5» должен быть числом от 0 до 1, например 0,45'],
    ['много', 'Ошибка: балл «много» должен быть числом от 0 до 1, например 0,45'],
    [true, 'Ошибка: балл «true» должен быть числом от 0 до 1, например 0,45'],
  ])('%p → %s', (score, level) => expect(RISK_LEVEL(score)).toBe(level));

  it('maps a range', () => {
    expect(
      RISK_LEVEL([
        [0.1, 0.35],
        ['', -1],
      ]),
    ).toEqual([
      ['низкий', 'средний'],
      ['', 'Ошибка: балл «-1» должен быть числом от 0 до 1, например 0,45'],
    ]);
  });
});

describe('a whole column in one call', () => {
  /** 10,000 deadlines on the days of 2021, as dates and as phrases; every cell gives its own date. */
  const days = Array.from({ length: 10_000 }, (_, i) => new Date(Date.UTC(2021, 0, 1 + (i % 365), 9)));
  const column = days.map((d, i) => [
    i % 2
      ? sheetDate(dateInZone(d, 'UTC'), MSK.timeZone)
      : `до ${dateInZone(d, 'UTC').split('-').reverse().join('.')}`,
  ]);

  // Placing a date in the spreadsheet's zone is an Intl call costing many times the parse of a
  // deadline; done per cell it made a 10,000-row call take about 290 ms.
  it.each([
    ['ROADMAP_DEADLINE', () => ROADMAP_DEADLINE(column, 2021, MSK)],
    ['ROADMAP_STATUS', () => ROADMAP_STATUS(column, '', '', MSK)],
  ])('%s asks Intl about the zone a few times a month, not once per cell', (_, call) => {
    const formatToParts = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      const out = call() as unknown[][];
      expect(out).toHaveLength(10_000);
      expect(formatToParts.mock.calls.length).toBeLessThanOrEqual(100);
    } finally {
      formatToParts.mockRestore();
    }
  });

  it('returns a Date of its own for every cell, so changing one changes no other', () => {
    const out = ROADMAP_DEADLINE([['до 01.04.2021'], ['до 01.04.2021']], 2021, MSK) as Date[][];
    expect(out[0]?.[0]).not.toBe(out[1]?.[0]);
    expect(out[0]?.[0]).toEqual(out[1]?.[0]);
  });
});
