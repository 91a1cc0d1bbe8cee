// A recorder in a process of its own, for the kill -9 and concurrent-reader tests: it records synthetic ticks
// (seeded, so the test regenerates the very same tables) and prints "tick <takenAt>" after each commit.
import { openTimelineWriter } from '../timeline-writer';
import { SyntheticTicks } from './synthetic-ticks';

const [file, seed, steady, churn, intervalMs] = process.argv.slice(2);
const writer = openTimelineWriter(file, { keyframeEveryMs: 5000, host: 'child-host' });
const ticks = new SyntheticTicks({ steady: Number(steady), churnPerSecond: Number(churn), seed: Number(seed) });
process.stdout.write(`ready ${process.pid}\n`);
const timer = setInterval(() => {
  const tick = ticks.next();
  writer.writeTick(tick);
  const s = writer.status();
  process.stdout.write(s.recording ? `tick ${tick.takenAt}\n` : `paused ${s.paused?.reason}\n`);
}, Number(intervalMs));
process.on('SIGTERM', () => {
  clearInterval(timer);
  writer.close();
  process.stdout.write('closed\n');
  process.exit(0);
});
