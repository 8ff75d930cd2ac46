/** Counts every call on the in-memory service objects and fails loudly on methods the host lacks. */

/** Property reads that tooling (jest, promises, util.inspect) makes on any object; never a script's call. */
const TOOLING = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  'nodeType',
  'tagName',
  'constructor',
  'inspect',
  'toString',
  'valueOf',
  'length',
  'prototype',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'call',
  'apply',
  'bind',
]);

/** Base of every in-memory Apps Script object: its class name is what the counter and errors show. */
export abstract class ServiceObject {
  abstract readonly className: string;
  /** Spreadsheet-service objects are counted; the other services are only guarded. */
  get counted(): boolean {
    return true;
  }
}

export class CallCounter {
  /** `counting: false` gives a guarded view whose calls are not counted (for tests' own assertions). */
  constructor(
    private readonly counting = true,
    /** Called before every call: the host refuses calls the current kind of run may not make. */
    private readonly guard: (key: string) => void = () => undefined,
  ) {}
  private counts = new Map<string, number>();
  private proxies = new WeakMap<object, object>();
  private targets = new WeakMap<object, object>();

  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  byMethod(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort((a, b) => b[1] - a[1]));
  }

  reset(): void {
    this.counts.clear();
  }

  /**
   * The proxy a script sees: calls are counted (when `counted`), results that are service objects are
   * wrapped too, and a method the host does not implement throws an Error naming it.
   */
  wrap<T extends object>(target: T, className: string, counted = true): T {
    const known = this.proxies.get(target);
    if (known) return known as T;
    const proxy = new Proxy(target, {
      get: (t, prop, receiver) => {
        const value: unknown = Reflect.get(t, prop, receiver);
        if (typeof prop === 'symbol' || TOOLING.has(prop) || prop.startsWith('@@') || prop.startsWith('$$'))
          return value;
        if (value === undefined && !(prop in t)) {
          throw new Error(`Локальный хост не поддерживает ${className}.${prop}`);
        }
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        const key = `${className}.${prop}`;
        return (...args: unknown[]) => {
          this.guard(key);
          if (counted && this.counting) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
          return this.wrapResult(
            method.apply(
              t,
              args.map((a) => this.unwrap(a)),
            ),
          );
        };
      },
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }

  /** The object behind a proxy, also inside an array of them (setRanges, setConditionalFormatRules). */
  unwrap<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      // Value grids are left alone: only arrays that hold service objects need their elements unwrapped.
      const items: readonly unknown[] = value;
      return items.some((v) => v !== null && typeof v === 'object' && this.targets.has(v))
        ? (items.map((v) => this.unwrap(v)) as T)
        : value;
    }
    return (this.targets.get(value) as T | undefined) ?? value;
  }

  private wrapResult(value: unknown): unknown {
    if (value instanceof ServiceObject) return this.wrap(value, value.className, value.counted);
    if (Array.isArray(value) && value.some((v) => v instanceof ServiceObject))
      return value.map((v: unknown) => this.wrapResult(v));
    return value;
  }
}
