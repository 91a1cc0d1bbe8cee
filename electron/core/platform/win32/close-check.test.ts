// The Windows close refuses what it would refuse on Linux: no such row, a listener, netinspect's own connection.
import { describe, expect, it } from 'vitest';
import { checkWindowsClose } from './close-check';
import type { WinSocketRow } from './table-decode';

const conn = {
  family: 4,
  localAddress: '127.0.0.1',
  localPort: 5432,
  remoteAddress: '127.0.0.1',
  remotePort: 50000,
} as const;
const row = (over: Partial<WinSocketRow>): WinSocketRow => ({
  proto: 'tcp',
  ...conn,
  state: 'ESTABLISHED',
  pid: 700,
  ...over,
});
const listener = row({ remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN' });

function outcome(rows: WinSocketRow[], own: number[] = [42]): unknown {
  try {
    checkWindowsClose(rows, conn, own);
    return 'allowed';
  } catch (e) {
    return e;
  }
}

describe('checkWindowsClose', () => {
  it('allows a connection of another process at exactly those endpoints', () => {
    expect(outcome([listener, row({})])).toBe('allowed');
  });

  it('answers ESRCH when only the listener of that port is there', () => {
    expect(outcome([listener])).toMatchObject({ code: 'ESRCH', key: 'actions.closeNotFound' });
  });

  it("refuses netinspect's own connection, and a listener asked for by its own endpoints", () => {
    expect(outcome([row({ pid: 42 })])).toMatchObject({ code: 'REFUSED', key: 'actions.closeRefusedOwn' });
    expect(outcome([row({ state: 'LISTEN' })])).toMatchObject({
      code: 'REFUSED',
      key: 'actions.closeRefusedListening',
    });
    // Pid 0 (Idle, or any non-Wine process under Wine) is never ours.
    expect(outcome([row({ pid: 0 })], [0])).toBe('allowed');
  });
});
