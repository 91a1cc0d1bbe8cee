// The adapter service's own checks, before any OS call: a remove names an interface that could exist.
import { describe, expect, it } from 'vitest';
import type { AdapterBackend } from '../platform/platform';
import { createAdapterService } from './adapter-service';

/** A backend these checks must never reach: any OS call fails the test. */
const untouched: AdapterBackend = {
  list: () => {
    throw new Error('the OS was asked');
  },
  create: async () => {
    throw new Error('the OS was asked');
  },
  remove: async () => {
    throw new Error('the OS was asked');
  },
};

describe('adapter service remove', () => {
  it('refuses an empty name as INVALID_INPUT, not as an unknown interface', async () => {
    await expect(createAdapterService(untouched).remove('')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      key: 'adapters.input.nameEmpty',
    });
  });

  it('refuses a name no Linux interface can have (over 15 characters)', async () => {
    await expect(createAdapterService(untouched, 'linux').remove('x'.repeat(16))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      key: 'adapters.input.nameTooLong',
      params: { max: 15 },
    });
  });
});
