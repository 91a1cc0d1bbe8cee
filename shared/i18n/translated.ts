// The type a translation of an English section has: the same keys, nested the same way, each with a string.

/** `T`'s keys, each string replaced by any string: a translation keeps the English keys and nesting. */
export type Translated<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translated<T[K]> };
