// Expected failures travel as values, never as thrown exceptions across the boundary.

export interface AppError {
  /** Stable machine code, e.g. the AWS error name (`AccessDeniedException`) or one of ours (`NoCredentials`). */
  code: string;
  /** One sentence for the user: what went wrong. */
  message: string;
  /** What to do about it, as precisely as we can say (a command, a console page, an IAM action). */
  hint?: string;
  /** Whether trying again unchanged may succeed (throttling, 5xx, dropped connection). */
  retryable: boolean;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: AppError): Result<T> => ({ ok: false, error });

export function appError(code: string, message: string, hint?: string, retryable = false): AppError {
  return hint === undefined ? { code, message, retryable } : { code, message, hint, retryable };
}
