/**
 * Browser: the first submitReport reaches the server but its answer is lost (a gateway timeout); the
 * sidebar retries once with the same key and the workbook holds one report.
 */
import { savedReports, TITLES, USERS } from '../fixtures/report-workbook';
import { fillForm, openSidebar, result, sidebarSession } from './harness';

const s = sidebarSession(USERS.reporterA);

it('retries once after a timeout with the same key and stores one report', async () => {
  const page = await openSidebar(s.browser, s.served.url);
  const sent: string[] = [];
  await page.route('**/rpc/submitReport', async (route) => {
    sent.push(route.request().postData() ?? '');
    const response = await route.fetch();
    if (sent.length === 1) await route.fulfill({ status: 504, body: 'Gateway Timeout' });
    else await route.fulfill({ response });
  });
  await fillForm(page, { activity: TITLES.everyone, status: 'Выполнено', comment: 'Письмо отправлено' });
  await page.click('#submit');
  expect(await result(page)).toBe('Этот отчёт уже был сохранён.');
  expect(sent).toHaveLength(2);
  expect(sent[1]).toBe(sent[0]);
  const rows = await savedReports(s.served.workbook);
  expect(rows.slice(1)).toHaveLength(1);
});
