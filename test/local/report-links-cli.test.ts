/** `roadmap500 reportLinks` / `revokeReportLinks` as a coordinator runs them: printed links, saved secret, exit codes. */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { FormDataResponse } from '../../src/core/report';
import { LocalHost } from '../../src/local/host';
import { SCHOOL_A, TODAY, USERS, writeFixtureWorkbook } from '../fixtures/report-workbook';
import { tempDir } from '../fixtures/temp-dir';

const bin = join(__dirname, '../../bin/roadmap500.js');
const dir = tempDir('roadmap500-links-');

function roadmap500(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Printed lines: code, school, reporter, link, key version. */
const lines = (stdout: string): string[][] =>
  stdout
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));

/** Whether the workbook on disk accepts a link (as `roadmap500 serve` would check it). */
async function accepted(book: string, link: string): Promise<boolean> {
  const host = await LocalHost.open(book, { user: '', now: TODAY });
  const token = new URL(link).searchParams.get('t');
  return host.run<FormDataResponse>('getReportFormData', token).type === 'ok';
}

describe('roadmap500 reportLinks', () => {
  it('names a missing folder of --out and what to do (exit 2), for reportLinks and revokeReportLinks alike', async () => {
    const book = join(dir, 'links-nodir.xlsx');
    await writeFixtureWorkbook(book);
    const folder = join(dir, 'нет-папки');
    for (const args of [
      ['reportLinks', book, '--base-url', 'https://script.google.com/macros/s/ABC/exec'],
      ['revokeReportLinks', book, '--school', SCHOOL_A],
    ]) {
      const r = roadmap500(...args, '--out', join(folder, 'x.xlsx'));
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `roadmap500: Папки «${folder}» для результата нет. Создайте её или укажите другую в --out.\n`,
      );
    }
  });

  it('prints one link per reporter and keeps the secret in the workbook, so the links stay valid', async () => {
    const book = join(dir, 'links.xlsx');
    await writeFixtureWorkbook(book);
    const r = roadmap500('reportLinks', book, '--base-url', 'https://script.google.com/macros/s/ABC/exec');
    expect(r.status).toBe(0);
    const printed = lines(r.stdout);
    expect(printed.map((l) => l[2]).sort()).toEqual(
      [USERS.reporterA, USERS.reporterB, 'zavuch@charsk1.ru'].sort(),
    );
    for (const l of printed)
      expect(l[3]).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/ABC\/exec\?t=[\w-]+\.[\w-]+$/);
    expect(r.stderr).toContain('3 ссылки');
    expect(r.stderr).not.toContain('ссылки ведут на этот компьютер');
    const link = printed.find((l) => l[2] === USERS.reporterA)?.[3] ?? '';
    expect(await accepted(book, link)).toBe(true);

    // Running it again gives the same links: the secret and key versions were saved.
    expect(
      lines(
        roadmap500('reportLinks', book, '--base-url', 'https://script.google.com/macros/s/ABC/exec').stdout,
      ),
    ).toEqual(printed);
  });

  it('uses the local web form address by default', async () => {
    const book = join(dir, 'local.xlsx');
    await writeFixtureWorkbook(book);
    const r = roadmap500('reportLinks', book);
    expect(lines(r.stdout)[0]?.[3]).toMatch(/^http:\/\/127\.0\.0\.1:8500\/\?t=/);
    // A school could not open such a link at its own computer: the coordinator is told, with what to do.
    expect(r.stderr).toContain('ссылки ведут на этот компьютер');
    expect(r.stderr).toContain('--base-url');
  });

  it.each([
    ['a non-web address', ['--base-url', 'ftp://example.com/']],
    ['an address with user-info', ['--base-url', 'https://script.google.com@evil.example/']],
    ['an unknown option', ['--basis', 'x']],
  ])('refuses %s with exit 2, writing nothing', async (_, options) => {
    const book = join(dir, `bad-${options[0]}.xlsx`);
    await writeFixtureWorkbook(book);
    const before = readFileSync(book);
    const r = roadmap500('reportLinks', book, ...options);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^roadmap500: /);
    expect(readFileSync(book).equals(before)).toBe(true);
  });
});

describe('the address given once with --base-url', () => {
  const LAN = 'http://192.168.1.5:8500/';

  it("is the address of the links in the schools' reminders and after a revocation", async () => {
    const book = join(dir, 'lan.xlsx');
    await writeFixtureWorkbook(book);
    expect(roadmap500('reportLinks', book, '--base-url', LAN).status).toBe(0);

    const outbox = join(dir, 'lan-outbox');
    const sent = roadmap500('sendReminders', book, '--today', '2022-10-15', '--outbox', outbox);
    expect(sent.status).toBe(0);
    expect(sent.stderr).not.toContain('ведут на этот компьютер');
    const mails = await Promise.all(
      readdirSync(outbox).map(async (f) => (await simpleParser(readFileSync(join(outbox, f)))).text ?? ''),
    );
    const withLinks = mails.filter((m) => m.includes('?t='));
    expect(withLinks.length).toBeGreaterThan(0);
    for (const m of withLinks) {
      expect(m).toContain(LAN);
      expect(m).not.toContain('127.0.0.1');
    }

    expect(roadmap500('revokeReportLinks', book, '--school', SCHOOL_A).status).toBe(0);
    const again = roadmap500('reportLinks', book);
    for (const l of lines(again.stdout)) expect(l[3]?.startsWith(`${LAN}?t=`)).toBe(true);
    expect(again.stderr).not.toContain('ссылки ведут на этот компьютер');
  });
});

