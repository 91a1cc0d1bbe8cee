// Stable error codes that cross every boundary, and the Result wrapper they travel in.
import { z } from 'zod';
import { AppError, ERROR_CODES, type AppErrorData } from './app-error';

export { AppError, ERROR_CODES, type AppErrorData, type ErrorCode } from './app-error';

/** Values a translated message interpolates, by placeholder name (`{{field}}` -> params.field). */
export const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const errorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** English fallback message: what happened and what to do. */
  message: z.string(),
  /** Values the translated message interpolates (e.g. a field name). */
  params: messageParamsSchema.readonly().optional(),
  /** i18n key of the specific message (e.g. `input.portRange`); without it the UI translates `errors.<code>`. */
  key: z.string().optional(),
});
// The schema and the interface describe one shape: each must be assignable to the other.
type SchemaData = Readonly<z.output<typeof errorDataSchema>>;
const sameShape: [SchemaData extends AppErrorData ? true : never, AppErrorData extends SchemaData ? true : never] = [
  true,
  true,
];
void sameShape;

/** What every request returns: a value, or an error; never a throw. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorData };

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
