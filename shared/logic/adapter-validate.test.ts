import { describe, expect, it } from 'vitest';
import {
  checkAdapterName,
  checkCreateRequest,
  checkMtu,
  checkPrincipal,
  isProblem,
  parseAddresses,
  parseCidr,
  parseMtuText,
} from './adapter-validate';
import { lookup } from '../i18n/translate';

const keyOf = (p: { key: string } | null) => p?.key ?? null;

describe('checkAdapterName (Linux)', () => {
  it('accepts 1-15 letters, digits, -, _ and .', () => {
    for (const n of ['t', 'tap0', 'my-tun_1.2', 'a23456789012345']) expect(checkAdapterName(n, 'linux', [])).toBeNull();
  });
  it('refuses 16 characters, / and spaces, dots-only, empty, and taken names', () => {
    expect(keyOf(checkAdapterName('a234567890123456', 'linux', []))).toBe('adapters.input.nameTooLong');
    expect(keyOf(checkAdapterName('tap/0', 'linux', []))).toBe('adapters.input.nameChars');
    expect(keyOf(checkAdapterName('tap 0', 'linux', []))).toBe('adapters.input.nameChars');
    expect(keyOf(checkAdapterName('tap%d', 'linux', []))).toBe('adapters.input.nameChars');
    expect(keyOf(checkAdapterName('..', 'linux', []))).toBe('adapters.input.nameDots');
    expect(keyOf(checkAdapterName('', 'linux', []))).toBe('adapters.input.nameEmpty');
    expect(keyOf(checkAdapterName('eth0', 'linux', ['lo', 'eth0']))).toBe('adapters.input.nameTaken');
  });
  it('on Windows allows spaces and refuses reserved characters, comparing taken names case-insensitively', () => {
    expect(checkAdapterName('My TAP 1', 'win32', [])).toBeNull();
    expect(keyOf(checkAdapterName('a:b', 'win32', []))).toBe('adapters.input.nameCharsWindows');
    expect(keyOf(checkAdapterName('ethernet', 'win32', ['Ethernet']))).toBe('adapters.input.nameTaken');
  });
});

describe('parseCidr', () => {
  it('parses IPv4 and IPv6 with prefixes', () => {
    expect(parseCidr('10.0.0.1/24')).toEqual({ family: 4, address: '10.0.0.1', prefix: 24 });
    expect(parseCidr(' FD00::1/64 ')).toEqual({ family: 6, address: 'fd00::1', prefix: 64 });
  });
  it('names what is wrong', () => {
    const key = (t: string) => {
      const r = parseCidr(t);
      return isProblem(r) ? r.key : null;
    };
    expect(key('10.0.0.1')).toBe('adapters.input.cidrNoPrefix');
    expect(key('10.0.0.256/24')).toBe('adapters.input.cidrAddress');
    expect(key('10.0.0/24')).toBe('adapters.input.cidrAddress');
    expect(key('10.0.0.1/33')).toBe('adapters.input.cidrPrefix');
    expect(key('fd00::1/129')).toBe('adapters.input.cidrPrefix');
    expect(key('fd00::1/x')).toBe('adapters.input.cidrPrefix');
  });
  it('refuses the same address twice', () => {
    const r = parseAddresses(['10.0.0.1/24', '10.0.0.1/16']);
    expect(isProblem(r) && r.key).toBe('adapters.input.cidrDuplicate');
  });
});

describe('MTU and principals', () => {
  it('keeps MTU within 68-65535 and at least 1280 with IPv6', () => {
    expect(checkMtu(68, false)).toBeNull();
    expect(checkMtu(65535, true)).toBeNull();
    expect(keyOf(checkMtu(20, false))).toBe('adapters.input.mtuRange');
    expect(keyOf(checkMtu(65536, false))).toBe('adapters.input.mtuRange');
    expect(keyOf(checkMtu(1000, true))).toBe('adapters.input.mtuIpv6');
    expect(parseMtuText('1400')).toBe(1400);
    expect(isProblem(parseMtuText('14x'))).toBe(true);
  });
  it('accepts names and ids, refuses nonsense', () => {
    expect(checkPrincipal('owner', 'nobody')).toBeNull();
    expect(checkPrincipal('owner', '65534')).toBeNull();
    expect(keyOf(checkPrincipal('group', 'a b'))).toBe('adapters.input.principalName');
    expect(keyOf(checkPrincipal('owner', '4294967295'))).toBe('adapters.input.principalId');
  });
});

describe('checkCreateRequest', () => {
  it('collects every problem in field order', () => {
    const problems = checkCreateRequest(
      { name: 'x/y', owner: 'bad name', group: null, addresses: ['fd00::1'], mtu: 20 },
      'linux',
      [],
    );
    expect(problems.map((p) => p.field)).toEqual(['name', 'owner', 'addresses', 'mtu']);
  });
  it('passes a good request, and every key it can answer exists in the dictionary', () => {
    expect(
      checkCreateRequest({ name: 'tap0', addresses: ['10.0.0.1/24', 'fd00::1/64'], mtu: 1400 }, 'linux', []),
    ).toEqual([]);
    for (const key of [
      'nameTooLong',
      'nameChars',
      'nameTaken',
      'cidrAddress',
      'cidrPrefix',
      'cidrNoPrefix',
      'mtuRange',
      'mtuIpv6',
    ]) {
      expect(lookup('en', `adapters.input.${key}`)).toBeTypeOf('string');
      expect(lookup('zh-CN', `adapters.input.${key}`)).toBeTypeOf('string');
    }
  });
});
