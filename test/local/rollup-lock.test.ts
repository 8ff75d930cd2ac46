/**
 * `roadmap500 rollup --out` is one writer like every job: while another run holds the summary book it waits
 * (`--wait СЕК`), then refuses with «книга занята» and leaves the book as it was; once free, it writes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalHost } from '../../src/local/host';
import { SAMPLE_REGION_TODAY } from '../../src/local/sample-region';
import { backupPathOf } from '../../src/local/workbook-file';
import { withWorkbookLock } from '../../src/local/workbook-lock';
import { killAll, startCli } from '../fixtures/cli-process';
import { tempDir } from '../fixtures/temp-dir';
import { sampleRegionDir } from '../sample-region-dir';

const { dir: books } = sampleRegionDir(2);
const dir = tempDir('roadmap500-rollup-lock-');
afterAll(killAll);

/** A regional book the coordinator already keeps notes in. */
async function regionBook(name: string): Promise<string> {
  const file = join(dir, name);
  await LocalHost.fromSheets({ Заметки: [['не потерять']] }).save(file);
  return file;
}

const rollup = (out: string, ...more: string[]) =>
  startCli(dir, 'rollup', books, '--out', out, '--today', SAMPLE_REGION_TODAY, ...more);

it('refuses after --wait while another run holds the book, naming it; the book is untouched', async () => {
  const out = await regionBook('занята.xlsx');
  const before = readFileSync(out);
  const r = await withWorkbookLock(out, 'roadmap500 rollup', () => rollup(out, '--wait', '1').done);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/книга занята: roadmap500 rollup \(процесс \d+, с .*\), повторите позже/);
  expect(readFileSync(out).equals(before)).toBe(true);
  expect(existsSync(backupPathOf(out))).toBe(false);
}, 120_000);

it('waits while the book is held and writes the summary once it is free, keeping the other sheets', async () => {
  const out = await regionBook('подождёт.xlsx');
  let released = false;
  const run = await withWorkbookLock(out, 'roadmap500 refreshStatuses', async () => {
    const started = rollup(out);
    let exited = false;
    void started.done.then(() => (exited = true));
    // Four times what reading the two books takes here: by then the run waits for the lock, or it wrote.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(exited).toBe(false);
    released = true;
    return started;
  });
  const r = await run.done;
  expect(released).toBe(true);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(`Книга записана: ${out}`);
  const book = await LocalHost.open(out);
  expect(book.values('Заметки')).toEqual([['не потерять']]);
  expect(book.values('Региональная сводка').length).toBeGreaterThan(0);
  expect(existsSync(backupPathOf(out))).toBe(true);
}, 120_000);

it('says which folder is missing when --out points into none', async () => {
  const r = await rollup(join(dir, 'нет-такой-папки', 'сводка.xlsx')).done;
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('Папки «');
  expect(r.stderr).toContain('нет-такой-папки» для сводки нет');
}, 60_000);
