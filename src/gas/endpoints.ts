/**
 * The server functions the sidebar calls through `google.script.run`, as the client sees them: one
 * declaration, checked against the server (src/gas/app.ts, `satisfies`) and mapped to promises for the
 * client (src/ui/server.ts).
 */
import type { FormDataResponse, ReportForm, SubmitResponse } from '../core/report';

export interface ServerEndpoints {
  getReportFormData(): FormDataResponse;
  submitReport(form: ReportForm): SubmitResponse;
}

export type EndpointName = keyof ServerEndpoints;

/** The client's view: every endpoint returns a promise (google.script.run is asynchronous). */
export type ClientEndpoints = {
  [K in EndpointName]: (...args: Parameters<ServerEndpoints[K]>) => Promise<ReturnType<ServerEndpoints[K]>>;
};
