// A child process the test owns that listens on 127.0.0.1: the target of kill and details tests.
import { spawn, type ChildProcess } from 'node:child_process';

/** The child, its listener's port, and how it ended (its signal name or exit code) once it has. */
export interface ChildListener {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly exited: Promise<string>;
}

/** The child's program: listen on any free port of 127.0.0.1 and print it (as a string: Playwright sets FORCE_COLOR,
 * which would colour a bare number). */
export const CHILD_SCRIPT =
  "const s = require('net').createServer().listen(0, '127.0.0.1', () => console.log(String(s.address().port)))";

/** Starts the child and waits for the port it prints. */
export async function spawnListener(): Promise<ChildListener> {
  const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Listened to from the start, so an exit before the test awaits it is not missed.
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve(Number(buf.trim()));
    });
    child.once('exit', () => reject(new Error(`listener child exited before printing its port: ${buf}`)));
  });
  if (child.pid === undefined) throw new Error('listener child has no pid');
  return { child, pid: child.pid, port, exited };
}

/** Ends the child if the test did not. */
export async function stopListener(l: ChildListener): Promise<void> {
  if (l.child.exitCode === null && l.child.signalCode === null) l.child.kill('SIGKILL');
  await l.exited;
}
