/**
 * A browser that cannot start (CHROMIUM_PATH pointing at nothing) fails its suite and nothing hangs:
 * one real browser suite runs in a jest of its own, which must end by itself and leave no serve-sidebar
 * running and no temp folder behind. (Before, a failed launch left serve-sidebar alive and jest never exited.)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
/** The bound for the whole run; past it the nested jest is killed and the test fails. */
const RUN_LIMIT_MS = 60_000;

// The nested run's temp folder: every serve-sidebar it could start gets its workbook here, so this
// path in a command line singles out that run's processes among whatever else runs on the machine.
const dir = mkdtempSync(path.join(tmpdir(), 'failed-launch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Command lines of running processes that mention `text` (pgrep exits 1 when there is none). */
function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', text], { encoding: 'utf8' }).trim().split('\n');
  } catch {
    return [];
  }
}

it('fails the suite, ends the run by itself and leaves no serve-sidebar', async () => {
  const run = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', 'test/ui/report-submit.test.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, CHROMIUM_PATH: path.join(dir, 'no-chromium'), TMPDIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that the watchdog can stop the run with everything it started.
      detached: true,
    },
  );
  let output = '';
  run.stdout.on('data', (d: Buffer) => (output += d.toString()));
  run.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let hung = false;
  const watchdog = setTimeout(() => {
    hung = true;
    process.kill(-(run.pid ?? 0), 'SIGKILL');
  }, RUN_LIMIT_MS);
  const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
  clearTimeout(watchdog);

  expect(hung).toBe(false);
  expect(code).toBe(1);
  expect(output).toContain("executable doesn't exist");
  expect(output).toMatch(/Tests:\s+1 failed, 1 total/);
  expect(processesMentioning(dir)).toEqual([]);
  expect(readdirSync(dir).filter((name) => name.startsWith('sidebar-'))).toEqual([]);
}, 90_000);
