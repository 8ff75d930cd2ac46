/**
 * Browser: the web form as a school director opens it from the e-mailed link, on a phone (360 and 320 CSS px,
 * a touch screen), with the seeds' long titles: nothing scrolls sideways, nothing is cut or covered, the
 * controls are big enough for a finger, a large default font is honoured, the keyboard alone fills and
 * sends it, errors are announced and a slow or lost connection says what is happening and what to do.
 * The filled form at 360 px is saved as test-artifacts/web-form-phone-360.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPORT_MSG } from '../../src/core/messages';
import { LONG_SCHOOL, LONG_SECTION, LONG_TITLES, longTitleSheets } from '../fixtures/long-titles';
import { savedReports, USERS } from '../fixtures/report-workbook';
import { fillForm, result } from './harness';
import { layout, openPhone, phone, outOfWidth, overlaps, type Layout } from './phone';
import { webFormSession } from './web-form';

const ARTIFACT = path.join(__dirname, '..', '..', 'test-artifacts', 'web-form-phone-360.png');
/** The smallest tap target Apple and Google advise (44 pt / 48 dp); the page keeps to 44 CSS px. */
const TAP = 44;
const CONTROLS = ['#school', '#activity', '#period', '#status', '#fact', '#comment', '#link', '#submit'];

const s = webFormSession(longTitleSheets());
beforeAll(() => mkdirSync(path.dirname(ARTIFACT), { recursive: true }));

async function filledForm(width: number): Promise<Page> {
  const page = await openPhone(s.browser, s.link(USERS.reporterA), width);
  await fillForm(page, {
    activity: LONG_TITLES.contracts.slice(0, 60),
    period: '2022-Q3',
    status: 'Частично выполнено',
    fact: '3',
    comment:
      'Заключены договоры с МОУ Новочарская СОШ №2 и Домом детского творчества; договор с ИРО Забайкальского края на согласовании.',
    link: 'https://charsk1.ru/500plus/dogovory-o-sotrudnichestve-2022-kvartal-3',
  });
  return page;
}

function boxesOf(l: Layout, names: string[]): Layout['boxes'] {
  return l.boxes.filter((b) => names.includes(b.name));
}

it.each([360, 320])(
  'fits a %i px phone with long titles: no sideways scroll, big controls',
  async (width) => {
    const page = await filledForm(width);
    // Taken first, so that a failing check below still leaves the picture to look at.
    if (width === 360) await page.screenshot({ path: ARTIFACT, fullPage: true });
    const l = await layout(page);
    expect(l.innerWidth).toBe(width);
    expect(l.scrollWidth).toBeLessThanOrEqual(width);
    expect(outOfWidth(l)).toEqual([]);
    expect(overlaps(l.boxes)).toEqual([]);
    const controls = boxesOf(l, CONTROLS);
    expect(controls.map((b) => b.name)).toEqual(CONTROLS);
    expect(controls.filter((c) => c.height < TAP).map((c) => `${c.name} ${c.height}px`)).toEqual([]);
    // A phone cuts a long option to one line: the details block under the select shows the whole title.
    expect(await page.textContent('#activity-title')).toBe(LONG_TITLES.contracts);
    expect(await page.textContent('#activity-section')).toBe(`1. ${LONG_SECTION}`);
    expect(await page.locator('#school option').allTextContents()).toEqual([LONG_SCHOOL]);
    await page.context().close();
  },
);

it.each([360, 320])('fits the refusal page of a bad link on a %i px phone', async (width) => {
  const page = await openPhone(s.browser, `${s.served.url}?t=broken.link`, width);
  const l = await layout(page, 'h1, p');
  // Without its viewport tag a phone lays the page out 980 px wide and shrinks it to unreadable text.
  expect(l.innerWidth).toBe(width);
  expect(l.scrollWidth).toBeLessThanOrEqual(width);
  expect(outOfWidth(l)).toEqual([]);
  expect(l.boxes.every((b) => b.fontSize >= 16)).toBe(true);
  await page.context().close();
});

it("honours the reader's larger font: text grows, nothing covers or cuts anything", async () => {
  const page = await filledForm(360);
  const before = await layout(page);
  // What a reader who set the browser's default font to 150 % gets.
  await page.evaluate("document.documentElement.style.fontSize = '150%'");
  await page.screenshot({ path: ARTIFACT.replace('.png', '-font-150.png'), fullPage: true });
  const after = await layout(page);
  const label = (l: Layout): number => l.boxes.find((b) => b.name.startsWith('label «Статус'))?.fontSize ?? 0;
  expect(label(after)).toBeGreaterThanOrEqual(label(before) * 1.4);
  expect(after.scrollWidth).toBeLessThanOrEqual(360);
  expect(outOfWidth(after)).toEqual([]);
  expect(overlaps(after.boxes)).toEqual([]);
  await page.context().close();
});

