/**
 * `roadmap500 serve-sidebar <workbook.xlsx> --user EMAIL [--port N] [--today D]`: the built sidebar page on
 * 127.0.0.1, with google.script.run bridged over HTTP to the local host, saving reports into the workbook.
 * `roadmap500 serve` (startWebFormServer) serves the web app the same way: doGet's page for a school's link.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { messageOf } from '../core/errors';
import type { EndpointName } from '../gas/endpoints';
import { URL_KEY } from '../sheets/report-links';
import type { LocalHost } from './host';
import { WorkbookError } from './workbook-file';
import { WorkbookSession } from './workbook-session';

export interface ServeSidebarOptions {
  workbook: string;
  user: string;
  port?: number;
  today?: string;
}

export interface ServeWebFormOptions {
  workbook: string;
  port?: number;
  /** The address to listen on; loopback unless the coordinator opens it to the network. */
  host?: string;
  today?: string;
}

/** What the page of a GET request is, given the host and the request's URL. */
type PageOf = (host: LocalHost, url: URL) => string;

export interface SidebarServer {
  url: string;
  /** The address the book's school links were made with (`reportLinks --base-url`), '' when none. */
  linksBase: string;
  /** Stops accepting requests and waits for the last save. */
  close(): Promise<void>;
}

/**
 * The server calls the page may make (anything else is 404: the bundle's other globals are not
 * endpoints), and whether the workbook is saved after each (submitReport writes «Отчёты» or «Журнал»).
 */
const SAVE_AFTER = { getReportFormData: false, submitReport: true } as const satisfies Record<
  EndpointName,
  boolean
>;
/** Loopback names: the only Host headers a loopback server answers. */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost)(?::\d+)?$/;
/** Larger bodies are cut off before parsing; a 100 KB comment still reaches the server's own refusal. */
const MAX_BODY = 1_000_000;

/**
 * The stand-in for google.script.run: `run.withSuccessHandler(f).withFailureHandler(g).fn(...args)` POSTs
 * the arguments to /rpc/fn. An HTTP failure reaches the failure handler as Apps Script's NetworkError does.
 */
const SHIM = `<script>
(function () {
  function runner(ok, fail) {
    return new Proxy({}, {
      get: function (_, name) {
        if (name === 'withSuccessHandler') return function (f) { return runner(f, fail); };
        if (name === 'withFailureHandler') return function (f) { return runner(ok, f); };
        if (name === 'withUserObject') return function () { return runner(ok, fail); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/rpc/' + encodeURIComponent(String(name)), {
            method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args)
          }).then(function (r) {
            if (!r.ok) throw new Error('NetworkError: Connection failure due to HTTP ' + r.status);
            return r.json();
          }).then(function (body) {
            if (body.error !== undefined) throw new Error(body.error);
            if (ok) ok(body.value);
          }).catch(function (e) {
            if (fail) fail(e instanceof Error ? e : new Error(String(e)));
          });
        };
      }
    });
  }
  window.google = { script: { run: runner(null, null) } };
})();
</script>`;

