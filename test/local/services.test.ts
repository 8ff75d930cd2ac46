/** Apps Script services of the local host: mail, quota, triggers through the simulated clock, locks, Date in the vm. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { dateInZone } from '../../src/core/dates';
import { LocalHost } from '../../src/local/host';
import { Properties } from '../../src/local/services';
import { tempDir } from '../fixtures/temp-dir';

const dir = tempDir('roadmap500-services-');

/** A tiny bundle standing in for dist/Code.js, so these tests do not depend on the jobs' progress. */
const script = join(dir, 'Code.js');
writeFileSync(
  script,
  `
function now() { return [new Date().toISOString(), Date.now(), new Date(2020, 0, 1).getFullYear(), typeof Date()]; }
function tick(e) {
  var p = PropertiesService.getDocumentProperties();
  p.setProperty('ticks', (p.getProperty('ticks') || '') + Utilities.formatDate(new Date(), 'Asia/Vladivostok', 'yyyy-MM-dd HH:mm') + ';');
  return e.triggerUid;
}
function grab() { return LockService.getDocumentLock().tryLock(1000); }
function grabAndWait() { LockService.getDocumentLock().waitLock(1000); }
function holdAndReturn() { return LockService.getDocumentLock().tryLock(0); }
function sleepy() { Utilities.sleep(5000); return Date.now(); }
function whoami() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]; }
`,
);

describe('MailApp', () => {
  it('writes a UTF-8 .eml with an encoded Cyrillic subject and text + html parts', async () => {
    const outbox = join(dir, 'outbox');
    const host = LocalHost.fromSheets({ Лист: [['x']] }, { outbox, user: 'coordinator@uo.example.ru' });
    host.services().mailApp.sendEmail({
      to: 'ivanova@school5.example.ru',
      subject: 'Напоминание: 2 мероприятия просрочены',
      body: 'Здравствуйте! Просрочено: «Педсовет».',
      htmlBody: '<p>Здравствуйте! Просрочено: <b>«Педсовет»</b>.</p>',
      name: 'Дорожная карта 500+',
    });
    expect(host.sentMail).toHaveLength(1);
    await host.flushMail();
    const files = readdirSync(outbox);
    expect(files).toEqual(['001-ivanova@school5.example.ru.eml']);
    const raw = readFileSync(join(outbox, files[0] ?? ''), 'utf8');
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Напоминание: 2 мероприятия просрочены');
    expect(parsed.text?.trim()).toBe('Здравствуйте! Просрочено: «Педсовет».');
    expect(parsed.html).toContain('<b>«Педсовет»</b>');
    expect(parsed.from?.value[0]).toEqual({
      name: 'Дорожная карта 500+',
      address: 'coordinator@uo.example.ru',
    });
    expect(host.sentMail[0]?.file).toBe(join(outbox, files[0] ?? ''));
  });

  it('refuses an invalid address and keeps a daily quota that resets on the next day in the spreadsheet zone', () => {
    const host = LocalHost.fromSheets(
      { Лист: [['x']] },
      { dailyQuota: 2, now: '2025-03-10', timeZone: 'Asia/Vladivostok' },
    );
    const mail = host.services().mailApp;
    expect(() => mail.sendEmail({ to: 'x', subject: 's', body: 'b' })).toThrow('Invalid email: x');
    const withAttachment = {
      to: 'a@example.ru',
      subject: 's',
      body: 'b',
      attachments: [],
    } as unknown as Parameters<typeof mail.sendEmail>[0];
    expect(() => mail.sendEmail(withAttachment)).toThrow(
      'Локальный хост не поддерживает MailApp.sendEmail({attachments})',
    );
    mail.sendEmail({ to: 'a@example.ru, b@example.ru', subject: 's', body: 'b' });
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(() => mail.sendEmail({ to: 'c@example.ru', subject: 's', body: 'b' })).toThrow(
      'Service invoked too many times for one day: email.',
    );
    host.clock.set('2025-03-11');
    expect(mail.getRemainingDailyQuota()).toBe(2);
  });

  it('sends over SMTP when «Настройки» names a server', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.server.address() as { port: number }).port;
    try {
      const host = LocalHost.fromSheets(
        {
          Настройки: [
            ['Параметр', 'Значение'],
            ['SMTP сервер', `127.0.0.1:${port}`],
          ],
        },
        { outbox: join(dir, 'unused') },
      );
      host
        .services()
        .mailApp.sendEmail({ to: 'petrov@example.ru', subject: 'Сводка за неделю', body: 'Текст' });
      await host.flushMail();
      expect(received).toHaveLength(1);
      expect((await simpleParser(received[0] ?? '')).subject).toBe('Сводка за неделю');
      expect(host.sentMail[0]?.smtpResponse).toMatch(/^250/);
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });
});

