/**
 * Browser: the filled form at the sidebar's 300 px, saved as test-artifacts/sidebar-filled.png; it fits
 * without horizontal scrolling, every control has its label, the Russian text is drawn in a real font,
 * and the keyboard reaches «Отправить».
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { TITLES, USERS } from '../fixtures/report-workbook';
import { fillForm, openSidebar, sidebarSession } from './harness';

const ARTIFACT = path.join(__dirname, '..', '..', 'test-artifacts', 'sidebar-filled.png');
const s = sidebarSession(USERS.reporterA);

it('renders the filled form at 300 px and writes the screenshot', async () => {
  const page = await openSidebar(s.browser, s.served.url);
  await fillForm(page, {
    activity: TITLES.quarterlyA,
    period: '2022-Q3',
    status: 'Частично выполнено',
    fact: '3',
    comment: 'Участвовали в трёх вебинарах ИРО из четырёх запланированных.',
    link: 'https://charsk1.ru/500plus/vebinary',
  });
  expect(await page.isVisible('#period')).toBe(true);
  expect(await page.textContent('#fact-hint')).toContain('План: 4');

  const width = await page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
  expect(width).toBeLessThanOrEqual(300);

  // Without a font that has Cyrillic, Chromium draws nothing (width 0) or the same box for every letter.
  const letterWidths = await page.evaluate(() => {
    type Canvas = { getContext(t: '2d'): { font: string; measureText(s: string): { width: number } } };
    type Doc = { createElement(t: 'canvas'): Canvas; body: unknown };
    const g = globalThis as unknown as { document: Doc; getComputedStyle(e: unknown): { font: string } };
    const ctx = g.document.createElement('canvas').getContext('2d');
    ctx.font = g.getComputedStyle(g.document.body).font;
    return ['ш', 'г'].map((letter) => ctx.measureText(letter).width);
  });
  const [wide = 0, narrow = 0] = letterWidths;
  expect(narrow).toBeGreaterThan(0);
  expect(wide).toBeGreaterThan(narrow);

  const controls = await page
    .locator('select, input, textarea')
    .evaluateAll((els) => els.map((e) => (e as { id: string }).id));
  expect(controls).toEqual(['school', 'activity', 'period', 'status', 'fact', 'comment', 'link']);
  for (const id of controls) expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);

  await page.focus('#school');
  const order: string[] = [];
  for (let i = 0; i < 10 && order[order.length - 1] !== 'submit'; i++) {
    await page.keyboard.press('Tab');
    order.push((await page.locator(':focus').getAttribute('id')) ?? '');
  }
  expect(order).toEqual(['activity', 'period', 'status', 'fact', 'comment', 'link', 'submit']);

  mkdirSync(path.dirname(ARTIFACT), { recursive: true });
  await page.screenshot({ path: ARTIFACT, fullPage: true });
});
