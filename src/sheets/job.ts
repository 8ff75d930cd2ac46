/** What a job reports back: to the user (toast / CLI) and to the local command's exit status. */
export interface JobResult {
  /** 0: done; 1: the job found errors in the user's data (they are listed on a sheet). */
  exitCode: 0 | 1;
  /** One Russian sentence or two: what was done, what to look at. */
  message: string;
}

export const done = (message: string): JobResult => ({ exitCode: 0, message });
export const dataErrors = (message: string): JobResult => ({ exitCode: 1, message });
