// The cold owner scan alone, as a collector's first snapshot runs it (the socket dump in between), both ways: every
// fd directory listed with getdents64, or big dense fd tables read by number without a listing. Run by
// owner-scan.bench.mjs with holders running.
import { LibcProcFdSource } from '../electron/core/platform/linux/proc-fd-source';

const runs = Number(process.env.BENCH_RUNS ?? 12);
const dumpMs = Number(process.env.BENCH_DUMP_MS ?? 120);
const times: Record<'listed' | 'by number', number[]> = { listed: [], 'by number': [] };
for (let i = 0; i < runs + 1; i++) {
  for (const mode of ['listed', 'by number'] as const) {
    const source = new LibcProcFdSource({ byNumber: mode === 'by number' });
    const started = performance.now();
    const scan = source.readAll(source.listPids());
    // The caller's socket dump meanwhile: this thread busy for as long as one takes at 40,000 sockets.
    const until = performance.now() + dumpMs;
    while (performance.now() < until);
    const fds = [...scan.result().values()].reduce((n, r) => n + (typeof r === 'string' ? 0 : r.fds.length), 0);
    if (i > 0) times[mode].push(performance.now() - started);
    if (i === 1 && mode === 'listed') console.log(`owner scan: ${fds} fds; a ${dumpMs} ms dump in between`);
    source.release();
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [mode, xs] of Object.entries(times)) {
  console.log(`  ${mode.padEnd(10)} median ${median(xs).toFixed(1)} ms (${xs.map((x) => x.toFixed(0)).join(' ')})`);
}
