// A Node child the test owns that listens on 127.0.0.1 and prints its port: what the e2e specs kill, inspect or leak.
import { spawn, type ChildProcess } from 'node:child_process';

/** The child, its listener's port, and how it ended (its signal name or exit code) once it has. */
export interface PortChild {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly exited: Promise<string>;
}

/**
 * Runs `script` with `node -e` and waits for the port it prints on its first line (as a string: Playwright sets
 * FORCE_COLOR, which would colour a bare number). `what` names the child in errors.
 */
export async function spawnPortChild(script: string, what: string): Promise<PortChild> {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
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
    child.once('exit', () => reject(new Error(`${what} exited before printing its port: ${buf}`)));
  });
  if (child.pid === undefined) throw new Error(`${what} has no pid`);
  return { child, pid: child.pid, port, exited };
}
