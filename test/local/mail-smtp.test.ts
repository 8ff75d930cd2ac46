/** Reminders over a real SMTP server, sent by the command as a user runs it (the server in this process). */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { LocalHost } from '../../src/local/host';
import { mailWorkbook, settingsSheet } from '../sheets/mail-workbook';

const bin = join(__dirname, '../../bin/roadmap500.js');

describe('reminders over SMTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap500-smtp-ok-'));
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
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers each digest through nodemailer to the server named in «Настройки»', async () => {
    const settings = settingsSheet([
      ['SMTP сервер', `127.0.0.1:${port}`],
      ['SMTP отправитель', 'roadmap@edu.example.ru'],
    ]);
    const sheets = mailWorkbook(undefined, undefined, settings);
    const book = join(dir, 'карта.xlsx');
    await LocalHost.fromSheets(sheets, { now: '2021-04-21' }).save(book);
    const reference = LocalHost.fromSheets(mailWorkbook(), { now: '2021-04-21' });
    reference.run('sendReminders');
    // sendEmail blocks the script's thread until the server answers (as MailApp does): the command runs apart.
    const child = spawn(process.execPath, [bin, 'sendReminders', book, '--today', '2021-04-21'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(status).toBe(0);
    expect(received.flatMap((r) => r.envelopeTo).sort()).toEqual(reference.sentMail.map((m) => m.to).sort());
    expect(stdout).toContain(`SMTP: принято сервером ${received.length}, отклонено 0, не отправлено 0.`);
    const mmc = received.find((r) => r.envelopeTo.includes('mmc@edu.example.ru'))!.mail;
    expect(mmc.subject).toBe(
      reference.sentMail.find((m) => m.to === 'mmc@edu.example.ru')!.subject.replace('«Таблица»', '«карта»'),
    );
    expect(mmc.from?.value[0]?.address).toBe('roadmap@edu.example.ru');
    expect(mmc.text).toContain('1.1. Отбор ШНОР');
  });
});