it('warns when the letters give schools links to this computer only', async () => {
  const book = join(dir, 'loopback.xlsx');
  await writeFixtureWorkbook(book);
  expect(roadmap500('reportLinks', book).status).toBe(0);
  const preview = roadmap500('previewReminders', book, '--today', '2022-10-15');
  expect(preview.stderr).toContain(
    'Внимание: ссылки для отчёта в письмах школ ведут на этот компьютер (http://127.0.0.1:8500/)',
  );
  const sent = roadmap500('sendReminders', book, '--today', '2022-10-15', '--outbox', join(dir, 'lo-outbox'));
  expect(sent.stderr).toContain(`roadmap500 reportLinks "${book}" --base-url <адрес>`);
});

it('finishes normally when its output is cut off («| head -1»)', async () => {
  const book = join(dir, 'head.xlsx');
  await writeFixtureWorkbook(book);
  const child = spawn(process.execPath, [bin, 'reportLinks', book], { cwd: dir });
  child.stdout.destroy(); // the reader went away: every line the command prints meets a closed pipe
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(stderr).not.toContain('EPIPE');
  expect(code).toBe(0);
  expect((await LocalHost.open(book)).values('Ссылки для отчётов')).toHaveLength(4);
});

it('warns about links to 0.0.0.0, an address a server listens on but a school cannot open', async () => {
  const book = join(dir, 'any.xlsx');
  await writeFixtureWorkbook(book);
  const r = roadmap500('reportLinks', book, '--base-url', 'http://0.0.0.0:8500/');
  expect(r.stderr).toContain('Внимание: ссылки ведут на этот компьютер (http://0.0.0.0:8500/)');
  const sent = roadmap500(
    'sendReminders',
    book,
    '--today',
    '2022-10-15',
    '--outbox',
    join(dir, 'any-outbox'),
  );
  expect(sent.stderr).toContain('ведут на этот компьютер (http://0.0.0.0:8500/)');
});

it('serve says when the links in the book lead to another address than the one it listens on', async () => {
  const book = join(dir, 'served.xlsx');
  await writeFixtureWorkbook(book);
  expect(roadmap500('reportLinks', book, '--base-url', 'http://192.168.1.5:8500/').status).toBe(0);
  const child = spawn(process.execPath, [bin, 'serve', book, '--port', '0'], { cwd: dir });
  try {
    const said = await new Promise<string>((done, fail) => {
      let text = '';
      const take = (d: Buffer): void => {
        text += d.toString();
        if (text.includes('Внимание')) done(text);
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.on('close', () => fail(new Error(`serve stopped: ${text}`)));
      // Within jest's time for this test, so `finally` always stops the server.
      setTimeout(() => fail(new Error(`no warning: ${text}`)), 20_000).unref();
    });
    expect(said).toContain('ссылки школ в этой книге ведут на http://192.168.1.5:8500/');
    expect(said).toContain('--host 0.0.0.0 --port 8500');
  } finally {
    child.kill();
  }
}, 30_000);

describe('roadmap500 revokeReportLinks', () => {
  it("stops the school's old links and keeps the others", async () => {
    const book = join(dir, 'revoke.xlsx');
    await writeFixtureWorkbook(book);
    const printed = lines(roadmap500('reportLinks', book).stdout);
    const r = roadmap500('revokeReportLinks', book, '--school', SCHOOL_A);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('версия ключа 2');
    // The command to type, not the Google menu item.
    expect(r.stdout).toContain(`Новые — roadmap500 reportLinks "${book}"`);
    expect(r.stdout).not.toContain('«Ссылки для отчётов школ»');
    const linkOf = (who: string): string => printed.find((l) => l[2] === who)?.[3] ?? '';
    expect(await accepted(book, linkOf(USERS.reporterA))).toBe(false);
    expect(await accepted(book, linkOf(USERS.reporterB))).toBe(true);
    const fresh = lines(roadmap500('reportLinks', book).stdout);
    expect(await accepted(book, fresh.find((l) => l[2] === USERS.reporterA)?.[3] ?? '')).toBe(true);
  });

  it('refuses an unknown school or a missing --school with exit 2, writing nothing', async () => {
    const book = join(dir, 'revoke-bad.xlsx');
    await writeFixtureWorkbook(book);
    const before = statSync(book).mtimeMs;
    const unknown = roadmap500('revokeReportLinks', book, '--school', 'нет-такой');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('«нет-такой»');
    expect(roadmap500('revokeReportLinks', book).status).toBe(2);
    expect(statSync(book).mtimeMs).toBe(before);
  });
});
