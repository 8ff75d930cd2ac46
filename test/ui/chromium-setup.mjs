/**
 * Jest globalSetup: settles once per run which Chromium the browser tests launch, and hands its path to
 * every worker in CHROMIUM_PATH. A path set by the caller wins (also a deliberately broken one); then
 * Debian's /usr/bin/chromium; else the Chromium that the @sparticuz/chromium devDependency carries,
 * unpacked into the temp folder on the machine's first run (about 20 s, before any test's timeout starts)
 * and reused from there by every later run and suite. Plain ESM because that package is ESM only.
 */
import chromium from '@sparticuz/chromium';
import { accessSync, constants } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export default async function chromiumSetup() {
  if (process.env.CHROMIUM_PATH) return;
  process.env.CHROMIUM_PATH = isExecutable(SYSTEM_CHROMIUM)
    ? SYSTEM_CHROMIUM
    : await chromium.executablePath();
}
