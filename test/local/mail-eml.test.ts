import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { LocalHost } from '../../src/local/host';
import { SHEETS } from '../../src/core/messages';
import { COORDINATOR, mailWorkbook, settingsSheet } from '../sheets/mail-workbook';

it('come from a coordinator set by role on «Ответственные» when «Настройки» names none', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'roadmap500-outbox-role-'));
  try {
    const book = mailWorkbook(
      undefined,
      undefined,
      settingsSheet().filter((r) => r[0] !== 'Координаторы'),
    );
    book[SHEETS.responsible]?.push(['МОУО', 'Управление образования района', 'mouo@rayon.ru', 'координатор']);
    const host = LocalHost.fromSheets(book, { now: '2021-04-21', outbox });
    host.run('sendReminders');
    await host.flushMail();
    const first = readdirSync(outbox).find((f) => f.endsWith('.eml')) ?? '';
    const mail = await simpleParser(readFileSync(join(outbox, first)));
    expect(mail.from?.value.map((a) => a.address)).toEqual(['mouo@rayon.ru']);
  } finally {
    rmSync(outbox, { recursive: true, force: true });
  }
});

describe('reminders as .eml files in the outbox', () => {
  const outbox = mkdtempSync(join(tmpdir(), 'roadmap500-outbox-'));
  afterAll(() => rmSync(outbox, { recursive: true, force: true }));

  it('writes every message of a run as a parseable .eml with its recipient, a Cyrillic subject, HTML and text', async () => {
    const host = LocalHost.fromSheets(mailWorkbook(), { now: '2021-04-21', outbox });
    host.run('sendReminders');
    await host.flushMail();
    const files = readdirSync(outbox)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    expect(files).toHaveLength(host.sentMail.length);
    expect(files.length).toBe(4);
    for (const sent of host.sentMail) {
      const raw = readFileSync(sent.file!);
      // Headers are 7-bit: the Cyrillic subject travels encoded (RFC 2047), not as raw UTF-8.
      const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0];
      expect(head).toMatch(/^Subject: =\?UTF-8\?/im);
      const mail = await simpleParser(raw);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual(
        sent.to.split(','),
      );
      expect(mail.subject).toBe(sent.subject);
      // From the coordinator of «Настройки» (no --user, no «SMTP отправитель»): a reply reaches a person.
      expect(mail.from?.value.map((a) => a.address)).toEqual([COORDINATOR]);
      expect(mail.subject).toMatch(/ — Дорожная карта «Таблица»$/);
      expect(mail.text?.trim()).toBe(sent.text.trim());
      expect(mail.html).toContain('<table');
      expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    }
    const mmc = await simpleParser(
      readFileSync(host.sentMail.find((m) => m.to === 'mmc@edu.example.ru')!.file!),
    );
    expect(mmc.text).toContain('Отбор ШНОР и ШНСУ для адресного сопровождения');
    expect(mmc.html).toContain('Отбор ШНОР и ШНСУ для адресного сопровождения');
  });

  it('name a workbook «Дорожная карта ШНОР 2024.xlsx» once: «Дорожная карта «ШНОР 2024»», not the words twice', async () => {
    const file = join(outbox, 'Дорожная карта ШНОР 2024.xlsx');
    await LocalHost.fromSheets(mailWorkbook()).save(file);
    const host = await LocalHost.open(file, { now: '2021-04-21', outbox: join(outbox, 'шнор') });
    host.run('sendReminders');
    expect(host.sentMail.length).toBeGreaterThan(0);
    for (const sent of host.sentMail) {
      expect(sent.subject).toMatch(/ — Дорожная карта «ШНОР 2024»$/);
      expect(sent.text).toMatch(/(По дорожной карте|мероприятия дорожной карты) «ШНОР 2024» на 21\.04\.2021/);
    }
  });
});
