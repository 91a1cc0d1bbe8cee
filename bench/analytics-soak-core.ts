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

/** RSS of this process's children (the forked collector), bytes, from /proc (0 where it cannot be read). */
function childrenRss(): number {
  try {
    const kids = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/);
    let total = 0;
    for (const pid of kids.filter(Boolean)) {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += m ? Number(m[1]) * 1024 : 0;
    }
    return total;
  } catch {
    return 0;
  }
}

process.on('message', async (m: { op: string }) => {
  if (m.op === 'heap') {
    const series = await core.handle('stats:series', { window: '10m' }, client);
    const points = series.ok ? (series.value as { points: unknown[] }).points.length : -1;
    process.send?.({ heap: heap(), rss: process.memoryUsage().rss, collectorRss: childrenRss(), deltas, points });
  } else if (m.op === 'rss') {
    // Between the minute samples: RSS only, without the full collection `heap` forces on this process.
    process.send?.({ rss: process.memoryUsage().rss, collectorRss: childrenRss() });
  } else if (m.op === 'stop') {
    core.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
});

void core.handle('sockets:subscribe', {}, client).then(() => process.send?.({ ready: true }));
