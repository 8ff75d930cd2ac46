/** Browser: an empty status and a `javascript:` link are refused with a message next to the field. */
import type { Page } from 'playwright-core';
import { savedReports, SCHOOL_A, TITLES, USERS } from '../fixtures/report-workbook';
import { callServer, fillForm, openSidebar, sidebarSession } from './harness';

const s = sidebarSession(USERS.reporterA);

async function fieldError(
  page: Page,
  id: string,
): Promise<{ text: string; invalid: string | null; focused: boolean }> {
  await page.waitForSelector(`#${id}-error:not(:empty)`);
  return {
    text: (await page.textContent(`#${id}-error`)) ?? '',
    invalid: await page.getAttribute(`#${id}`, 'aria-invalid'),
    focused: (await page.locator(':focus').getAttribute('id')) === id,
  };
}

it('refuses an empty status next to the status field', async () => {
  const page = await openSidebar(s.browser, s.served.url);
  await fillForm(page, { activity: TITLES.everyone, status: '', comment: 'без статуса' });
  await page.click('#submit');
  expect(await fieldError(page, 'status')).toEqual({
    text: 'Выберите статус из списка.',
    invalid: 'true',
    focused: true,
  });
});

it('refuses a javascript: link next to the link field', async () => {
  const page = await openSidebar(s.browser, s.served.url);
  await fillForm(page, {
    activity: TITLES.everyone,
    status: 'Выполнено',
    link: 'javascript:alert(document.cookie)',
  });
  await page.click('#submit');
  const e = await fieldError(page, 'link');
  expect(e.text).toMatch(/http:\/\/ или https:\/\//);
  expect(e).toMatchObject({ invalid: 'true', focused: true });
  expect(await page.textContent('#status-error')).toBe('');
});

it('refuses the same form on the server when the page check is bypassed', async () => {
  const page = await openSidebar(s.browser, s.served.url);
  const activityId = await page.inputValue('#activity');
  const response = await callServer(page, 'submitReport', {
    schoolCode: SCHOOL_A,
    activityId,
    period: '',
    status: 'Выполнено',
    fact: '',
    comment: '',
    link: 'javascript:alert(1)',
    key: '11111111-2222-4333-8444-555555555555',
  });
  expect(response).toMatchObject({ type: 'refused', field: 'link' });
  expect(await savedReports(s.served.workbook)).toEqual([]);
});
