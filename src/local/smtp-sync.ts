/**
 * SMTP as Apps Script's MailApp.sendEmail behaves: synchronous, one message at a time, its outcome known
 * before the script goes on. nodemailer runs in a worker thread; the script's thread waits on Atomics.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { SendMailOptions } from 'nodemailer';

/** What the server said about one message. */
export type SmtpOutcome =
  /** `refused`: recipients of this message the server turned away («адрес: ответ») while it took the others. */
  | { ok: true; response: string; refused: string[] }
  /** `permanent`: a 5xx answer about this message or recipient (others may still go); else the server is unusable for now. */
  | { ok: false; permanent: boolean; code: string; response: string };

/** A message gets this long (connect, greeting, data) before the run counts the server as unreachable. */
const SEND_TIMEOUT_MS = 120_000;

const WORKER = `
const { workerData } = require('node:worker_threads');
const nodemailer = require(workerData.nodemailer);
const transport = nodemailer.createTransport(workerData.url);
const { port, signal } = workerData;
port.on('message', async (options) => {
  let reply;
  try {
    const info = await transport.sendMail(options);
    const refused = (info.rejectedErrors || []).map((e) => String(e.recipient || '') + ': ' + String(e.response || e.message));
    reply = { ok: true, response: String(info.response || ''), refused };
  } catch (e) {
    const rejected = (e && e.rejectedErrors) || [];
    const responseCode = (rejected[0] && rejected[0].responseCode) || (e && e.responseCode) || 0;
    reply = {
      ok: false,
      code: String((e && e.code) || ''),
      responseCode,
      response: String((rejected[0] && rejected[0].response) || (e && e.response) || (e && e.message) || e),
    };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

export class SyncSmtp {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));

  constructor(url: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { url, port: port2, signal: this.signal, nodemailer: require.resolve('nodemailer') },
      transferList: [port2],
    });
    // The worker never keeps the process alive: the command ends when its job ends.
    this.worker.unref();
    this.port.unref();
  }

  send(options: SendMailOptions): SmtpOutcome {
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage(options);
    const waited = Atomics.wait(this.signal, 0, 0, SEND_TIMEOUT_MS);
    const reply = receiveMessageOnPort(this.port)?.message as
      | { ok: true; response: string; refused: string[] }
      | { ok: false; code: string; responseCode: number; response: string }
      | undefined;
    if (!reply || waited === 'timed-out')
      return { ok: false, permanent: false, code: 'ETIMEDOUT', response: 'сервер не ответил' };
    if (reply.ok) return reply;
    // A 5xx about the message or its recipient is final for it; a wrong password (EAUTH) or a 4xx or a lost
    // connection is the server's state, the same for every message after it.
    const permanent = reply.code !== 'EAUTH' && reply.responseCode >= 500;
    return { ok: false, permanent, code: reply.code, response: reply.response };
  }

  close(): void {
    void this.worker.terminate();
  }
}
