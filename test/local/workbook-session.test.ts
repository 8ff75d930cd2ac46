/** The report server's workbook: its clock runs with each request, and a file replaced by another process is re-read. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalHost } from '../../src/local/host';
import { appendJournal } from '../../src/sheets/journal';
import { WorkbookSession } from '../../src/local/workbook-session';
import { wallTime } from '../../src/local/zone';

const dir = mkdtempSync(join(tmpdir(), 'roadmap500-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function book(name: string): Promise<string> {
  const file = join(dir, name);
  await LocalHost.fromSheets({ Лист1: [['x']] }).save(file);
  return file;
}

it('without --today, «now» is the real time of each request', async () => {
  const session = await WorkbookSession.open(await book('часы.xlsx'), 'тест');
  const before = Date.now();
  const now = (await session.current()).clock.nowMs();
  const after = Date.now();
  expect(now).toBeGreaterThanOrEqual(before);
  expect(now).toBeLessThanOrEqual(after);
});

it('--today pins the date only: the time of day is the real one', async () => {
  const session = await WorkbookSession.open(await book('дата.xlsx'), 'тест', { today: '2022-10-15' });
  const before = wallTime(Date.now(), 'Europe/Moscow');
  const w = wallTime((await session.current()).clock.now(), 'Europe/Moscow');
  const after = wallTime(Date.now(), 'Europe/Moscow');
  expect([w.y, w.m, w.d]).toEqual([2022, 10, 15]);
  const minutes = (t: { h: number; min: number }): number => t.h * 60 + t.min;
  expect([minutes(before), minutes(after)]).toContain(minutes(w));
});

it('re-reads the workbook when another process replaced it, and writes on top of that', async () => {
  const file = await book('общая.xlsx');
  const session = await WorkbookSession.open(file, 'тест');
  const other = await LocalHost.open(file);
  other.spreadsheet.getSheetByName('Лист1')!.getRange('B1').setValue('от другой команды');
  await other.save(file);
  await session.write((host) =>
    host.spreadsheet.getSheetByName('Лист1')!.getRange('C1').setValue('от сервера'),
  );
  const saved = await LocalHost.open(file);
  expect(saved.values('Лист1')[0]).toEqual(['x', 'от другой команды', 'от сервера']);
});

it('a page read that re-opens the workbook while a report is being saved does not undo that report', async () => {
  // The 20-schools-at-once browser test lost one report in CI: a form refresh re-read the file and its
  // copy, finished while the next report was being saved, replaced the server's workbook in memory.
  const file = await book('гонка.xlsx');
  const session = await WorkbookSession.open(file, 'тест');
  const other = await LocalHost.open(file);
  other.spreadsheet.getSheetByName('Лист1')!.getRange('B1').setValue('от другой команды');
  await other.save(file);

  const open = LocalHost.open.bind(LocalHost);
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const spy = jest.spyOn(LocalHost, 'open').mockImplementationOnce(async (...args) => {
    const host = await open(...args);
    await gate;
    return host;
  });
  try {
    const read = session.current(); // a page's request: the file changed, so it re-reads it (held at the gate)
    await session.write((host) => {
      host.spreadsheet.getSheetByName('Лист1')!.getRange('C1').setValue('отчёт 1');
      release(); // the page's copy arrives while this report is being saved
    });
    await read;
    await session.write((host) =>
      host.spreadsheet.getSheetByName('Лист1')!.getRange('D1').setValue('отчёт 2'),
    );
  } finally {
    spy.mockRestore();
  }
  const saved = await LocalHost.open(file);
  expect(saved.values('Лист1')[0]).toEqual(['x', 'от другой команды', 'отчёт 1', 'отчёт 2']);
});

it('a refusal kept in memory for the next save survives another process replacing the workbook', async () => {
  // A refused submit is logged in «Журнал» without rewriting the book; the coordinator's job that
  // rewrites the book meanwhile must not make that line disappear.
  const file = await book('отказ.xlsx');
  const session = await WorkbookSession.open(file, 'тест');
  await session.write(
    (host) => appendJournal(host.services(), [{ job: 'submitReport', event: 'Отказ: ссылка отозвана' }]),
    () => false,
  );
  const other = await LocalHost.open(file);
  other.spreadsheet.getSheetByName('Лист1')!.getRange('B1').setValue('от другой команды');
  await other.save(file);
  await session.current(); // a page opened meanwhile: the server re-reads the replaced file
  await session.flush();

  const saved = await LocalHost.open(file);
  expect(saved.values('Лист1')[0]).toEqual(['x', 'от другой команды']);
  expect(saved.values('Журнал').map((r) => r[2])).toEqual(['Событие', 'Отказ: ссылка отозвана']);
});
