// The error every layer throws, with its stable codes: apart from the wire schema (errors.ts), so a fast path that
// only throws loads no zod.

/** Every error code a user can meet; the UI translates each (i18n key `errors.<CODE>`). */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'EPERM',
  'ESRCH',
  'NOT_SUPPORTED',
  'NEEDS_ELEVATION',
  'REFUSED',
  'COLLECTOR_FAILED',
  'TIMEOUT',
  'UNAUTHORIZED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure as it crosses a process boundary: plain data, never an Error instance (errors.ts checks its schema). */
export interface AppErrorData {
  readonly code: ErrorCode;
  /** English fallback message: what happened and what to do. */
  readonly message: string;
  /** Values the translated message interpolates (e.g. a field name). */
  readonly params?: Readonly<Record<string, string | number>>;
  /** i18n key of the specific message (e.g. `input.portRange`); without it the UI translates `errors.<code>`. */
  readonly key?: string;
}

/** An error carrying a stable code, thrown inside core and turned into a Result at the boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly key?: string;
  constructor(code: ErrorCode, message: string, params?: Readonly<Record<string, string | number>>, key?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.key = key;
  }

  /** Plain data for the wire. */
  toData(): AppErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.params && { params: this.params }),
      ...(this.key && { key: this.key }),
    };
  }
}
