/**
 * Which web addresses a school can open: a link to 127.0.0.1 or «localhost» opens only on this computer,
 * and 0.0.0.0 is what a server listens on («every address»), not an address to open.
 */
import { networkInterfaces } from 'node:os';

const THIS_COMPUTER_ONLY = /^(?:127(?:\.\d+){3}|localhost|\[::1\]|0\.0\.0\.0|\[::\])$/i;

/** True when a school's link to `url` cannot open on the school's computer. */
export function unreachableForSchools(url: string): boolean {
  try {
    return THIS_COMPUTER_ONLY.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** «Every address» as a server's listening host (0.0.0.0, [::]). */
export function listensEverywhere(hostname: string): boolean {
  return /^(?:0\.0\.0\.0|\[::\])$/.test(hostname);
}

/**
 * The addresses to give `reportLinks --base-url` for a server at `serverUrl`: for one listening on every
 * address, this computer's addresses in the local network (IPv4, not loopback).
 */
export function linkBasesFor(serverUrl: string): string[] {
  const url = new URL(serverUrl);
  if (!listensEverywhere(url.hostname)) return [url.href];
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => {
      const base = new URL(url.href);
      base.hostname = a?.address ?? '';
      return base.href;
    });
}
