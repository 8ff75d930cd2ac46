/**
 * A recurring activity of several schools, through the built bundle (QA #3): the coordinator's sheet and
 * escalation letter show the school furthest behind, by name, not the one furthest ahead; each school's
 * own reminder stays its own.
 */
import { REPORTS_HEADER } from '../../src/core/layouts';
import { LocalHost } from '../../src/local/host';

const QUARTERLY = 'Мониторинг реализации программ антирисковых мер';
const MONTHLY = 'Работа с родителями обучающихся';
const COORDINATOR = 'coordinator@uo.ru';

/** SCH5 reported the III quarter and November, LIC2 the IV quarter, KRS nothing. */
function sheets(): Record<string, unknown[][]> {
  const reported = (school: string, id: string, period: string): unknown[] => [
    new Date('2026-11-20T09:00:00Z'),
    `director@${school.toLowerCase()}.school.ru`,
    school,
    id,
    period,
    'Выполнено',
    '',
    '',
    '',
    `00000000-0000-4000-a000-00000000000${id.slice(-1)}`,
  ];
  return {
    Мероприятия: [
      ['№ п/п', 'Наименование мероприятия', 'Срок исполнения', 'Ответственные'],
      ['1.1', QUARTERLY, 'ежеквартально', 'ОО'],
      ['1.2', MONTHLY, 'ежемесячно', 'ШНОР'],
    ],
    Школы: [
      ['Код', 'Полное наименование', 'Краткое наименование', 'Отчитывающиеся (email)', 'Куратор (email)'],
      ['SCH5', 'МБОУ «Средняя общеобразовательная школа № 5»', 'СОШ № 5', 'director@sch5.school.ru', ''],
      ['LIC2', 'МБОУ «Лицей № 2»', 'Лицей № 2', 'director@lic2.school.ru', ''],
      ['KRS', 'МКОУ «Крестинская средняя школа»', 'Крестинская СШ', 'director@krs.school.ru', ''],
    ],
    Настройки: [
      ['Параметр', 'Значение', 'Пояснение'],
      ['Начало периода', '2026', ''],
      ['Конец периода', '2026', ''],
      ['Координаторы', COORDINATOR, ''],
    ],
    Отчёты: [
      [...REPORTS_HEADER],
      reported('SCH5', '1.1', '2026-Q3'),
      reported('SCH5', '1.2', '2026-11'),
      reported('LIC2', '1.1', '2026-Q4'),
    ],
  };
}

function run(today: string): LocalHost {
  const host = LocalHost.fromSheets(sheets(), { user: COORDINATOR, now: today });
  host.run('refreshStatuses');
  host.run('sendReminders');
  return host;
}

/** «Пропущенный период» of the activity on «Дорожная карта». */
function missing(host: LocalHost, title: string): string {
  const header = host.values('Дорожная карта')[0] ?? [];
  const row = host.values('Дорожная карта').find((r) => r[2] === title) ?? [];
  return String(row[header.indexOf('Пропущенный период')]);
}

const mailTo = (host: LocalHost, to: string): string =>
  host.sentMail.find((m) => m.to.split(',').includes(to))?.text ?? '';

describe('a recurring activity of three schools, one ahead (QA #3)', () => {
  it('shows on «Дорожная карта» the periods of the schools furthest behind, naming them', () => {
    const host = run('2026-12-03');
    expect(missing(host, QUARTERLY)).toBe('I квартал 2026 и ещё 2 квартала (Лицей № 2 и ещё 1 школа)');
    expect(missing(host, MONTHLY)).toBe('январь 2026 и ещё 10 месяцев (Лицей № 2 и ещё 1 школа)');
  });

  it('tells the coordinator the lag of the schools furthest behind, and which they are', () => {
    const letter = mailTo(run('2026-12-03'), COORDINATOR);
    expect(letter).toContain(
      'Лицей № 2 и ещё 1 школа: нет отчётов за 11 месяцев (с января 2026 по ноябрь 2026)',
    );
    expect(letter).toContain('Лицей № 2 и ещё 1 школа: нет отчётов за 3 квартала');
    expect(letter).not.toContain('за 10 месяцев');
    expect(letter).not.toContain('за 2 квартала');
    expect(letter).not.toMatch(/SCH5|LIC2|KRS/);
  });

  it('names the one school behind all others a month later', () => {
    const host = run('2027-01-10');
    expect(missing(host, QUARTERLY)).toBe('I квартал 2026 и ещё 3 квартала (Крестинская СШ)');
    expect(mailTo(host, COORDINATOR)).toContain('Крестинская СШ: нет отчётов за 4 квартала');
  });

  it("keeps each school's own reminder to its own periods", () => {
    const host = run('2026-12-03');
    expect(mailTo(host, 'director@sch5.school.ru')).toContain('нет отчётов за 2 квартала');
    expect(mailTo(host, 'director@krs.school.ru')).toContain('нет отчётов за 3 квартала');
    expect(mailTo(host, 'director@krs.school.ru')).not.toContain('Крестинская СШ:');
  });
});
