// Stable error codes that cross every boundary, and the Result wrapper they travel in.
import { z } from 'zod';

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

export const errorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** English fallback message: what happened and what to do. */
  message: z.string(),
  /** Values the translated message interpolates (e.g. a field name). */
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .readonly()
    .optional(),
  /** i18n key of the specific message (e.g. `input.portRange`); without it the UI translates `errors.<code>`. */
  key: z.string().optional(),
});
/** A failure as it crosses a process boundary: plain data, never an Error instance. */
export type AppErrorData = Readonly<z.output<typeof errorDataSchema>>;

/** What every request returns: a value, or an error; never a throw. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorData };

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

/** Wraps a value as a successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Turns anything thrown into wire data, keeping AppError codes and hiding other internals behind INTERNAL. */
export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `Internal error: ${message}` };
}
