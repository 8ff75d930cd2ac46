/**
 * The server functions the sidebar calls through `google.script.run`, as the client sees them: one
 * declaration, checked against the server (src/gas/app.ts, `satisfies`) and mapped to promises for the
 * client (src/ui/server.ts).
 */
import type { FormDataResponse, ReportForm, SubmitResponse } from '../core/report';

/**
 * The sidebar calls without a token (the signed-in editor); the web form opened from a school's link
 * passes the link's token on every call, and the server checks it each time.
 */
export interface ServerEndpoints {
  getReportFormData(token?: string): FormDataResponse;
  submitReport(form: ReportForm, token?: string): SubmitResponse;
}

export type EndpointName = keyof ServerEndpoints;

/** The client's view: every endpoint returns a promise (google.script.run is asynchronous). */
export type ClientEndpoints = {
  [K in EndpointName]: (...args: Parameters<ServerEndpoints[K]>) => Promise<ReturnType<ServerEndpoints[K]>>;
};
