/** The sidebar's server calls through the built bundle (dist/Code.js) in the local host. */
import type { FormDataResponse, ReportForm, ReportFormData, SubmitResponse } from '../../src/core/report';
import { REPORTS_HEADER } from '../../src/core/layouts';
import { LocalHost } from '../../src/local/host';
import { fixtureSheets, SCHOOL_A, SCHOOL_B, TITLES, TODAY, USERS } from '../fixtures/report-workbook';

type User = keyof typeof USERS;

function hostFor(user: User): LocalHost {
  return LocalHost.fromSheets(fixtureSheets(), { user: USERS[user], now: TODAY });
}

function formData(host: LocalHost): ReportFormData {
  const r = host.run<FormDataResponse>('getReportFormData');
  if (r.type !== 'ok') throw new Error(`getReportFormData refused: ${r.message}`);
  return r.data;
}

/** Activity ids by fixture title, as the coordinator (who sees every school) gets them. */
const ids = ((): Record<keyof typeof TITLES, string> => {
  const data = formData(hostFor('coordinator'));
  const byTitle = (t: string): string => {
    const a = data.activities.find((x) => x.title === t);
    if (!a) throw new Error(`no activity «${t}» in form data`);
    return a.id;
  };
  return {
    onlyA: byTitle(TITLES.onlyA),
    onlyB: byTitle(TITLES.onlyB),
    quarterlyA: byTitle(TITLES.quarterlyA),
    everyone: byTitle(TITLES.everyone),
  };
})();

let keyCounter = 0;
function form(overrides: Partial<ReportForm> = {}): ReportForm {
  keyCounter += 1;
  return {
    schoolCode: SCHOOL_A,
    activityId: ids.onlyA,
    period: '',
    status: 'Выполнено',
    fact: '2',
    comment: 'Справка подготовлена',
    link: 'https://charsk1.ru/docs/spravka.pdf',
    key: `00000000-0000-4000-8000-${String(keyCounter).padStart(12, '0')}`,
    ...overrides,
  };
}

/** Data rows of `Отчёты` (header dropped). */
const reports = (host: LocalHost): unknown[][] => host.values('Отчёты').slice(1);
/** Refusals submitReport logged in `Журнал`. */
const refusals = (host: LocalHost): unknown[][] =>
  host.values('Журнал').filter((r) => r[1] === 'submitReport' && r[5] === 'отказ');

