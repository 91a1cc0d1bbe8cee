// Top-N selection over a large map without sorting all of it: what keeps each labelled metric's series bounded.

/** The n best entries (best first) and the values of all the others. */
export interface TopN<T> {
  readonly top: readonly (readonly [string, T])[];
  readonly rest: readonly T[];
}

/**
 * Picks the `n` best entries by `better` (positive when a ranks before b); ties go to the smaller key, so the
 * choice is stable between scrapes. Keeps a sorted window of n: O(entries * log n) compares, no full sort.
 */
export function topN<T>(entries: Iterable<readonly [string, T]>, n: number, better: (a: T, b: T) => number): TopN<T> {
  const top: (readonly [string, T])[] = [];
  const rest: T[] = [];
  const before = (a: readonly [string, T], b: readonly [string, T]): boolean => {
    const c = better(a[1], b[1]);
    return c > 0 || (c === 0 && a[0] < b[0]);
  };
  for (const e of entries) {
    if (n <= 0) {
      rest.push(e[1]);
      continue;
    }
    const last = top[top.length - 1];
    if (top.length === n && last && !before(e, last)) {
      rest.push(e[1]);
      continue;
    }
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(top[mid], e)) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, e);
    if (top.length > n) {
      const dropped = top.pop();
      if (dropped) rest.push(dropped[1]);
    }
  }
  return { top, rest };
}