it('is filled and sent by keyboard alone; Enter in a field of an unfinished form sends nothing', async () => {
  const page = await openPhone(s.browser, s.link(USERS.reporterA));
  for (const id of CONTROLS.slice(0, -1))
    expect(await page.locator(`label[for="${id.slice(1)}"]`).count()).toBe(1);
  let sent = 0;
  await page.route('**/rpc/submitReport', async (route) => {
    sent += 1;
    await route.continue();
  });
  await page.focus('#school');
  await page.keyboard.press('Tab');
  // The first of the two activities is the quarterly one: the period field follows it.
  const order = ['#activity'];
  for (let i = 0; i < 10 && order[order.length - 1] !== '#submit'; i++) {
    await page.keyboard.press('Tab');
    order.push(`#${(await page.locator(':focus').getAttribute('id')) ?? ''}`);
  }
  expect(order).toEqual(CONTROLS.slice(1));

  // The error regions are in the page before they speak, so a screen reader announces them.
  const silent = await page.evaluate<
    string[]
  >(`[...document.querySelectorAll('.error, #result, #page-message')]
    .filter((e) => getComputedStyle(e).display === 'none' ||
      !(e.getAttribute('aria-live') || ['alert', 'status'].includes(e.getAttribute('role'))))
    .map((e) => e.id)`);
  expect(silent).toEqual([]);

  await page.focus('#fact');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  expect(await page.textContent('#status-error')).toBe(REPORT_MSG.status);
  expect(await page.getAttribute('#status', 'aria-invalid')).toBe('true');
  expect(await page.locator(':focus').getAttribute('id')).toBe('status');
  await page.keyboard.press('ArrowDown');
  await page.focus('#link');
  await page.keyboard.press('Enter');
  expect(await result(page)).toBe(REPORT_MSG.saved);
  expect(sent).toBe(1);
  await page.context().close();
});

it('on a slow connection says «Сохраняем…»; a lost one says what to do and keeps the form', async () => {
  const page = await filledForm(360);
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/rpc/submitReport', async (route) => {
    await held;
    await route.abort('internetdisconnected');
  });
  await page.click('#submit');
  await page.waitForSelector('#submit:disabled');
  expect(await page.textContent('#submit')).toBe('Сохраняем…');
  release();
  expect(await result(page)).toBe(REPORT_MSG.notSent);
  // The whole message is on the screen, not under its lower edge where the thumb just tapped.
  const shown = await page.evaluate<number[]>(
    "[document.getElementById('result').getBoundingClientRect().bottom, window.innerHeight]",
  );
  // Scrolled into view up to the last CSS pixel (layout positions are fractional).
  expect(shown[0]).toBeLessThanOrEqual((shown[1] ?? 0) + 1);
  expect(await page.textContent('#submit')).toBe('Отправить');
  expect(await page.isEnabled('#submit')).toBe(true);
  expect(await page.inputValue('#fact')).toBe('3');

  await page.unroute('**/rpc/submitReport');
  await page.click('#submit');
  await page.waitForSelector('#result.ok');
  expect(await page.textContent('#result')).toBe(REPORT_MSG.saved);
  expect(
    (await savedReports(s.served.workbook)).slice(1).filter((r) => r[4] === 'III квартал 2022'),
  ).toHaveLength(1);
  // The stored report, with its long link, is listed under the form and fits too.
  await page.waitForSelector('#reports li');
  const l = await layout(page);
  expect(l.scrollWidth).toBeLessThanOrEqual(360);
  expect(outOfWidth(l)).toEqual([]);
  await page.context().close();
});

it('says what to do when the browser cannot run the page (an old Android WebView)', async () => {
  const page = await phone(s.browser);
  // The page's own script, last in the page, made unreadable as new syntax is to an old browser.
  await page.route(/\?t=/, async (route) => {
    const html = await (await route.fetch()).text();
    const at = html.lastIndexOf('<script>') + '<script>'.length;
    await route.fulfill({ contentType: 'text/html', body: `${html.slice(0, at)}@@${html.slice(at)}` });
  });
  await page.goto(s.link(USERS.reporterA));
  await page.waitForSelector('#page-message:not(:empty)');
  expect(await page.textContent('#page-message')).toContain('Обновите браузер');
  expect(await page.isHidden('#loading')).toBe(true);
  await page.context().close();
});
