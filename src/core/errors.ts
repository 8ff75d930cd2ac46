/** An error the user can fix: shown as is (Russian), never as a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    /** What to do about it. */
    readonly fix: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof Error && e.name === 'UserError';
}

/** A message from an error of any realm (errors thrown inside the vm are not `instanceof Error` here). */
export function messageOf(e: unknown): string {
  return e && typeof e === 'object' && 'message' in e && typeof e.message === 'string'
    ? e.message
    : String(e);
}
