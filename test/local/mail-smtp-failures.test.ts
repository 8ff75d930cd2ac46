/**
 * Mail that cannot go twice, against a real SMTP server and the real command: a refused address is
 * logged and the others still go; a dropped connection or a killed run is finished by the next run, which
 * sends only what the server had not accepted.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { LocalHost } from '../../src/local/host';
import { killAll, startCli, type Started } from '../fixtures/cli-process';
import { savedRows } from '../fixtures/report-workbook';
import { mailWorkbook, settingsSheet } from '../sheets/mail-workbook';

const dir = mkdtempSync(join(tmpdir(), 'roadmap500-smtp-'));
const REFUSED = 'do@edu.example.ru';
const TODAY = '2021-04-21';
const servers = new Set<SMTPServer>();
afterAll(async () => {
  killAll();
  await Promise.all([...servers].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  rmSync(dir, { recursive: true, force: true });
});

const start = (...args: string[]): Started => startCli(dir, ...args);

type Behaviour = Pick<SMTPServerOptions, 'onConnect'> & {
  /** Called before a message is accepted; return false to drop every connection instead. */
  accept?: (accepted: number) => boolean;
};

/** An SMTP server on `port` (0: a free one) that refuses REFUSED with 550 and records what it accepted. */
async function smtpServer(
  received: string[],
  port: number,
  behaviour: Behaviour = {},
): Promise<{ server: SMTPServer; port: number }> {
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    ...(behaviour.onConnect ? { onConnect: behaviour.onConnect } : {}),
    onRcptTo(address, _session, callback) {
      if (address.address !== REFUSED) return callback();
      const e = new Error('5.1.1 Mailbox unavailable') as Error & { responseCode: number };
      e.responseCode = 550;
      callback(e);
    },
    onData(stream, session, callback) {
      if (behaviour.accept && !behaviour.accept(received.length)) {
        const connections = (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> })
          .connections;
        for (const c of connections) c._socket.destroy();
        return;
      }
      stream.resume();
      stream.on('end', () => {
        received.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  servers.add(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port };
}

const stop = (server: SMTPServer): Promise<void> =>
  new Promise((resolve) => {
    servers.delete(server);
    server.close(() => resolve());
  });

/** The recipients of one run of sendReminders on this workbook, as the outbox would have them. */
function expectedRecipients(): string[] {
  const host = LocalHost.fromSheets(mailWorkbook(), { now: TODAY });
  host.run('sendReminders');
  return host.sentMail.map((m) => m.to).sort();
}

async function smtpBook(name: string, port: number): Promise<string> {
  const file = join(dir, name);
  const sheets = mailWorkbook(undefined, undefined, settingsSheet([['SMTP сервер', `127.0.0.1:${port}`]]));
  await LocalHost.fromSheets(sheets, { now: TODAY }).save(file);
  return file;
}

const count = (list: string[]): Record<string, number> =>
  list.reduce<Record<string, number>>((m, a) => ({ ...m, [a]: (m[a] ?? 0) + 1 }), {});

it('a refused address is logged, a dropped connection stops the run, the next run sends only the rest', async () => {
  const expected = expectedRecipients();
  expect(expected).toContain(REFUSED);
  expect(expected.length).toBeGreaterThan(3);
  const received: string[] = [];
  const first = await smtpServer(received, 0, { accept: (n) => n < 2 });
  const book = await smtpBook('отказ.xlsx', first.port);

  const run1 = await start('sendReminders', book, '--today', TODAY).done;
  expect(run1.status).toBe(0);
  expect(received).toHaveLength(2);
  expect(run1.stdout).toContain('SMTP: принято сервером 2');
  expect(run1.stdout).toMatch(/не отправлено [1-9]/);
  // The quota was not the reason: the server was.
  expect(run1.stdout).not.toContain('квота');
  expect(run1.stdout).toMatch(
    /В очереди до следующего запуска: \d+ \(SMTP-сервер перестал принимать письма\)/,
  );
  expect(run1.stdout).toContain(`выполните снова: roadmap500 sendReminders "${book}"`);

  // The server comes back on the same port.
  await stop(first.server);
  const second = await smtpServer(received, first.port);
  const run2 = await start('sendReminders', book, '--today', TODAY).done;
  expect(run2.status).toBe(0);
  await stop(second.server);

  const others = expected.filter((a) => a !== REFUSED);
  expect(count(received)).toEqual(count(others));
  const journal = await savedRows(book, 'Журнал');
  const refusal = journal.filter((r) => r.some((c) => String(c).includes(REFUSED)));
  expect(refusal.some((r) => r.some((c) => /550/.test(String(c))))).toBe(true);
  // The refused address is not retried the same day: a third run sends nothing at all.
  const run3 = await start('sendReminders', book, '--today', TODAY).done;
  expect(run3.stdout).not.toContain('SMTP: принято');
  expect(count(received)).toEqual(count(others));
});

it('a run killed after the server accepted a message does not send it again', async () => {
  const expected = expectedRecipients().filter((a) => a !== REFUSED);
  const received: string[] = [];
  const victim: { child?: ChildProcess } = {};
  const first = await smtpServer(received, 0, {
    onConnect(_session, callback) {
      // The connection after the first accepted message (each message has its own): its record is written; the process dies now.
      if (received.length === 1) victim.child?.kill('SIGKILL');
      callback();
    },
  });
  const book = await smtpBook('оборван.xlsx', first.port);
  const run1 = start('sendReminders', book, '--today', TODAY);
  victim.child = run1.child;
  expect((await run1.done).status).toBe(null);
  expect(received).toHaveLength(1);

  const run2 = await start('sendReminders', book, '--today', TODAY).done;
  expect(run2.status).toBe(0);
  expect(run2.stdout).toContain('принято при прошлом, прерванном запуске (и не отправлено снова) 1');
  await stop(first.server);
  expect(count(received)).toEqual(count(expected));
});
