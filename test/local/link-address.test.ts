/** Which link addresses a school can open, and what `serve --host 0.0.0.0` tells the coordinator to use. */
import { linkBasesFor, unreachableForSchools } from '../../src/local/link-address';

it.each([
  ['http://127.0.0.1:8500/', true],
  ['http://127.0.1.1:8500/', true],
  ['http://localhost:8500/', true],
  ['http://[::1]:8500/', true],
  ['http://0.0.0.0:8500/', true],
  ['http://192.168.1.5:8500/', false],
  ['https://script.google.com/macros/s/X/exec', false],
])('a link to %s cannot open at a school: %s', (url, unreachable) => {
  expect(unreachableForSchools(url)).toBe(unreachable);
});

it('a server on every address is reached by this computer’s network addresses, never 0.0.0.0', () => {
  for (const base of linkBasesFor('http://0.0.0.0:8500/')) {
    expect(base).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:8500\/$/);
    expect(unreachableForSchools(base)).toBe(false);
  }
  expect(linkBasesFor('http://127.0.0.1:8500/')).toEqual(['http://127.0.0.1:8500/']);
});
