/** Signed report links through the built bundle: the links sheet, doGet, and the token on every server call. */
import type { FormDataResponse, ReportForm, SubmitResponse } from '../../src/core/report';
import { LocalHost } from '../../src/local/host';
import {
  activityIds,
  fixtureSheets,
  SCHOOL_A,
  SCHOOL_B,
  TITLES,
  TODAY,
  USERS,
} from '../fixtures/report-workbook';

const BASE = 'https://script.google.com/macros/s/DEPLOYMENT/exec';

/** An anonymous visitor of the web app: the link is the only credential. */
function anonymousHost(): LocalHost {
  return LocalHost.fromSheets(fixtureSheets(), { user: '', now: TODAY, webAppUrl: BASE });
}

/** The links of «Ссылки для отчётов» by reporter address. */
function links(host: LocalHost): Map<string, { school: string; url: string }> {
  host.run('reportLinks');
  const rows = host.values('Ссылки для отчётов').slice(1);
  return new Map(rows.map((r) => [String(r[2]), { school: String(r[0]), url: String(r[3]) }]));
}

const tokenOf = (url: string): string => new URL(url).searchParams.get('t') ?? '';

function page(host: LocalHost, token: string | undefined): string {
  const out = host.run<{ getContent(): string }>('doGet', {
    parameter: token === undefined ? {} : { t: token },
  });
  return out.getContent();
}

let keyCounter = 0;
function form(activityId: string, overrides: Partial<ReportForm> = {}): ReportForm {
  keyCounter += 1;
  return {
    schoolCode: SCHOOL_A,
    activityId,
    period: '',
    status: 'Выполнено',
    fact: '2',
    comment: '',
    link: '',
    key: `00000000-0000-4000-9000-${String(keyCounter).padStart(12, '0')}`,
    ...overrides,
  };
}

const ID = activityIds();

const linkRefusals = (host: LocalHost): unknown[][] =>
  host.values('Журнал').filter((r) => r[2] === 'Ссылка отклонена');

describe('reportLinks', () => {
  it('writes one link per reporter address of each school on «Ссылки для отчётов»', () => {
    const host = anonymousHost();
    const result = host.run<{ message: string }>('reportLinks');
    expect(result.message).toContain('Готово: 3 ссылки для 2 школ');
    const byReporter = links(host);
    expect([...byReporter.keys()].sort()).toEqual([
      'director@charsk1.ru',
      'director@novochar2.ru',
      'zavuch@charsk1.ru',
    ]);
    for (const { url } of byReporter.values()) expect(url.startsWith(`${BASE}?t=`)).toBe(true);
    // The secret stays in document properties, never on a sheet.
    const secret = host.services().properties.getProperty('reportLinks.secret') ?? '';
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    for (const sheet of host.spreadsheet.getSheets())
      expect(JSON.stringify(host.values(sheet.getName()))).not.toContain(secret);
  });

  it.each([
    ['no address', ''],
    ['only the editors-only test address', 'https://script.google.com/macros/s/DEPLOYMENT/dev'],
  ])('makes no links and says what to do when Apps Script gives %s', (_, url) => {
    const host = LocalHost.fromSheets(fixtureSheets(), { now: TODAY, webAppUrl: url });
    expect(host.run<{ message: string }>('reportLinks').message).toContain('Нет адреса веб-приложения');
    expect(host.values('Ссылки для отчётов')).toEqual([]);
  });

  it('uses the address the coordinator gave when Apps Script answers the test address', () => {
    const host = LocalHost.fromSheets(fixtureSheets(), {
      now: TODAY,
      webAppUrl: 'https://script.google.com/macros/s/DEPLOYMENT/dev',
    });
    host.services().properties.setProperty('reportLinks.url', BASE);
    for (const { url } of links(host).values()) expect(url.startsWith(`${BASE}?t=`)).toBe(true);
  });
});

