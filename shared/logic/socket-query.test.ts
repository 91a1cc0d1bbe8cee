import { describe, expect, it } from 'vitest';
import type { RawSocket } from '../model/socket';
import { thrownBy } from '../test-support/app-errors';
import { rawSocket } from '../test-support/sockets';
import { matchesQuery, parsePort, parsePortRange, parseProto, parseSocketQuery, parseStates } from './socket-query';

const s = (over: Partial<RawSocket>): RawSocket =>
  rawSocket({ localPort: 8080, remotePort: 50000, pid: 42, process: 'node', ...over });

describe('socket query parsing', () => {
  it('accepts ports 1..65535 and refuses 0, 70000 and text', () => {
    expect(parsePort('443')).toBe(443);
    expect(thrownBy(() => parsePort('0'))).toBe('INVALID_INPUT');
    expect(thrownBy(() => parsePort('70000'))).toBe('INVALID_INPUT');
    expect(thrownBy(() => parsePort('80a'))).toBe('INVALID_INPUT');
  });

  it('parses ranges and refuses reversed ones', () => {
    expect(parsePortRange('10-90')).toEqual([10, 90]);
    expect(thrownBy(() => parsePortRange('90-10'))).toBe('INVALID_INPUT');
    expect(() => parsePortRange('90-10')).toThrow(/must not exceed/);
    expect(thrownBy(() => parsePortRange('10'))).toBe('INVALID_INPUT');
  });

  it('parses canonical and ss-style state names and refuses unknown ones', () => {
    expect([...parseStates('time-wait,ESTAB,close_wait')]).toEqual(['TIME_WAIT', 'ESTABLISHED', 'CLOSE_WAIT']);
    expect(() => parseStates('BOGUS')).toThrow(/Unknown state "BOGUS": use one of LISTEN/);
  });

  it('parses protocols', () => {
    expect(parseProto('UDP')).toBe('udp');
    expect(thrownBy(() => parseProto('sctp'))).toBe('INVALID_INPUT');
  });
});

describe('parseSocketQuery', () => {
  it('parses each criterion given and leaves out the others', () => {
    expect(parseSocketQuery({})).toEqual({});
    expect(parseSocketQuery({ proto: 'TCP', state: 'listen', port: '80', portRange: '10-90', pid: '42' })).toEqual({
      proto: 'tcp',
      states: new Set(['LISTEN']),
      port: 80,
      portRange: [10, 90],
      pid: 42,
    });
    expect(parseSocketQuery({ port: undefined, pid: '7' })).toEqual({ pid: 7 });
  });

  it('refuses a bad criterion', () => {
    expect(thrownBy(() => parseSocketQuery({ proto: 'tcp', port: '70000' }))).toBe('INVALID_INPUT');
    expect(thrownBy(() => parseSocketQuery({ pid: '0' }))).toBe('INVALID_INPUT');
  });
});

describe('matchesQuery', () => {
  it('matches --port on either end', () => {
    expect(matchesQuery(s({}), { port: 8080 })).toBe(true);
    expect(matchesQuery(s({}), { port: 50000 })).toBe(true);
    expect(matchesQuery(s({}), { port: 1 })).toBe(false);
  });

  it('combines criteria', () => {
    const q = { proto: 'tcp' as const, states: parseStates('ESTABLISHED'), portRange: [8000, 8100] as const, pid: 42 };
    expect(matchesQuery(s({}), q)).toBe(true);
    expect(matchesQuery(s({ pid: 7 }), q)).toBe(false);
    expect(matchesQuery(s({ state: 'LISTEN' }), q)).toBe(false);
    expect(matchesQuery(s({ proto: 'udp' }), q)).toBe(false);
  });
});
