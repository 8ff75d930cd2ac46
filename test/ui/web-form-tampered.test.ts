/** Browser: a tampered link shows the refusal page and nothing of the spreadsheet. */
import { SCHOOL_A, SCHOOL_B, TITLES, USERS } from '../fixtures/report-workbook';
import { webFormSession } from './web-form';

const s = webFormSession();

it('shows only the refusal page for a link with one character changed', async () => {
  const link = s.link(USERS.reporterA);
  const last = link.slice(-1);
  const tampered = `${link.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
  const page = await (await s.browser.newContext()).newPage();
  await page.goto(tampered);
  const text = (await page.textContent('body')) ?? '';
  expect(text).toContain('Ссылка недействительна');
  expect(await page.locator('form, select, input').count()).toBe(0);
  const html = await page.content();
  for (const secret of [
    'Чарская',
    'Новочарская',
    SCHOOL_A,
    SCHOOL_B,
    USERS.reporterA,
    ...Object.values(TITLES),
  ])
    expect(html).not.toContain(secret);
});
