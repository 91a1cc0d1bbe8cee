import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, formProblems, formRequest, stepValid } from './wizard-form';

describe('wizard form', () => {
  it('reports problems per field as typed, against taken names', () => {
    const p = formProblems(
      { ...EMPTY_FORM, name: 'eth0', ipv4: 'fd00::1/64', ipv6: '10.0.0.1/24', mtu: '20', owner: 'a b' },
      'linux',
      ['lo', 'eth0'],
    );
    expect(p.name?.key).toBe('adapters.input.nameTaken');
    expect(p.ipv4?.key).toBe('adapters.input.ipv4Expected');
    expect(p.ipv6?.key).toBe('adapters.input.ipv6Expected');
    expect(p.mtu?.key).toBe('adapters.input.mtuRange');
    expect(p.owner?.key).toBe('adapters.input.principalName');
    expect(stepValid('type', p)).toBe(true);
    expect(stepValid('name', p)).toBe(false);
  });
  it('needs 1280 with IPv6 and turns a good form into a request', () => {
    const f = { ...EMPTY_FORM, name: 'tap7', ipv4: ' 10.0.0.1/24', ipv6: 'fd00::1/64', mtu: '1000', owner: 'nobody' };
    expect(formProblems(f, 'linux', []).mtu?.key).toBe('adapters.input.mtuIpv6');
    const good = { ...f, mtu: '1400' };
    expect(formProblems(good, 'linux', [])).toEqual({});
    expect(formRequest(good)).toEqual({
      name: 'tap7',
      type: 'tap',
      owner: 'nobody',
      group: null,
      addresses: ['10.0.0.1/24', 'fd00::1/64'],
      mtu: 1400,
      up: true,
    });
  });
});
