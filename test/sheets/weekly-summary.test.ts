import { REPORTS_HEADER, SCHOOLS_HEADER } from '../../src/core/layouts';
import { SHEETS } from '../../src/core/messages';
import { LocalHost } from '../../src/local/host';
import { WEEKLY_RETRY_MS, sendWeeklySummary } from '../../src/sheets/weekly-summary';
import { ACTIVITY_ROWS, COORDINATOR, CURATOR, mailWorkbook } from './mail-workbook';

function workbook(withProfiles: boolean): Record<string, unknown[][]> {
  return {
    // Новочарская has an activity of its own due soon: its report is awaited this week.
    ...mailWorkbook([
      ...ACTIVITY_ROWS,
      ['5.1', 'Разработка программы антирисковых мер', '25.04.2021', 'МОУ Новочарская СОШ'],
    ]),
    [SHEETS.schools]: [
      [...SCHOOLS_HEADER],
      [
        'SCH1',
        'Муниципальное общеобразовательное учреждение «Чарская средняя общеобразовательная школа №1»',
        'МОУ Чарская СОШ №1',
        'dir1@school.ru',
        '',
      ],
      [
        'SCH2',
        'Муниципальное общеобразовательное учреждение «Новочарская средняя общеобразовательная школа»',
        'МОУ Новочарская СОШ',
        'dir2@school.ru',
        'school-curator@edu.example.ru',
      ],
    ],
    [SHEETS.reports]: [
      [...REPORTS_HEADER],
      [
        new Date('2021-04-20T09:00:00Z'),
        'dir1@school.ru',
        'SCH1',
        '3.5',
        '',
        'Выполнено',
        '',
        'Рекомендации разосланы',
        '',
        'k1',
      ],
    ],
    ...(withProfiles
      ? {
          [SHEETS.profiles]: [
            ['Школа', 'R01 Низкий уровень оснащения школы', 'R02 Дефицит педагогических кадров'],
            ['МОУ Чарская СОШ №1', 'высокий', 'средний'],
            ['МОУ Новочарская СОШ', 'низкий', 'высокий'],
          ],
        }
      : {}),
  };
}

describe('sendWeeklySummary', () => {
  it('sends one summary to coordinators and curators with reports, silent schools and risks', () => {
    const host = LocalHost.fromSheets(workbook(true), { now: '2021-04-21' });
    const result = sendWeeklySummary(host.services());
    expect(host.sentMail).toHaveLength(1);
    const m = host.sentMail[0];
    expect(m.to.split(',').sort()).toEqual([COORDINATOR, CURATOR, 'school-curator@edu.example.ru'].sort());
    expect(m.subject).toContain('недельная сводка на 21.04.2021');
    expect(m.text).toContain('Отчёты школ за неделю — 1 отчёт');
    expect(m.text).toContain('МОУ Чарская СОШ №1: 1');
    expect(m.text).toMatch(/Школы без отчётов за неделю — 1 школа:\n• МОУ Новочарская СОШ/);
    expect(m.text).toContain('Рисковые профили (2 школы)');
    expect(result.message).toContain('Отправлено писем: 1.');
    const log = host
      .values(SHEETS.journal)
      .slice(1)
      .filter((r) => r[1] === 'sendWeeklySummary');
    expect(log.map((r) => r[5])).toEqual(['отправлено']);
  });

  it('leaves the risk part out when there are no profiles, and sends once a day', () => {
    const host = LocalHost.fromSheets(workbook(false), { now: '2021-04-21' });
    sendWeeklySummary(host.services());
    sendWeeklySummary(host.services());
    expect(host.sentMail).toHaveLength(1);
    expect(host.sentMail[0].text).not.toContain('Рисковые профили');
  });
});

