// Holds N loopback TCP connection pairs open (2N sockets + 1 listener) until told to exit; for benchmarks.
const net = require('node:net');

const pairs = Number(process.argv[2] ?? 4000);
const held = [];
const server = net.createServer((s) => held.push(s));
server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const batch = 200;
  for (let i = 0; i < pairs; i += batch) {
    const n = Math.min(batch, pairs - i);
    await Promise.all(
      Array.from(
        { length: n },
        () =>
          new Promise((resolve, reject) => {
            const c = net.connect(port, '127.0.0.1', () => resolve());
            c.once('error', reject);
            held.push(c);
          }),
      ),
    );
  }
  process.send?.({ ready: true, port, sockets: pairs * 2 + 1 });
});
process.on('disconnect', () => process.exit(0));