describe('doGet', () => {
  it('logs at most 50 refused links an hour, then one line saying the rest of the hour is not logged', () => {
    const host = anonymousHost();
    links(host);
    for (let i = 0; i < 300; i++) page(host, `подделка-${i}`);
    const logged = linkRefusals(host);
    expect(logged).toHaveLength(51);
    expect(String(logged[50]?.[4])).toBe(
      'Отклонено больше 50 ссылок за час: до конца часа следующие отказы в журнал не пишутся (страница отказа по-прежнему показывается).',
    );
    // Every visitor still got the refusal page; the next hour is logged again.
    expect(page(host, 'подделка')).toContain('Ссылка недействительна');
    host.clock.advance(3_600_000);
    page(host, 'подделка');
    expect(linkRefusals(host)).toHaveLength(52);
    expect(String(linkRefusals(host)[51]?.[4])).toBe('ссылка повреждена или не из этой таблицы');
  });

  it('serves the report form with the link token for a valid link', () => {
    const host = anonymousHost();
    const token = tokenOf(links(host).get(USERS.reporterA)?.url ?? '');
    const html = page(host, token);
    expect(html).toContain(`<input type="hidden" id="roadmap-token" value="${token}" />`);
    expect(html).toContain('id="report-form"');
    expect(linkRefusals(host)).toHaveLength(0);
  });

  it.each<[string, (t: string) => string | undefined]>([
    ['a tampered link', (t) => `${t.slice(0, 5)}${t[5] === 'A' ? 'B' : 'A'}${t.slice(6)}`],
    ['a link without a token', () => undefined],
    ['a made-up token', () => 'aGVsbG8.d29ybGQ'],
  ])('answers %s with the refusal page only, and logs it in «Журнал»', (_, change) => {
    const host = anonymousHost();
    const token = tokenOf(links(host).get(USERS.reporterA)?.url ?? '');
    const html = page(host, change(token));
    expect(html).toContain('Ссылка недействительна');
    expect(html).not.toContain('report-form');
    for (const secretish of ['Чарская', 'Новочарская', SCHOOL_A, TITLES.onlyA, USERS.reporterA])
      expect(html).not.toContain(secretish);
    expect(linkRefusals(host)).toHaveLength(1);
  });
});