describe('weeklySummary trigger and the document lock', () => {
  // Both triggers fire within «Час рассылки», at minutes Apps Script picks: the daily refresh may hold the lock.
  const retries = (host: LocalHost): string[] =>
    host
      .triggers()
      .filter((t) => t.handler === 'weeklySummary' && t.kind === 'after')
      .map((t) => t.id);
  const later = (host: LocalHost, ms: number): Date => new Date(host.clock.now().getTime() + ms);

  it('finding the lock taken, tries again a few minutes later instead of skipping the week', () => {
    const host = LocalHost.fromSheets(workbook(true), { now: '2021-04-21' });
    const holder = host.services().lock();
    expect(holder.tryLock(0)).toBe(true);
    host.run('weeklySummary');
    expect(host.sentMail).toHaveLength(0);
    expect(retries(host)).toHaveLength(1);
    holder.releaseLock();

    const fired = host.fireDue(later(host, WEEKLY_RETRY_MS + 60_000));
    expect(fired.map((f) => [f.handler, f.error])).toEqual([['weeklySummary', undefined]]);
    expect(host.sentMail).toHaveLength(1);
    expect(retries(host)).toEqual([]);
  });

  it('gives up after half an hour of a busy lock, saying so in «Журнал», and leaves no trigger behind', () => {
    const host = LocalHost.fromSheets(workbook(true), { now: '2021-04-21' });
    expect(host.services().lock().tryLock(0)).toBe(true);
    host.run('weeklySummary');
    const fired = host.fireDue(later(host, 2 * 60 * 60_000));
    expect(fired).toHaveLength(6);
    expect(host.sentMail).toHaveLength(0);
    expect(retries(host)).toEqual([]);
    const skipped = host
      .values(SHEETS.journal)
      .slice(1)
      .filter((r) => r[1] === 'sendWeeklySummary');
    expect(skipped).toHaveLength(7);
    expect(String(skipped[6]?.[4])).toContain('вручную');
  });

  it('removeTriggers drops a pending retry with its count: the next busy week retries in full', () => {
    const host = LocalHost.fromSheets(workbook(true), { now: '2021-04-21' });
    const holder = host.services().lock();
    expect(holder.tryLock(0)).toBe(true);
    host.run('weeklySummary');
    host.fireDue(later(host, 3 * WEEKLY_RETRY_MS + 60_000));
    host.run('removeTriggers');
    expect(retries(host)).toEqual([]);
    host.run('weeklySummary');
    expect(host.fireDue(later(host, 2 * 60 * 60_000))).toHaveLength(6);
  });
});

describe('«Школы без отчётов» by what each school is assigned', () => {
  const school = (code: string, short: string): string[] => [
    code,
    `Муниципальное общеобразовательное учреждение «${short}»`,
    short,
    `${code.toLowerCase()}@school.ru`,
    '',
  ];
  /** Three schools; one activity for all of them («ОО»), one for Новочарская only. */
  function book(allSchoolsDeadline: string, reports: unknown[][]): Record<string, unknown[][]> {
    return {
      ...mailWorkbook([
        ['1.1', 'Самодиагностика школ по методике ФИОКО', allSchoolsDeadline, 'ОО'],
        ['1.2', 'Разработка программы антирисковых мер', '25.04.2021', 'МОУ Новочарская СОШ'],
      ]),
      [SHEETS.schools]: [
        [...SCHOOLS_HEADER],
        school('SCH1', 'МОУ Чарская СОШ №1'),
        school('SCH2', 'МОУ Новочарская СОШ'),
        school('SCH3', 'МБОУ Лицей №3'),
      ],
      [SHEETS.reports]: [[...REPORTS_HEADER], ...reports],
    };
  }
  const silentBlock = (text: string): string =>
    /Школы без отчётов за неделю[^\n]*\n(?:[^\n]+\n)*/.exec(text)?.[0] ?? '';

  it('lists only the school whose own activity is due: the one for all schools starts in September', () => {
    const host = LocalHost.fromSheets(book('сентябрь 2021 г.', []), { now: '2021-04-21' });
    sendWeeklySummary(host.services());
    expect(silentBlock(host.sentMail[0]?.text ?? '')).toBe(
      'Школы без отчётов за неделю — 1 школа:\n• МОУ Новочарская СОШ\n',
    );
  });

  it('lists every school the activity for all schools awaits, except the one that reported this week', () => {
    const report = [
      new Date('2021-04-20T09:00:00Z'),
      'sch1@school.ru',
      'SCH1',
      '1.1',
      '',
      'В работе',
      '',
      'Начали',
      '',
      'k1',
    ];
    const host = LocalHost.fromSheets(book('до 25.04.2021', [report]), { now: '2021-04-21' });
    sendWeeklySummary(host.services());
    expect(silentBlock(host.sentMail[0]?.text ?? '')).toBe(
      'Школы без отчётов за неделю — 2 школы:\n• МОУ Новочарская СОШ\n• МБОУ Лицей №3\n',
    );
  });

  it('says so when no school has anything due', () => {
    const host = LocalHost.fromSheets(
      {
        ...book('сентябрь 2021 г.', []),
        ...mailWorkbook([['1.1', 'Самодиагностика школ по методике ФИОКО', 'сентябрь 2021 г.', 'ОО']]),
      },
      { now: '2021-04-21' },
    );
    sendWeeklySummary(host.services());
    expect(silentBlock(host.sentMail[0]?.text ?? '')).toBe(
      'Школы без отчётов за неделю — 0 школ:\nнет: ни у одной школы сейчас нет мероприятий, по которым ждут отчёт\n',
    );
  });
});
