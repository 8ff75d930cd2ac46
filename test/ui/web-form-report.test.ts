/** Browser: a school opens its link, sees only its own activities, reports; the workbook gets one row for it. */
import { COMMENT_MAX, FACT_MAX, LINK_MAX } from '../../src/core/report';
import { savedReports, SCHOOL_A, TITLES, USERS } from '../fixtures/report-workbook';
import { fillForm, openSidebar, result } from './harness';
import { webFormSession } from './web-form';

const s = webFormSession();

it("shows school A's link only A's activities, and stores its report as A's", async () => {
  const page = await openSidebar(s.browser, s.link(USERS.reporterA));
  expect(await page.textContent('#user')).toContain(USERS.reporterA);
  expect(await page.locator('#school option').allTextContents()).toEqual(['Чарская СОШ №1']);
  const activities = await page.locator('#activity option').allTextContents();
  expect(activities).toHaveLength(3);
  for (const title of [TITLES.onlyA, TITLES.quarterlyA, TITLES.everyone])
    expect(activities.some((t) => t.includes(title))).toBe(true);
  expect(activities.some((t) => t.includes(TITLES.onlyB))).toBe(false);

  // The fields stop where the server's limits are.
  expect(await page.getAttribute('#fact', 'maxlength')).toBe(String(FACT_MAX));
  expect(await page.getAttribute('#comment', 'maxlength')).toBe(String(COMMENT_MAX));
  expect(await page.getAttribute('#link', 'maxlength')).toBe(String(LINK_MAX));

  await fillForm(page, { activity: TITLES.onlyA, status: 'Выполнено', fact: '1', comment: 'По ссылке' });
  await page.click('#submit');
  expect(await result(page)).toBe('Отчёт сохранён.');
  // Choosing another activity takes the message away: it was about the first one.
  await fillForm(page, { activity: TITLES.everyone });
  expect(await page.textContent('#result')).toBe('');

  const rows = (await savedReports(s.served.workbook)).slice(1);
  expect(rows).toHaveLength(1);
  expect(rows[0]?.slice(1, 3)).toEqual([USERS.reporterA, SCHOOL_A]);
  expect(rows[0]?.[7]).toBe('По ссылке');
});
