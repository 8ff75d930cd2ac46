/**
 * Browser (QA #4): the form for a recurring activity marks the periods the school let pass without a
 * report and pre-selects the oldest of them, never the current period that is not due yet; once none
 * is overdue, the director must choose the period.
 */
import type { Page } from 'playwright-core';
import { savedReports, TITLES, USERS } from '../fixtures/report-workbook';
import { fillForm, openSidebar, result } from './harness';
import { webFormSession } from './web-form';

const s = webFormSession();

/** The selected period and the texts of all the options, as the director sees them. */
async function periods(page: Page): Promise<{ selected: string; options: string[] }> {
  return {
    selected: await page.inputValue('#period'),
    options: await page.locator('#period option').allTextContents(),
  };
}

/** Reports the selected period done, then waits for the reloaded form to select `next`. */
async function reportSelectedPeriod(page: Page, next: string): Promise<void> {
  await fillForm(page, { activity: TITLES.quarterlyA, status: 'Выполнено', fact: '1' });
  await page.click('#submit');
  expect(await result(page)).toBe('Отчёт сохранён.');
  await page.waitForFunction(`document.querySelector('#period').value === ${JSON.stringify(next)}`);
}

it('selects the oldest overdue quarter, marks the overdue ones, and moves on as they are reported', async () => {
  // Today is 15.10.2022: quarters I–III ended without a report from the school, IV is under way.
  const page = await openSidebar(s.browser, s.link(USERS.reporterA));
  await fillForm(page, { activity: TITLES.quarterlyA });
  expect(await periods(page)).toEqual({
    selected: '2022-Q1',
    options: [
      'IV квартал 2022',
      'III квартал 2022 — отчёт просрочен',
      'II квартал 2022 — отчёт просрочен',
      'I квартал 2022 — отчёт просрочен',
    ],
  });
  // The date shown is the next report's, said so: beside «Просрочено» a bare «срок 31.12.2022» read as a contradiction.
  expect(await page.textContent('#deadline')).toContain('(срок следующего отчёта 31.12.2022)');

  await reportSelectedPeriod(page, '2022-Q2');
  expect((await periods(page)).options).toContain('I квартал 2022');
  await reportSelectedPeriod(page, '2022-Q3');
  await reportSelectedPeriod(page, '');
  const rows = (await savedReports(s.served.workbook)).slice(1);
  expect(rows.map((r) => r[4])).toEqual(['I квартал 2022', 'II квартал 2022', 'III квартал 2022']);
});

it('makes the director choose when no period is overdue: the current one is not due yet', async () => {
  // Runs after the test above: the school has reported quarters I–III.
  const page = await openSidebar(s.browser, s.link(USERS.reporterA));
  await fillForm(page, { activity: TITLES.quarterlyA });
  expect(await periods(page)).toEqual({
    selected: '',
    options: [
      '— выберите период —',
      'IV квартал 2022',
      'III квартал 2022',
      'II квартал 2022',
      'I квартал 2022',
    ],
  });
  await fillForm(page, { activity: TITLES.quarterlyA, status: 'Выполнено', fact: '1' });
  await page.click('#submit');
  await page.waitForSelector('#period-error:not(:empty)');
  expect(await page.textContent('#period-error')).toBe('Для регулярного мероприятия выберите период.');
  expect((await savedReports(s.served.workbook)).slice(1)).toHaveLength(3);
});
