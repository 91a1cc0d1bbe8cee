// How every binding here reaches a native library: loaded and its functions declared on first use, so importing a
// binding module on an OS without that library costs nothing.
import koffi, { type TypeObject } from 'koffi';

/**
 * One function: a C prototype (`int close(int fd)`), or a Win32 function as [result type, parameter types], which
 * declares the `__stdcall` function named by its key.
 */
export type Declaration = string | readonly [result: string, params: readonly (string | TypeObject)[]];

/** What a declared function answers, as the callers read it: a number for an integer result, else an opaque pointer. */
type Result<D> = D extends `void${string}` | readonly [`void${string}`, unknown] ? unknown : number;

/** A bound function; `async` runs it on a libuv worker thread and calls back with (error, result). */
export type NativeFunction<R> = ((...args: unknown[]) => R) & { async(...args: unknown[]): void };

/** The functions of a declaration table, under the table's keys. */
export type Bindings<D extends Record<string, Declaration>> = {
  readonly [K in keyof D]: NativeFunction<Result<D[K]>>;
};

/** Loads `path` and declares each of `declarations`; throws when the library or one of the symbols is missing. */
export function bindLibrary<const D extends Record<string, Declaration>>(path: string, declarations: D): Bindings<D> {
  const l = koffi.load(path);
  const bound: Record<string, unknown> = {};
  for (const [name, d] of Object.entries(declarations)) {
    bound[name] = typeof d === 'string' ? l.func(d) : l.func('__stdcall', name, d[0], [...d[1]]);
  }
  return bound as Bindings<D>;
}

/** `make`'s value from its first call on; a call that throws keeps nothing, so the next one tries again. */
export function onFirstUse<T>(make: () => T): () => T {
  let made: { readonly value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

/** The bindings of one library, bound on the first call of the returned getter. */
export function lazyLibrary<const D extends Record<string, Declaration>>(
  path: string,
  declarations: D,
): () => Bindings<D> {
  return onFirstUse(() => bindLibrary(path, declarations));
}
