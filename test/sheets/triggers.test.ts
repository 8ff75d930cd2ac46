import { SHEETS } from '../../src/core/messages';
import { LocalHost } from '../../src/local/host';
import { installTriggers, removeTriggers } from '../../src/sheets/triggers';
import { mailWorkbook, settingsSheet } from './mail-workbook';

const workbook = (): Record<string, unknown[][]> =>
  mailWorkbook(
    undefined,
    undefined,
    settingsSheet([
      ['Час рассылки', 7],
      ['День недельной сводки', 'пятница'],
    ]),
  );

describe('installTriggers / removeTriggers', () => {
  it('installing twice leaves one daily and one weekly trigger, at the hour and weekday of «Настройки», in the sheet\u2019s zone', () => {
    const host = LocalHost.fromSheets(workbook(), { now: '2021-04-21', timeZone: 'Asia/Vladivostok' });
    installTriggers(host.services());
    const result = installTriggers(host.services());
    const triggers = host.triggers();
    expect(triggers.map((t) => t.handler).sort()).toEqual(['dailyRefresh', 'weeklySummary']);
    const daily = triggers.find((t) => t.handler === 'dailyRefresh')!;
    const weekly = triggers.find((t) => t.handler === 'weeklySummary')!;
    expect(daily).toMatchObject({ kind: 'everyDays', every: 1, atHour: 7, timeZone: 'Asia/Vladivostok' });
    expect(weekly).toMatchObject({
      kind: 'everyWeeks',
      every: 1,
      atHour: 7,
      timeZone: 'Asia/Vladivostok',
      weekDay: 5,
    });
    expect(result.message).toContain('ежедневно в 7:00');
  });

  it('reads «пт» and «08:00», and says which cell it could not use instead of silently taking the default', () => {
    const typed = LocalHost.fromSheets(
      mailWorkbook(
        undefined,
        undefined,
        settingsSheet([
          ['Час рассылки', '08:00'],
          ['День недельной сводки', 'пт'],
        ]),
      ),
      { now: '2021-04-21' },
    );
    expect(installTriggers(typed.services()).message).toContain(
      'ежедневно в 8:00, недельная сводка — пятница',
    );
    const host = LocalHost.fromSheets(
      mailWorkbook(
        undefined,
        undefined,
        settingsSheet([
          ['Час рассылки', 25],
          ['День недельной сводки', 'в конце недели'],
        ]),
      ),
      { now: '2021-04-21' },
    );
    const { message } = installTriggers(host.services());
    // settingsSheet puts the extra rows at 8 and 9.
    expect(message).toContain('ежедневно в 8:00, недельная сводка — понедельник');
    expect(message).toContain('«Настройки» B8: значение «25» параметра «Час рассылки» нельзя использовать');
    expect(message).toContain('«Настройки» B9: значение «в конце недели» параметра «День недельной сводки»');
    expect(message).toContain('Напишите час от 0 до 23');
  });

  it('removes only its own triggers', () => {
    const host = LocalHost.fromSheets(workbook(), { now: '2021-04-21' });
    const svc = host.services();
    svc.scriptApp.newTrigger('myOwnBackup').timeBased().everyDays(1).atHour(3).create();
    installTriggers(svc);
    const result = removeTriggers(svc);
    expect(host.triggers().map((t) => t.handler)).toEqual(['myOwnBackup']);
    expect(result.message).toContain('удалено триггеров: 2');
    expect(removeTriggers(svc).message).toBe('Автоматический режим и так был выключен.');
  });

  it('tells a second coordinator that the first one\u2019s triggers keep running (Apps Script shows each user only their own)', () => {
    // Apps Script's getProjectTriggers lists only the current user's triggers (the host too), so without a
    // record another coordinator could neither see nor remove them.
    const host = LocalHost.fromSheets(workbook(), { now: '2021-04-21', user: 'first@edu.example.ru' });
    installTriggers(host.services());
    host.setUser('second@edu.example.ru');
    expect(installTriggers(host.services()).message).toContain(
      'Автоматический режим включал также first@edu.example.ru',
    );
    expect(host.triggers().map((t) => t.owner)).toEqual([
      'first@edu.example.ru',
      'first@edu.example.ru',
      'second@edu.example.ru',
      'second@edu.example.ru',
    ]);
    host.setUser('first@edu.example.ru');
    const off = removeTriggers(host.services()).message;
    expect(off).toContain('second@edu.example.ru');
    expect(off).toContain('выключить его может только');
    expect(host.triggers().map((t) => t.owner)).toEqual(['second@edu.example.ru', 'second@edu.example.ru']);
    host.setUser('second@edu.example.ru');
    expect(removeTriggers(host.services()).message).not.toContain('выключить его может только');
    expect(host.triggers()).toEqual([]);
  });

  it('the installed handlers run from the bundle on the simulated clock: the summary goes out on Friday at 7', () => {
    const host = LocalHost.fromSheets(workbook(), { now: '2021-04-21' });
    host.run('installTriggers');
    const fired = host.fireDue('2021-04-24');
    const weekly = fired.filter((f) => f.handler === 'weeklySummary');
    expect(weekly).toHaveLength(1);
    expect(weekly[0].error).toBeUndefined();
    expect(weekly[0].at.toISOString()).toBe('2021-04-23T04:00:00.000Z'); // 07:00 in Moscow
    expect(
      fired.filter((f) => f.handler === 'dailyRefresh').map((f) => f.at.toISOString().slice(0, 10)),
    ).toEqual(['2021-04-22', '2021-04-23', '2021-04-24']);
    // The daily refresh sends the reminders: ММЦ's list does not change on 23 and 24 April, so its
    // digest waits for the repeat day («Повторять напоминание, дней», 7) instead of going daily.
    const mmc = host.sentMail.filter((m) => m.to === 'mmc@edu.example.ru');
    expect(mmc.map((m) => m.date.toISOString().slice(0, 10))).toEqual(['2021-04-22']);
    const summaries = host.sentMail.filter((m) => m.subject.includes('недельная сводка'));
    expect(summaries.map((m) => m.subject)).toEqual([
      'Дорожная карта «Таблица»: недельная сводка на 23.04.2021',
    ]);
    const log = host
      .values(SHEETS.journal)
      .slice(1)
      .map((r) => r[1]);
    expect(log).toContain('installTriggers');
    expect(log).toContain('sendWeeklySummary');
  });
});
