// The pipe's SDDL: exactly one allow-all ACE for the user's SID, protected, and no way to splice in another ACE.
import { describe, expect, it } from 'vitest';
import { userOnlySddl } from './win-pipe-server';

describe('userOnlySddl', () => {
  it('grants all access to the one SID, in a protected DACL', () => {
    expect(userOnlySddl('S-1-5-21-1004336348-1177238915-682003330-1001')).toBe(
      'D:P(A;;GA;;;S-1-5-21-1004336348-1177238915-682003330-1001)',
    );
  });

  it('takes the short SIDs Wine and well-known accounts use', () => {
    expect(userOnlySddl('S-1-5-21-0-0-0-1000')).toBe('D:P(A;;GA;;;S-1-5-21-0-0-0-1000)');
    expect(userOnlySddl('S-1-5-18')).toBe('D:P(A;;GA;;;S-1-5-18)');
  });

  it.each([
    ['an ACE smuggled in', 'S-1-5-21-1)(A;;GA;;;WD'],
    ['an SDDL alias', 'WD'],
    ['empty', ''],
    ['a bare authority', 'S-1-5'],
    ['trailing text', 'S-1-5-21-1-2-3-1001 '],
  ])('refuses %s', (_what, sid) => {
    expect(() => userOnlySddl(sid)).toThrow(/not a string SID/);
  });
});
