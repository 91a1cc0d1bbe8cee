// The trace clock (CLOCK_MONOTONIC) in epoch ms, steady so that traced events keep their order.

/**
 * Maps the trace clock (CLOCK_MONOTONIC, what process.hrtime reads) to epoch ms. The offset is measured once, to
 * sub-millisecond precision, and kept while the wall clock agrees within stepMs, so event times stay in order;
 * a wall clock that was stepped (NTP, by hand) is followed.
 */
export class MonoToEpoch {
  private value: number;

  /**
   * @param now the wall clock (Date.now()) and CLOCK_MONOTONIC (ns) read together
   * @param initial the first offset; by default from performance.timeOrigin + performance.now(), which is the wall
   *   clock at start with sub-ms precision (it does not follow later steps, which is why `now` is Date.now())
   */
  constructor(
    private readonly now: () => { readonly epochMs: number; readonly monoNs: number } = sample,
    private readonly stepMs = 20,
    initial = performance.timeOrigin + performance.now() - Number(process.hrtime.bigint()) / 1e6,
  ) {
    this.value = initial;
  }

  /** Epoch ms at CLOCK_MONOTONIC 0: add a trace timestamp / 1e6 to get its epoch ms. */
  offset(): number {
    const s = this.now();
    const fresh = s.epochMs - s.monoNs / 1e6;
    if (Math.abs(fresh - this.value) > this.stepMs) this.value = fresh;
    return this.value;
  }
}

function sample(): { epochMs: number; monoNs: number } {
  return { epochMs: Date.now(), monoNs: Number(process.hrtime.bigint()) };
}
