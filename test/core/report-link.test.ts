/** Signed report links: the token a school's link carries, and how a forged, changed or revoked one is refused. */
import { createHmac } from 'node:crypto';
import {
  constantTimeEqual,
  reportLinkUrl,
  signLink,
  TOKEN_MAX,
  verifyLink,
  type HmacSha256,
  type LinkClaims,
} from '../../src/core/report-link';

// Signed bytes, as Apps Script's Utilities.computeHmacSha256Signature returns them.
const hmac: HmacSha256 = (value, key) =>
  [...createHmac('sha256', key).update(value).digest()].map((b) => (b > 127 ? b - 256 : b));
const SECRET = '5f0c6a1e9b8d4c3aa7e2f1d0c9b8a7e65f0c6a1e9b8d4c3aa7e2f1d0c9b8a7e6';
const claims: LinkClaims = { schoolCode: '75-001', reporter: 'director@charsk1.ru', version: 1 };
const current = (versions: Record<string, number>) => (code: string) => versions[code] ?? 1;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('signLink / verifyLink', () => {
  const token = signLink(claims, SECRET, hmac);

  it('round-trips the school, the reporter and the key version', () => {
    expect(verifyLink(token, SECRET, hmac, current({}))).toEqual({ ok: true, claims });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('round-trips a Cyrillic school code and an address with a plus', () => {
    const c = { schoolCode: 'Чарская СОШ №1', reporter: 'zavuch+report@charsk1.ru', version: 7 };
    expect(verifyLink(signLink(c, SECRET, hmac), SECRET, hmac, current({ 'Чарская СОШ №1': 7 }))).toEqual({
      ok: true,
      claims: c,
    });
  });

  it('refuses the token with any one character changed, wherever it is', () => {
    let refused = 0;
    for (let i = 0; i < token.length; i++) {
      const ch = token[i] ?? '';
      const other = ch === '.' ? 'A' : B64[(B64.indexOf(ch) + 1) % 64];
      const tampered = token.slice(0, i) + other + token.slice(i + 1);
      if (!verifyLink(tampered, SECRET, hmac, current({})).ok) refused++;
    }
    expect(refused).toBe(token.length);
  });

  it('refuses a token cut short, extended or with another school swapped into the payload', () => {
    const other = signLink({ ...claims, schoolCode: '75-002' }, SECRET, hmac);
    const [payloadB] = other.split('.');
    const [, sigA] = token.split('.');
    for (const t of [token.slice(0, -1), `${token}A`, `${payloadB}.${sigA}`, token.split('.')[0]])
      expect(verifyLink(t, SECRET, hmac, current({})).ok).toBe(false);
  });

  it('accepts the token with the punctuation a copy from a letter took along', () => {
    for (const t of [`${token}.`, `${token},`, `${token})`, `${token}».`])
      expect(verifyLink(t, SECRET, hmac, current({}))).toEqual({ ok: true, claims });
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyLink(signLink(claims, `${SECRET}x`, hmac), SECRET, hmac, current({}))).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses a link made before the school key version was bumped (revoked), and only that school', () => {
    expect(verifyLink(token, SECRET, hmac, current({ '75-001': 2 }))).toEqual({
      ok: false,
      reason: 'revoked',
    });
    const b = signLink({ ...claims, schoolCode: '75-002' }, SECRET, hmac);
    expect(verifyLink(b, SECRET, hmac, current({ '75-001': 2 })).ok).toBe(true);
  });

  it.each<[string, unknown]>([
    ['no token', undefined],
    ['a number', 42],
    ['an empty string', ''],
    ['no signature', 'abc'],
    ['characters outside base64url', 'ab+c.d/ef'],
    ['a huge token', `${'A'.repeat(TOKEN_MAX)}.${'B'.repeat(43)}`],
  ])('refuses %s as malformed, before any HMAC is computed', (_, t) => {
    let computed = 0;
    const counting: HmacSha256 = (v, k) => {
      computed++;
      return hmac(v, k);
    };
    expect(verifyLink(t, SECRET, counting, current({}))).toEqual({ ok: false, reason: 'malformed' });
    expect(computed).toBe(0);
  });

  it('refuses every token while there is no secret', () => {
    expect(verifyLink(token, '', hmac, current({})).ok).toBe(false);
  });

  it('puts the token in the t parameter of the web app address', () => {
    expect(reportLinkUrl('https://script.google.com/macros/s/X/exec', 'a.b')).toBe(
      'https://script.google.com/macros/s/X/exec?t=a.b',
    );
    expect(reportLinkUrl('http://127.0.0.1:8500/?x=1', 'a.b')).toBe('http://127.0.0.1:8500/?x=1&t=a.b');
  });
});

describe('constantTimeEqual', () => {
  /** An array that counts how many of its elements were read. */
  function counted(values: number[]): { array: ArrayLike<number>; reads: () => number } {
    let reads = 0;
    const array = new Proxy(values, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    return { array, reads: () => reads };
  }

  it('tells equal from different inputs', () => {
    expect(constantTimeEqual([1, 2, 3], [1, 2, 3])).toBe(true);
    expect(constantTimeEqual([1, 2, 3], [1, 2, 4])).toBe(false);
    expect(constantTimeEqual([1, 2, 3], [1, 2])).toBe(false);
    expect(constantTimeEqual([], [])).toBe(true);
  });

  it('reads every element whether the first or the last one differs', () => {
    const expected = Array.from({ length: 43 }, (_, i) => i);
    const firstWrong = counted([99, ...expected.slice(1)]);
    const lastWrong = counted([...expected.slice(0, -1), 99]);
    const same = counted([...expected]);
    expect(constantTimeEqual(expected, firstWrong.array)).toBe(false);
    expect(constantTimeEqual(expected, lastWrong.array)).toBe(false);
    expect(constantTimeEqual(expected, same.array)).toBe(true);
    expect(firstWrong.reads()).toBe(43);
    expect(lastWrong.reads()).toBe(43);
    expect(same.reads()).toBe(43);
  });
});
