/** `roadmap500 serve`: a refused link is logged in «Журнал» of the workbook on disk, not only in the server's memory. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalHost } from '../../src/local/host';
import { startWebFormServer } from '../../src/local/serve-sidebar';
import {
  activityIds,
  savedReports,
  SCHOOL_A,
  TODAY,
  USERS,
  writeFixtureWorkbook,
} from '../fixtures/report-workbook';

const dir = mkdtempSync(join(tmpdir(), 'roadmap500-refusals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusals = async (file: string): Promise<unknown[][]> =>
  (await LocalHost.open(file)).values('Журнал').filter((r) => r[2] === 'Ссылка отклонена');

it('a made-up link opened and refused is in «Журнал» once the server stops', async () => {
  const file = join(dir, 'книга.xlsx');
  await writeFixtureWorkbook(file);
  const server = await startWebFormServer({ workbook: file });
  try {
    const page = await fetch(`${server.url}?t=подделка`);
    expect(await page.text()).toContain('Ссылка недействительна');
    const call = await fetch(`${server.url}rpc/getReportFormData`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(['подделка']),
    });
    expect(JSON.stringify(await call.json())).toContain('недействительна');
  } finally {
    await server.close();
  }
  expect(await refusals(file)).toHaveLength(2);
});

it('does not write a report into a workbook open in Excel, and does not tell the school it was saved', async () => {
  const file = join(dir, 'открыта.xlsx');
  await writeFixtureWorkbook(file);
  const maker = await LocalHost.open(file, { webAppUrl: 'http://127.0.0.1:8500/' });
  maker.run('reportLinks');
  const link = maker.values('Ссылки для отчётов').find((r) => r[2] === USERS.reporterA)?.[3];
  await maker.save(file);
  const token = new URL(String(link)).searchParams.get('t') ?? '';
  const form = {
    schoolCode: SCHOOL_A,
    activityId: activityIds().everyone,
    period: '',
    status: 'В работе',
    fact: '',
    comment: 'Отчёт при открытой книге',
    link: '',
    key: '00000000-0000-4000-9000-000000000001',
  };
  const server = await startWebFormServer({ workbook: file, today: TODAY.slice(0, 10) });
  const submit = (): Promise<Response> =>
    fetch(`${server.url}rpc/submitReport`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([form, token]),
    });
  const excelLock = join(dir, '~$открыта.xlsx');
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const before = readFileSync(file);
    writeFileSync(excelLock, 'coordinator');
    const refused = await submit();
    expect(refused.ok).toBe(false); // the form says «Не удалось сохранить отчёт. Повторите позже…»
    expect(await refused.text()).not.toContain(dir); // nothing of the coordinator's computer
    expect(readFileSync(file).equals(before)).toBe(true);
    // The form still opens for other schools meanwhile.
    expect((await fetch(`${server.url}?t=${token}`)).status).toBe(200);
    const said = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(said).toContain('открыта в другой программе (есть файл «~$открыта.xlsx»)');
    expect(said).not.toMatch(/\n\s+at /); // a message for the coordinator, not a stack trace

    rmSync(excelLock);
    const saved = await submit(); // the school sends the same form again
    expect(saved.ok).toBe(true);
  } finally {
    stderr.mockRestore();
    await server.close();
  }
  const rows = (await savedReports(file)).slice(1);
  expect(rows.map((r) => r[7])).toEqual(['Отчёт при открытой книге']);
});
