/**
 * The template's «Роль» column of `Ответственные` (исполнитель, координатор, куратор) counts: a row with
 * role «координатор» gets the escalations as the coordinators of `Настройки` do, «куратор» the weekly summary.
 */
import { RESPONSIBLE_HEADER } from '../../src/core/layouts';
import { SHEETS } from '../../src/core/messages';
import { LocalHost } from '../../src/local/host';
import { previewReminders, sendReminders } from '../../src/sheets/reminders';
import { sendWeeklySummary } from '../../src/sheets/weekly-summary';
import { mailWorkbook } from './mail-workbook';

const TODAY = '2021-04-21';
/** Addresses a mail went to, one by one. */
const addresses = (mails: { to: string }[]): string[] =>
  mails.flatMap((m) => m.to.toLowerCase().split(/,\s*/)).sort();

/** Overdue 51 days: past «Эскалация после дней просрочки» (14). */
const LONG_OVERDUE = '01.03.2021';
const SETTINGS = [
  ['Параметр', 'Значение'],
  ['Начало периода', '2021'],
  ['Конец периода', '2021'],
  ['Эскалация после дней просрочки', 14],
];

function book(coordinatorsInSettings = ''): Record<string, unknown[][]> {
  const b = mailWorkbook(
    [['1', 'Отбор школ', LONG_OVERDUE, 'УО']],
    [],
    [...SETTINGS, ['Координаторы', coordinatorsInSettings]],
  );
  b[SHEETS.responsible] = [
    [...RESPONSIBLE_HEADER],
    ['УО', 'Управление образования', 'uo@chara.ru', 'исполнитель'],
    ['Петрова А.В.', 'Петрова Анна Викторовна', 'coord@chara.ru', 'Координатор'],
    ['Сидоров П.П.', 'Сидоров Пётр Петрович', 'curator@chara.ru', 'куратор'],
    ['МОУО', 'Муниципальный орган (пример)', 'mouo@example.com', 'координатор'],
  ];
  return b;
}

describe('roles on `Ответственные`', () => {
  it('without any coordinator, the escalation warning names both places to set one', () => {
    const b = book();
    b[SHEETS.responsible] = b[SHEETS.responsible].slice(0, 2);
    const host = LocalHost.fromSheets(b, { now: TODAY, dailyQuota: 100 });
    expect(previewReminders(host.services()).message).toContain(
      'но координаторы не указаны: впишите их адреса в «Координаторы» листа «Настройки» или поставьте роль «координатор» их строкам на листе «Ответственные».',
    );
  });

  it('«координатор» receives the escalation; nothing says coordinators are missing', () => {
    const host = LocalHost.fromSheets(book(), { now: TODAY, dailyQuota: 100 });
    expect(previewReminders(host.services()).message).not.toContain('координаторы не указаны');
    const { message } = sendReminders(host.services());
    expect(message).not.toContain('координаторы не указаны');
    const escalations = host.sentMail.filter((m) => m.subject.startsWith('Просрочено более'));
    expect(addresses(escalations)).toEqual(['coord@chara.ru']);
    // the template's example address is never mailed
    expect(addresses(host.sentMail)).not.toContain('mouo@example.com');
  });

  it('adds to the coordinators of `Настройки`, once per address', () => {
    const host = LocalHost.fromSheets(book('head@chara.ru, COORD@chara.ru'), { now: TODAY, dailyQuota: 100 });
    sendReminders(host.services());
    const escalations = host.sentMail.filter((m) => m.subject.startsWith('Просрочено более'));
    expect(addresses(escalations)).toEqual(['coord@chara.ru', 'head@chara.ru']);
  });

  it('«координатор» and «куратор» receive the weekly summary', () => {
    const host = LocalHost.fromSheets(book(), { now: TODAY, dailyQuota: 100 });
    sendWeeklySummary(host.services());
    expect(addresses(host.sentMail)).toEqual(['coord@chara.ru', 'curator@chara.ru']);
  });
});
