/**
 * «ОО» (all schools) as a responsible party is reached through `Школы`: with schools and their reporters'
 * addresses there, neither validateRoadmap nor the reminders ask to add «ОО» to `Ответственные` (a fake row
 * there would create wrong recipients); without them the warning stays and names both ways to fix it.
 */
import { SCHOOLS_HEADER } from '../../src/core/layouts';
import { SHEETS } from '../../src/core/messages';
import { LocalHost } from '../../src/local/host';
import { previewReminders, sendReminders } from '../../src/sheets/reminders';
import { validateRoadmap } from '../../src/sheets/validate-roadmap';
import { ADDRESSES, mailWorkbook } from './mail-workbook';

const TODAY = '2021-04-21';
const OVERDUE = '10.04.2021';
const ROWS: [string, string, string, string][] = [
  ['1', 'Разработка программы антирисковых мер', OVERDUE, 'ОО'],
  ['2', 'Семинар для руководителей ШНОР', OVERDUE, 'УО, руководители ОО'],
  ['3', 'Отбор школ', OVERDUE, 'УО'],
];
const REPORTERS = ['director@s1.school.ru', 'director@s2.school.ru'];

function workbook(schools: unknown[][]): Record<string, unknown[][]> {
  return { ...mailWorkbook(ROWS, ADDRESSES), [SHEETS.schools]: [[...SCHOOLS_HEADER], ...schools] };
}

const FILLED = [
  ['s1', 'МОУ СОШ №1', 'СОШ №1', REPORTERS[0], ''],
  ['s2', 'МОУ СОШ №2', 'СОШ №2', REPORTERS[1], ''],
];

/** Rows of `Проверка` about responsible parties without an address: [message, what to do]. */
function addressProblems(host: LocalHost): [string, string][] {
  return host
    .values(SHEETS.check)
    .slice(1)
    .map((r): [string, string] => [String(r[3]), String(r[4])])
    .filter(([m]) => /не найден|нет адреса/.test(m));
}

describe('a party meaning all schools («ОО», «руководители ОО»)', () => {
  it('with `Школы` filled: no «не найден» warning, no «Нет адреса», and each school gets its digest', () => {
    const host = LocalHost.fromSheets(workbook(FILLED), { now: TODAY, dailyQuota: 100 });
    expect(validateRoadmap(host.services()).exitCode).toBe(0);
    expect(addressProblems(host)).toEqual([]);

    const preview = previewReminders(host.services());
    expect(preview.message).not.toContain('Нет адреса');
    expect(host.sentMail).toHaveLength(0);

    const sent = sendReminders(host.services());
    expect(sent.message).not.toContain('Нет адреса');
    const to = host.sentMail.flatMap((m) => m.to);
    for (const r of REPORTERS) expect(to).toContain(r);
    expect(to).toContain('uo@edu.example.ru');
  });

  it('with `Школы` filled and no `Ответственные`: activities of «ОО» alone do not say «напоминания отправлять некому»', () => {
    const book = workbook(FILLED);
    book[SHEETS.activities] = book[SHEETS.activities].slice(0, 2);
    delete book[SHEETS.responsible];
    const host = LocalHost.fromSheets(book, { now: TODAY });
    validateRoadmap(host.services());
    const messages = host
      .values(SHEETS.check)
      .slice(1)
      .map((r) => String(r[3]));
    expect(messages.filter((m) => m.includes('отправлять некому'))).toEqual([]);
  });

  it('with `Школы` empty: the warning stays and says to add the party or fill `Школы` with reporters', () => {
    for (const schools of [[], [['s1', 'МОУ СОШ №1', 'СОШ №1', '', '']]]) {
      const host = LocalHost.fromSheets(workbook(schools), { now: TODAY, dailyQuota: 100 });
      validateRoadmap(host.services());
      const problems = addressProblems(host);
      expect(problems.map(([m]) => m)).toEqual([
        expect.stringContaining('«ОО» не найден'),
        expect.stringContaining('«руководители ОО» не найден'),
      ]);
      for (const [, fix] of problems) {
        expect(fix).toContain(`«${SHEETS.responsible}»`);
        expect(fix).toContain(`«${SHEETS.schools}»`);
      }

      const preview = previewReminders(host.services());
      expect(preview.message).toContain('Нет адреса у ответственных: ОО, руководители ОО');
      expect(preview.message).toContain(`«${SHEETS.schools}»`);
    }
  });

  it('reads `Школы` once per job: one getValues more than without the sheet, in the check and in the mail jobs', () => {
    const reads = (book: Record<string, unknown[][]>, job: typeof validateRoadmap): number => {
      const host = LocalHost.fromSheets(book, { now: TODAY, dailyQuota: 100 });
      host.calls.reset();
      job(host.services());
      return host.calls.byMethod()['Range.getValues'] ?? 0;
    };
    const without = mailWorkbook(ROWS, ADDRESSES);
    for (const job of [validateRoadmap, previewReminders, sendReminders])
      expect(reads(workbook(FILLED), job)).toBe(reads(without, job) + 1);
  });
});

