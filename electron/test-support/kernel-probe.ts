// A child process for kernel-event tests: holds a state tracer until killed, or runs the kernel event sources
// (as whoever runs it, e.g. nobody) over a few loopback connections and prints one JSON line of what it saw.
import net from 'node:net';
import { KernelEvents } from '../core/platform/linux/kernel-events';
import { StateTracer } from '../core/platform/linux/state-tracer';

async function holdTracer(): Promise<void> {
  const t = StateTracer.open();
  if ('unavailable' in t) {
    console.log(JSON.stringify({ unavailable: t.unavailable }));
    process.exit(1);
  }
  console.log(JSON.stringify({ instance: t.instancePath, pid: process.pid }));
  // Held until the test kills this process: with SIGKILL nothing here runs, which is the point.
  setInterval(() => t.drain(), 100);
}

/** Opens the sources, makes `n` loopback connections of 100 bytes each way, and reports what arrived. */
async function runSources(n: number): Promise<void> {
  const events = KernelEvents.open();
  const server = net.createServer((c) => {
    c.on('error', () => undefined);
    c.on('data', () => c.end(Buffer.alloc(100)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve) => {
          const c = net.connect(port, '127.0.0.1', () => c.write(Buffer.alloc(100)));
          c.on('error', () => resolve());
          c.resume();
          c.on('end', () => c.end());
          c.on('close', () => resolve());
        }),
    ),
  );
  const closed: unknown[] = [];
  for (let i = 0; i < 40 && closed.length < 2 * n; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const d = events.drain();
    closed.push(...d.closed.filter((e) => e.localPort === port || e.remotePort === port));
  }
  console.log(JSON.stringify({ uid: process.geteuid?.(), port, closed, status: events.status() }));
  events.close();
  server.close();
}

const [mode, arg] = process.argv.slice(2);
const run = mode === 'hold-tracer' ? holdTracer() : runSources(Number(arg ?? 20));
run.catch((e: unknown) => {
  console.log(JSON.stringify({ threw: e instanceof Error ? e.stack : String(e) }));
  process.exit(2);
});
