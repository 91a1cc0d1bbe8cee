// Port lists for scans and the bind-test explanations.
import { describe, expect, it } from 'vitest';
import { sock } from '../../test-support/sockets';
import { explainBind, type BindFacts } from './bind-explain';
import { parseBounded, parsePortList } from './port-list';

describe('parsePortList', () => {
  it('parses ports and ranges into sorted distinct ports', () => {
    expect(parsePortList('80, 22,8000-8002,22')).toEqual([22, 80, 8000, 8001, 8002]);
  });
  it('refuses what it cannot express', () => {
    expect(() => parsePortList('0')).toThrow(/1 to 65535/);
    expect(() => parsePortList('70000')).toThrow(/1 to 65535/);
    expect(() => parsePortList('90-80')).toThrow(/must not exceed/);
    expect(() => parsePortList('1-65535')).toThrow(/at most/);
    expect(() => parsePortList('80,,81')).toThrow(/port list/);
    expect(() => parseBounded('0', 'concurrency', 1, 512)).toThrow(/1 to 512/);
  });
});

describe('explainBind', () => {
  const base: BindFacts = {
    port: 8080,
    host: '127.0.0.1',
    proto: 'tcp',
    reuseAddr: false,
    errno: null,
    holders: [],
    addressLocal: true,
    ephemeral: { low: 32768, high: 60999 },
    excludedRange: null,
  };
  it('tells the outcomes apart', () => {
    expect(explainBind(base).outcome).toBe('free');
    const listener = sock({ localPort: 8080, remotePort: 0, state: 'LISTEN', pid: 7 });
    expect(explainBind({ ...base, errno: 'EADDRINUSE', holders: [listener] }).outcome).toBe('in-use');
    const tw = sock({ localPort: 8080, state: 'TIME_WAIT', pid: null });
    expect(explainBind({ ...base, errno: 'EADDRINUSE', holders: [tw] }).outcome).toBe('time-wait');
    expect(explainBind({ ...base, errno: 'EADDRNOTAVAIL', addressLocal: false }).outcome).toBe('not-local');
    expect(explainBind({ ...base, errno: 'EADDRNOTAVAIL' }).outcome).toBe('ephemeral-exhausted');
    expect(explainBind({ ...base, port: 80, errno: 'EACCES' }).outcome).toBe('privileged');
    expect(explainBind({ ...base, errno: 'EACCES', excludedRange: { start: 8000, end: 8099 } }).outcome).toBe(
      'excluded-range',
    );
  });
});
