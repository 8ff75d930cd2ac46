/** One writer at a time per workbook, with real processes: nothing sent twice, no report lost, a busy book refused. */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalHost } from '../../src/local/host';
import { killAll, startCli, type Started } from '../fixtures/cli-process';
import { withWorkbookLock } from '../../src/local/workbook-lock';
import { savedReports, TITLES, TODAY, USERS, writeFixtureWorkbook } from '../fixtures/report-workbook';
import { mailWorkbook } from '../sheets/mail-workbook';

const bin = join(__dirname, '../../bin/roadmap500.js');
const dir = mkdtempSync(join(tmpdir(), 'roadmap500-lock-'));
afterAll(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

const start = (...args: string[]): Started => startCli(dir, ...args);

async function mailBook(name: string): Promise<string> {
  const file = join(dir, name);
  await LocalHost.fromSheets(mailWorkbook(), { now: '2021-04-21' }).save(file);
  return file;
}

it('two sendReminders started at once send each digest once in total', async () => {
  const book = await mailBook('двое.xlsx');
  const outbox = join(dir, 'письма-двое');
  const args = ['sendReminders', book, '--today', '2021-04-21', '--outbox', outbox];
  const [a, b] = await Promise.all([start(...args).done, start(...args).done]);
  expect([a.status, b.status]).toEqual([0, 0]);
  const letters = readdirSync(outbox);
  const recipients = letters.map((f) => f.replace(/^\d+-/, '').replace(/\.eml$/, ''));
  expect(letters.length).toBeGreaterThan(0);
  expect(new Set(recipients).size).toBe(letters.length);
  // One of the two ran after the other and found everything already sent.
  expect(`${a.stdout}${b.stdout}`).toContain('Уже отправлены сегодня и не повторяются');
});

it('a report server and CLI jobs on one workbook lose no report', async () => {
  const book = join(dir, 'отчёты.xlsx');
  await writeFixtureWorkbook(book);
  const server = start('serve-sidebar', book, '--user', USERS.coordinator, '--port', '0', '--today', TODAY);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    void server.done.then((d) => reject(new Error(`serve-sidebar exited: ${d.stderr}`)));
  });
  const rpc = async (name: string, args: unknown[]): Promise<unknown> => {
    const r = await fetch(`${url}rpc/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return ((await r.json()) as { value: unknown }).value;
  };
  const form = (await rpc('getReportFormData', [])) as {
    data: { activities: { id: string; title: string }[]; schools: { code: string }[] };
  };
  const activity = form.data.activities.find((a) => a.title === TITLES.everyone)?.id ?? '';
  const N = 8;
  const submits = Array.from({ length: N }, (_, i) =>
    rpc('submitReport', [
      {
        schoolCode: form.data.schools[i % form.data.schools.length]?.code,
        activityId: activity,
        period: '',
        status: 'В работе',
        fact: '',
        comment: `Отчёт ${i + 1}`,
        link: '',
        key: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      },
    ]),
  );
  // CLI jobs rewrite the same workbook while the reports come in.
  const jobs = [start('refreshStatuses', book, '--today', TODAY), start('validateRoadmap', book)];
  const results = await Promise.all(submits);
  const ran = await Promise.all(jobs.map((j) => j.done));
  expect(ran.map((r) => r.stderr.includes('книга занята'))).toEqual([false, false]);
  expect(results).toEqual(Array(N).fill(expect.objectContaining({ type: 'ok' })));
  server.child.kill('SIGTERM');
  await server.done;
  const comments = (await savedReports(book)).slice(1).map((r) => r[7]);
  expect(comments.sort()).toEqual(Array.from({ length: N }, (_, i) => `Отчёт ${i + 1}`).sort());
});

it('a workbook held by another process is refused after --wait with who holds it; the file is untouched', async () => {
  const book = await mailBook('занята.xlsx');
  const before = readFileSync(book);
  await withWorkbookLock(book, 'roadmap500 sendReminders', () => {
    const r = spawnSync(process.execPath, [bin, 'refreshStatuses', book, '--wait', '1'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/книга занята: roadmap500 sendReminders \(процесс \d+, с .*\), повторите позже/);
    return Promise.resolve();
  });
  expect(readFileSync(book).equals(before)).toBe(true);
});

it('takes over the lock of a process that died, with a note', async () => {
  const book = await mailBook('брошена.xlsx');
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  mkdirSync(join(dir, '.брошена.xlsx.lock'));
  writeFileSync(
    join(dir, '.брошена.xlsx.lock.json'),
    JSON.stringify({
      what: 'roadmap500 sendReminders',
      pid: Number(dead.stdout),
      host: hostname(),
      since: '',
    }),
  );
  const r = await start('refreshStatuses', book, '--today', '2021-04-21', '--wait', '1').done;
  expect(r.stderr).toContain('Снята зависшая блокировка книги «брошена.xlsx»');
  expect(r.status).toBe(0);
  expect(readdirSync(dir).filter((f) => f.startsWith('.брошена'))).toEqual([]);
});

it('advises deleting an Excel lock file older than the workbook', async () => {
  const book = await mailBook('старый-замок.xlsx');
  writeFileSync(join(dir, '~$старый-замок.xlsx'), 'Иванова');
  utimesSync(join(dir, '~$старый-замок.xlsx'), new Date(2020, 0, 1), new Date(2020, 0, 1));
  const r = await start('refreshStatuses', book).done;
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('удалите «~$старый-замок.xlsx»');
});
