/** Session, Properties, Cache, Lock, HtmlService, Utilities, Logger and Charts of the local host. */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CachePort,
  HtmlOutputPort,
  HtmlServicePort,
  LockPort,
  PropertiesPort,
  SessionPort,
  UserPort,
  UtilitiesPort,
} from '../sheets/ports';
import type { SimulatedClock } from './clock';
import { ServiceObject } from './counter';
import { formatPattern } from './zone';

/** Services other than the spreadsheet's are guarded (missing methods throw) but not counted. */
export abstract class GuardedService extends ServiceObject {
  override get counted(): boolean {
    return false;
  }
}

/** Apps Script enums print as their names. */
export const enumOf = <K extends string>(...names: K[]): Record<K, K> =>
  Object.fromEntries(names.map((n) => [n, n])) as Record<K, K>;

export class User extends GuardedService implements UserPort {
  readonly className = 'User';
  constructor(private readonly email: string) {
    super();
  }
  getEmail(): string {
    return this.email;
  }
}

export class Session extends GuardedService implements SessionPort {
  readonly className = 'Session';
  constructor(
    private readonly user: () => string,
    private readonly timeZone: () => string,
  ) {
    super();
  }
  getActiveUser(): User {
    return new User(this.user());
  }
  getEffectiveUser(): User {
    return new User(this.user());
  }
  getScriptTimeZone(): string {
    return this.timeZone();
  }
  getActiveUserLocale(): string {
    return 'ru';
  }
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(this.user()).digest('base64url').slice(0, 24);
  }
}

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

export class Properties extends GuardedService implements PropertiesPort {
  readonly className = 'Properties';
  constructor(readonly store: Map<string, string>) {
    super();
  }
  getProperty(key: string): string | null {
    return this.store.get(key) ?? null;
  }
  setProperty(key: string, value: string): this {
    return this.setProperties({ [key]: value });
  }
  setProperties(properties: Record<string, string>, deleteAllOthers = false): this {
    // Apps Script's limits, in UTF-8 bytes (a Cyrillic letter takes two): 9 KB per value, 500 KB per
    // store. Checked before anything is stored, so a refused call changes nothing.
    const next = new Map(deleteAllOthers ? [] : this.store);
    for (const [k, v] of Object.entries(properties)) {
      const text = String(v);
      if (utf8Bytes(text) > 9 * 1024) throw new Error('Argument too large: value');
      next.set(String(k), text);
    }
    let total = 0;
    for (const [k, v] of next) total += utf8Bytes(k) + utf8Bytes(v);
    if (total > 500 * 1024)
      throw new Error(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
    return this;
  }
  deleteProperty(key: string): this {
    this.store.delete(key);
    return this;
  }
  deleteAllProperties(): this {
    this.store.clear();
    return this;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store);
  }
  getKeys(): string[] {
    return [...this.store.keys()];
  }
}

export class PropertiesService extends GuardedService {
  readonly className = 'PropertiesService';
  constructor(
    private readonly stores: {
      document: Map<string, string>;
      script: Map<string, string>;
      user: Map<string, string>;
    },
  ) {
    super();
  }
  getDocumentProperties(): Properties {
    return new Properties(this.stores.document);
  }
  getScriptProperties(): Properties {
    return new Properties(this.stores.script);
  }
  getUserProperties(): Properties {
    return new Properties(this.stores.user);
  }
}

export type CacheStore = Map<string, { value: string; expires: number }>;

