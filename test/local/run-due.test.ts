/** The automatic mode without Google: installTriggers stores the schedule, run-due runs what is due, once. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalHost, type FiredTrigger } from '../../src/local/host';
import { mailWorkbook } from '../sheets/mail-workbook';

const bin = join(__dirname, '../../bin/roadmap500.js');
const dir = mkdtempSync(join(tmpdir(), 'roadmap500-due-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;

function roadmap500(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tally = (fired: FiredTrigger[]): Record<string, number> =>
  fired.reduce<Record<string, number>>((m, f) => ({ ...m, [f.handler]: (m[f.handler] ?? 0) + 1 }), {});

it('called every hour of a simulated week, runs the daily job each day and the weekly one once, nothing twice', () => {
  // Monday 2021-04-19, 00:30 Moscow.
  const start = new Date('2021-04-18T21:30:00Z').getTime();
  const host = LocalHost.fromSheets(mailWorkbook(), { now: new Date(start) });
  host.run('installTriggers');
  const fired: FiredTrigger[] = [];
  for (let h = 0; h < 7 * 24; h++) {
    host.clock.set(new Date(start + h * HOUR));
    fired.push(...host.runDue());
    // A second call in the same hour (cron and a user at once, or a retry) finds nothing due.
    expect(host.runDue()).toEqual([]);
  }
  expect(tally(fired)).toEqual({ dailyRefresh: 7, weeklySummary: 1 });
  const days = fired.filter((f) => f.handler === 'dailyRefresh').map((f) => f.at.toISOString().slice(0, 10));
  expect(new Set(days).size).toBe(7);
  expect(fired.every((f) => f.error === undefined)).toBe(true);
});

it('after three days with the computer off, runs each due job once, not once per missed day', () => {
  const start = new Date('2021-04-18T21:30:00Z').getTime();
  const host = LocalHost.fromSheets(mailWorkbook(), { now: new Date(start) });
  host.run('installTriggers');
  host.clock.set(new Date(start + 3 * 24 * HOUR + 12 * HOUR));
  // Monday's weekly summary fell in those days too: it runs once as well.
  expect(tally(host.runDue())).toEqual({ dailyRefresh: 1, weeklySummary: 1 });
  expect(host.runDue()).toEqual([]);
});

it('installTriggers prints the cron line and the schtasks command; run-due runs once a day by the stored schedule', async () => {
  const book = join(dir, 'карта.xlsx');
  await LocalHost.fromSheets(mailWorkbook(), { now: '2021-04-20' }).save(book);
  const install = roadmap500('installTriggers', book, '--today', '2021-04-20');
  expect(install.status).toBe(0);
  expect(install.stdout).not.toContain('Автоматический режим включён');
  expect(install.stdout).toContain('Расписание сохранено в книге: обновление и напоминания ежедневно в');
  expect(install.stdout).not.toMatch(/\)\.\)|\.\./);
  expect(install.stdout).toMatch(/^ {4}0 \* \* \* \* ".*node.*" ".*roadmap500\.js" run-due ".*карта\.xlsx"/m);
  expect(install.stdout).toMatch(/schtasks \/Create \/SC HOURLY \/TN "roadmap500 карта" \/TR ".*run-due/);

  const first = roadmap500('run-due', book, '--today', '2021-04-21', '--outbox', join(dir, 'письма'));
  expect(first.status).toBe(0);
  expect(first.stdout).toContain('dailyRefresh (ежедневное обновление статусов и напоминания)');
  const saved = readFileSync(book);
  const backup = readFileSync(book.replace(/\.xlsx$/, '.bak.xlsx'));
  const again = roadmap500('run-due', book, '--today', '2021-04-21', '--outbox', join(dir, 'письма'));
  expect(again.status).toBe(0);
  expect(again.stdout).toContain('По расписанию сейчас ничего не нужно. Следующий запуск:');
  // Nothing ran, so the book and its one backup (the user's previous version) stay as they were.
  expect(again.stdout).toContain('Книга не изменена');
  expect(readFileSync(book).equals(saved)).toBe(true);
  expect(readFileSync(book.replace(/\.xlsx$/, '.bak.xlsx')).equals(backup)).toBe(true);
});
