// Contract, core handlers, preload allowlist and browser-bridge routes must be one and the same set.
import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENTS, channels, events } from '../../shared/contract';
import { ALLOWED_CHANNELS, ALLOWED_EVENTS } from '../preload/allowlist';
import { BRIDGE_ROUTES } from '../server/routes';
import { createHandlers } from './handlers';
import type { CoreServices } from './services';

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('contract parity', () => {
  // Building the handler table touches no service, so an empty services object is enough to read its keys.
  const handlerNames = Object.keys(createHandlers({} as CoreServices));

  it('has a core handler for every channel and no other', () => {
    expect(sorted(handlerNames)).toEqual(sorted(CHANNELS));
  });

  it('lets the preload reach every channel and event and no other', () => {
    expect(sorted(ALLOWED_CHANNELS)).toEqual(sorted(CHANNELS));
    expect(sorted(ALLOWED_EVENTS)).toEqual(sorted(EVENTS));
  });

  it('routes every channel through the browser bridge and no other', () => {
    expect(sorted(BRIDGE_ROUTES)).toEqual(sorted(CHANNELS));
  });

  it('names channels domain:verb and declares schemas for each', () => {
    for (const c of CHANNELS) {
      expect(c).toMatch(/^[a-z]+:[a-z-]+$/);
      expect(channels[c].request).toBeDefined();
      expect(channels[c].response).toBeDefined();
    }
    for (const e of EVENTS) expect(events[e]).toBeDefined();
  });
});
