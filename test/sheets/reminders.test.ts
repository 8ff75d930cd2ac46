import { SHEETS } from '../../src/core/messages';
import { LocalHost } from '../../src/local/host';
import { previewReminders, sendReminders } from '../../src/sheets/reminders';
import {
  ADDRESSES,
  COORDINATOR,
  mailWorkbook,
  manyParties,
  manyPartiesRows,
  settingsSheet,
} from './mail-workbook';

const TODAY = '2021-04-21';

/** Journal rows of one job: [time, job, event, who, details, status, key]. */
function journal(host: LocalHost, job = 'sendReminders'): string[][] {
  return host
    .values(SHEETS.journal)
    .slice(1)
    .filter((r) => r[1] === job)
    .map((r) => r.map((c) => String(c ?? '')));
}

describe('sendReminders', () => {
  it('sends one digest per address, «ММЦ» reaching the address of ММЦ, and escalates to the coordinator', () => {
    const host = LocalHost.fromSheets(mailWorkbook(), { now: TODAY });
    const result = sendReminders(host.services());
    expect(result.exitCode).toBe(0);
    const to = host.sentMail.map((m) => m.to).sort();
    expect(to).toEqual([COORDINATOR, 'do@edu.example.ru', 'mmc@edu.example.ru', 'uo@edu.example.ru']);
    const mmc = host.sentMail.find((m) => m.to === 'mmc@edu.example.ru')!;
    expect(mmc.text).toContain('1.1. Отбор ШНОР');
    expect(mmc.text).toContain('1.2. Разработка Программы');
    expect(mmc.text).toContain('3.5. Разработка методических');
    expect(mmc.text).not.toContain('4.7.');
    expect(mmc.html).toContain('range=A2');
    const esc = host.sentMail.find((m) => m.to === COORDINATOR)!;
    expect(esc.text).toContain('1.1. Отбор ШНОР');
    expect(esc.text).not.toContain('3.5.');
    const rows = journal(host);
    expect(rows.filter((r) => r[5] === 'отправлено')).toHaveLength(4);
    expect(rows.find((r) => r[3] === 'mmc@edu.example.ru')![6]).toMatch(/^[0-9a-f]{14}$/);
    // «ОО» in row 4.7 has no address, but 4.7 is not due yet: nothing to warn about.
    expect(result.message).toContain('Отправлено писем: 4.');
  });

  it('sends nothing new on a second run the same day', () => {
    const host = LocalHost.fromSheets(mailWorkbook(), { now: TODAY });
    sendReminders(host.services());
    const first = host.sentMail.length;
    host.clock.advance(3 * 3_600_000);
    const again = sendReminders(host.services());
    expect(host.sentMail).toHaveLength(first);
    expect(again.message).toContain('Уже отправлены сегодня и не повторяются: 4');
    expect(journal(host).at(-1)![2]).toBe('Запуск без новых писем');
  });

  it('refuses to run while another job holds the lock, sending nothing', () => {
    const host = LocalHost.fromSheets(mailWorkbook(), { now: TODAY });
    const svc = host.services();
    const other = svc.lock();
    expect(other.tryLock(1000)).toBe(true);
    const result = sendReminders(host.services());
    other.releaseLock();
    expect(result.message).toContain('Другая задача');
    expect(host.sentMail).toHaveLength(0);
  });

  it('refuses a bad address when reading «Ответственные» (not at sending) and still sends the rest', () => {
    const addresses = ADDRESSES.map(([c, n, e]): [string, string, string] =>
      c === 'УО' ? [c, n, 'uo at edu'] : [c, n, e],
    );
    const host = LocalHost.fromSheets(mailWorkbook(undefined, addresses), { now: TODAY });
    const result = sendReminders(host.services());
    expect(host.sentMail).toHaveLength(3);
    expect(result.message).toContain('Нет адреса у ответственных: УО');
  });

  it('names responsible parties that have due work but no address', () => {
    const rows: [string, string, string, string][] = [
      ['2.1', 'Создание рабочей группы по разработке Программы поддержки', '15.04.2021', 'ОО'],
    ];
    const host = LocalHost.fromSheets(mailWorkbook(rows), { now: TODAY });
    const result = sendReminders(host.services());
    expect(result.message).toContain('Нет адреса у ответственных: ОО');
  });
});