describe('a body whose name only starts with «школ…» («Школьные координаторы»)', () => {
  it('is not all schools: with `Школы` filled it still needs its own address, and no one says to fill `Школы`', () => {
    const book = workbook(FILLED);
    book[SHEETS.activities] = mailWorkbook(
      [['1', 'Семинар по медиации', OVERDUE, 'УО, Школьные координаторы']],
      ADDRESSES,
    )[SHEETS.activities];
    const host = LocalHost.fromSheets(book, { now: TODAY, dailyQuota: 100 });
    validateRoadmap(host.services());
    const problems = addressProblems(host);
    expect(problems.map(([m]) => m)).toEqual([expect.stringContaining('«Школьные координаторы» не найден')]);
    expect(problems[0]?.[1]).toContain(`«${SHEETS.responsible}»`);
    expect(problems[0]?.[1]).not.toContain(`«${SHEETS.schools}»`);

    const preview = previewReminders(host.services());
    expect(preview.message).toContain(
      `Нет адреса у ответственных: Школьные координаторы — добавьте их на лист «${SHEETS.responsible}».`,
    );
    // Nor is it sent to the schools' reporters as their own activity.
    sendReminders(host.services());
    expect(host.sentMail.flatMap((m) => m.to)).not.toContain(REPORTERS[0]);
  });
});

describe('a party naming one school of `Школы` («МОУ Чарская СОШ №1»)', () => {
  const rows: [string, string, string, string][] = [
    ['1', 'Открытые уроки', OVERDUE, 'МОУ Чарская СОШ №1, МОУ Новочарская СОШ'],
    ['2', 'Разработка ИОМ педагогов', OVERDUE, 'МОУ Чарская СОШ №1'],
    ['3', 'Отбор школ', OVERDUE, 'УО'],
  ];
  const schools = [
    ['ЧСОШ1', 'МОУ Чарская СОШ №1', 'Чарская СОШ №1', 'director1@mail.ru, zavuch1@yandex.ru', ''],
    ['НСОШ', 'МОУ Новочарская СОШ', 'Новочарская СОШ', 'novochara@school.ru', ''],
  ];

  it('whose reporters get its digest is not listed under «не найден» nor «Нет адреса у ответственных»', () => {
    const host = LocalHost.fromSheets(
      { ...mailWorkbook(rows, ADDRESSES), [SHEETS.schools]: [[...SCHOOLS_HEADER], ...schools] },
      { now: TODAY, dailyQuota: 100 },
    );
    validateRoadmap(host.services());
    expect(addressProblems(host)).toEqual([]);
    expect(previewReminders(host.services()).message).not.toContain('Нет адреса');
    const sent = sendReminders(host.services());
    expect(sent.message).not.toContain('Нет адреса');
    const to = host.sentMail.flatMap((m) => m.to);
    for (const r of ['director1@mail.ru', 'zavuch1@yandex.ru', 'novochara@school.ru'])
      expect(to).toContain(r);
  });

  it('without a reporter’s address in `Школы` is still listed', () => {
    const host = LocalHost.fromSheets(
      {
        ...mailWorkbook(rows, ADDRESSES),
        [SHEETS.schools]: [
          [...SCHOOLS_HEADER],
          schools[0],
          ['НСОШ', 'МОУ Новочарская СОШ', 'Новочарская СОШ', '', ''],
        ],
      },
      { now: TODAY, dailyQuota: 100 },
    );
    validateRoadmap(host.services());
    const problems = addressProblems(host);
    expect(problems.map(([m]) => m)).toEqual([expect.stringContaining('«МОУ Новочарская СОШ» не найден')]);
    // what to do names `Школы`, where the school is, as well as `Ответственные`
    expect(problems[0]?.[1]).toContain(`«${SHEETS.schools}»`);
    const { message } = previewReminders(host.services());
    expect(message).toContain('Нет адреса у ответственных: МОУ Новочарская СОШ —');
    expect(message).toContain(`«${SHEETS.schools}»`);
  });
});
