// Which sockets a close may reset: connections only, never a listener, an unconnected socket or netinspect's own.
import { describe, expect, it } from 'vitest';
import { connectionSchema } from '../model/actions';
import { closeRefusal, closeRefusalError, sameEndpoints, type FoundSocket } from './close-refusal';

const asked = {
  family: 4,
  localAddress: '127.0.0.1',
  localPort: 5432,
  remoteAddress: '127.0.0.1',
  remotePort: 51812,
} as const;
const found = (over: Partial<FoundSocket> = {}): FoundSocket => ({
  ...asked,
  state: 'ESTABLISHED',
  own: false,
  ...over,
});

describe('closeRefusal', () => {
  it('lets a connection of someone else be closed, in any connected state', () => {
    for (const state of ['ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT_2', 'TIME_WAIT', 'SYN_RECEIVED'] as const) {
      expect(closeRefusal(found({ state })), state).toBeNull();
    }
  });

  it('refuses a listener, whatever endpoints were asked for', () => {
    expect(closeRefusal(found({ state: 'LISTEN', remoteAddress: '0.0.0.0', remotePort: 0 }))).toBe(
      'actions.closeRefusedListening',
    );
  });

  it('refuses a socket with no peer: closed, or no remote port or address', () => {
    expect(closeRefusal(found({ state: 'CLOSED' }))).toBe('actions.closeRefusedUnconnected');
    expect(closeRefusal(found({ remotePort: 0 }))).toBe('actions.closeRefusedUnconnected');
    expect(closeRefusal(found({ family: 6, remoteAddress: '::' }))).toBe('actions.closeRefusedUnconnected');
  });

  it("refuses netinspect's own connections", () => {
    expect(closeRefusal(found({ own: true }))).toBe('actions.closeRefusedOwn');
  });

  it('builds a REFUSED error naming both endpoints, in words a user can act on', () => {
    const e = closeRefusalError('actions.closeRefusedListening', found({ state: 'LISTEN' }));
    expect(e).toMatchObject({ code: 'REFUSED', key: 'actions.closeRefusedListening' });
    expect(e.message).toBe(
      '127.0.0.1:5432 is a listening socket, not a connection: closing it would stop the server accepting. End the process instead if that is what you want.',
    );
  });
});

describe('sameEndpoints', () => {
  it('compares addresses as bytes, not as text', () => {
    expect(sameEndpoints(asked, found())).toBe(true);
    const v6 = { ...asked, family: 6, localAddress: '::ffff:127.0.0.1', remoteAddress: '0:0:0:0:0:0:0:1' } as const;
    expect(sameEndpoints(v6, { ...v6, localAddress: '::ffff:127.0.0.1', remoteAddress: '::1' })).toBe(true);
  });

  it('sees that the kernel answered with another socket (its listener, for a peer that does not exist)', () => {
    expect(sameEndpoints({ ...asked, remotePort: 1 }, found({ remoteAddress: '0.0.0.0', remotePort: 0 }))).toBe(false);
    expect(sameEndpoints(asked, found({ localPort: 5433 }))).toBe(false);
  });
});

describe('connectionSchema', () => {
  it('refuses remote port 0 and an unspecified remote address: they name no peer', () => {
    const bad = [
      { ...asked, remotePort: 0 },
      { ...asked, remoteAddress: '0.0.0.0' },
      { ...asked, family: 6, localAddress: '::1', remoteAddress: '::' },
      { ...asked, family: 6, localAddress: '::1', remoteAddress: '0:0:0:0:0:0:0:0' },
      { ...asked, family: 6, localAddress: '::1', remoteAddress: '::ffff:0.0.0.0' },
    ];
    for (const c of bad) expect(connectionSchema.safeParse(c).success, JSON.stringify(c)).toBe(false);
    expect(connectionSchema.safeParse(asked).success).toBe(true);
  });
});