describe('ScriptApp triggers and the simulated clock', () => {
  it('fires a daily trigger at its hour in its zone, once a day, through fireDue', () => {
    const host = LocalHost.fromSheets(
      { Лист: [['x']] },
      { now: '2025-03-10', timeZone: 'Asia/Vladivostok', codePath: script },
    );
    const trigger = host
      .services()
      .scriptApp.newTrigger('tick')
      .timeBased()
      .everyDays(1)
      .atHour(8)
      .inTimezone('Asia/Vladivostok')
      .create();
    expect(host.triggers()).toMatchObject([
      { handler: 'tick', kind: 'everyDays', atHour: 8, timeZone: 'Asia/Vladivostok' },
    ]);
    const fired = host.fireDue('2025-03-13');
    expect(fired.map((f) => f.result)).toEqual([
      trigger.getUniqueId(),
      trigger.getUniqueId(),
      trigger.getUniqueId(),
    ]);
    expect(host.services().properties.getProperty('ticks')).toBe(
      '2025-03-11 08:00;2025-03-12 08:00;2025-03-13 08:00;',
    );
    expect(dateInZone(host.clock.now(), 'Asia/Vladivostok')).toBe('2025-03-13');
    host.services().scriptApp.deleteTrigger(trigger);
    expect(host.triggers()).toEqual([]);
  });

  it('fires a weekly trigger only on its weekday', () => {
    const host = LocalHost.fromSheets(
      { Лист: [['x']] },
      { now: '2025-03-10', timeZone: 'Asia/Vladivostok', codePath: script },
    );
    const app = host.services().scriptApp;
    app
      .newTrigger('tick')
      .timeBased()
      .everyWeeks(1)
      .onWeekDay(app.WeekDay.FRIDAY)
      .atHour(17)
      .inTimezone('Asia/Vladivostok')
      .create();
    expect(() =>
      app.newTrigger('tick').timeBased().everyDays(1).onWeekDay(app.WeekDay.MONDAY).create(),
    ).toThrow(/onWeekDay/);
    host.fireDue('2025-03-25');
    expect(host.services().properties.getProperty('ticks')).toBe('2025-03-14 17:00;2025-03-21 17:00;');
  });

  it('lets the bundle see the simulated time through Date, and sleep advance it', () => {
    const host = LocalHost.fromSheets(
      { Лист: [['x']] },
      { now: new Date('2025-01-02T03:04:05Z'), codePath: script },
    );
    expect(host.run('now')).toEqual([
      '2025-01-02T03:04:05.000Z',
      Date.parse('2025-01-02T03:04:05Z'),
      2020,
      'string',
    ]);
    expect(host.run('sleepy')).toBe(Date.parse('2025-01-02T03:04:10Z'));
  });
});

describe('LockService', () => {
  it('is one lock for every run of the host; a run releases what it took when it ends', () => {
    const host = LocalHost.fromSheets({ Лист: [['x']] }, { codePath: script });
    const mine = host.services().lock();
    expect(mine.tryLock(0)).toBe(true);
    expect(host.run('grab')).toBe(false);
    expect(() => host.run('grabAndWait')).toThrow('Lock timeout');
    mine.releaseLock();
    expect(host.run('holdAndReturn')).toBe(true);
    expect(host.services().lock().tryLock(0)).toBe(true);
  });
});

describe('values crossing the vm boundary', () => {
  it('gives the bundle dates it recognises as Date, and the host dates written by the bundle', () => {
    const code = join(dir, 'dates.js');
    writeFileSync(
      code,
      `
function roundTrip() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var read = sheet.getRange(1, 1).getValue();
  sheet.getRange(1, 2).setValue(new Date(2025, 2, 31));
  return [read instanceof Date, new Date() instanceof Date];
}`,
    );
    const due = new Date('2025-03-30T14:00:00Z');
    const host = LocalHost.fromSheets({ Лист: [[due]] }, { codePath: code, now: '2025-04-01' });
    expect(host.run('roundTrip')).toEqual([true, true]);
    expect(host.values('Лист')[0]?.[1]).toBeInstanceOf(Date);
  });
});

