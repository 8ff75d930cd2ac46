/** Browser: a reporter fills the sidebar, submits, and the report lands in «Отчёты» of the saved workbook. */
import { REPORTS_HEADER } from '../../src/core/layouts';
import { savedReports, SCHOOL_A, TITLES, USERS } from '../fixtures/report-workbook';
import { fillForm, openSidebar, result, sidebarSession } from './harness';

const s = sidebarSession(USERS.reporterA);

it('stores the submitted report in the workbook and shows it under previous reports', async () => {
  const page = await openSidebar(s.browser, s.served.url);
  expect(await page.textContent('#user')).toContain(USERS.reporterA);
  await fillForm(page, {
    activity: TITLES.onlyA,
    status: 'Выполнено',
    fact: '2',
    comment: 'Справка направлена в МОУО',
    link: 'https://charsk1.ru/docs/spravka.pdf',
  });
  expect(await page.textContent('#deadline')).toContain('Сентябрь 2022 г.');
  expect(await page.textContent('#planned')).toContain('не менее 1');
  expect(await page.textContent('#activity-status')).toContain('Просрочено');
  await page.click('#submit');
  expect(await result(page)).toBe('Отчёт сохранён.');

  const rows = await savedReports(s.served.workbook);
  // The header's exact text is pinned in test/sheets/report-sidebar.test.ts.
  expect(rows[0]).toEqual([...REPORTS_HEADER]);
  expect(rows).toHaveLength(2);
  const row = rows[1] ?? [];
  expect(row[0]).toBeInstanceOf(Date);
  expect(row.slice(1, 3)).toEqual([USERS.reporterA, SCHOOL_A]);
  expect(row.slice(5, 9)).toEqual([
    'Выполнено',
    '2',
    'Справка направлена в МОУО',
    'https://charsk1.ru/docs/spravka.pdf',
  ]);
  expect(String(row[9])).toMatch(/^[0-9a-f-]{36}$/);

  // The form is ready for the next report, the stored one is listed, and the status is refreshed.
  expect(await page.inputValue('#status')).toBe('');
  expect(await page.textContent('#reports')).toContain('Справка направлена в МОУО');
  await page.waitForFunction(() => {
    const doc = (
      globalThis as unknown as {
        document: { getElementById(id: string): { textContent: string | null } | null };
      }
    ).document;
    return doc.getElementById('activity-status')?.textContent?.startsWith('Выполнено') ?? false;
  });
  expect(await page.inputValue('#activity')).toBe(String(row[3]));
});
