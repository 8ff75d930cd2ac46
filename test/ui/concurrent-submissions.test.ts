/** Browser: 20 submissions at once from 20 browser contexts all land, none lost or duplicated. */
import type { Page } from 'playwright-core';
import { savedReports, SCHOOL_A, SCHOOL_B, TITLES, USERS } from '../fixtures/report-workbook';
import { fillForm, openSidebar, result, sidebarSession } from './harness';

const N = 20;
const s = sidebarSession(USERS.coordinator);

it('stores all 20 reports exactly once', async () => {
  const pages: Page[] = await Promise.all(
    Array.from({ length: N }, () => openSidebar(s.browser, s.served.url)),
  );
  await Promise.all(
    pages.map((page, i) =>
      fillForm(page, {
        school: i % 2 ? SCHOOL_B : SCHOOL_A,
        activity: TITLES.everyone,
        status: 'В работе',
        comment: `Отчёт ${i + 1}`,
      }),
    ),
  );
  await Promise.all(pages.map((page) => page.click('#submit')));
  const messages = await Promise.all(pages.map((page) => result(page)));
  expect(messages).toEqual(Array(N).fill('Отчёт сохранён.'));

  const rows = (await savedReports(s.served.workbook)).slice(1);
  expect(rows.map((r) => r[7]).sort()).toEqual(Array.from({ length: N }, (_, i) => `Отчёт ${i + 1}`).sort());
  expect(new Set(rows.map((r) => r[9])).size).toBe(N);
  expect(rows.filter((r) => r[2] === SCHOOL_A)).toHaveLength(N / 2);
});
