/**
 * A phone for the browser tests: a touch screen of a given width that honours the page's viewport tag (as a
 * phone's browser does, unlike a desktop window), and the layout of the page as measured there.
 */
import type { Browser, Page } from 'playwright-core';

/** A blank tab of the school director's phone: 360×640 CSS px by default, a touch screen. */
export async function phone(browser: Browser, width = 360): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

/** `url` opened on the phone, once the form or a message shows. */
export async function openPhone(browser: Browser, url: string, width = 360): Promise<Page> {
  const page = await phone(browser, width);
  await page.goto(url);
  await page.waitForSelector('#report-form:not([hidden]), #page-message:not(:empty), h1');
  return page;
}

/** One element the reader sees, in CSS px of the page (its content overflows its own box: `cut`). */
export interface Box {
  name: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  height: number;
  fontSize: number;
  cut: boolean;
}

export interface Layout {
  innerWidth: number;
  /** Wider than innerWidth: the page scrolls sideways. */
  scrollWidth: number;
  boxes: Box[];
}

/** Text and controls a reader looks at: none contains another. */
export const READ_ITEMS =
  'h1, h2, p, label, select, input:not([type=hidden]), textarea, button, dt, dd, .reports li';

/**
 * Measures every visible element that `selector` matches. A string evaluated in the page: the tests are
 * compiled without the DOM's types.
 */
export function layout(page: Page, selector = READ_ITEMS): Promise<Layout> {
  return page.evaluate<Layout>(`(() => {
    const boxes = [];
    for (const e of document.querySelectorAll(${JSON.stringify(selector)})) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // A control scrolls its own text; any other element's text must fit in it.
      const control = ['SELECT', 'INPUT', 'TEXTAREA'].includes(e.tagName);
      boxes.push({
        name: e.id ? '#' + e.id : e.tagName.toLowerCase() + ' «' + e.textContent.trim().slice(0, 30) + '»',
        left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height,
        fontSize: parseFloat(getComputedStyle(e).fontSize),
        cut: !control && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1),
      });
    }
    return { innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, boxes };
  })()`);
}

/** Pairs of boxes that cover one another (by more than a pixel's rounding). */
export function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 1 && y > 1) found.push(`${a.name} × ${b.name}`);
    }
  });
  return found;
}

/** Boxes that stick out of the screen's width, or whose text does not fit in them. */
export function outOfWidth(l: Layout): string[] {
  return l.boxes.filter((b) => b.left < 0 || b.right > l.innerWidth + 0.5 || b.cut).map((b) => b.name);
}
