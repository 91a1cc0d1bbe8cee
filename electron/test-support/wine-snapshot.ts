// Entry of `npm run test:wine`, run by Linux Node and by Windows Node under Wine: one snapshot of the platform's
// collector (argv[3] of them for benchmarks), written as JSON to the file named by argv[2] (Wine's console output is unreliable, files are not).
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { AppError } from '../../shared/model/errors';
import { createPlatform } from '../core/platform/index';
import { isElevated } from '../core/platform/elevation';
import { WinProcessCache } from '../core/platform/win32/process-cache';
import { killProcess } from '../core/platform/win32/process-kill';

/** A pid far above any Windows assigns (they are multiples of 4 below 2^22 in practice): never a real process. */
const ABSENT_PID = 0x7ffffffc;

function listen(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** What ending a pid that cannot exist answers: exercises OpenProcess failure and its error mapping. */
function absentKillCode(): string {
  try {
    killProcess(ABSENT_PID);
    return 'no error';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

async function main(out: string, snapshots: number): Promise<void> {
  // A listener of our own, whose row must carry our pid and image name: the owner path of the collector.
  const self = await listen();
  const collector = createPlatform().createSocketCollector();
  try {
    // Benchmarks ask for several: the first sizes the table buffers, later ones show the steady state.
    let snap = collector.snapshot();
    const durationsMs = [snap.durationMs];
    for (let i = 1; i < snapshots; i++) {
      snap = collector.snapshot();
      durationsMs.push(snap.durationMs);
    }
    const port = (self.address() as net.AddressInfo).port;
    writeFileSync(
      out,
      JSON.stringify({
        ok: true,
        platform: process.platform,
        pid: process.pid,
        selfPort: port,
        elevated: isElevated(),
        absentKill: process.platform === 'win32' ? absentKillCode() : null,
        // The owner path on a pid known to exist: Wine gives every socket pid 0, so no row exercises it.
        selfLookup: process.platform === 'win32' ? new WinProcessCache().lookup(process.pid) : null,
        durationsMs,
        snapshot: snap,
      }),
    );
  } finally {
    collector.close();
    self.close();
  }
}

const out = process.argv[2];
main(out, Math.max(1, Number(process.argv[3] ?? 1))).catch((e: unknown) => {
  writeFileSync(out, JSON.stringify({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
  process.exitCode = 1;
});
