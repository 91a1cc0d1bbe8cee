// /proc/net parsing on text captured from this kernel (node sockets on loopback), plus hand-made edge lines.
import { describe, expect, it } from 'vitest';
import { parseProcNet } from './procnet';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:07E8 00000000:0000 0A 00000000:00000005 00:00000000 00000000     0        0 1078 1 00000000ed7c238b 100 0 0 10 0
   2: 0100007F:87EF 0100007F:B0F4 08 00000000:00000000 00:00000000 00000000  1000        0 13360 1 000000004faf7e09 20 4 0 10 -1
   3: 0100007F:87EF 0100007F:B0EE 01 0000002A:00000010 00:00000000 00000000     0        0 13358 1 00000000a0abdad4 20 0 0 10 -1
   6: 0100007F:B0F4 0100007F:87EF 05 00000000:00000000 00:00000000 00000000     0        0 13359 1 0000000093c5c7ae 20 0 0 11 -1
   7: 0100007F:B0F6 0100007F:87EF 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000
`;

const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:A7E3 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 13356 1 000000006c20fcab 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:B0F8 0000000000000000FFFF00000100007F:87EF 01 00000000:00000000 00:00000000 00000000     0        0 13361 2 000000007967af2e 20 0 0 10 -1
   3: 000080FE000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 9 2 000000007967af2e 20 0 0 10 -1
`;

const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
10400: 0100007F:E24B 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 13363 2 0000000060cc5732 0
`;

const UDP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
14934: 00000000000000000000000001000000:B401 00000000000000000000000001000000:0035 01 00000000:00000000 00:00000000 00000000     0        0 13364 2 000000002855eba9 0
`;

describe('parseProcNet', () => {
  it('parses IPv4 TCP: addresses, ports, states, queues, uid, inode', () => {
    const rows = parseProcNet(TCP, 'tcp', 4, true);
    expect(
      rows.map((r) => [r.localAddress, r.localPort, r.remoteAddress, r.remotePort, r.state, r.uid, r.inode]),
    ).toEqual([
      ['0.0.0.0', 2024, '0.0.0.0', 0, 'LISTEN', 0, 1078],
      ['127.0.0.1', 34799, '127.0.0.1', 45300, 'CLOSE_WAIT', 1000, 13360],
      ['127.0.0.1', 34799, '127.0.0.1', 45294, 'ESTABLISHED', 0, 13358],
      ['127.0.0.1', 45300, '127.0.0.1', 34799, 'FIN_WAIT_2', 0, 13359],
      ['127.0.0.1', 45302, '127.0.0.1', 34799, 'TIME_WAIT', 0, 0],
    ]);
    // Listener: rx_queue is the accept queue; the backlog is not in this file.
    expect(rows[0]).toMatchObject({ recvQueue: 5, sendQueue: null, metrics: null, proto: 'tcp', family: 4 });
    expect(rows[2]).toMatchObject({ sendQueue: 42, recvQueue: 16 });
  });

  it('parses IPv6 TCP, word by word in host order', () => {
    const rows = parseProcNet(TCP6, 'tcp', 6, true);
    expect(rows.map((r) => [r.localAddress, r.localPort, r.remoteAddress, r.remotePort, r.state])).toEqual([
      ['::1', 42979, '::', 0, 'LISTEN'],
      ['::ffff:127.0.0.1', 45304, '::ffff:127.0.0.1', 34799, 'ESTABLISHED'],
      ['fe80::1', 22, '::', 0, 'LISTEN'],
    ]);
  });

  it('parses UDP in both families with UNCONN / ESTABLISHED', () => {
    expect(parseProcNet(UDP, 'udp', 4, true)).toEqual([
      {
        proto: 'udp',
        family: 4,
        state: 'UNCONN',
        localAddress: '127.0.0.1',
        localPort: 57931,
        remoteAddress: '0.0.0.0',
        remotePort: 0,
        uid: 0,
        inode: 13363,
        recvQueue: 0,
        sendQueue: 0,
        metrics: null,
        // /proc/net has no cookie and no clock netinspect reads.
        cookie: null,
        kernelStateSince: null,
        kernelStateSinceExact: false,
      },
    ]);
    expect(
      parseProcNet(UDP6, 'udp', 6, true).map((r) => [r.localAddress, r.remoteAddress, r.remotePort, r.state]),
    ).toEqual([['::1', '::1', 53, 'ESTABLISHED']]);
  });

  it('reads words in order on a big-endian host', () => {
    const line = '   0: 7F000001:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5 1 0\n';
    expect(parseProcNet(line, 'tcp', 4, false)[0]).toMatchObject({ localAddress: '127.0.0.1', localPort: 80 });
  });

  it('skips header, blank, truncated and malformed lines, and unknown states', () => {
    const bad = [
      '   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5 1 0',
      '   1: 0100007F:0050 00000000:0000 0A 00000000:00000000', // truncated
      '   2: 0100007G:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5 1 0', // bad hex
      '   3: 0100007F0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5 1 0', // no colon
      '   4: 0100007F:0050 00000000:0000 2A 00000000:00000000 00:00000000 00000000     0        0 5 1 0', // state 42
      '   5: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     x        0 5 1 0', // uid
      '',
      'garbage',
    ].join('\n');
    expect(parseProcNet(bad, 'tcp', 4, true)).toHaveLength(1);
    expect(parseProcNet('', 'udp', 6, true)).toEqual([]);
  });
});
