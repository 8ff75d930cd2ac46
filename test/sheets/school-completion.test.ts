/**
 * Per-school completion through the built bundle: an activity of five schools is done when all five have
 * reported it, the schools that have not keep getting their reminder (with their own link), and a
 * district activity is offered to no school.
 */
import type { FormDataResponse, ReportForm, SubmitResponse } from '../../src/core/report';
import { LocalHost } from '../../src/local/host';

const TODAY = '2022-10-15';
const BASE = 'https://script.google.com/macros/s/DEPLOYMENT/exec';
const SCHOOLS = ['s1', 's2', 's3', 's4', 's5'];
const reporter = (code: string): string => `director@${code}.school.ru`;
const SHARED = 'Разработка программы антирисковых мер';
const DISTRICT = 'Семинар для руководителей ОО по итогам мониторинга';
const SOON = 'Проведение самодиагностики школы';

function sheets(): Record<string, unknown[][]> {
  return {
    Мероприятия: [
      ['№ п/п', 'Наименование мероприятия', 'Сроки реализации', 'Ответственные исполнители'],
      ['1.', SHARED, 'до 01.10.2022', 'ОО'],
      ['2.', DISTRICT, 'до 01.10.2022', 'МОУО, ИМЦ'],
      ['3.', SOON, 'до 20.10.2022', 'Руководители ОО'],
    ],
    Школы: [
      ['Код', 'Полное наименование', 'Краткое наименование', 'Отчитывающиеся (email)', 'Куратор (email)'],
      ...SCHOOLS.map((c, i) => [c, `МОУ СОШ №${i + 1}`, `СОШ №${i + 1}`, reporter(c), '']),
    ],
    Настройки: [
      ['Параметр', 'Значение', 'Пояснение'],
      ['Начало периода', '2022', ''],
      ['Конец периода', '2022', ''],
      ['Координаторы', 'coordinator@edu.ru', ''],
    ],
  };
}

function setUp(book = sheets()): { host: LocalHost; tokens: Map<string, string>; ids: Map<string, string> } {
  const host = LocalHost.fromSheets(book, { user: 'coordinator@edu.ru', now: TODAY, webAppUrl: BASE });
  host.run('reportLinks');
  const tokens = new Map(
    host
      .values('Ссылки для отчётов')
      .slice(1)
      .map((r) => [String(r[0]), new URL(String(r[3])).searchParams.get('t') ?? '']),
  );
  host.run('validateRoadmap');
  const ids = new Map(
    host
      .values('Дорожная карта')
      .slice(1)
      .map((r) => [String(r[2]), String(r[0])]),
  );
  return { host, tokens, ids };
}

let n = 0;
function report(host: LocalHost, token: string, school: string, activityId: string): SubmitResponse {
  n += 1;
  const form: ReportForm = {
    schoolCode: school,
    activityId,
    period: '',
    status: 'Выполнено',
    fact: '',
    comment: '',
    link: '',
    key: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
  };
  return host.run<SubmitResponse>('submitReport', form, token);
}

const roadmapRow = (host: LocalHost, title: string): unknown[] =>
  host.values('Дорожная карта').find((r) => r[2] === title) ?? [];

describe('an activity of five schools', () => {
  it('shows «Выполнено в 4 из 5 школ» while one school has not reported, and reminds only that school', () => {
    const { host, tokens, ids } = setUp();
    const shared = ids.get(SHARED) ?? '';
    for (const code of SCHOOLS.slice(0, 4))
      expect(report(host, tokens.get(code) ?? '', code, shared).type).toBe('ok');
    host.run('refreshStatuses');
    const row = roadmapRow(host, SHARED);
    expect(row[13]).toBe('Просрочено');
    expect(String(row[16])).toMatch(/^Выполнено в 4 из 5 школ/);

    host.run('sendReminders');
    const toSchools = host.sentMail.filter((m) => m.to.endsWith('.school.ru'));
    // s5 gets the overdue shared activity; every school still gets the soon-due one.
    const s5 = toSchools.find((m) => m.to === reporter('s5'));
    expect(s5?.text).toContain(SHARED);
    for (const code of SCHOOLS.slice(0, 4)) {
      const mail = toSchools.find((m) => m.to === reporter(code));
      expect(mail?.text ?? '').not.toContain(SHARED);
    }
    expect(toSchools.every((m) => !m.text.includes(DISTRICT))).toBe(true);
  });

  it('is «Выполнено» once the fifth school reports too', () => {
    const { host, tokens, ids } = setUp();
    const shared = ids.get(SHARED) ?? '';
    for (const code of SCHOOLS) report(host, tokens.get(code) ?? '', code, shared);
    host.run('refreshStatuses');
    expect(roadmapRow(host, SHARED)[13]).toBe('Выполнено');
    expect(String(roadmapRow(host, SHARED)[16])).toMatch(/^Выполнено в 5 из 5 школ/);
  });

  it("never changes another school's own status with a school's report", () => {
    const { host, tokens, ids } = setUp();
    report(host, tokens.get('s1') ?? '', 's1', ids.get(SHARED) ?? '');
    const statusIn = (code: string): string => {
      const r = host.run<FormDataResponse>('getReportFormData', tokens.get(code));
      if (r.type !== 'ok') throw new Error(r.message);
      return r.data.activities.find((a) => a.title === SHARED)?.status ?? '';
    };
    expect(statusIn('s1')).toBe('Выполнено');
    expect(statusIn('s2')).toBe('Просрочено');
  });
});

