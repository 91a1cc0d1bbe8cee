// The trace clock in epoch ms: steady offset, stepped wall clocks followed.
import { describe, expect, it } from 'vitest';
import { MonoToEpoch } from './trace-clock';

describe('MonoToEpoch', () => {
  it('keeps one offset while the wall clock agrees, and follows a step', () => {
    let epochMs = 10_000;
    let monoNs = 5e9;
    const c = new MonoToEpoch(() => ({ epochMs, monoNs }), 20, 5_000.25);
    expect(c.offset()).toBe(5_000.25);
    // Date.now() ticks in whole ms: a 1 ms disagreement is its resolution, not a step.
    epochMs = 10_501;
    monoNs = 5.5e9;
    expect(c.offset()).toBe(5_000.25);
    epochMs = 70_500; // the wall clock jumped a minute
    expect(c.offset()).toBe(65_000);
  });
});
