// Which rows each version of the live table touched, so a view can bring its rows from the version it last saw to
// the current one by looking at those rows only, instead of filtering and sorting the whole table again.

/** Versions kept: a view more than this many versions behind recomputes everything. */
const KEEP = 32;

export class TableJournal {
  private entries: { readonly version: number; readonly keys: readonly string[] }[] = [];

  /** `version` changed exactly the rows in `keys` (added, changed, removed or no longer shown as closed). */
  record(version: number, keys: readonly string[]): void {
    this.entries.push({ version, keys });
    if (this.entries.length > KEEP) this.entries.shift();
  }

  /**
   * The keys touched by the versions after `from` up to `to`, or null when one of them was not recorded (a
   * snapshot, the past, service names: any change that did not say which rows it touched) or is no longer kept.
   */
  touchedBetween(from: number, to: number): Set<string> | null {
    const out = new Set<string>();
    let next = from + 1;
    for (const e of this.entries) {
      if (e.version < next) continue;
      if (e.version > to) break;
      if (e.version !== next) return null;
      for (const k of e.keys) out.add(k);
      next++;
    }
    return next === to + 1 ? out : null;
  }
}
