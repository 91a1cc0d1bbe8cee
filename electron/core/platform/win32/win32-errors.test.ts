// Win32 failures of kill and close map to the stable codes the UI translates, elevated or not.
import { describe, expect, it } from 'vitest';
import { closeError, killError } from './win32-errors';

describe('killError', () => {
  it('maps access denied to NEEDS_ELEVATION when not elevated, EPERM when already elevated', () => {
    expect(killError(1234, 5, false).code).toBe('NEEDS_ELEVATION');
    expect(killError(1234, 5, true).code).toBe('EPERM');
  });

  it('maps ERROR_INVALID_PARAMETER (no such pid) to ESRCH', () => {
    const e = killError(1234, 87, false);
    expect(e.code).toBe('ESRCH');
    expect(e.params).toEqual({ pid: 1234 });
  });

  it('keeps other codes as INTERNAL with the Win32 code', () => {
    expect(killError(1, 6, false).toData()).toMatchObject({ code: 'INTERNAL', params: { pid: 1, code: 6 } });
  });

  it('says what to do in the message', () => {
    expect(killError(9, 5, false).message).toMatch(/run elevated/);
  });
});

describe('closeError', () => {
  it('maps 317 and access denied to NEEDS_ELEVATION (EPERM when elevated)', () => {
    expect(closeError(317, false).code).toBe('NEEDS_ELEVATION');
    expect(closeError(5, false).code).toBe('NEEDS_ELEVATION');
    expect(closeError(317, true).code).toBe('EPERM');
  });

  it('maps a connection that is gone to ESRCH', () => {
    expect(closeError(1168, true).code).toBe('ESRCH');
    expect(closeError(87, true).code).toBe('ESRCH');
  });

  it('maps ERROR_NOT_SUPPORTED to NOT_SUPPORTED and anything else to INTERNAL', () => {
    expect(closeError(50, true).code).toBe('NOT_SUPPORTED');
    expect(closeError(1, true).code).toBe('INTERNAL');
  });
});
