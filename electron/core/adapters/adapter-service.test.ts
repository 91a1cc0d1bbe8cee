// The adapter service's own checks, before any OS call: a remove names an interface that could exist.
import { describe, expect, it } from 'vitest';
import { createAdapterService } from './adapter-service';

describe('adapter service remove', () => {
  it('refuses an empty name as INVALID_INPUT, not as an unknown interface', async () => {
    await expect(createAdapterService().remove('')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      key: 'adapters.input.nameEmpty',
    });
  });

  it('refuses a name no Linux interface can have (over 15 characters)', async () => {
    await expect(createAdapterService(undefined, 'linux').remove('x'.repeat(16))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      key: 'adapters.input.nameTooLong',
      params: { max: 15 },
    });
  });
});
