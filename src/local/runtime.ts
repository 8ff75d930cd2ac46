/** Runs dist/Code.js in a node:vm context whose globals are the host's services and whose clock is simulated. */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

/**
 * Replaces the context's Date so that `new Date()` and `Date.now()` read the simulated clock; every
 * other use of Date is the context's own.
 */
const DATE_PATCH = `(function (nowMs) {
  var RealDate = Date;
  function SimDate() {
    if (!new.target) return new RealDate(nowMs()).toString();
    return arguments.length === 0 ? new RealDate(nowMs()) : Reflect.construct(RealDate, Array.prototype.slice.call(arguments));
  }
  SimDate.prototype = RealDate.prototype;
  SimDate.now = function () { return nowMs(); };
  SimDate.UTC = RealDate.UTC;
  SimDate.parse = RealDate.parse;
  globalThis.Date = SimDate;
})`;

export class ScriptRuntime {
  private readonly context: vm.Context;

  constructor(codePath: string, globals: Record<string, unknown>, nowMs: () => number) {
    let code: string;
    try {
      code = readFileSync(codePath, 'utf8');
    } catch {
      throw new Error(`Не найден ${codePath}: сначала выполните «npm run build».`);
    }
    this.context = vm.createContext({ ...globals });
    (vm.runInContext(DATE_PATCH, this.context) as (f: () => number) => void)(nowMs);
    vm.runInContext(code, this.context, { filename: 'Code.js' });
  }

  /** Calls a global function of the bundle and returns its result. */
  call(fn: string, args: unknown[]): unknown {
    const f: unknown = this.context[fn];
    if (typeof f !== 'function') throw new Error(`В dist/Code.js нет функции «${fn}»`);
    return (f as (...a: unknown[]) => unknown)(...args);
  }

  has(fn: string): boolean {
    return typeof this.context[fn] === 'function';
  }
}
