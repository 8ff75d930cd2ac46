import type { Report } from '../../src/core/layouts';
import { buildWeeklySummary, riskOverview, type WeeklyInput } from '../../src/core/weekly-summary';
import { activity, SEED_ROWS, status } from './mail-fixture';

const acts = SEED_ROWS.map(([id, title, resp], i) => activity(id, title, resp, 9 + i));
const report = (school: string, iso: string): Report => ({
  time: new Date(iso),
  user: 'director@school.ru',
  school,
  activityId: '1.1',
  period: '',
  status: 'Выполнено',
  fact: '',
  comment: '',
  link: '',
  key: iso,
});

function input(over: Partial<WeeklyInput> = {}): WeeklyInput {
  return {
    activities: acts,
    statuses: new Map([
      ['1.1', status('Просрочено', 20)],
      ['1.2', status('Просрочено', 3)],
      ['3.5', status('Выполнено')],
      ['4.7', status('Скоро срок')],
    ]),
    reports: [
      // 2021-04-15 00:30 in Moscow is 14 April 21:30 UTC: the week of 15–21 April includes it.
      report('SCH1', '2021-04-14T21:30:00Z'),
      report('SCH1', '2021-04-20T09:00:00Z'),
      report('SCH2', '2021-04-14T20:30:00Z'), // 14 April 23:30 in Moscow: last week
    ],
    schools: [
      { code: 'SCH1', name: 'МОУ Чарская СОШ №1' },
      { code: 'SCH2', name: 'МОУ Новочарская СОШ' },
      { code: 'SCH3', name: 'МБОУ <Лицей> №3' },
    ],
    // «УО, ММЦ, ОО»: every school must report 4.7, due soon.
    assigned: new Map([['4.7', ['SCH1', 'SCH2', 'SCH3']]]),
    today: '2021-04-21',
    timeZone: 'Europe/Moscow',
    recipients: ['coord@edu.example.ru', 'Curator@edu.example.ru', 'coord@edu.example.ru'],
    title: 'Район',
    url: 'https://docs.google.com/spreadsheets/d/ID/edit',
    ...over,
  };
}

describe('buildWeeklySummary', () => {
  it('counts statuses, newly overdue, reports of the week in the sheet time zone and silent schools', () => {
    const { mails, facts } = buildWeeklySummary(input());
    expect(facts.counts['Просрочено']).toBe(2);
    expect(facts.counts['Выполнено']).toBe(1);
    expect(facts.newlyOverdue.map((x) => x.activity.id)).toEqual(['1.2']);
    expect(facts.reportsThisWeek).toHaveLength(2);
    expect(facts.silentSchools).toEqual(['МОУ Новочарская СОШ', 'МБОУ <Лицей> №3']);
    expect(mails).toHaveLength(1);
    const m = mails[0];
    expect(m.to).toEqual(['coord@edu.example.ru', 'curator@edu.example.ru']);
    expect(m.subject).toBe('Дорожная карта «Район»: недельная сводка на 21.04.2021');
    expect(m.text).toContain('Стали просроченными за неделю — 1 мероприятие');
    expect(m.text).toContain('МОУ Чарская СОШ №1: 2');
    expect(m.html).toContain('МБОУ &lt;Лицей&gt; №3');
    expect(m.text).not.toContain('Рисковые профили');
  });

  it('awaits a report only from a school with its own part of an activity still due', () => {
    const overdue = {
      ...status('Просрочено', 20),
      // SCH2 has done its part; SCH3 has not.
      bySchool: new Map([
        ['SCH2', status('Выполнено')],
        ['SCH3', status('Просрочено', 20)],
      ]),
    };
    const { facts, mails } = buildWeeklySummary(
      input({
        statuses: new Map([['1.1', overdue]]),
        assigned: new Map([['1.1', ['SCH2', 'SCH3']]]),
        reports: [],
      }),
    );
    // SCH1 is assigned nothing: not «без отчётов» however quiet it is.
    expect(facts.silentSchools).toEqual(['МБОУ <Лицей> №3']);
    expect(mails[0]?.text).toContain('Школы без отчётов за неделю — 1 школа:\n• МБОУ <Лицей> №3\n');
  });

  it('adds the risk summary when profiles exist', () => {
    const risk = {
      schools: 3,
      byLevel: { высокий: 4, средний: 2, низкий: 24 },
      highRiskSchools: [{ school: 'МОУ Новочарская СОШ', high: 3 }],
    };
    const { mails } = buildWeeklySummary(input({ risk }));
    expect(mails[0].text).toContain('Рисковые профили (3 школы)');
    expect(mails[0].text).toContain('высокий: 4');
    expect(mails[0].text).toContain('МОУ Новочарская СОШ: 3 высоких риска');
  });

  it('lists indicator progress when there is any', () => {
    const lines = [
      'Показатели 2021 года: достигнуто 1 из 2, не достигнуто 1, нет данных 0.',
      '— не достигнуто: Доля <ШНОР>',
    ];
    const m = buildWeeklySummary(input({ indicatorLines: lines })).mails[0];
    expect(m.text).toContain('Показатели:\nПоказатели 2021 года: достигнуто 1 из 2');
    expect(m.html).toContain('Доля &lt;ШНОР&gt;');
  });

  it('builds no message when no coordinator or curator is set', () => {
    expect(buildWeeklySummary(input({ recipients: [] })).mails).toEqual([]);
  });
});

