/** Runs dist/Code.js in a node:vm context whose globals are the host's services and whose clock is simulated. */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

/**
 * The Date the bundle sees: `new Date()` and `Date.now()` read the simulated clock. It is built on this
 * realm's Date, so dates crossing between the host and the script are one kind (`instanceof Date` holds
 * both ways, as it does in Apps Script where there is only one realm).
 */
function simulatedDate(nowMs: () => number): DateConstructor {
  const RealDate = Date;
  function SimDate(this: unknown, ...args: unknown[]): Date | string {
    if (!new.target) return new RealDate(nowMs()).toString();
    return args.length === 0 ? new RealDate(nowMs()) : (Reflect.construct(RealDate, args) as Date);
  }
  SimDate.prototype = RealDate.prototype;
  SimDate.now = (): number => nowMs();
  SimDate.UTC = RealDate.UTC;
  SimDate.parse = RealDate.parse;
  return SimDate as unknown as DateConstructor;
}

export class ScriptRuntime {
  private readonly context: vm.Context;

  constructor(codePath: string, globals: Record<string, unknown>, nowMs: () => number) {
    let code: string;
    try {
      code = readFileSync(codePath, 'utf8');
    } catch {
      throw new Error(`Не найден ${codePath}: сначала выполните «npm run build».`);
    }
    this.context = vm.createContext({ ...globals, Date: simulatedDate(nowMs) });
    vm.runInContext(code, this.context, { filename: 'Code.js' });
  }

  /** Calls a global function of the bundle and returns its result. */
  call(fn: string, args: unknown[]): unknown {
    const f: unknown = this.context[fn];
    if (typeof f !== 'function') throw new Error(`В dist/Code.js нет функции «${fn}»`);
    return (f as (...a: unknown[]) => unknown)(...args);
  }
}
