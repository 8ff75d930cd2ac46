/** Browser: 20 reporters of 20 schools submit through their links at once; 20 rows, one per school. */
import type { Page } from 'playwright-core';
import { savedReports, TITLES } from '../fixtures/report-workbook';
import { fillForm, openSidebar, result } from './harness';
import { webFormSession } from './web-form';

const N = 20;
const code = (i: number): string => `75-1${String(i).padStart(2, '0')}`;
const reporter = (i: number): string => `director@school${i}.ru`;
const s = webFormSession({
  Школы: [
    ['Код', 'Полное наименование', 'Краткое наименование', 'Отчитывающиеся (email)', 'Куратор (email)'],
    ...Array.from({ length: N }, (_, i) => [
      code(i),
      `МОУ СОШ №${i + 10}`,
      `СОШ №${i + 10}`,
      reporter(i),
      '',
    ]),
  ],
});

it('stores all 20 reports exactly once, each under its link school', async () => {
  const pages: Page[] = await Promise.all(
    Array.from({ length: N }, (_, i) => openSidebar(s.browser, s.link(reporter(i)))),
  );
  await Promise.all(
    pages.map((page, i) =>
      fillForm(page, { activity: TITLES.everyone, status: 'В работе', comment: `Отчёт ${i + 1}` }),
    ),
  );
  await Promise.all(pages.map((page) => page.click('#submit')));
  const messages = await Promise.all(pages.map((page) => result(page)));
  expect(messages).toEqual(Array(N).fill('Отчёт сохранён.'));

  const rows = (await savedReports(s.served.workbook)).slice(1);
  expect(rows).toHaveLength(N);
  expect(rows.map((r) => r[2]).sort()).toEqual(Array.from({ length: N }, (_, i) => code(i)).sort());
  for (const r of rows) expect(r[1]).toBe(reporter(Number(String(r[2]).slice(-2))));
  expect(new Set(rows.map((r) => r[9])).size).toBe(N);
});
