/** Browser: markup stored in a previous report is shown as text, and a non-http link is not clickable. */
import { SCHOOL_A, TITLES, USERS, writeFixtureWorkbook } from '../fixtures/report-workbook';
import { REPORTS_HEADER } from '../../src/core/layouts';
import { activityIds, chooseActivity, openSidebar, sidebarSession } from './harness';

const MARKUP = '<img src=x onerror="globalThis.__hacked=1"><b>жирный</b>';
const s = sidebarSession(USERS.reporterA, (file) => {
  const ids = activityIds();
  const previous = [
    [...REPORTS_HEADER],
    [
      new Date('2022-09-30T09:00:00Z'),
      'zavuch@charsk1.ru',
      SCHOOL_A,
      ids.onlyA,
      '',
      'В работе',
      '1',
      MARKUP,
      'javascript:alert(1)',
      'k-1',
    ],
  ];
  return writeFixtureWorkbook(file, { Отчёты: previous });
});

it('shows a stored comment with markup as plain text', async () => {
  const page = await openSidebar(s.browser, s.served.url);
  await chooseActivity(page, TITLES.onlyA);
  const reports = page.locator('#reports');
  await reports.locator('li').first().waitFor();
  expect(await reports.textContent()).toContain(MARKUP);
  expect(await reports.locator('img, b').count()).toBe(0);
  expect(await page.evaluate(() => (globalThis as { __hacked?: number }).__hacked)).toBeUndefined();
  const link = reports.locator('a');
  expect(await link.textContent()).toBe('javascript:alert(1)');
  expect(await link.getAttribute('href')).toBeNull();
  expect(await reports.textContent()).toContain('30.09.2022');
});
