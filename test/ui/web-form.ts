/**
 * Browser tests of the web form: a workbook whose schools have report links (made by the built
 * `roadmap500 reportLinks`, as a coordinator makes them), served by `roadmap500 serve`.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { writeFixtureWorkbook } from '../fixtures/report-workbook';
import { launch, serveCommand, stopAll, type Served } from './harness';

const CLI = path.join(__dirname, '..', '..', 'bin', 'roadmap500.js');

/** Tokens of the links `roadmap500 reportLinks` printed, by reporter address. */
export type Tokens = Map<string, { school: string; token: string }>;

/** Writes the fixture (with `extra` sheets) and makes its links; the tokens go to `into`. */
function withLinks(extra: Record<string, unknown[][]>, into: Tokens): (file: string) => Promise<void> {
  return async (file) => {
    await writeFixtureWorkbook(file, extra);
    const out = execFileSync(process.execPath, [CLI, 'reportLinks', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const line of out.trim().split('\n')) {
      const [school = '', , reporter = '', link = ''] = line.split('\t');
      if (link) into.set(reporter, { school, token: new URL(link).searchParams.get('t') ?? '' });
    }
  };
}

/** One Chromium and one `roadmap500 serve` per test file; `link(reporter)` is that reporter's address. */
export function webFormSession(extra: Record<string, unknown[][]> = {}): {
  readonly browser: Browser;
  readonly served: Served;
  readonly tokens: Tokens;
  link(reporter: string): string;
} {
  const tokens: Tokens = new Map();
  const session = {
    tokens,
    link: (reporter: string): string => `${session.served.url}?t=${tokens.get(reporter)?.token ?? ''}`,
  } as { browser: Browser; served: Served; tokens: Tokens; link(reporter: string): string };
  beforeAll(async () => {
    session.browser = await launch();
    session.served = await serveCommand(['serve'], withLinks(extra, tokens));
  });
  afterAll(async () => {
    await Promise.all([session.browser?.close(), stopAll()]);
  });
  return session;
}