describe('getReportFormData', () => {
  it.each<[User, string[]]>([
    ['reporterA', [SCHOOL_A]],
    ['reporterB', [SCHOOL_B]],
    ['coordinator', [SCHOOL_A, SCHOOL_B]],
  ])('%s sees the schools they may report for', (user, schools) => {
    const data = formData(hostFor(user));
    expect(data.user).toBe(USERS[user]);
    expect(data.schools.map((s) => s.code)).toEqual(schools);
    expect(data.today).toBe(TODAY);
  });

  it('gives a school only its own activities and the ones for every school', () => {
    const a = formData(hostFor('reporterA'));
    const titles = a.activities.map((x) => x.title).sort();
    expect(titles).toEqual([TITLES.everyone, TITLES.onlyA, TITLES.quarterlyA].sort());
    const b = formData(hostFor('reporterB'));
    expect(b.activities.map((x) => x.title).sort()).toEqual([TITLES.everyone, TITLES.onlyB].sort());
  });

  it('shows deadline text, planned value and the open quarters of a recurring activity', () => {
    const a = formData(hostFor('reporterA'));
    const quarterly = a.activities.find((x) => x.id === ids.quarterlyA);
    expect(quarterly).toMatchObject({
      deadlineText: 'Ежеквартально',
      planned: '4',
      numericFact: true,
      periodic: true,
    });
    expect(quarterly?.periods.map((p) => p.key)).toEqual(['2022-Q4', '2022-Q3', '2022-Q2', '2022-Q1']);
    const once = a.activities.find((x) => x.id === ids.onlyA);
    expect(once).toMatchObject({
      deadlineText: 'Сентябрь 2022 г.',
      planned: 'не менее 1',
      periodic: false,
      periods: [],
    });
  });

  it("marks the quarters that ended without the school's report, for that school only", () => {
    const quarterly = (user: keyof typeof USERS) =>
      formData(hostFor(user)).activities.find((x) => x.id === ids.quarterlyA);
    const overdue = (user: keyof typeof USERS) => quarterly(user)?.periods.map((p) => [p.key, p.overdueFor]);
    expect(overdue('reporterA')).toEqual([
      ['2022-Q4', []],
      ['2022-Q3', [SCHOOL_A]],
      ['2022-Q2', [SCHOOL_A]],
      ['2022-Q1', [SCHOOL_A]],
    ]);
    // The coordinator reports for both schools; the activity is school A's alone.
    expect(overdue('coordinator')?.[1]).toEqual(['2022-Q3', [SCHOOL_A]]);
  });

  it("counts a row of «Отчёты» typed by hand with the school's name instead of its code, as «Дорожная карта» does", () => {
    const sheets = fixtureSheets();
    sheets['Отчёты'] = [
      [...REPORTS_HEADER],
      ['', '', 'МОУ «Чарская СОШ № 1»', `${ids.onlyA}.`, '', 'Выполнено'],
    ];
    const host = LocalHost.fromSheets(sheets, { user: USERS.reporterA, now: TODAY });
    const data = formData(host);
    expect(data.activities.find((a) => a.id === ids.onlyA)?.status).toBe('Выполнено');
    // …and the school sees that row among its earlier reports, under its activity.
    expect(data.reports.map((r) => [r.schoolCode, r.activityId, r.status])).toEqual([
      [SCHOOL_A, ids.onlyA, 'Выполнено'],
    ]);
  });

  it('tells a stranger they are not a reporter of any school', () => {
    const r = hostFor('stranger').run<FormDataResponse>('getReportFormData');
    expect(r.type).toBe('refused');
    expect(r.type === 'refused' && r.message).toContain(USERS.stranger);
  });

  it("returns previous reports of the user's schools only, with ISO times", () => {
    const host = hostFor('coordinator');
    host.run('submitReport', form({ schoolCode: SCHOOL_A, activityId: ids.everyone, fact: '' }));
    host.run('submitReport', form({ schoolCode: SCHOOL_B, activityId: ids.everyone, fact: '' }));
    const rows = host.values('Отчёты');
    const a = LocalHost.fromSheets(
      { ...fixtureSheets(), Отчёты: rows },
      { user: USERS.reporterA, now: TODAY },
    );
    const data = formData(a);
    expect(data.reports.map((r) => r.schoolCode)).toEqual([SCHOOL_A]);
    expect(data.reports[0]?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
  });
});

describe('submitReport permissions', () => {
  it.each<[User, Partial<ReportForm>, 'ok' | 'refused', string | undefined]>([
    ['reporterA', { schoolCode: SCHOOL_A, activityId: ids.onlyA }, 'ok', undefined],
    ['reporterA', { schoolCode: SCHOOL_B, activityId: ids.onlyB }, 'refused', 'schoolCode'],
    ['reporterA', { schoolCode: SCHOOL_A, activityId: ids.onlyB }, 'refused', 'activityId'],
    ['reporterB', { schoolCode: SCHOOL_A, activityId: ids.onlyA }, 'refused', 'schoolCode'],
    ['reporterB', { schoolCode: SCHOOL_B, activityId: ids.onlyB, fact: '' }, 'ok', undefined],
    ['coordinator', { schoolCode: SCHOOL_A, activityId: ids.onlyA }, 'ok', undefined],
    ['coordinator', { schoolCode: SCHOOL_B, activityId: ids.onlyB, fact: '' }, 'ok', undefined],
    ['stranger', { schoolCode: SCHOOL_A, activityId: ids.onlyA }, 'refused', 'schoolCode'],
    ['stranger', { schoolCode: 'нет-такой', activityId: ids.onlyA }, 'refused', 'schoolCode'],
  ])('%s reporting %j → %s', (user, overrides, type, field) => {
    const host = hostFor(user);
    const r = host.run<SubmitResponse>('submitReport', form(overrides));
    expect(r.type).toBe(type);
    if (r.type === 'ok') {
      expect(reports(host)).toHaveLength(1);
      expect(reports(host)[0]?.slice(1, 4)).toEqual([
        USERS[user],
        overrides.schoolCode,
        overrides.activityId,
      ]);
      expect(refusals(host)).toHaveLength(0);
      expect(host.values('Журнал').filter((r) => r[5] === 'ошибка')).toEqual([]);
    } else {
      expect(r.field).toBe(field);
      expect(reports(host)).toHaveLength(0);
      const logged = refusals(host);
      expect(logged).toHaveLength(1);
      expect(logged[0]?.[3]).toBe(USERS[user]);
      expect(logged[0]?.[4]).toBe(r.message);
    }
  });

  it('takes the user from the session, not from the form', () => {
    const host = hostFor('reporterB');
    const r = host.run<SubmitResponse>('submitReport', { ...form(), user: USERS.reporterA });
    expect(r.type).toBe('refused');
    expect(reports(host)).toHaveLength(0);
  });

  it('requires an open period for a recurring activity and none for a one-off', () => {
    const host = hostFor('reporterA');
    const missing = host.run<SubmitResponse>(
      'submitReport',
      form({ activityId: ids.quarterlyA, period: '', fact: '1' }),
    );
    expect(missing).toMatchObject({ type: 'refused', field: 'period' });
    const future = host.run<SubmitResponse>(
      'submitReport',
      form({ activityId: ids.quarterlyA, period: '2023-Q1', fact: '1' }),
    );
    expect(future).toMatchObject({ type: 'refused', field: 'period' });
    const stray = host.run<SubmitResponse>(
      'submitReport',
      form({ activityId: ids.onlyA, period: '2022-Q3' }),
    );
    expect(stray).toMatchObject({ type: 'refused', field: 'period' });
    const ok = host.run<SubmitResponse>(
      'submitReport',
      form({ activityId: ids.quarterlyA, period: '2022-Q3', fact: '1' }),
    );
    expect(ok.type).toBe('ok');
    // «Период» reads as the period list says it; statuses read it back as the quarter it names.
    expect(reports(host).map((r) => r[4])).toEqual(['III квартал 2022']);
    expect(ok.type === 'ok' && ok.report.period).toBe('III квартал 2022');
    const quarterly = formData(host).activities.find((a) => a.id === ids.quarterlyA);
    expect(quarterly?.statusNote).toContain(
      'нет отчётов за 2 квартала (с I квартала 2022 по II квартал 2022)',
    );
  });
});

describe('submitReport refreshes statuses', () => {
  it('marks the reported activity done on «Дорожная карта»', () => {
    const host = hostFor('reporterA');
    const statusOf = (id: string): unknown => {
      const [header = [], ...rows] = host.values('Дорожная карта');
      return rows.find((r) => r[0] === id)?.[header.indexOf('Статус')];
    };
    host.run('refreshStatuses');
    expect(statusOf(ids.onlyA)).toBe('Просрочено');
    expect(host.run<SubmitResponse>('submitReport', form({ status: 'Выполнено' })).type).toBe('ok');
    expect(statusOf(ids.onlyA)).toBe('Выполнено');
  });
});

describe('submitReport validation', () => {
  it.each<[string, Partial<ReportForm> | Record<string, unknown>, string]>([
    ['an empty status', { status: '' }, 'status'],
    ['a status not in the list', { status: 'Готово' }, 'status'],
    ['a javascript: link', { link: 'javascript:alert(1)' }, 'link'],
    ['a data: link', { link: 'data:text/html,<script>alert(1)</script>' }, 'link'],
    ['a text fact where the plan is a number', { fact: 'сделано' }, 'fact'],
    ['a key that is not a UUID', { key: 'abc' }, 'key'],
    ['a number instead of a comment', { comment: 5 }, 'comment'],
  ])('refuses %s at its field and stores nothing', (_, overrides, field) => {
    const host = hostFor('reporterA');
    const r = host.run<SubmitResponse>('submitReport', { ...form(), ...overrides });
    expect(r).toMatchObject({ type: 'refused', field });
    expect(reports(host)).toHaveLength(0);
    expect(refusals(host)).toHaveLength(1);
  });

  it('refuses a form that is not an object', () => {
    const host = hostFor('reporterA');
    expect(host.run<SubmitResponse>('submitReport', 'DROP TABLE').type).toBe('refused');
    expect(host.run<SubmitResponse>('submitReport', null).type).toBe('refused');
    expect(reports(host)).toHaveLength(0);
  });

  it('refuses a 100 KB comment cleanly: a short message, nothing appended, the refusal logged', () => {
    const host = hostFor('reporterA');
    const r = host.run<SubmitResponse>(
      'submitReport',
      form({ comment: 'Очень длинный отчёт. '.repeat(5000) }),
    );
    expect(r).toMatchObject({ type: 'refused', field: 'comment' });
    expect(r.type === 'refused' && r.message.length).toBeLessThan(200);
    expect(reports(host)).toHaveLength(0);
    const logged = refusals(host);
    expect(logged).toHaveLength(1);
    expect(String(logged[0]?.[4]).length).toBeLessThan(200);
  });
});

describe('submitReport idempotency', () => {
  it('stores one row when the same key is sent twice and returns the stored report', () => {
    const host = hostFor('reporterA');
    const f = form({ fact: '3', comment: 'первый раз' });
    const first = host.run<SubmitResponse>('submitReport', f);
    host.clock.advance(60_000);
    const second = host.run<SubmitResponse>('submitReport', { ...f, comment: 'второй раз' });
    expect(first).toMatchObject({ type: 'ok', duplicate: false });
    expect(second).toMatchObject({ type: 'ok', duplicate: true });
    expect(second.type === 'ok' && second.report).toEqual(first.type === 'ok' && first.report);
    expect(reports(host)).toHaveLength(1);
    expect(reports(host)[0]?.[7]).toBe('первый раз');
  });

  it('refuses a key already used by someone else', () => {
    const host = hostFor('coordinator');
    const f = form();
    expect(host.run<SubmitResponse>('submitReport', f).type).toBe('ok');
    const other = LocalHost.fromSheets(
      { ...fixtureSheets(), Отчёты: host.values('Отчёты') },
      { user: USERS.reporterA, now: TODAY },
    );
    expect(other.run<SubmitResponse>('submitReport', f).type).toBe('refused');
    expect(other.values('Отчёты').slice(1)).toHaveLength(1);
  });

  it('stores different keys as different reports', () => {
    const host = hostFor('reporterA');
    host.run('submitReport', form());
    host.run('submitReport', form());
    expect(reports(host)).toHaveLength(2);
  });
});

describe('submitReport formula injection', () => {
  it('stores =, +, -, @ texts as text, never as formulas', () => {
    const host = hostFor('reporterA');
    const texts = ['=HYPERLINK("http://x";"y")', '+1', '-1', '@x', '=1+1'];
    for (const t of texts) {
      const r = host.run<SubmitResponse>(
        'submitReport',
        form({ activityId: ids.everyone, fact: t, comment: t }),
      );
      expect(r.type).toBe('ok');
    }
    const sheet = host.spreadsheet.getSheetByName('Отчёты');
    if (!sheet) throw new Error('no Отчёты');
    const range = sheet.getRange(2, 1, texts.length, 10);
    const values = range.getValues();
    expect(
      range
        .getFormulas()
        .flat()
        .every((f) => f === ''),
    ).toBe(true);
    expect(values.map((r) => r[6])).toEqual(texts);
    expect(values.map((r) => r[7])).toEqual(texts);
    expect(range.getDisplayValues().map((r) => r[7])).toEqual(texts);
  });
});

describe('submitReport under the document lock', () => {
  it('tells the user to retry when another writer holds the lock, appending nothing', () => {
    const host = hostFor('reporterA');
    const other = host.services().lock();
    expect(other.tryLock(0)).toBe(true);
    const r = host.run<SubmitResponse>('submitReport', form());
    expect(r.type).toBe('refused');
    expect(r.type === 'refused' && r.message).toMatch(/Повторите через минуту/);
    expect(reports(host)).toHaveLength(0);
    expect(refusals(host)).toHaveLength(1);
    other.releaseLock();
    expect(host.run<SubmitResponse>('submitReport', form()).type).toBe('ok');
  });
});

describe('openReportSidebar', () => {
  it('shows the built sidebar page', () => {
    const host = hostFor('reporterA');
    host.run('openReportSidebar');
    const sidebar = host.ui.find((e) => e.kind === 'sidebar');
    expect(sidebar?.title).toBe('Отчёт школы');
    expect(sidebar?.html).toContain('<label for="status">');
    expect(sidebar?.html).not.toContain('<!-- SCRIPT -->');
  });
});

describe('submitReport and the «Отчёты» sheet', () => {
  it('creates the sheet with its header on the first report', () => {
    const host = hostFor('reporterA');
    expect(host.values('Отчёты')).toEqual([]);
    host.run('submitReport', form());
    expect(host.values('Отчёты')[0]).toEqual([
      'Время',
      'Пользователь',
      'Школа',
      'ID мероприятия',
      'Период',
      'Статус',
      'Факт',
      'Комментарий',
      'Ссылка',
      'Ключ',
    ]);
  });

  it('puts the header back when someone emptied the sheet', () => {
    const host = LocalHost.fromSheets(
      { ...fixtureSheets(), Отчёты: [] },
      { user: USERS.reporterA, now: TODAY },
    );
    host.run('submitReport', form({ comment: 'после очистки' }));
    const rows = host.values('Отчёты');
    expect(rows[0]?.[0]).toBe('Время');
    expect(rows.slice(1).map((r) => r[7])).toEqual(['после очистки']);
  });

  it('appends to an «Отчёты» that already fills its 1000 rows', () => {
    const old = Array.from({ length: 999 }, (_, i) => [
      new Date('2022-09-01T08:00:00Z'),
      USERS.reporterB,
      SCHOOL_B,
      ids.onlyB,
      '',
      'В работе',
      '',
      '',
      '',
      `старый-${i + 1}`,
    ]);
    const host = LocalHost.fromSheets(
      { ...fixtureSheets(), Отчёты: [[...REPORTS_HEADER], ...old] },
      { user: USERS.reporterA, now: TODAY },
    );
    expect(host.spreadsheet.getSheetByName('Отчёты')?.getMaxRows()).toBe(1000);
    expect(host.run<SubmitResponse>('submitReport', form({ comment: 'тысяча первая' }))).toMatchObject({
      type: 'ok',
      duplicate: false,
    });
    const rows = reports(host);
    expect(rows).toHaveLength(1000);
    expect(rows[999]?.[7]).toBe('тысяча первая');
  });

  it('treats an upper-case copy of a key as the same key', () => {
    const host = hostFor('reporterA');
    const f = form();
    host.run('submitReport', f);
    expect(host.run<SubmitResponse>('submitReport', { ...f, key: f.key.toUpperCase() })).toMatchObject({
      type: 'ok',
      duplicate: true,
    });
    expect(reports(host)).toHaveLength(1);
  });
});

describe('previous reports in the form', () => {
  it("keep each activity's latest reports however many newer reports of other activities the sheet holds", () => {
    const row = (i: number, activityId: string, comment: string): unknown[] => [
      new Date(Date.UTC(2022, 8, 1, 0, i)),
      USERS.reporterA,
      SCHOOL_A,
      activityId,
      '',
      'В работе',
      '',
      comment,
      '',
      `00000000-0000-4000-b000-${String(i).padStart(12, '0')}`,
    ];
    const sheets = {
      ...fixtureSheets(),
      Отчёты: [
        [...REPORTS_HEADER],
        row(0, ids.everyone, 'давний отчёт'),
        ...Array.from({ length: 500 }, (_, i) => row(i + 1, ids.onlyA, `отчёт ${i + 1}`)),
      ],
    };
    const host = LocalHost.fromSheets(sheets, { user: USERS.reporterA, now: TODAY });
    const data = formData(host);
    expect(data.reports.filter((r) => r.activityId === ids.everyone).map((r) => r.comment)).toEqual([
      'давний отчёт',
    ]);
    const onlyA = data.reports.filter((r) => r.activityId === ids.onlyA);
    expect(onlyA.length).toBeGreaterThan(0);
    expect(onlyA[0]?.comment).toBe('отчёт 500');
    expect(data.reports.length).toBeLessThan(50);
  });
});

describe('the status line a school director reads', () => {
  // QA: after 3 monthly reports the form said «Просрочено; нет отчётов за 21 месяц (…); Выполнено 0 из 3;
  // Выполнено 02.12.2026, школа ЧСОШ1, за март 2025» with «срок 31.01.2024», and «период 2025-03» below.
  const MONTHLY = 'Мониторинг посещаемости обучающихся';
  const at = new Date('2022-10-15T07:00:00Z');
  const row = (activityId: string, period: string): unknown[] => [
    at,
    USERS.reporterA,
    SCHOOL_A,
    activityId,
    period,
    'Выполнено',
    '',
    '',
    '',
    `k-${activityId}-${period}`,
  ];
  const hostWith = (user: User, extra: unknown[][] = []): LocalHost => {
    const sheets = fixtureSheets();
    const activities = [
      ...(sheets['Мероприятия'] ?? []),
      ['28.', MONTHLY, 'Ежемесячно', 'ОО', 'Справка', ''],
    ];
    const rows = [row('28', '2022-01'), row('28', '2022-02'), row('28', '2022-03'), row(ids.everyone, '')];
    return LocalHost.fromSheets(
      { ...sheets, Мероприятия: activities, Отчёты: [[...REPORTS_HEADER], ...rows, ...extra] },
      { user: USERS[user], now: TODAY, timeZone: 'Asia/Chita' },
    );
  };
  const monthly = (data: ReportFormData): ReportFormData['activities'][number] | undefined =>
    data.activities.find((a) => a.title === MONTHLY);

  it("a recurring activity: this school's missing months, its last report in words, the next period's due", () => {
    const data = formData(hostWith('reporterA'));
    expect(monthly(data)).toMatchObject({
      status: 'Просрочено',
      due: '2022-10-31',
      statusNote:
        'нет отчётов за 6 месяцев (с апреля 2022 по сентябрь 2022); последний отчёт: Выполнено 15.10.2022, за март 2022',
    });
  });

  it('previous reports name their period as the period list does', () => {
    const data = formData(hostWith('reporterA'));
    const id = monthly(data)?.id;
    expect(data.reports.filter((r) => r.activityId === id).map((r) => r.period)).toEqual([
      'март 2022',
      'февраль 2022',
      'январь 2022',
    ]);
  });

  it('reads «апрель 2022» that Sheets turned into a date (01.04.2022) as April, in the list and the status', () => {
    const typed = row('28', '');
    typed[4] = new Date('2022-03-31T15:00:00Z'); // 01.04.2022 00:00 in Chita
    const data = formData(hostWith('reporterA', [typed]));
    const id = monthly(data)?.id;
    expect(data.reports.filter((r) => r.activityId === id).map((r) => r.period)[0]).toBe('01.04.2022');
    expect(monthly(data)?.statusNote).toMatch(/^нет отчётов за 5 месяцев \(с мая 2022 по сентябрь 2022\)/);
  });

  it('counts schools only for a one-off activity, says so, and names a school by its short name', () => {
    const data = formData(hostWith('coordinator'));
    expect(monthly(data)?.statusNote).not.toMatch(/ из \d/);
    const everyone = data.activities.find((a) => a.id === ids.everyone)?.statusNote ?? '';
    expect(everyone).toContain('Выполнено в 1 из 2 школ');
    expect(everyone).toContain('Чарская СОШ №1');
    expect(everyone).not.toContain(SCHOOL_A);
  });
});
