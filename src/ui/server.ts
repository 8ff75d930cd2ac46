/** The server calls as promises over google.script.run, typed from src/gas/endpoints.ts; one retry after a timeout. */
import type { ClientEndpoints, EndpointName, ServerEndpoints } from '../gas/endpoints';

interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
}

// Only what the page uses of HtmlService's client API (the Apps Script server types do not apply here).
declare const google: { script: { run: ScriptRun } };

/**
 * Apps Script reports a call that ran too long or lost its connection as a ScriptError / NetworkError
 * («Exceeded maximum execution time», «NetworkError: Connection failure due to HTTP 0»); those are worth one
 * retry, since the idempotency key makes a repeated submit harmless.
 */
export function isTimeout(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /time ?out|timed out|execution time|NetworkError|превышен|время ожидания/i.test(text);
}

function callOnce<K extends EndpointName>(
  name: K,
  args: Parameters<ServerEndpoints[K]>,
): Promise<ReturnType<ServerEndpoints[K]>> {
  return new Promise((resolve, reject) => {
    const run = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerEndpoints[K]>))
      .withFailureHandler(reject) as unknown as Record<K, (...a: unknown[]) => void>;
    run[name](...args);
  });
}

async function call<K extends EndpointName>(
  name: K,
  args: Parameters<ServerEndpoints[K]>,
): Promise<ReturnType<ServerEndpoints[K]>> {
  try {
    return await callOnce(name, args);
  } catch (e) {
    if (!isTimeout(e)) throw e;
    return callOnce(name, args);
  }
}

// google.script.run takes no `undefined` argument: the sidebar's calls go without the token.
export const server: ClientEndpoints = {
  getReportFormData: (token) => call('getReportFormData', token === undefined ? [] : [token]),
  submitReport: (form, token) => call('submitReport', token === undefined ? [form] : [form, token]),
};