describe('server calls with a link token', () => {
  it('give the link school only, with only its assigned activities, whoever the session user is', () => {
    const host = anonymousHost();
    const token = tokenOf(links(host).get(USERS.reporterA)?.url ?? '');
    const r = host.run<FormDataResponse>('getReportFormData', token);
    if (r.type !== 'ok') throw new Error(r.message);
    expect(r.data.user).toBe(USERS.reporterA);
    expect(r.data.coordinator).toBe(false);
    expect(r.data.schools.map((s) => s.code)).toEqual([SCHOOL_A]);
    expect(r.data.activities.map((a) => a.id).sort()).toEqual([ID.onlyA, ID.quarterlyA, ID.everyone].sort());
  });

  it('store a report of the link school, as its reporter', () => {
    const host = anonymousHost();
    const token = tokenOf(links(host).get(USERS.reporterA)?.url ?? '');
    const r = host.run<SubmitResponse>('submitReport', form(ID.onlyA), token);
    expect(r).toMatchObject({ type: 'ok', duplicate: false });
    const rows = host.values('Отчёты').slice(1);
    expect(rows.map((row) => [row[1], row[2], row[3]])).toEqual([[USERS.reporterA, SCHOOL_A, ID.onlyA]]);
  });

  it("never read or report another school's activities with school A's token (every endpoint)", () => {
    const host = anonymousHost();
    const token = tokenOf(links(host).get(USERS.reporterA)?.url ?? '');
    const data = host.run<FormDataResponse>('getReportFormData', token);
    if (data.type !== 'ok') throw new Error(data.message);
    expect(data.data.activities.map((a) => a.id)).not.toContain(ID.onlyB);
    expect(data.data.reports.every((r) => r.schoolCode === SCHOOL_A)).toBe(true);
    // School B's code, B's own activity, B's activity under A's code: all refused, nothing stored.
    const attempts = [
      form(ID.onlyB, { schoolCode: SCHOOL_B }),
      form(ID.everyone, { schoolCode: SCHOOL_B }),
      form(ID.onlyB),
    ];
    for (const f of attempts) expect(host.run<SubmitResponse>('submitReport', f, token).type).toBe('refused');
    expect(host.values('Отчёты').slice(1)).toHaveLength(0);
  });

  it.each<[string, (host: LocalHost, token: string) => string]>([
    ['tampered', (_, t) => `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`],
    ['revoked', (host, t) => (host.run('revokeReportLinks', SCHOOL_A), t)],
    ['blank', () => ''],
  ])('refuse a %s token on every call, with nothing of the school in the answer', (_, spoil) => {
    const host = anonymousHost();
    const token = spoil(host, tokenOf(links(host).get(USERS.reporterA)?.url ?? ''));
    const data = host.run<FormDataResponse>('getReportFormData', token);
    expect(data).toEqual({ type: 'refused', message: expect.stringContaining('недействительна') });
    const submit = host.run<SubmitResponse>('submitReport', form(ID.onlyA), token);
    expect(submit.type).toBe('refused');
    expect(host.values('Отчёты').slice(1)).toHaveLength(0);
    expect(linkRefusals(host)).toHaveLength(2);
  });

  it('after revoking school A: its old links fail, its new links and school B links work', () => {
    const host = anonymousHost();
    const before = links(host);
    const message = host.run<{ message: string }>('revokeReportLinks', SCHOOL_A).message;
    expect(message).toContain('версия ключа 2');
    // The sheet now offers the new links only.
    const onSheet = host.values('Ссылки для отчётов').find((r) => r[2] === USERS.reporterA)?.[3];
    expect(onSheet).not.toBe(before.get(USERS.reporterA)?.url);
    const after = links(host);
    const works = (url: string | undefined): boolean =>
      host.run<FormDataResponse>('getReportFormData', tokenOf(url ?? '')).type === 'ok';
    expect(works(before.get(USERS.reporterA)?.url)).toBe(false);
    expect(works(after.get(USERS.reporterA)?.url)).toBe(true);
    expect(works(before.get(USERS.reporterB)?.url)).toBe(true);
    expect(
      host
        .values('Ссылки для отчётов')
        .slice(1)
        .find((r) => r[0] === SCHOOL_A)?.[4],
    ).toBe('2');
  });

  it('refuse a link whose reporter was removed from «Школы»', () => {
    const sheets = fixtureSheets();
    const host = LocalHost.fromSheets(sheets, { user: '', now: TODAY, webAppUrl: BASE });
    const token = tokenOf(links(host).get('zavuch@charsk1.ru')?.url ?? '');
    host.spreadsheet.getSheetByName('Школы')?.getRange('D2').setValue(USERS.reporterA);
    expect(host.run<FormDataResponse>('getReportFormData', token).type).toBe('refused');
    expect(String(linkRefusals(host)[0]?.[4])).toContain('отчитывающихся');
  });

  it('refuse revoking an unknown school without changing anything', () => {
    const host = anonymousHost();
    const r = host.run<{ exitCode: number; message: string }>('revokeReportLinks', 'нет-такой');
    expect(r.exitCode).toBe(1);
    expect(r.message).toContain('«нет-такой»');
  });
});

describe('menu jobs from the web app', () => {
  // The web app runs as the coordinator, and its page can call any global function: menu jobs need the UI.
  it('refuses a menu job where SpreadsheetApp.getUi() is unavailable', () => {
    const host = anonymousHost();
    // As Apps Script answers getUi() in a web app execution.
    const app = host.services().spreadsheetApp as unknown as Record<string, unknown>;
    const original = app['getUi'];
    app['getUi'] = () => {
      throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    };
    try {
      expect(() => host.run('revokeReportLinks', SCHOOL_A)).toThrow(/getUi/);
      expect(host.services().properties.getProperty('reportLinks.version.75-001')).toBeNull();
      // Trigger handlers too, unless the event names one of the project's triggers.
      expect(() => host.run('weeklySummary')).toThrow(/getUi/);
      expect(() => host.run('dailyRefresh', { triggerUid: 'forged' })).toThrow(/getUi/);
      expect(host.sentMail).toHaveLength(0);
    } finally {
      app['getUi'] = original;
    }
  });
});
