// What the benchmarks share: medians, and socket holder processes that keep N loopback connection pairs open.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Median of a list of numbers (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Starts a holder of `pairs` connection pairs (2 * pairs + 1 sockets) and resolves once they are all open.
 * Each pair needs two fds: the shell raises the holder's soft limit (within the hard limit) before exec.
 */
export function forkHolder(pairs) {
  const limit = pairs * 2 + 200;
  const child = spawn(
    '/bin/sh',
    [
      '-c',
      `ulimit -n ${limit} && exec "$0" "$@"`,
      process.execPath,
      path.join(here, 'socket-holder.cjs'),
      String(pairs),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
}