/** dist/Sidebar.html from the built CLI (lib/) or from the sources (src/local/). */
function sidebarPath(): string {
  const candidates = [
    path.resolve(__dirname, '..', 'dist', 'Sidebar.html'),
    path.resolve(__dirname, '..', '..', 'dist', 'Sidebar.html'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Нет файла dist/Sidebar.html: выполните «npm run build» в папке проекта.');
  return found;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

const withShim = (html: string): string => html.replace('<head>', () => `<head>\n${SHIM}`);

/** What doGet returns: the local HtmlOutput, whose meta tags are readable. */
interface WebAppOutput {
  getContent(): string;
  readonly metaTags: Record<string, string>;
}

const attr = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The page as Apps Script serves a web app: its own named <meta> tags are ignored and those given to
 * addMetaTag are used (a phone lays out a page without the viewport tag 980 px wide, in tiny type).
 */
function asServed(output: WebAppOutput): string {
  const tags = Object.entries(output.metaTags)
    .map(([name, content]) => `<meta name="${attr(name)}" content="${attr(content)}" />`)
    .join('\n');
  return output
    .getContent()
    .replace(/<meta\s+name=[^>]*>\s*/gi, '')
    .replace('<head>', () => `<head>\n${tags}`);
}

/** Starts the sidebar server; `port` 0 (the default) picks a free one. */
export async function startSidebarServer(opts: ServeSidebarOptions): Promise<SidebarServer> {
  const page = withShim(await readFile(sidebarPath(), 'utf8'));
  return startServer(opts, opts.user, () => page);
}

/**
 * Starts the web form server: `/?t=<token>` is doGet's page (the form for the link's school, or the
 * refusal page), and the form's calls carry the token. Links made with this address as `--base-url`
 * (the default one for `port` 8500 on loopback) open here.
 */
export async function startWebFormServer(opts: ServeWebFormOptions): Promise<SidebarServer> {
  return startServer(
    opts,
    // Anonymous, as a visitor of the deployed web app: the link is the only credential.
    '',
    (host, url) => {
      const output = host.run<WebAppOutput>('doGet', { parameter: Object.fromEntries(url.searchParams) });
      return withShim(asServed(output));
    },
  );
}

async function startServer(
  opts: { workbook: string; port?: number; host?: string; today?: string },
  user: string,
  pageOf: PageOf,
): Promise<SidebarServer> {
  // Each call sees the workbook as it is on disk (a CLI job may have written it) and writes under its lock.
  const session = await WorkbookSession.open(opts.workbook, `сервер отчётов (${user || 'ссылки школ'})`, {
    user,
    ...(opts.today ? { today: opts.today } : {}),
  });
  const listen = opts.host ?? '127.0.0.1';
  const loopback = listen === '127.0.0.1' || listen === 'localhost' || listen === '::1';

  const rpc = async (name: EndpointName, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Other sites open in the same browser cannot send JSON here without a CORS preflight, which this
    // server never answers: a form or a text/plain POST from them is turned away.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, 'application/json', JSON.stringify({ error: 'Нужен запрос в формате JSON.' }));
    }
    const body = await readBody(req);
    if (body === null)
      return send(res, 413, 'application/json', JSON.stringify({ error: 'Слишком большой запрос.' }));
    let args: unknown;
    try {
      args = JSON.parse(body || '[]');
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ error: 'Запрос не в формате JSON.' }));
    }
    const list: unknown[] = Array.isArray(args) ? args : [args];
    // The answer waits until the workbook on disk has what the call wrote; a refused or repeated submit
    // wrote no report, so the workbook is not rewritten for it (its «Журнал» line waits for the next save).
    const value = SAVE_AFTER[name]
      ? await session.write((host) => host.run(name, ...list), isNewReport)
      : await session.read((host) => host.run(name, ...list));
    send(res, 200, 'application/json', JSON.stringify({ value }));
  };

  const server = createServer((req, res) => {
    // A page on another name resolving to 127.0.0.1 (DNS rebinding) must not reach the workbook.
    if (loopback && !LOOPBACK_HOST.test(req.headers.host ?? ''))
      return send(res, 403, 'text/plain', 'Запрещено');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const name = url.pathname.startsWith('/rpc/') ? decodeURIComponent(url.pathname.slice(5)) : '';
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/Sidebar.html'))
      return void session
        .read((host) => pageOf(host, url))
        .then((page) => send(res, 200, 'text/html', page))
        .catch((e: unknown) => {
          // The visitor may be a school: the reason (with the book's path) goes to the coordinator's console.
          logFailure('Страница не открыта', e);
          send(res, 503, 'text/plain', UNAVAILABLE);
        });
    if (req.method === 'POST' && Object.prototype.hasOwnProperty.call(SAVE_AFTER, name)) {
      rpc(name as EndpointName, req, res).catch((e: unknown) => {
        logFailure(name === 'submitReport' ? 'Отчёт не сохранён' : 'Данные формы не отданы', e);
        if (!res.headersSent) send(res, 503, 'application/json', JSON.stringify({ error: UNAVAILABLE }));
      });
      return;
    }
    send(res, 404, 'text/plain', 'Не найдено');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, listen, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${listen.includes(':') ? `[${listen}]` : listen}:${port}/`,
    linksBase: (await session.current()).services().properties.getProperty(URL_KEY) ?? '',
    close: async () => {
      // close() lets requests in flight finish (and drops idle keep-alive connections); then the last save,
      // and one more when only refusals were logged since.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await session.flush();
    },
  };
}

/** What a visitor sees when the workbook cannot be read now (open in Excel, or broken). */
const UNAVAILABLE =
  'Форма отчёта сейчас недоступна. Повторите позже; если не получится, сообщите координатору.';

/** The coordinator reads this console: a known refusal («книга открыта», «занята») as a sentence. */
function logFailure(what: string, e: unknown): void {
  // An unexpected error keeps its stack for whoever reports it.
  const why = e instanceof WorkbookError || !(e instanceof Error) ? messageOf(e) : (e.stack ?? e.message);
  process.stderr.write(`${what}: ${why}\n`);
}

/** A submit's answer that stored a new report (not a refusal, not the same form sent again). */
function isNewReport(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'ok' &&
    (value as { duplicate?: unknown }).duplicate !== true
  );
}

/** The command: prints the address, serves until Ctrl+C, then saves and exits 0 (2 when it cannot start). */
export async function serveSidebar(opts: ServeSidebarOptions): Promise<number> {
  let server: SidebarServer;
  try {
    server = await startSidebarServer(opts);
  } catch (e) {
    process.stderr.write(`roadmap500 serve-sidebar: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  process.stdout.write(`Боковая панель «Отчёт школы» для ${opts.user}: ${server.url}\nОстановить: Ctrl+C\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
