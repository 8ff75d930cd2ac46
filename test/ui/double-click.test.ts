/** Browser: a double click on «Отправить» stores one report; while saving, the button is off and a spinner shows. */
import { savedReports, TITLES, USERS } from '../fixtures/report-workbook';
import { fillForm, openSidebar, result, sidebarSession } from './harness';

const s = sidebarSession(USERS.reporterA);

it('stores one report when «Отправить» is double-clicked', async () => {
  const page = await openSidebar(s.browser, s.served.url);
  let calls = 0;
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  // The first answer is held back so the state while saving can be looked at.
  await page.route('**/rpc/submitReport', async (route) => {
    calls += 1;
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  await fillForm(page, { activity: TITLES.everyone, status: 'В работе', comment: 'Письмо готовится' });
  await page.dblclick('#submit');
  await page.waitForSelector('#saving:not([hidden])');
  expect(await page.isDisabled('#submit')).toBe(true);
  expect(await page.getAttribute('#report-form', 'aria-busy')).toBe('true');
  release();
  expect(await result(page)).toBe('Отчёт сохранён.');
  expect(await page.isHidden('#saving')).toBe(true);
  expect(calls).toBe(1);
  const rows = await savedReports(s.served.workbook);
  expect(rows.slice(1).map((r) => r[7])).toEqual(['Письмо готовится']);
});