describe('smaller services', () => {
  it('takes the mail quota from «Настройки» when no option is given', () => {
    const host = LocalHost.fromSheets({
      Настройки: [
        ['Параметр', 'Значение'],
        ['Суточная квота писем', 3],
      ],
    });
    expect(host.services().mailApp.getRemainingDailyQuota()).toBe(3);
    expect(
      LocalHost.fromSheets({ Лист: [['x']] })
        .services()
        .mailApp.getRemainingDailyQuota(),
    ).toBe(100);
  });

  it('fires a one-off trigger once, after its delay, and keeps it listed until it is deleted (as Apps Script does)', () => {
    const host = LocalHost.fromSheets(
      { Лист: [['x']] },
      { now: '2025-03-10', timeZone: 'Asia/Vladivostok', codePath: script },
    );
    host
      .services()
      .scriptApp.newTrigger('tick')
      .timeBased()
      .after(90 * 60_000)
      .create();
    expect(host.fireDue('2025-03-12').map((f) => f.handler)).toEqual(['tick']);
    expect(host.services().properties.getProperty('ticks')).toBe('2025-03-10 13:30;');
    const listed = host.services().scriptApp.getProjectTriggers();
    expect(listed.map((t) => t.getHandlerFunction())).toEqual(['tick']);
    expect(host.fireDue('2025-03-20')).toEqual([]);
    host.services().scriptApp.deleteTrigger(listed[0]);
    expect(host.triggers()).toEqual([]);
  });

  it('gives each user only their own triggers and runs each trigger as its owner', () => {
    const host = LocalHost.fromSheets(
      { Лист: [['x']] },
      { now: '2025-03-10', user: 'first@edu.example.ru', codePath: script },
    );
    const app = host.services().scriptApp;
    const mine = app.newTrigger('whoami').timeBased().everyDays(1).atHour(8).create();
    host.setUser('second@edu.example.ru');
    expect(host.run('whoami')).toEqual(['second@edu.example.ru', 'second@edu.example.ru']);
    expect(app.getProjectTriggers()).toEqual([]);
    expect(() => app.deleteTrigger(mine)).toThrow('belongs to another user');
    app.newTrigger('whoami').timeBased().everyDays(1).atHour(9).create();
    expect(app.getProjectTriggers().map((t) => t.getUniqueId())).not.toContain(mine.getUniqueId());
    expect(host.triggers().map((t) => t.owner)).toEqual(['first@edu.example.ru', 'second@edu.example.ru']);
    expect(host.fireDue('2025-03-11T12:00:00Z').map((f) => f.result)).toEqual([
      ['first@edu.example.ru', 'first@edu.example.ru'],
      ['second@edu.example.ru', 'second@edu.example.ru'],
    ]);
    expect(host.run('whoami')).toEqual(['second@edu.example.ru', 'second@edu.example.ru']);
    host.setUser('first@edu.example.ru');
    app.deleteTrigger(mine);
    expect(host.triggers().map((t) => t.owner)).toEqual(['second@edu.example.ru']);
  });

  it('expires cache entries by the simulated clock', () => {
    const host = LocalHost.fromSheets({ Лист: [['x']] }, { now: '2025-03-10' });
    host.services().cache.put('ключ', 'значение', 60);
    host.clock.advance(59_000);
    expect(host.services().cache.get('ключ')).toBe('значение');
    host.clock.advance(2_000);
    expect(host.services().cache.get('ключ')).toBeNull();
  });

  it('serves the built sidebar page from dist and formats dates in any zone', () => {
    const host = LocalHost.fromSheets({ Лист: [['x']] });
    expect(host.services().htmlService.createHtmlOutputFromFile('Sidebar').getContent()).toMatch(/<html/i);
    expect(() => host.services().htmlService.createHtmlOutputFromFile('Нет')).toThrow(
      'No HTML file named Нет was found.',
    );
    const instant = new Date('2025-12-31T22:30:00Z');
    expect(host.services().utilities.formatDate(instant, 'Europe/Kaliningrad', 'dd.MM.yyyy HH:mm')).toBe(
      '01.01.2026 00:30',
    );
    expect(
      host.services().utilities.formatDate(instant, 'Asia/Vladivostok', "yyyy-MM-dd'T'HH:mm:ssXXX"),
    ).toBe('2026-01-01T08:30:00+10:00');
  });
});

describe('the script time zone', () => {
  it('is the manifest’s, not the spreadsheet’s: a trigger without inTimezone fires by Moscow time', () => {
    const host = LocalHost.fromSheets(
      { Лист: [['x']] },
      { now: '2025-03-10', timeZone: 'Asia/Vladivostok', codePath: script },
    );
    expect(host.services().session.getScriptTimeZone()).toBe('Europe/Moscow');
    host.services().scriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(8).create();
    host.fireDue('2025-03-12');
    // Created at 12:00 in Vladivostok (05:00 in Moscow); 08:00 in Moscow is 15:00 in Vladivostok.
    expect(host.services().properties.getProperty('ticks')).toBe('2025-03-10 15:00;2025-03-11 15:00;');
  });
});

