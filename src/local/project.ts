/** Where the project's files are (dist/, appsscript.json), whether this runs from src/local or bundled in lib/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { valueText } from '../core/grid';

export function projectRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'esbuild.config.mjs'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** The script's own time zone (appsscript.json): Apps Script's zone for local-time Date methods and triggers without inTimezone. */
export function scriptTimeZone(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(projectRoot(), 'appsscript.json'), 'utf8')) as {
      timeZone?: unknown;
    };
    return typeof manifest.timeZone === 'string' ? manifest.timeZone : 'Europe/Moscow';
  } catch {
    return 'Europe/Moscow';
  }
}

/** The package's version, for --version. */
export function packageVersion(): string {
  try {
    return valueText(
      (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version?: unknown })
        .version,
    );
  } catch {
    return '';
  }
}