describe('a district activity (responsible МОУО, ИМЦ)', () => {
  it('is offered to no school, though its title mentions «руководителей ОО»', () => {
    const { host, tokens } = setUp();
    for (const code of SCHOOLS) {
      const r = host.run<FormDataResponse>('getReportFormData', tokens.get(code));
      if (r.type !== 'ok') throw new Error(r.message);
      expect(r.data.activities.map((a) => a.title).sort()).toEqual([SHARED, SOON].sort());
    }
  });
});

describe('a school digest', () => {
  it("contains that school's link and no other school's", () => {
    const { host, tokens } = setUp();
    host.run('sendReminders');
    for (const code of SCHOOLS) {
      const mail = host.sentMail.find((m) => m.to === reporter(code));
      expect(mail?.text).toContain(`${BASE}?t=${tokens.get(code) ?? '-'}`);
      expect(mail?.html).toContain(`${BASE}?t=${tokens.get(code) ?? '-'}`);
      for (const other of SCHOOLS.filter((c) => c !== code)) {
        expect(mail?.text).not.toContain(tokens.get(other) ?? '-');
        expect(mail?.html).not.toContain(tokens.get(other) ?? '-');
      }
    }
  });
});

describe('an activity whose responsible names one school in another case («Директор Крестинской СШ»)', () => {
  const LESSON = 'Открытый урок для учителей района';
  function book(): Record<string, unknown[][]> {
    const base = sheets();
    return {
      ...base,
      Мероприятия: [
        ...(base['Мероприятия'] ?? []),
        ['4.', LESSON, 'до 01.10.2022', 'Директор Крестинской СШ'],
      ],
      Школы: [
        ...(base['Школы'] ?? []),
        ['kr', 'МБОУ «Крестинская СШ»', 'Крестинская СШ', reporter('kr'), ''],
        ['ch', 'МБОУ «Чистовская СШ»', 'Чистовская СШ', reporter('ch'), ''],
      ],
    };
  }
  const offered = (host: LocalHost, token: string): string[] => {
    const r = host.run<FormDataResponse>('getReportFormData', token);
    if (r.type !== 'ok') throw new Error(r.message);
    return r.data.activities.map((a) => a.title);
  };

  it('is offered to that school alone and reminds it alone when overdue', () => {
    const { host, tokens } = setUp(book());
    expect(offered(host, tokens.get('kr') ?? '')).toContain(LESSON);
    expect(offered(host, tokens.get('ch') ?? '')).not.toContain(LESSON);
    host.run('sendReminders');
    expect(host.sentMail.find((m) => m.to === reporter('kr'))?.text).toContain(LESSON);
    expect(host.sentMail.find((m) => m.to === reporter('ch'))?.text ?? '').not.toContain(LESSON);
  });
});

describe('links made anew after the reminders went', () => {
  it('sends each school its digest again with the new link the same day, and nobody else', () => {
    const { host } = setUp();
    host.run('sendReminders');
    const first = host.sentMail.length;
    expect(first).toBeGreaterThanOrEqual(SCHOOLS.length);
    // The coordinator revokes school s2's links: its letter now holds a link that no longer opens.
    host.run('revokeReportLinks', 's2');
    host.run('reportLinks');
    host.run('sendReminders');
    const again = host.sentMail.slice(first);
    expect(again.map((m) => m.to)).toEqual([reporter('s2')]);
    const newLink = host.values('Ссылки для отчётов').find((r) => r[0] === 's2')?.[3];
    expect(again[0]?.text).toContain(String(newLink));
    // Nothing changed: a third run the same day sends nothing.
    host.run('sendReminders');
    expect(host.sentMail).toHaveLength(first + 1);
  });
});

describe('a school letter', () => {
  it('tells the school whom to ask: the coordinators of «Настройки» when «Контакт координатора» is empty', () => {
    const { host } = setUp();
    host.run('sendReminders');
    const school = host.sentMail.find((m) => m.to === reporter('s1'));
    expect(school?.text).toContain('Вопросы — coordinator@edu.ru.');
  });
});
