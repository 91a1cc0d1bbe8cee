// A fixed-size ring of time buckets: memory is capacity x bucket size, whatever the run time.

/** One resolution of a history: buckets of `bucketMs`, `capacity` of them. */
export interface Tier {
  /** Width of one bucket (ms). */
  readonly bucketMs: number;
  /** Buckets kept; the tier covers bucketMs x capacity. */
  readonly capacity: number;
}

/** Buckets of one tier, overwritten in place when time wraps around. */
export class BucketRing<B> {
  private readonly slots: (B | undefined)[];
  private readonly starts: Float64Array;

  constructor(
    readonly tier: Tier,
    private readonly create: () => B,
    private readonly reset: (bucket: B) => void,
  ) {
    this.slots = new Array<B | undefined>(tier.capacity);
    this.starts = new Float64Array(tier.capacity).fill(-1);
  }

  /** The bucket holding time `t` (ms since epoch), emptied first if its slot held an older interval. */
  at(t: number): B {
    const n = Math.floor(t / this.tier.bucketMs);
    const slot = n % this.tier.capacity;
    const start = n * this.tier.bucketMs;
    let b = this.slots[slot];
    if (b === undefined) {
      b = this.create();
      this.slots[slot] = b;
    } else if (this.starts[slot] !== start) {
      this.reset(b);
    }
    this.starts[slot] = start;
    return b;
  }

  /** Buckets whose interval starts in [from, to] (ms since epoch), oldest first, with their start times. */
  range(from: number, to: number): { start: number; bucket: B }[] {
    const out: { start: number; bucket: B }[] = [];
    const first = Math.max(
      Math.floor(from / this.tier.bucketMs),
      Math.floor(to / this.tier.bucketMs) - this.tier.capacity + 1,
    );
    const last = Math.floor(to / this.tier.bucketMs);
    for (let n = first; n <= last; n++) {
      const slot = n % this.tier.capacity;
      const b = this.slots[slot];
      if (b !== undefined && this.starts[slot] === n * this.tier.bucketMs)
        out.push({ start: n * this.tier.bucketMs, bucket: b });
    }
    return out;
  }
}

/** The finest tier that covers `windowMs`, or the coarsest when none does. */
export function tierFor<T extends { readonly tier: Tier }>(rings: readonly T[], windowMs: number): T {
  const fit = rings.find((r) => r.tier.bucketMs * r.tier.capacity >= windowMs);
  const fallback = rings[rings.length - 1];
  if (!fit && !fallback) throw new Error('no tiers');
  return (fit ?? fallback) as T;
}