export class Cache extends GuardedService implements CachePort {
  readonly className = 'Cache';
  constructor(
    private readonly store: CacheStore,
    private readonly clock: SimulatedClock,
  ) {
    super();
  }
  get(key: string): string | null {
    const e = this.store.get(key);
    if (!e) return null;
    if (e.expires <= this.clock.nowMs()) {
      this.store.delete(key);
      return null;
    }
    return e.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  /** Default expiry 600 s, at most 21,600 s; values up to 100 KB, as in Apps Script. */
  put(key: string, value: string, expirationInSeconds = 600): void {
    if (key.length > 250) throw new Error('Argument too large: key');
    if (String(value).length > 100 * 1024) throw new Error('Argument too large: value');
    const seconds = Math.min(Math.max(1, expirationInSeconds), 21600);
    this.store.set(key, { value: String(value), expires: this.clock.nowMs() + seconds * 1000 });
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this.store.delete(key);
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.store.delete(k);
  }
}

export class CacheService extends GuardedService {
  readonly className = 'CacheService';
  constructor(
    private readonly stores: { document: CacheStore; script: CacheStore; user: CacheStore },
    private readonly clock: SimulatedClock,
  ) {
    super();
  }
  getDocumentCache(): Cache {
    return new Cache(this.stores.document, this.clock);
  }
  getScriptCache(): Cache {
    return new Cache(this.stores.script, this.clock);
  }
  getUserCache(): Cache {
    return new Cache(this.stores.user, this.clock);
  }
}

/** One lock per scope, shared by every run of a host. `owner` is the Lock object that holds it. */
export interface LockState {
  owner: Lock | null;
  execution: number;
}

export class Lock extends GuardedService implements LockPort {
  readonly className = 'Lock';
  constructor(
    private readonly state: LockState,
    private readonly clock: SimulatedClock,
    private readonly execution: () => number,
  ) {
    super();
  }
  tryLock(timeoutInMillis: number): boolean {
    if (this.state.owner === this) return true;
    if (this.state.owner === null) {
      this.state.owner = this;
      this.state.execution = this.execution();
      return true;
    }
    // Nothing else runs while this script waits, so the holder cannot let go: the wait just costs time.
    this.clock.advance(timeoutInMillis);
    return false;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis))
      throw new Error('Lock timeout: another process was holding the lock for too long.');
  }
  releaseLock(): void {
    if (this.state.owner === this) this.state.owner = null;
  }
  hasLock(): boolean {
    return this.state.owner === this;
  }
}

export class LockService extends GuardedService {
  readonly className = 'LockService';
  constructor(
    private readonly states: { document: LockState; script: LockState; user: LockState },
    private readonly clock: SimulatedClock,
    private readonly execution: () => number,
  ) {
    super();
  }
  getDocumentLock(): Lock {
    return new Lock(this.states.document, this.clock, this.execution);
  }
  getScriptLock(): Lock {
    return new Lock(this.states.script, this.clock, this.execution);
  }
  getUserLock(): Lock {
    return new Lock(this.states.user, this.clock, this.execution);
  }
}

export class HtmlOutput extends GuardedService implements HtmlOutputPort {
  readonly className = 'HtmlOutput';
  private title = '';
  private width = 300;
  private height = 0;
  constructor(private content: string) {
    super();
  }
  setTitle(title: string): this {
    this.title = title;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(width: number): this {
    this.width = width;
    return this;
  }
  getWidth(): number {
    return this.width;
  }
  setHeight(height: number): this {
    this.height = height;
    return this;
  }
  getHeight(): number {
    return this.height;
  }
  getContent(): string {
    return this.content;
  }
  setContent(content: string): this {
    this.content = content;
    return this;
  }
  append(addedContent: string): this {
    this.content += addedContent;
    return this;
  }
  setSandboxMode(): this {
    return this;
  }
  setXFrameOptionsMode(): this {
    return this;
  }
  /** Meta tags the web app adds to its page, by name. */
  readonly metaTags: Record<string, string> = {};
  addMetaTag(name: string, content: string): this {
    this.metaTags[name] = content;
    return this;
  }
}

export class HtmlService extends GuardedService implements HtmlServicePort {
  readonly className = 'HtmlService';
  readonly SandboxMode = enumOf('IFRAME', 'NATIVE', 'EMULATED');
  readonly XFrameOptionsMode = enumOf('ALLOWALL', 'DEFAULT');
  constructor(private readonly distDir: string) {
    super();
  }
  /** Reads `<dist>/<filename>.html`, the file clasp pushes next to Code.js. */
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    const file = join(this.distDir, filename.endsWith('.html') ? filename : `${filename}.html`);
    if (!existsSync(file)) throw new Error(`No HTML file named ${filename} was found.`);
    return new HtmlOutput(readFileSync(file, 'utf8'));
  }
  createHtmlOutput(html = ''): HtmlOutput {
    return new HtmlOutput(html);
  }
}

