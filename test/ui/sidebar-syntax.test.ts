/**
 * The built page's scripts parse in an old phone browser: the guard that reports a failed start in ES5, the
 * page's own script in ES2019 (Chrome 73, an Android WebView of 2019 on a phone that was never updated;
 * no optional chaining or `??`, which came with Chrome 80).
 */
import { parse } from 'acorn';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const PAGE = path.join(__dirname, '..', '..', 'dist', 'Sidebar.html');

it('has an ES5 guard and an ES2019 script', () => {
  const scripts = [...readFileSync(PAGE, 'utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(scripts).toHaveLength(2);
  const [guard = '', page = ''] = scripts;
  expect(() => parse(guard, { ecmaVersion: 5 })).not.toThrow();
  expect(() => parse(page, { ecmaVersion: 2019 })).not.toThrow();
});
