/** Bundle figures: size as pushed, size minified, and cold-load time in a fresh vm context. */
import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { medianMs, round } from './stats';

export interface BundleFigures {
  bytes: number;
  minifiedBytes: number;
  coldLoadMs: number;
}

/** Every custom-function call in Sheets loads the whole script into a fresh context: that is the cold load. */
export function bundleFigures(path: string): BundleFigures {
  const code = readFileSync(path, 'utf8');
  const minified = transformSync(code, { minify: true, target: 'es2020', charset: 'utf8' }).code;
  // Compiled afresh each time (a new Script per run), as a cold Apps Script execution does.
  const coldLoadMs = medianMs(() => new vm.Script(code).runInContext(vm.createContext({})), 15);
  return {
    bytes: Buffer.byteLength(code),
    minifiedBytes: Buffer.byteLength(minified),
    coldLoadMs: round(coldLoadMs, 2),
  };
}