describe('previewReminders', () => {
  it('writes exactly what would be sent into «Сводка» and sends nothing', () => {
    const host = LocalHost.fromSheets(mailWorkbook(), { now: TODAY });
    const result = previewReminders(host.services());
    expect(host.sentMail).toHaveLength(0);
    expect(result.message).toContain('Будет отправлено писем: 4');
    const summary = host.values(SHEETS.summary);
    const header = summary[1].map(String);
    const at = header.indexOf('Кому');
    expect(header.slice(at, at + 4)).toEqual(['Кому', 'Вид', 'Тема', 'Текст письма']);
    const mmcRow = summary.find((r) => r[at] === 'mmc@edu.example.ru')!;
    const dialog = host.ui.find((e) => e.kind === 'dialog')!;
    expect(dialog.title).toBe('Предпросмотр напоминаний');
    expect(dialog.html).toContain('Кому: mmc@edu.example.ru');
    // What the preview shows is what sendReminders then sends.
    sendReminders(host.services());
    const sent = host.sentMail.find((m) => m.to === 'mmc@edu.example.ru')!;
    expect(mmcRow[at + 2]).toBe(sent.subject);
    expect(mmcRow[at + 3]).toBe(sent.text);
  });

  it('after sending, shows that everything has gone today', () => {
    const host = LocalHost.fromSheets(mailWorkbook(), { now: TODAY });
    sendReminders(host.services());
    expect(previewReminders(host.services()).message).toBe(
      'Новых писем нет: все напоминания сегодня уже отправлены.',
    );
  });
});

describe('sendReminders at scale', () => {
  function run(activities: number, parties: number): { digests: number; reads: number } {
    const host = LocalHost.fromSheets(manyParties(activities, parties), { now: TODAY, dailyQuota: 1000 });
    host.calls.reset();
    sendReminders(host.services());
    const byMethod = host.calls.byMethod();
    return {
      digests: host.sentMail.length,
      reads: (byMethod['getValues'] ?? 0) + (byMethod['getDisplayValues'] ?? 0),
    };
  }

  it('1,000 activities with 200 responsible parties: one digest per party, as many sheet reads as for 10', () => {
    const big = run(1000, 200);
    const small = run(10, 10);
    expect(big.digests).toBe(200);
    expect(small.digests).toBe(10);
    expect(big.reads).toBe(small.reads);
    expect(big.reads).toBeLessThanOrEqual(6);
  });
});

describe('sendReminders within the daily quota', () => {
  it('with quota 5 (from «Настройки») and 12 recipients sends 5, queues 7, and the next day sends those 7 (the 5 unchanged wait for their repeat day)', () => {
    const rows = manyPartiesRows(12);
    const host = LocalHost.fromSheets(
      mailWorkbook(rows.activities, rows.addresses, settingsSheet([['Суточная квота писем', 5]])),
      { now: TODAY },
    );
    sendReminders(host.services());
    expect(host.sentMail).toHaveLength(5);
    const queued = journal(host)
      .filter((r) => r[5] === 'в очереди')
      .map((r) => r[3]);
    expect(queued).toHaveLength(7);
    expect(new Set([...queued, ...host.sentMail.map((m) => m.to)]).size).toBe(12);

    host.spreadsheet.getSheetByName(SHEETS.settings)!.getRange('B8').setValue(100);
    host.clock.set('2021-04-22');
    const day2 = sendReminders(host.services());
    expect(host.sentMail.slice(5, 12).map((m) => m.to)).toEqual(queued);
    expect(host.sentMail).toHaveLength(12);
    expect(day2.message).toBe('Отправлено писем: 7. Без изменений — уйдут в свой день повтора: 5.');
  });

  it('with a quota that stays at 5, what did not fit keeps its place ahead of newer mail day after day', () => {
    const host = LocalHost.fromSheets(manyParties(12, 12), { now: TODAY, dailyQuota: 5 });
    const day1 = sendReminders(host.services());
    expect(host.sentMail).toHaveLength(5);
    expect(day1.message).toContain('В очереди до следующего запуска: 7');
    const queued = journal(host)
      .filter((r) => r[5] === 'в очереди')
      .map((r) => r[3]);
    expect(queued).toHaveLength(7);

    host.clock.set('2021-04-22');
    sendReminders(host.services());
    const day2 = host.sentMail.slice(5).map((m) => m.to);
    expect(day2).toEqual(queued.slice(0, 5));
    const stillQueued = journal(host)
      .filter((r) => r[5] === 'в очереди')
      .slice(7)
      .map((r) => r[3]);
    // The two that did not fit again stay ahead of the five that were sent on the 21st.
    expect(stillQueued.slice(0, 2)).toEqual(queued.slice(5));

    host.clock.set('2021-04-23');
    sendReminders(host.services());
    expect(host.sentMail.slice(10, 12).map((m) => m.to)).toEqual(queued.slice(5));
    expect(
      journal(host).filter((r) => r[2].includes('из очереди от 21.04.2021') && r[5] === 'отправлено'),
    ).toHaveLength(7);
  });
});

describe('previewReminders when nobody it should remind has an address', () => {
  it('says there is no one to remind, not that nothing is due, while activities are due soon', () => {
    const host = LocalHost.fromSheets(
      mailWorkbook([['1', 'Семинар', '25.04.2021', 'Иванова Ирина Ивановна']], ADDRESSES),
      { now: TODAY },
    );
    const { message } = previewReminders(host.services());
    expect(message).toContain('Писем не будет: о просроченных и скорых мероприятиях некому напомнить.');
    expect(message).toContain('Нет адреса у ответственных: Иванова Ирина Ивановна —');
    expect(message).not.toContain('Напоминать не о чем');
  });
});