describe('what each kind of run may do', () => {
  it('refuses mail and triggers in simple triggers, and the UI in time-driven ones, with Apps Script’s messages', () => {
    const code = join(dir, 'contexts.js');
    writeFileSync(
      code,
      `
function onOpen() { SpreadsheetApp.getUi().createMenu('М').addToUi(); return MailApp.getRemainingDailyQuota(); }
function menuJob() { return MailApp.getRemainingDailyQuota(); }
function nightly() { SpreadsheetApp.getUi().alert('ночью никто не увидит'); }`,
    );
    const host = LocalHost.fromSheets({ Лист: [['x']] }, { codePath: code, now: '2025-03-10' });
    expect(() => host.run('onOpen')).toThrow(
      'You do not have permission to call MailApp.getRemainingDailyQuota. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(host.ui.map((e) => e.kind)).toEqual(['menu']);
    expect(host.run('menuJob')).toBe(100);
    host.services().scriptApp.newTrigger('nightly').timeBased().everyDays(1).atHour(3).create();
    expect(host.fireDue('2025-03-12')[0]?.error).toBe(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
  });
});

describe('PropertiesService limits', () => {
  it('refuses a value over 9 KB and a store over 500 KB, as Apps Script does', () => {
    const props = LocalHost.fromSheets({ Лист: [['x']] }).services().properties;
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    for (let i = 0; i < 56; i++) props.setProperty(`queue-${i}`, 'x'.repeat(9000));
    expect(() => props.setProperty('one-more', 'x'.repeat(9000))).toThrow(
      'You have exceeded the property storage quota.',
    );
  });

  it('counts the limits in UTF-8 bytes: Cyrillic takes two, and a refused setProperties stores nothing', () => {
    const props = new Properties(new Map<string, string>());
    // 5,000 letters are 10,000 bytes: over 9 KB although under 9,216 characters.
    expect(() => props.setProperty('big', 'ж'.repeat(5000))).toThrow('Argument too large: value');
    props.setProperty('fits', 'ж'.repeat(4608));
    expect(() => props.setProperties({ small: 'да', big: 'ж'.repeat(5000) })).toThrow(
      'Argument too large: value',
    );
    expect(props.getProperty('small')).toBeNull();
    // With it, 55 values of 9,000 bytes fit in 500 KB (512,000 bytes); one more does not.
    for (let i = 0; i < 55; i++) props.setProperty(`queue-${i}`, 'ж'.repeat(4500));
    expect(() => props.setProperty('one-more', 'ж'.repeat(4500))).toThrow(
      'You have exceeded the property storage quota.',
    );
    expect(props.getProperty('one-more')).toBeNull();
  });
});

describe('saving with mail that cannot be delivered', () => {
  it('leaves the workbook unwritten when the SMTP server refuses', async () => {
    const host = LocalHost.fromSheets({
      Настройки: [
        ['Параметр', 'Значение'],
        ['SMTP сервер', '127.0.0.1:1'],
      ],
    });
    host.services().mailApp.sendEmail({ to: 'petrov@example.ru', subject: 'Сводка', body: 'Текст' });
    const out = join(dir, 'не-записана.xlsx');
    await expect(host.save(out)).rejects.toThrow();
    expect(readdirSync(dir).filter((f) => f.includes('не-записана'))).toEqual([]);
  });
});

describe('the 6-minute limit', () => {
  it('stops a run whose simulated time passes six minutes, counting callCostMs per spreadsheet call', () => {
    const code = join(dir, 'slow.js');
    writeFileSync(
      code,
      `
function perCell() { var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; for (var i = 1; i <= 500; i++) s.getRange(i, 1).getValue(); return Date.now(); }
function sleeper() { for (var i = 0; i < 8; i++) Utilities.sleep(60000); }`,
    );
    const host = LocalHost.fromSheets(
      { Лист: [['x']] },
      { codePath: code, now: new Date('2025-03-10T09:00:00Z'), callCostMs: 500 },
    );
    expect(() => host.run('perCell')).toThrow('Exceeded maximum execution time');
    const quick = LocalHost.fromSheets(
      { Лист: [['x']] },
      { codePath: code, now: new Date('2025-03-10T09:00:00Z') },
    );
    expect(quick.run('perCell')).toBe(Date.parse('2025-03-10T09:00:00Z'));
    expect(() => quick.run('sleeper')).toThrow('Exceeded maximum execution time');
  });
});
