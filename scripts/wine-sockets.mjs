// Real loopback sockets in known states for `npm run test:wine`, each with the row both collectors must report.
import dgram from 'node:dgram';
import net from 'node:net';

/** Resolves on `event`, rejects on 'error'. */
function once(emitter, event) {
  return new Promise((resolve, reject) => {
    emitter.once(event, resolve);
    emitter.once('error', reject);
  });
}

/**
 * Opens listeners (IPv4, IPv6), established pairs, a TIME_WAIT, a CLOSE_WAIT / FIN_WAIT_2 pair and unconnected UDP
 * sockets on 127.0.0.1 and ::1. Returns the expected rows, notes on what could not be made, and a closer.
 */
export async function openTestSockets() {
  const cleanup = [];
  const expected = [];
  const notes = [];
  const tcp = (family, state, local, remote) => ({ proto: 'tcp', family, state, ...local, ...remote });

  async function listener(host) {
    const server = net.createServer({ allowHalfOpen: true });
    const accepted = [];
    server.on('connection', (s) => accepted.push(s));
    server.listen(0, host);
    await once(server, 'listening');
    cleanup.push(() => {
      for (const s of accepted) s.destroy();
      server.close();
    });
    const { port } = server.address();
    const next = async () => {
      while (accepted.length === 0) await new Promise((r) => setTimeout(r, 5));
      return accepted.shift();
    };
    return { port, next };
  }

  async function pair(l, host) {
    const client = net.connect({ port: l.port, host, allowHalfOpen: true });
    cleanup.push(() => client.destroy());
    await once(client, 'connect');
    return { client, server: await l.next() };
  }

  const ends = (s) => [
    { localAddress: s.localAddress, localPort: s.localPort },
    { remoteAddress: s.remoteAddress, remotePort: s.remotePort },
  ];

  for (const [family, host, any] of [
    [4, '127.0.0.1', '0.0.0.0'],
    [6, '::1', '::'],
  ]) {
    let l;
    try {
      l = await listener(host);
    } catch (e) {
      notes.push(`no IPv${family} loopback (${e.code ?? e.message}): IPv${family} cases skipped`);
      continue;
    }
    expected.push(
      tcp(family, 'LISTEN', { localAddress: host, localPort: l.port }, { remoteAddress: any, remotePort: 0 }),
    );
    const est = await pair(l, host);
    expected.push(tcp(family, 'ESTABLISHED', ...ends(est.client)), tcp(family, 'ESTABLISHED', ...ends(est.server)));

    // The peer closes and this side never does: CLOSE_WAIT here, FIN_WAIT_2 at the peer (held, so no timeout).
    const half = await pair(l, host);
    half.server.end();
    await once(half.client, 'end');
    expected.push(tcp(family, 'CLOSE_WAIT', ...ends(half.client)), tcp(family, 'FIN_WAIT_2', ...ends(half.server)));

    // The side that closes first keeps TIME_WAIT (60 s on Linux: long enough for both collectors).
    const tw = await pair(l, host);
    const twRow = tcp(family, 'TIME_WAIT', ...ends(tw.client));
    tw.client.end();
    await once(tw.server, 'end');
    tw.server.end();
    await once(tw.client, 'close');
    expected.push(twRow);

    const udp = dgram.createSocket(family === 4 ? 'udp4' : 'udp6');
    cleanup.push(() => udp.close());
    udp.bind(0, host);
    await once(udp, 'listening');
    expected.push({
      proto: 'udp',
      family,
      state: 'UNCONN',
      localAddress: host,
      localPort: udp.address().port,
      remoteAddress: any,
      remotePort: 0,
    });
  }
  return { expected, notes, close: () => cleanup.reverse().forEach((c) => c()) };
}
