/**
 * Signed report links: a school reporter's personal token, an HMAC-SHA256 over the school code, the
 * reporter's address and the school's key version. Pure: the HMAC itself comes from the host
 * (`Utilities.computeHmacSha256Signature` in Apps Script, node:crypto locally) through `HmacSha256`.
 */

/** HMAC-SHA256 of an ASCII value with an ASCII key, as bytes (Apps Script's are signed, -128…127). */
export type HmacSha256 = (value: string, key: string) => readonly number[];

/** Who a link is for. */
export interface LinkClaims {
  schoolCode: string;
  /** The reporter's address, lower case. */
  reporter: string;
  /** The school's key version when the link was made; bumping it revokes every older link. */
  version: number;
}

/** Why a token is refused; the page shows the same refusal for each, the journal tells them apart. */
export type LinkRefusal = 'malformed' | 'signature' | 'revoked';

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: LinkRefusal };

/** Longer tokens are refused before any work (a real one is about 100 characters). */
export const TOKEN_MAX = 600;
/** The query parameter that carries the token: `<web app URL>?t=<token>`. */
export const TOKEN_PARAM = 't';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const TOKEN_RE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Base64url without padding. */
function base64url(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64.charAt((n >> (18 - 6 * k)) & 63);
  }
  return out;
}

function fromBase64url(text: string): number[] {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    buffer = ((buffer << 6) | B64.indexOf(ch)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 255);
    }
  }
  return bytes;
}

/**
 * UTF-8 bytes of a string. Through encodeURIComponent because Apps Script has no TextEncoder; a lone
 * surrogate throws (URIError), which the caller treats as a bad value.
 */
function utf8(text: string): number[] {
  const bytes: number[] = [];
  const encoded = encodeURIComponent(text);
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === '%') {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(encoded.charCodeAt(i));
  }
  return bytes;
}

function fromUtf8(bytes: readonly number[]): string {
  return decodeURIComponent(bytes.map((b) => `%${(b & 255).toString(16).padStart(2, '0')}`).join(''));
}

/**
 * Equality that reads every element of both inputs whatever they hold, so the time taken says nothing
 * about where a forged signature first differs.
 */
export function constantTimeEqual(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const n = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < n; i++) diff |= (i < a.length ? a[i] : 0) ^ (i < b.length ? b[i] : 0);
  return diff === 0;
}

const codes = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

function signature(payload: string, secret: string, hmac: HmacSha256): string {
  return base64url(hmac(payload, secret).map((b) => b & 255));
}

/** The token of a link: `<payload>.<signature>`, both base64url. */
export function signLink(claims: LinkClaims, secret: string, hmac: HmacSha256): string {
  const payload = base64url(utf8(`${claims.version}\n${claims.schoolCode}\n${claims.reporter}`));
  return `${payload}.${signature(payload, secret, hmac)}`;
}

/**
 * Checks a token from a request: its shape, its signature (compared in constant time, before anything
 * in it is trusted), then that its key version is the school's current one.
 */
export function verifyLink(
  given: unknown,
  secret: string,
  hmac: HmacSha256,
  currentVersion: (schoolCode: string) => number,
): LinkCheck {
  // A link copied from a letter's text often takes the sentence's full stop with it; no token ends so.
  const token = typeof given === 'string' ? given.replace(/[.,;:!?)»"']+$/, '') : given;
  if (typeof token !== 'string' || token.length > TOKEN_MAX || !TOKEN_RE.test(token) || secret === '')
    return { ok: false, reason: 'malformed' };
  const [payload = '', signed = ''] = token.split('.');
  if (!constantTimeEqual(codes(signature(payload, secret, hmac)), codes(signed)))
    return { ok: false, reason: 'signature' };
  let fields: string[];
  try {
    fields = fromUtf8(fromBase64url(payload)).split('\n');
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const [version = '', schoolCode = '', reporter = ''] = fields;
  if (fields.length !== 3 || !/^\d{1,9}$/.test(version) || schoolCode === '' || reporter === '')
    return { ok: false, reason: 'malformed' };
  const claims: LinkClaims = { schoolCode, reporter, version: Number(version) };
  if (claims.version !== currentVersion(schoolCode)) return { ok: false, reason: 'revoked' };
  return { ok: true, claims };
}

/** `<base>?t=<token>` (or `&t=` when the base already has a query). */
export function reportLinkUrl(base: string, token: string): string {
  return `${base}${base.includes('?') ? '&' : '?'}${TOKEN_PARAM}=${token}`;
}
