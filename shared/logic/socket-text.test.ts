import { describe, expect, it } from 'vitest';
import { renderSocketTextTable } from './socket-text';

describe('renderSocketTextTable', () => {
  it('aligns columns, brackets IPv6, shows wildcard ports and hidden owners', () => {
    const text = renderSocketTextTable([
      {
        proto: 'tcp',
        family: 4,
        localAddress: '0.0.0.0',
        localPort: 80,
        remoteAddress: '0.0.0.0',
        remotePort: 0,
        state: 'LISTEN',
        pid: 7,
        process: 'nginx',
        user: 'root',
      },
      {
        proto: 'udp',
        family: 6,
        localAddress: '::1',
        localPort: 5353,
        remoteAddress: '::',
        remotePort: 0,
        state: 'UNCONN',
        pid: null,
        process: null,
        user: null,
      },
    ]);
    const [header, a, b] = text.split('\n');
    expect(header).toMatch(/^Proto\s+Local Address\s+Remote Address\s+State\s+PID\/Program\s+User$/);
    expect(a).toMatch(/^tcp\s+0\.0\.0\.0:80\s+0\.0\.0\.0:\*\s+LISTEN\s+7\/nginx\s+root$/);
    expect(b).toMatch(/^udp6\s+\[::1\]:5353\s+\[::\]:\*\s+UNCONN\s+-\s+-$/);
    expect(a.indexOf('LISTEN')).toBe(header.indexOf('State'));
  });
});