describe('riskOverview', () => {
  it('counts levels of the schools × factors matrix and stops at the first empty row', () => {
    const grid = [
      ['Рисковые профили', '', ''],
      ['Школа', 'R01 Низкий уровень оснащения', 'R02 Дефицит кадров'],
      ['МОУ Чарская СОШ №1', 'высокий (0,72)', 'средний'],
      ['МОУ Новочарская СОШ', 'низкий', 'недостаточно данных'],
      ['', '', ''],
      ['Школа', 'высокий', 'средний'],
      ['Итого', 5, 3],
    ];
    expect(riskOverview(grid)).toEqual({
      schools: 2,
      byLevel: { высокий: 1, средний: 1, низкий: 1, 'недостаточно данных': 1 },
      highRiskSchools: [{ school: 'МОУ Чарская СОШ №1', high: 1 }],
    });
  });

  it('is undefined when profiles were not built', () => {
    expect(riskOverview([])).toBeUndefined();
    expect(
      riskOverview([
        ['Школа', 'R01'],
        ['', ''],
      ]),
    ).toBeUndefined();
  });
});

describe('buildWeeklySummary within Apps Script’s mail body limit', () => {
  it('keeps a week of 400 newly overdue activities and 600 silent schools under 200 KB, counting the rest', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      activity(`${i + 1}.1`, SEED_ROWS[2][1], 'УО, ММЦ', 10 + i),
    );
    const schools = Array.from({ length: 600 }, (_, i) => ({
      code: `SCH${i}`,
      name: `Муниципальное бюджетное общеобразовательное учреждение «Средняя школа №${i}»`,
    }));
    const { mails, facts } = buildWeeklySummary(
      input({
        activities: many,
        statuses: new Map(many.map((a) => [a.id, status('Просрочено', 3)])),
        schools,
        assigned: new Map([['1.1', schools.map((s) => s.code)]]),
      }),
    );
    expect(facts.newlyOverdue).toHaveLength(400);
    const m = mails[0];
    // MailApp refuses a larger body («Limit Exceeded: Email Body Size», 200 KB for consumer accounts).
    expect(Buffer.byteLength(m.text, 'utf8') + Buffer.byteLength(m.html, 'utf8')).toBeLessThan(200 * 1024);
    expect(m.text).toContain('Стали просроченными за неделю — 400 мероприятий');
    expect(m.text).toContain(`1.1. ${SEED_ROWS[2][1]}`);
    expect(m.text).toMatch(/…и ещё \d+ мероприяти/);
    expect(m.text).toContain('Школы без отчётов за неделю — 599 школ');
    expect(m.text).toMatch(/…и ещё \d+ школ/);
    expect(m.html).toMatch(/…и ещё \d+ школ/);
  });
});
