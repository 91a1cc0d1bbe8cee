// Soak target: core with its forked collector, ticking at 1 s with one subscriber; reports its heap over IPC.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/app-core';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-soak-'));
const core = createCore({
  configDir: dir,
  host: 'browser',
  collector: 'process',
  version: 'soak',
  locale: 'en',
});
let deltas = 0;
const client = { id: 'soak', send: (event: string) => void (event === 'sockets:delta' && deltas++) };

/** Heap after a full collection (bytes), so garbage does not count against the bound. */
function heap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

process.on('message', async (m: { op: string }) => {
  if (m.op === 'heap') {
    const series = await core.handle('stats:series', { window: '10m' }, client);
    const points = series.ok ? (series.value as { points: unknown[] }).points.length : -1;
    process.send?.({ heap: heap(), rss: process.memoryUsage().rss, deltas, points });
  } else if (m.op === 'stop') {
    core.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
});

void core.handle('sockets:subscribe', {}, client).then(() => process.send?.({ ready: true }));
