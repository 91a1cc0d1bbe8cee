// Endpoint and connection text as the CLI takes it: valid forms, and each invalid form's keyed error.
import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { parseConnection, parseEndpoint } from './endpoint-parse';
import { parseIPv4Bytes, parseIPv6Bytes } from './ip-parse';

function keyOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('INVALID_INPUT');
    return (e as AppError).key;
  }
  throw new Error('expected a throw');
}

describe('parseIPv4Bytes / parseIPv6Bytes', () => {
  it('reads IPv4 dotted quads and refuses other text', () => {
    expect([...(parseIPv4Bytes('127.0.0.1') ?? [])]).toEqual([127, 0, 0, 1]);
    expect([...(parseIPv4Bytes('255.255.255.0') ?? [])]).toEqual([255, 255, 255, 0]);
    for (const bad of ['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', 'a.b.c.d', '', '1..2.3', ' 1.2.3.4']) {
      expect(parseIPv4Bytes(bad), bad).toBeNull();
    }
  });

  it('reads every IPv6 text form into network-order bytes', () => {
    const hex = (t: string) => [...(parseIPv6Bytes(t) ?? [])].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(hex('::1')).toBe('00000000000000000000000000000001');
    expect(hex('::')).toBe('00000000000000000000000000000000');
    expect(hex('fe80::1:2')).toBe('fe800000000000000000000000010002');
    expect(hex('2001:db8:0:0:0:0:0:ff')).toBe('20010db80000000000000000000000ff');
    expect(hex('::ffff:127.0.0.1')).toBe('00000000000000000000ffff7f000001');
    expect(hex('64:ff9b::10.0.0.1')).toBe('0064ff9b00000000000000000a000001');
    expect(hex('1:2:3:4:5:6:1.2.3.4')).toBe('00010002000300040005000601020304');
  });

  it('refuses malformed IPv6 text', () => {
    for (const bad of [
      '1:2:3:4:5:6:7',
      '1::2::3',
      ':::',
      '12345::',
      'fe80::1%eth0',
      '::ffff:1.2.3',
      'g::1',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7::8',
      '127.0.0.1',
    ]) {
      expect(parseIPv6Bytes(bad), bad).toBeNull();
    }
  });
});

describe('parseEndpoint', () => {
  it('reads IPv4 addr:port and bracketed IPv6 [addr]:port', () => {
    expect(parseEndpoint('127.0.0.1:8080', 'local')).toEqual({ family: 4, address: '127.0.0.1', port: 8080 });
    expect(parseEndpoint('[::1]:443', 'remote')).toEqual({ family: 6, address: '::1', port: 443 });
    expect(parseEndpoint(' [::ffff:10.0.0.1]:1 ', 'local')).toEqual({ family: 6, address: '::ffff:10.0.0.1', port: 1 });
  });

  it.each([
    ['127.0.0.1', 'input.endpointFormat'],
    ['::1:443', 'input.endpointFormat'],
    ['[::1]443', 'input.endpointFormat'],
    [':80', 'input.endpointFormat'],
    ['127.0.0.1:', 'input.endpointFormat'],
    ['localhost:80', 'input.endpointAddress'],
    ['300.1.1.1:80', 'input.endpointAddress'],
    ['[127.0.0.1]:80', 'input.endpointAddress'],
    ['[fe80::1%eth0]:80', 'input.endpointAddress'],
    ['127.0.0.1:http', 'input.portNotNumber'],
    ['127.0.0.1:0', 'input.portOutOfRange'],
    ['[::1]:70000', 'input.portOutOfRange'],
    ['127.0.0.1:80; rm -rf /', 'input.portNotNumber'],
  ])('refuses %j with %s', (text, key) => {
    expect(keyOf(() => parseEndpoint(text, 'local'))).toBe(key);
  });

  it('names the argument and the value in the English message', () => {
    expect(() => parseEndpoint('localhost:80', 'remote')).toThrow('Invalid remote address "localhost"');
  });
});

describe('parseConnection', () => {
  it('builds the connection the close channel takes', () => {
    expect(parseConnection('127.0.0.1:5000', '127.0.0.1:40000')).toEqual({
      family: 4,
      localAddress: '127.0.0.1',
      localPort: 5000,
      remoteAddress: '127.0.0.1',
      remotePort: 40000,
    });
    expect(parseConnection('[::1]:5000', '[::1]:6000').family).toBe(6);
  });

  it('refuses endpoints of two address families', () => {
    expect(keyOf(() => parseConnection('127.0.0.1:5000', '[::1]:6000'))).toBe('input.endpointFamilies');
  });
});
