// Row-menu rules: when kill and close are offered, the copied text, and the filter each item sets.
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../../shared/logic/filter';
import type { Socket } from '../../../../shared/model/socket';
import { sock as fixture } from '../../../../shared/test-support/sockets';
import { filterFor } from '../../../../shared/logic/filter-for';
import { closeAvailability, hasRemoteHost, killAvailability, rowAsText } from './row-actions';

function sock(over: Partial<Socket> = {}): Socket {
  return fixture({
    localPort: 4123,
    remoteAddress: '10.1.2.3',
    remotePort: 443,
    pid: 77,
    process: 'node',
    user: 'dev',
    uid: 1000,
    key: 'k',
    ...over,
  });
}

describe('row actions', () => {
  it('offers kill only with a visible owner, and says why not', () => {
    expect(killAvailability(sock())).toBeNull();
    expect(killAvailability(sock({ pid: null }))).toBe('pid.hidden');
    expect(killAvailability(sock({ pid: null, state: 'TIME_WAIT' }))).toBe('pid.kernel');
  });

  it('offers close for live TCP connections only', () => {
    expect(closeAvailability(sock(), true)).toBeNull();
    expect(closeAvailability(sock({ proto: 'udp' }), true)).toBe('actionUi.menu.closeTcpOnly');
    expect(closeAvailability(sock({ state: 'LISTEN', remotePort: 0 }), true)).toBe('actionUi.menu.closeNotListener');
    expect(closeAvailability(sock(), false)).toBe('actionUi.menu.closeGone');
    expect(closeAvailability(sock({ state: 'SYN_SENT', remotePort: 0 }), true)).toBe('actionUi.menu.closeNoPeer');
  });

  it('copies the row as tab-separated text with bracketed IPv6', () => {
    expect(rowAsText(sock())).toBe('tcp\t127.0.0.1:4123\t10.1.2.3:443\tESTABLISHED\t77\tnode\tdev');
    const v6 = sock({ family: 6, localAddress: '::1', remoteAddress: '::', remotePort: 0, pid: null, state: 'LISTEN' });
    expect(rowAsText(v6)).toBe('tcp6\t[::1]:4123\t[::]:*\tLISTEN\t\tnode\tdev');
    expect(rowAsText(sock(), 'api.example')).toBe(
      'tcp\t127.0.0.1:4123\t10.1.2.3:443\tESTABLISHED\t77\tnode\tdev\tapi.example',
    );
  });

  it('builds filters that match the row they came from', () => {
    const s = sock();
    for (const what of ['process', 'port', 'remoteHost'] as const)
      expect(compileFilter(filterFor(s, what))(s)).toBe(true);
    expect(compileFilter(filterFor(s, 'process'))(sock({ pid: 78 }))).toBe(false);
    expect(compileFilter(filterFor(s, 'port'))(sock({ localPort: 1, remotePort: 2 }))).toBe(false);
    expect(hasRemoteHost(sock({ remoteAddress: '0.0.0.0', remotePort: 0 }))).toBe(false);
    expect(hasRemoteHost(s)).toBe(true);
  });
});
