// Filter-box parser and matcher: tokens, normalization, AND, negation and toggles.
import { describe, expect, it } from 'vitest';
import type { Socket } from '../model/socket';
import { sock as fixture } from '../test-support/sockets';
import { compileFilter, DEFAULT_TOGGLES, normalizeState, parseFilter } from './filter';

function sock(over: Partial<Socket>): Socket {
  return fixture({
    localPort: 8080,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    state: 'LISTEN',
    pid: 123,
    process: 'node',
    user: 'dev',
    uid: 1000,
    key: 'k',
    ...over,
  });
}

const listener = sock({});
const client = sock({
  localPort: 51000,
  remoteAddress: '10.0.0.5',
  remotePort: 443,
  state: 'CLOSE_WAIT',
  pid: 9,
  process: 'curl',
});
const udp6 = sock({
  proto: 'udp',
  family: 6,
  localAddress: '::',
  localPort: 5353,
  state: 'UNCONN',
  pid: null,
  process: null,
});
const all = [listener, client, udp6];
const run = (text: string, toggles = DEFAULT_TOGGLES) => all.filter(compileFilter(text, toggles));

describe('parseFilter', () => {
  it('recognizes every token kind', () => {
    expect(parseFilter(':8080 state:close-wait pid:12 proto:UDP process:Node foo')).toEqual([
      { kind: 'port', port: 8080, negate: false },
      { kind: 'state', state: 'CLOSE_WAIT', negate: false },
      { kind: 'pid', pid: 12, negate: false },
      { kind: 'proto', proto: 'udp', negate: false },
      { kind: 'process', text: 'node', negate: false },
      { kind: 'text', text: 'foo', negate: false },
    ]);
  });
  it('treats malformed tokens as free text', () => {
    expect(parseFilter('pid:abc :99999')).toEqual([
      { kind: 'text', text: 'pid:abc', negate: false },
      { kind: 'text', text: ':99999', negate: false },
    ]);
  });
  it('reads a leading ! as negation', () => {
    expect(parseFilter('!state:listen')).toEqual([{ kind: 'state', state: 'LISTEN', negate: true }]);
  });
  it('normalizes states', () => {
    expect(normalizeState(' Close-Wait ')).toBe('CLOSE_WAIT');
  });
});

describe('compileFilter', () => {
  it('matches everything when empty', () => {
    expect(run('')).toEqual(all);
  });
  it('matches a port on either side', () => {
    expect(run(':8080')).toEqual([listener]);
    expect(run(':443')).toEqual([client]);
    expect(run('port:5353')).toEqual([udp6]);
  });
  it('matches states case-insensitively with - or _', () => {
    expect(run('state:close_wait')).toEqual([client]);
    expect(run('state:CLOSE-WAIT')).toEqual([client]);
    expect(run('state:Unconn')).toEqual([udp6]);
  });
  it('matches pid, proto and process', () => {
    expect(run('pid:9')).toEqual([client]);
    expect(run('proto:udp')).toEqual([udp6]);
    expect(run('proto:tcp4')).toEqual([listener, client]);
    expect(run('process:NO')).toEqual([listener]);
  });
  it('matches free text against process, address, port and state', () => {
    expect(run('curl')).toEqual([client]);
    expect(run('10.0.0')).toEqual([client]);
    expect(run('5353')).toEqual([udp6]);
    expect(run('close-wait')).toEqual([client]);
  });
  it('ANDs tokens together', () => {
    expect(run('proto:tcp :8080 state:listen')).toEqual([listener]);
    expect(run(':8080 state:established')).toEqual([]);
  });
  it('negates', () => {
    expect(run('!state:listen')).toEqual([client, udp6]);
  });
  it('applies the toggles', () => {
    expect(run('', { ...DEFAULT_TOGGLES, tcp: false })).toEqual([udp6]);
    expect(run('', { ...DEFAULT_TOGGLES, ipv4: false })).toEqual([udp6]);
    expect(run('', { ...DEFAULT_TOGGLES, listeningOnly: true })).toEqual([listener, udp6]);
    expect(run('', { ...DEFAULT_TOGGLES, udp: false, ipv6: false, listeningOnly: true })).toEqual([listener]);
  });
  it('matches a worker of a shared listener by pid and process, not only its first owner', () => {
    const shared = sock({
      localPort: 80,
      pid: 4265,
      process: 'nginx',
      owners: [
        { pid: 4265, process: 'nginx', user: 'root' },
        { pid: 4266, process: 'nginx-worker', user: 'www' },
      ],
    });
    const pass = (text: string) => compileFilter(text)(shared);
    expect(pass('pid:4266')).toBe(true);
    expect(pass('pid:4265')).toBe(true);
    expect(pass('pid:4267')).toBe(false);
    expect(pass('process:worker')).toBe(true);
    expect(pass('!pid:4266')).toBe(false);
  });
  it('matches free text against a remote host name when a lookup is given, and the address either way', () => {
    const names = new Map([['10.0.0.5', 'api.example.com']]);
    const lookup = (a: string) => names.get(a);
    expect(all.filter(compileFilter('example', DEFAULT_TOGGLES, lookup))).toEqual([client]);
    expect(all.filter(compileFilter('example'))).toEqual([]);
    expect(all.filter(compileFilter('10.0.0.5', DEFAULT_TOGGLES, lookup))).toEqual([client]);
    expect(all.filter(compileFilter('!api.example', DEFAULT_TOGGLES, lookup))).toEqual([listener, udp6]);
  });
});
