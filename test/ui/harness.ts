/**
 * Browser tests' harness: a fixture workbook in a temp folder, `roadmap500 serve-sidebar` on a free port
 * (the built command, as a user runs it) and Chromium through playwright-core (the one
 * test/ui/chromium-setup.mjs chose: Debian's, or the one the @sparticuz/chromium devDependency carries).
 *
 * Nothing outlives its test file: the browser starts before any server (a launch that fails spawns
 * nothing), every serve-sidebar is registered the moment it is spawned and stopped in `afterAll`
 * whatever failed, and its temp folder goes with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TODAY, writeFixtureWorkbook } from '../fixtures/report-workbook';

const ROOT = path.join(__dirname, '..', '..');

export interface Served {
  url: string;
  workbook: string;
  /** Ctrl+C: the command saves and exits; its temp folder is removed. */
  stop(): Promise<void>;
}

export { activityIds } from '../fixtures/report-workbook';

/** Every serve-sidebar started by this test file and not yet stopped. */
const running = new Set<() => Promise<void>>();

/** Stops every serve-sidebar this file started (for an `afterAll`, whatever failed before it). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

/**
 * Starts serve-sidebar for `user` on a new copy of the fixture workbook (or the one `prepare` writes).
 * If it does not start, it is stopped before this rejects.
 */
export function serve(
  user: string,
  prepare: (file: string) => Promise<void> = writeFixtureWorkbook,
): Promise<Served> {
  return serveCommand(['serve-sidebar', '--user', user], prepare);
}

/**
 * Starts `roadmap500 <command> <workbook> …options --port 0 --today TODAY` (serve-sidebar, or serve for
 * the web form) on a new copy of the workbook `prepare` writes; registered and stopped as serve's.
 */
export async function serveCommand(
  [command = 'serve-sidebar', ...options]: string[],
  prepare: (file: string) => Promise<void> = writeFixtureWorkbook,
): Promise<Served> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sidebar-'));
  const workbook = path.join(dir, 'book.xlsx');
  let child: ChildProcess | undefined;
  const stop = async (): Promise<void> => {
    running.delete(stop);
    if (child) await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  running.add(stop);
  try {
    await prepare(workbook);
    child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin', 'roadmap500.js'),
        command,
        workbook,
        ...options,
        '--port',
        '0',
        '--today',
        TODAY,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return { url: await announcedUrl(child), workbook, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The address serve-sidebar prints once it listens; rejects if it exits or stays silent for 30 s. */
function announcedUrl(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve-sidebar did not start:\n${out}\n${err}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve-sidebar exited with ${String(code)}:\n${out}\n${err}`));
    });
  });
}

/** Ctrl+C, then SIGKILL if the process has not exited 10 s later. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGINT');
  });
}

/**
 * One Chromium and one serve-sidebar for `user` per test file, started before its tests and stopped
 * after them. The browser comes first: if it cannot start, the suite fails at once and no server is left.
 */
export function sidebarSession(
  user: string,
  prepare?: (file: string) => Promise<void>,
): { readonly browser: Browser; readonly served: Served } {
  const session = {} as { browser: Browser; served: Served };
  beforeAll(async () => {
    session.browser = await launch();
    session.served = await serve(user, prepare);
  });
  afterAll(async () => {
    await Promise.all([session.browser?.close(), stopAll()]);
  });
  return session;
}

/**
 * Headless Chromium at CHROMIUM_PATH (set by chromium-setup.mjs). Our own flags, not @sparticuz/chromium's
 * serverless set: only --no-sandbox is needed (tests run as root on CI); its --single-process and
 * --disable-web-security would change what the tests check. Its Chromium brings its own fonts (Open Sans,
 * with Cyrillic), unpacked next to it: fontconfig is pointed there, so a machine without fonts draws
 * Russian text too.
 */
export function launch(
  executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
): Promise<Browser> {
  const fonts = path.join(path.dirname(executablePath), 'fonts');
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    env: existsSync(path.join(fonts, 'fonts.conf')) ? { ...process.env, FONTCONFIG_PATH: fonts } : undefined,
    // A browser that does not come up fails its suite well within the suite's own limits.
    timeout: 30_000,
  });
}

/** A sidebar-sized page (300 px wide) with the form loaded. */
export async function openSidebar(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 300, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('#report-form:not([hidden]), #page-message:not(:empty)');
  return page;
}

/** Picks the activity whose option shows `title`. */
export async function chooseActivity(page: Page, title: string): Promise<void> {
  const options = page.locator('#activity option', { hasText: title });
  // The list is filled once the school is chosen: under load that can come a moment after the form shows.
  await options
    .first()
    .waitFor({ state: 'attached', timeout: 10_000 })
    .catch(() => undefined);
  if ((await options.count()) !== 1) throw new Error(`no activity «${title}» in the list`);
  const value = (await options.getAttribute('value')) ?? '';
  await page.selectOption('#activity', value);
}

export interface Answers {
  school?: string;
  activity: string;
  period?: string;
  status?: string;
  fact?: string;
  comment?: string;
  link?: string;
}

/** Fills the form as a user would, with the keyboard where it types. */
export async function fillForm(page: Page, a: Answers): Promise<void> {
  if (a.school) await page.selectOption('#school', a.school);
  await chooseActivity(page, a.activity);
  if (a.period) await page.selectOption('#period', a.period);
  if (a.status !== undefined) await page.selectOption('#status', a.status);
  if (a.fact !== undefined) await page.fill('#fact', a.fact);
  if (a.comment !== undefined) await page.fill('#comment', a.comment);
  if (a.link !== undefined) await page.fill('#link', a.link);
}

/** Text of the message under «Отправить» once saving is over. */
export async function result(page: Page): Promise<string> {
  await page.waitForSelector('#result:not(:empty)');
  return (await page.textContent('#result')) ?? '';
}

/** Calls a server function through the page's google.script.run, as a forged request from the page would. */
export async function callServer<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  const value = await page.evaluate(
    ([fn, params]) =>
      new Promise<unknown>((resolve, reject) => {
        type Run = Record<string, (...x: unknown[]) => unknown>;
        const run = (globalThis as unknown as { google: { script: { run: Run } } }).google.script.run;
        const ok = (run['withSuccessHandler'] as (f: unknown) => Run)(resolve);
        const both = (ok['withFailureHandler'] as (f: unknown) => Run)((e: unknown) =>
          reject(new Error(String(e))),
        );
        both[fn]?.(...params);
      }),
    [name, args] as const,
  );
  return value as T;
}