export class Utilities extends GuardedService implements UtilitiesPort {
  readonly className = 'Utilities';
  readonly DigestAlgorithm = enumOf('MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512');
  readonly Charset = enumOf('US_ASCII', 'UTF_8');
  constructor(private readonly clock: SimulatedClock) {
    super();
  }
  formatDate(date: Date, timeZone: string, format: string): string {
    return formatPattern(new Date(date.getTime()), timeZone, format);
  }
  getUuid(): string {
    return randomUUID();
  }
  /** Advances the simulated clock instead of blocking. */
  sleep(milliseconds: number): void {
    if (milliseconds > 300000) throw new Error('Invalid argument: milliseconds');
    this.clock.advance(milliseconds);
  }
  /** Signed bytes, as Apps Script returns them. */
  computeDigest(algorithm: string, value: string | number[]): number[] {
    const names: Record<string, string> = {
      MD2: 'md5',
      MD5: 'md5',
      SHA_1: 'sha1',
      SHA_256: 'sha256',
      SHA_384: 'sha384',
      SHA_512: 'sha512',
    };
    const name = names[algorithm];
    if (!name || algorithm === 'MD2')
      throw new Error(`Локальный хост не поддерживает Utilities.computeDigest(${algorithm})`);
    const data =
      typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value.map((b) => b & 255));
    return [...createHash(name).update(data).digest()].map((b) => (b > 127 ? b - 256 : b));
  }
  /** Signed bytes, as Apps Script returns them; strings are taken as UTF-8. */
  computeHmacSha256Signature(value: string | number[], key: string | number[]): number[] {
    const bytes = (v: string | number[]): Buffer =>
      typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v.map((b) => b & 255));
    return [...createHmac('sha256', bytes(key)).update(bytes(value)).digest()].map((b) =>
      b > 127 ? b - 256 : b,
    );
  }
  base64Encode(data: string | number[]): string {
    return (
      typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.map((b) => b & 255))
    ).toString('base64');
  }
  base64EncodeWebSafe(data: string | number[]): string {
    return this.base64Encode(data).replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    return [...Buffer.from(encoded, 'base64')].map((b) => (b > 127 ? b - 256 : b));
  }
  newBlob(data: string): { getDataAsString(): string } {
    return { getDataAsString: () => data };
  }
}

export class Logger extends GuardedService {
  readonly className = 'Logger';
  constructor(private readonly sink: (line: string) => void) {
    super();
  }
  log(format: unknown, ...values: unknown[]): this {
    let text = typeof format === 'string' ? format : JSON.stringify(format);
    values.forEach((v, i) => (text = text.replace(`%s`, String(v)).replace(`{${i}}`, String(v))));
    this.sink(text);
    return this;
  }
}

export const Charts = {
  ChartType: enumOf(
    'TIMELINE',
    'AREA',
    'BAR',
    'BUBBLE',
    'CANDLESTICK',
    'COLUMN',
    'COMBO',
    'GAUGE',
    'GEO',
    'HISTOGRAM',
    'RADAR',
    'LINE',
    'ORG',
    'PIE',
    'SCATTER',
    'SPARKLINE',
    'STEPPED_AREA',
    'TABLE',
    'TREEMAP',
    'WATERFALL',
  ),
};
