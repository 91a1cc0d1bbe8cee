// --listen parsing: IP literals and localhost only, ports 0-65535, and which addresses only this machine reaches.
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../../shared/test-support/app-errors';
import { authority, parseListen } from './listen-address';

const keyOf = (text: string): string | undefined => thrownBy(() => parseListen(text), 'key');

describe('parseListen', () => {
  it('reads IPv4, bracketed IPv6 and localhost, and tells loopback from the rest', () => {
    expect(parseListen('127.0.0.1:9469')).toEqual({ host: '127.0.0.1', port: 9469, family: 4, loopback: true });
    expect(parseListen('127.8.9.10:0')).toMatchObject({ port: 0, loopback: true });
    expect(parseListen('[::1]:9469')).toEqual({ host: '::1', port: 9469, family: 6, loopback: true });
    expect(parseListen('[::ffff:127.0.0.1]:1')).toMatchObject({ family: 6, loopback: true });
    expect(parseListen('localhost:9469')).toMatchObject({ host: '127.0.0.1', loopback: true });
    expect(parseListen('0.0.0.0:9469')).toMatchObject({ loopback: false });
    expect(parseListen('[::]:9469')).toMatchObject({ family: 6, loopback: false });
    expect(parseListen('192.168.1.5:9469')).toMatchObject({ loopback: false });
  });

  it('refuses host names, missing parts, unbracketed IPv6 and bad ports, each with its key', () => {
    expect(keyOf('example.com:9469')).toBe('metrics.listenFormat');
    expect(keyOf('9469')).toBe('metrics.listenFormat');
    expect(keyOf('::1:9469')).toBe('metrics.listenFormat');
    expect(keyOf('[127.0.0.1]:9469')).toBe('metrics.listenFormat');
    expect(keyOf('127.0.0.1:')).toBe('metrics.listenPort');
    expect(keyOf('127.0.0.1:65536')).toBe('metrics.listenPort');
    expect(keyOf('127.0.0.1:-1')).toBe('metrics.listenPort');
    expect(keyOf('127.0.0.1:94x')).toBe('metrics.listenPort');
  });

  it('puts IPv6 in brackets in a URL authority', () => {
    expect(authority('::1', 80)).toBe('[::1]:80');
    expect(authority('127.0.0.1', 80)).toBe('127.0.0.1:80');
  });
});
