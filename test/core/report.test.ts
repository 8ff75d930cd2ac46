/** The report form's schemas, shared by the sidebar and the server. */
import { REPORT_MSG } from '../../src/core/messages';
import {
  checkFact,
  COMMENT_MAX,
  isNumericPlanned,
  parseReportForm,
  type ReportForm,
} from '../../src/core/report';

const valid: ReportForm = {
  schoolCode: '75-001',
  activityId: '2.4.3',
  period: '2021-Q1',
  status: 'Выполнено',
  fact: '3',
  comment: 'готово',
  link: 'https://school.ru/report.pdf',
  key: '5f0c6a3e-8d1b-4f7a-9c2e-1b2d3e4f5a6b',
};

describe('parseReportForm', () => {
  it('accepts a valid form and trims its texts', () => {
    const r = parseReportForm({ ...valid, comment: '  готово \n', fact: ' 3 ' });
    expect(r).toEqual({ ok: true, form: { ...valid, comment: 'готово', fact: '3' } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['empty status', { status: '' }, 'status'],
    ['unknown status', { status: 'Сделано' }, 'status'],
    ['javascript: link', { link: 'javascript:alert(1)' }, 'link'],
    ['ftp link', { link: 'ftp://school.ru/a' }, 'link'],
    ['link with a space', { link: 'https://school.ru/a b' }, 'link'],
    ['link with a quote', { link: 'https://school.ru/"onmouseover=x' }, 'link'],
    ['link with user-info', { link: 'https://docs.google.com@evil.example/doc' }, 'link'],
    ['link with user-info and password', { link: 'http://user:pass@evil.example/' }, 'link'],
    ['link with a bidi override', { link: 'https://school.ru/\u202Efdp.exe' }, 'link'],
    ['link with a zero-width space', { link: 'https://goo\u200Bgle.com/' }, 'link'],
    ['link with a bidi isolate', { link: 'https://school.ru/\u2066a\u2069' }, 'link'],
    ['link with a control character', { link: 'https://school.ru/\u0007' }, 'link'],
    ['link with a soft hyphen', { link: 'https://sch\u00ADool.ru/' }, 'link'],
    ['comment one over the limit', { comment: 'я'.repeat(COMMENT_MAX + 1) }, 'comment'],
    ['missing school', { schoolCode: '' }, 'schoolCode'],
    ['missing activity', { activityId: undefined }, 'activityId'],
    ['period with markup', { period: '<b>' }, 'period'],
    ['key not a UUID', { key: '1' }, 'key'],
  ])('refuses %s at its field', (_, change, field) => {
    const r = parseReportForm({ ...valid, ...change });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.refused.field).toBe(field);
    expect(!r.ok && r.refused.message).toMatch(/[а-я]/);
  });

  it('accepts an ordinary link with @ in its path or query', () => {
    expect(parseReportForm({ ...valid, link: 'https://disk.yandex.ru/d/abc?u=a@b.ru' }).ok).toBe(true);
    expect(parseReportForm({ ...valid, link: 'https://school.ru/news/@team' }).ok).toBe(true);
  });

  it('accepts a comment of exactly the limit and an empty link', () => {
    expect(parseReportForm({ ...valid, comment: 'я'.repeat(COMMENT_MAX), link: '' }).ok).toBe(true);
  });

  it('refuses what is not a form without naming a field', () => {
    for (const input of [null, 'x', 42, []]) {
      const r = parseReportForm(input);
      expect(r).toMatchObject({ ok: false, refused: { type: 'refused' } });
      expect(!r.ok && r.refused.field).toBeUndefined();
    }
  });
});

describe('numeric facts', () => {
  it.each([
    ['10', true],
    ['не менее 3', true],
    ['100%', true],
    ['0,5', true],
    ['снижение на 10%', true],
    ['', false],
    ['наличие', false],
    ['Протокол совещания', false],
  ])('planned «%s» numeric: %s', (planned, numeric) => {
    expect(isNumericPlanned(planned)).toBe(numeric);
  });

  it('wants a number only where the plan is numeric', () => {
    expect(checkFact('3,5', true)).toBeUndefined();
    expect(checkFact('75 %', true)).toBeUndefined();
    expect(checkFact('', true)).toBeUndefined();
    expect(checkFact('сделано', true)).toMatchObject({ type: 'refused', field: 'fact' });
    expect(checkFact('сделано', false)).toBeUndefined();
  });

  it.each<[string, string, string]>([
    ['-5', '10', 'отрицательным'],
    ['– 3', 'не менее 3', 'отрицательным'],
    ['1e308', '10', 'число'],
    ['NaN', '10', 'число'],
    ['Infinity', '10', 'число'],
    [`1${'0'.repeat(400)}`, '10', 'число'],
    ['2000000000', '10', 'слишком большой'],
    ['150%', '100%', '100%'],
    ['150', '75%', '100%'],
  ])('refuses the fact «%s» against the plan «%s»', (fact, planned, words) => {
    const r = checkFact(fact, isNumericPlanned(planned), planned);
    expect(r).toMatchObject({ type: 'refused', field: 'fact' });
    expect(r?.message).toContain(words);
  });

  it('takes a growth over 100% where the plan is a change', () => {
    expect(checkFact('150%', true, 'увеличение на 10%')).toBeUndefined();
    expect(checkFact('0', true, '10')).toBeUndefined();
  });
});

// Schools open the form through a link, as a web page: a message asking to refresh «панель» means nothing there.
it.each(['key', 'invalidForm', 'failed', 'failedData', 'keyReused'] as const)(
  'the form message %s does not send a school to a side panel',
  (name) => {
    expect(REPORT_MSG[name]).not.toMatch(/панел/i);
  },
);
