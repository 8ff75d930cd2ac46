/** `roadmap500 serve`: a refused link is logged in «Журнал» of the workbook on disk, not only in the server's memory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalHost } from '../../src/local/host';
import { startWebFormServer } from '../../src/local/serve-sidebar';
import { writeFixtureWorkbook } from '../fixtures/report-workbook';

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
