/**
 * Browser tests' harness: a fixture workbook in a temp folder, `roadmap500 serve-sidebar` on a free port
 * (the built command, as a user runs it) and Debian's Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FormDataResponse } from '../../src/core/report';
import { LocalHost } from '../../src/local/host';
import { fixtureSheets, TITLES, TODAY, USERS, writeFixtureWorkbook } from '../fixtures/report-workbook';

const ROOT = path.join(__dirname, '..', '..');

export interface Served {
  url: string;
  workbook: string;
  /** Ctrl+C: the command saves and exits. */
  stop(): Promise<void>;
}

/** The fixture's activity ids by title, as the bundle gives them to the coordinator (who sees them all). */
export function activityIds(): Record<keyof typeof TITLES, string> {
  const r = LocalHost.fromSheets(fixtureSheets(), {
    user: USERS.coordinator,
    now: TODAY,
  }).run<FormDataResponse>('getReportFormData');
  if (r.type !== 'ok') throw new Error(r.message);
  const id = (title: string): string => r.data.activities.find((a) => a.title === title)?.id ?? '';
  return {
    onlyA: id(TITLES.onlyA),
    onlyB: id(TITLES.onlyB),
    quarterlyA: id(TITLES.quarterlyA),
    everyone: id(TITLES.everyone),
  };
}

/** Starts serve-sidebar for `user` on a new copy of the fixture workbook (or the one `prepare` returns). */
export async function serve(
  user: string,
  prepare: (file: string) => Promise<void> = writeFixtureWorkbook,
): Promise<Served> {
  const workbook = path.join(mkdtempSync(path.join(tmpdir(), 'sidebar-')), 'book.xlsx');
  await prepare(workbook);
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'roadmap500.js'),
      'serve-sidebar',
      workbook,
      '--user',
      user,
      '--port',
      '0',
      '--today',
      TODAY,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
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
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve-sidebar exited with ${String(code)}:\n${out}\n${err}`));
    });
  });
  return { url, workbook, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** One Chromium and one serve-sidebar for `user` per test file, started before its tests and stopped after. */
export function sidebarSession(
  user: string,
  prepare?: (file: string) => Promise<void>,
): { readonly browser: Browser; readonly served: Served } {
  const session = {} as { browser: Browser; served: Served };
  beforeAll(async () => {
    [session.browser, session.served] = await Promise.all([launch(), serve(user, prepare)]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.served?.stop();
  });
  return session;
}

/** Debian's Chromium, headless; nothing downloaded. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
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
