// Holds N loopback TCP connection pairs open (2N sockets + 1 listener) until told to exit; for benchmarks. On
// {pulse: {share, bytes}} the first `share` of its client sockets write `bytes` once (the peers read them), and it
// answers {pulsed: true} once every write is handed to the kernel.
const net = require('node:net');

const pairs = Number(process.argv[2] ?? 4000);
const held = [];
const clients = [];
const server = net.createServer((s) => {
  s.resume();
  held.push(s);
});
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
            clients.push(c);
          }),
      ),
    );
  }
  process.send?.({ ready: true, port, sockets: pairs * 2 + 1 });
});
process.on('message', (m) => {
  if (!m || !m.pulse) return;
  const { share, bytes } = m.pulse;
  const payload = Buffer.alloc(bytes, 0x61);
  const moving = clients.slice(0, Math.round(clients.length * share));
  let left = moving.length;
  if (left === 0) process.send?.({ pulsed: true });
  for (const c of moving) c.write(payload, () => --left === 0 && process.send?.({ pulsed: true }));
});
process.on('disconnect', () => process.exit(0));
