/**
 * `roadmap500 reportLinks <книга.xlsx> [--base-url URL] [--out FILE]` prints every school's report link,
 * `roadmap500 revokeReportLinks <книга.xlsx> --school КОД` revokes a school's links, and
 * `roadmap500 serve <книга.xlsx> [--port N] [--host H] [--today D]` serves the web form for those links.
 * The signing secret and key versions live in the workbook (its document properties), so the first two
 * save the workbook as every job does: under its lock, atomically, the previous version kept as .bak.xlsx.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SHEETS } from '../core/messages';
import { forCommandLine, isoDay, jobResult, lockWait } from './cli';
import { LocalHost } from './host';
import { linkBasesFor, listensEverywhere, unreachableForSchools } from './link-address';
import { refuseMissingFolder, WorkbookError } from './workbook-file';
import { withWorkbookLock } from './workbook-lock';

/** The commands of this module (src/local/cli.ts hands them over). */
export const LINK_COMMANDS = ['reportLinks', 'revokeReportLinks', 'serve'] as const;
export type LinkCommand = (typeof LINK_COMMANDS)[number];

const DEFAULT_PORT = 8500;

function oneWorkbook(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new WorkbookError(`Укажите одну книгу .xlsx: ${usage}`);
  return resolve(positionals[0] ?? '');
}

/** `--base-url`: the web app's address as the schools will open it. */
function baseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    url = new URL('invalid:');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
    throw new WorkbookError(
      `--base-url: нужен адрес веб-приложения вида https://script.google.com/macros/s/…/exec, а указано «${value}».`,
    );
  return url.href;
}

function port(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new WorkbookError(
      `--port: нужен номер порта от 1 до 65535 (0 — любой свободный), а указано «${value}».`,
    );
  return n;
}

async function reportLinks(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { 'base-url': { type: 'string' }, out: { type: 'string' }, wait: { type: 'string' } },
  });
  const input = oneWorkbook(positionals, 'roadmap500 reportLinks <книга.xlsx> [--base-url URL]');
  // Without --base-url: the address the links were made with before (kept in the workbook), else this computer's.
  const given = values['base-url'] === undefined ? {} : { webAppUrl: baseUrl(values['base-url']) };
  const out = resolve(values.out ?? input);
  refuseMissingFolder(out, 'результата');
  // The links' secret is written into the workbook: one writer at a time, saved atomically with a .bak.
  const waiting = lockWait(values.wait);
  return withWorkbookLock(
    out,
    'roadmap500 reportLinks',
    async () => {
      const host = await LocalHost.open(input, given);
      const { message } = jobResult(host.run('reportLinks'));
      const base = host.services().scriptApp.getService().getUrl() ?? '';
      const rows = host.values(SHEETS.reportLinks).slice(1);
      await host.save(out);
      for (const row of rows) process.stdout.write(`${row.map((c) => String(c ?? '')).join('\t')}\n`);
      process.stderr.write(`${message}\n`);
      if (unreachableForSchools(base))
        process.stderr.write(
          `Внимание: ссылки ведут на этот компьютер (${base}) и откроются только на нём, пока работает roadmap500 serve. Чтобы школы открыли их у себя, создайте ссылки заново с --base-url — адресом, по которому школы достанут этот компьютер или веб-приложение Google.\n`,
        );
      return 0;
    },
    waiting,
  );
}

async function revokeReportLinks(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { school: { type: 'string' }, out: { type: 'string' }, wait: { type: 'string' } },
  });
  const usage = 'roadmap500 revokeReportLinks <книга.xlsx> --school <код школы>';
  const input = oneWorkbook(positionals, usage);
  if (!values.school) throw new WorkbookError(`Не указан параметр --school: ${usage}`);
  const school = values.school;
  const out = resolve(values.out ?? input);
  refuseMissingFolder(out, 'результата');
  const waiting = lockWait(values.wait);
  return withWorkbookLock(
    out,
    'roadmap500 revokeReportLinks',
    async () => {
      const host = await LocalHost.open(input);
      const { exitCode, message } = jobResult(host.run('revokeReportLinks', school));
      // An unknown code is a mistake in the command: nothing is written.
      if (exitCode !== 0) throw new WorkbookError(message);
      await host.save(out);
      process.stdout.write(`${forCommandLine(message, values.out ?? input)}\n`);
      return 0;
    },
    waiting,
  );
}

async function serve(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { port: { type: 'string' }, host: { type: 'string' }, today: { type: 'string' } },
  });
  const workbook = oneWorkbook(positionals, 'roadmap500 serve <книга.xlsx> [--port N] [--host H]');
  const today = isoDay(values.today, '--today');
  const { startWebFormServer } = await import('./serve-sidebar');
  const server = await startWebFormServer({
    workbook,
    port: port(values.port),
    ...(values.host ? { host: values.host } : {}),
    ...(today ? { today } : {}),
  }).catch((e: unknown) => {
    const code = e && typeof e === 'object' && 'code' in e ? String(e.code) : '';
    if (code === 'EADDRINUSE')
      throw new WorkbookError(
        `Порт ${values.port ?? DEFAULT_PORT} занят другой программой: укажите другой в --port.`,
      );
    if (code === 'EADDRNOTAVAIL')
      throw new WorkbookError(`--host: на этом компьютере нет адреса «${values.host ?? ''}».`);
    throw e;
  });
  process.stdout.write(
    `Форма отчёта школ: ${server.url}?t=… — ${linksAdvice(server.url)}\n` +
      'Отчёты сохраняются в книгу сразу. Остановить: Ctrl+C\n',
  );
  const made = server.linksBase;
  if (made && !servedBy(made, server.url))
    process.stderr.write(
      `Внимание: ссылки школ в этой книге ведут на ${made}, а форма открыта на ${server.url} — по ним она не откроется. Запустите serve с тем же адресом и портом (--host 0.0.0.0 --port ${new URL(made).port || '80'}) или создайте ссылки заново.\n`,
    );
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.close();
  return 0;
}

/** Which `--base-url` makes links that open this server. */
function linksAdvice(serverUrl: string): string {
  const bases = linkBasesFor(serverUrl);
  const command = (base: string): string => `roadmap500 reportLinks <книга.xlsx> --base-url ${base}`;
  if (bases.length === 0)
    return `ссылки школ: ${command('http://<адрес этого компьютера в сети>:' + new URL(serverUrl).port + '/')}`;
  const [first = '', ...others] = bases;
  const also = others.length ? ` (или другой адрес этого компьютера: ${others.join(', ')})` : '';
  return `ссылки школ: ${command(first)}${also}`;
}

/** Whether links to `made` reach a server at `serverUrl` (the same port, and an address it listens on). */
function servedBy(made: string, serverUrl: string): boolean {
  const link = new URL(made);
  const server = new URL(serverUrl);
  if ((link.port || '80') !== server.port) return false;
  if (listensEverywhere(server.hostname)) return true;
  return link.hostname === server.hostname;
}

/** Runs one of LINK_COMMANDS; usage mistakes and unusable files throw WorkbookError (exit 2). */
export function linkCommand(name: LinkCommand, args: string[]): Promise<number> {
  switch (name) {
    case 'reportLinks':
      return reportLinks(args);
    case 'revokeReportLinks':
      return revokeReportLinks(args);
    case 'serve':
      return serve(args);
  }
}
