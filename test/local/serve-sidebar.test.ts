/** `roadmap500 serve-sidebar` over HTTP, without a browser: what it serves and what it turns away. */
import { request } from 'node:http';
import { savedReports, USERS } from '../fixtures/report-workbook';
import { serve, type Served } from '../ui/harness';

let served: Served;
beforeAll(async () => {
  served = await serve(USERS.reporterA);
});
afterAll(async () => {
  await served?.stop();
});

/** A raw request (fetch would not let a test set the Host header). */
function call(
  method: string,
  path: string,
  body = '',
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const url = new URL(path, served.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { host: url.host, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };

it('serves the built page with the google.script.run stand-in', async () => {
  const page = await call('GET', '/');
  expect(page.status).toBe(200);
  expect(page.text).toContain('window.google = { script: { run:');
  expect(page.text).toContain('<label for="status">');
});

it('answers the sidebar calls and nothing else of the bundle', async () => {
  const data = await call('POST', '/rpc/getReportFormData', '[]', json);
  expect(data.status).toBe(200);
  expect(JSON.parse(data.text)).toMatchObject({ value: { type: 'ok', data: { user: USERS.reporterA } } });
  expect((await call('POST', '/rpc/sendReminders', '[]', json)).status).toBe(404);
  expect((await call('POST', '/rpc/openReportSidebar', '[]', json)).status).toBe(404);
});

it('turns away requests another site could send, and oversized bodies', async () => {
  const form = JSON.stringify([
    {
      schoolCode: '75-001',
      activityId: '15',
      period: '',
      status: 'В работе',
      fact: '',
      comment: 'csrf',
      link: '',
      key: '22222222-2222-4222-8222-222222222222',
    },
  ]);
  expect((await call('POST', '/rpc/submitReport', form, { 'content-type': 'text/plain' })).status).toBe(415);
  expect((await call('POST', '/rpc/submitReport', form, { ...json, host: 'evil.example:80' })).status).toBe(
    403,
  );
  expect((await call('POST', '/rpc/submitReport', 'x'.repeat(1_100_000), json)).status).toBe(413);
  expect(await savedReports(served.workbook)).toEqual([]);
});
