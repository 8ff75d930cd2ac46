/** Browser: a double click on «Отправить» stores one report. */
import type { Browser } from 'playwright-core';
import { savedReports, TITLES, USERS } from '../fixtures/report-workbook';
import { fillForm, launch, openSidebar, result, serve, type Served } from './harness';

let browser: Browser;
let served: Served;

beforeAll(async () => {
  [browser, served] = await Promise.all([launch(), serve(USERS.reporterA)]);
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

it('stores one report when «Отправить» is double-clicked', async () => {
  const page = await openSidebar(browser, served.url);
  await fillForm(page, { activity: TITLES.everyone, status: 'В работе', comment: 'Письмо готовится' });
  await page.dblclick('#submit');
  expect(await result(page)).toMatch(/сохранён/);
  const rows = await savedReports(served.workbook);
  expect(rows.slice(1).map((r) => r[7])).toEqual(['Письмо готовится']);
});
