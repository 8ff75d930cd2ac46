import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { LocalHost } from '../../src/local/host';
import { mailWorkbook, settingsSheet } from '../sheets/mail-workbook';

describe('reminders over SMTP', () => {
  const received: { envelopeTo: string[]; mail: ParsedMail }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
      simpleParser(stream).then((mail) => {
        received.push({ envelopeTo, mail });
        callback();
      }, callback);
    },
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers each digest through nodemailer to the server named in «Настройки»', async () => {
    const settings = settingsSheet([
      ['SMTP сервер', `127.0.0.1:${port}`],
      ['SMTP отправитель', 'roadmap@edu.example.ru'],
    ]);
    const host = LocalHost.fromSheets(mailWorkbook(undefined, undefined, settings), { now: '2021-04-21' });
    host.run('sendReminders');
    await host.flushMail();
    expect(received).toHaveLength(host.sentMail.length);
    expect(received.flatMap((r) => r.envelopeTo).sort()).toEqual(host.sentMail.map((m) => m.to).sort());
    const mmc = received.find((r) => r.envelopeTo.includes('mmc@edu.example.ru'))!.mail;
    expect(mmc.subject).toBe(host.sentMail.find((m) => m.to === 'mmc@edu.example.ru')!.subject);
    expect(mmc.from?.value[0]?.address).toBe('roadmap@edu.example.ru');
    expect(mmc.text).toContain('1.1. Отбор ШНОР');
    expect(mmc.html).toContain('range=A2');
    expect(host.sentMail.every((m) => m.smtpResponse?.startsWith('250'))).toBe(true);
  });
});
