// Test support for the helper's integration tests: start it as root here, and talk to it over raw connections.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSession, type Session } from '../core/privilege/session';

const ROOT = path.resolve(__dirname, '..', '..');
export const HELPER = path.join(ROOT, 'out', 'node', 'helper.cjs');

/** Resolves when `check` returns true, polling; rejects after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A helper started directly (no password prompt: the tests run as root), with a session made as the app makes it. */
export interface StartedHelper {
  readonly session: Session;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  log(): string;
}

/** `nodeArgs` go before the script, e.g. `--require` of a fault planted by a test. */
export async function startHelper(appPid: number, parent: string, nodeArgs: string[] = []): Promise<StartedHelper> {
  const session = createSession({ appPid, uid: process.getuid?.() ?? 0, parent });
  const child = spawn(process.execPath, [...nodeArgs, HELPER, session.tokenFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  await until(() => fs.existsSync(session.endpoint) || child.exitCode !== null, 5_000, 'the helper socket');
  if (child.exitCode !== null) throw new Error(`helper exited: ${stderr}`);
  const logFile = path.join(session.dir, 'helper.log');
  return { session, child, exited, log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '') };
}

/** An authenticated connection that pings `helper` every 2 s, so its heartbeat holds for a whole suite. */
export interface KeepAlive {
  readonly connection: RawConnection;
  /** Stops the pings and closes the connection. */
  stop(): void;
}

export async function keepAlive(helper: StartedHelper): Promise<KeepAlive> {
  const connection = await RawConnection.authed(helper.session.endpoint, helper.session.token);
  // Ids of their own, far from those a test gives its requests on the same connection.
  let id = 1000;
  const timer = setInterval(() => connection.write({ id: id++, op: 'ping' }), 2_000);
  return {
    connection,
    stop() {
      clearInterval(timer);
      connection.socket.destroy();
    },
  };
}

/** A helper for a whole suite: this process as its app, its session under a temp folder of its own, kept alive. */
export interface SuiteHelper extends StartedHelper {
  /** The temp folder the session lives in (other helpers a test starts can use it too). */
  readonly parent: string;
  /** Stops the pings, kills the helper and removes the temp folder. */
  stop(): void;
}

/** `parentMode` is set on the temp folder before the helper starts. */
export async function startSuiteHelper(prefix: string, parentMode?: number): Promise<SuiteHelper> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = (): void => fs.rmSync(parent, { recursive: true, force: true });
  let helper: StartedHelper | undefined;
  try {
    if (parentMode !== undefined) fs.chmodSync(parent, parentMode);
    helper = await startHelper(process.pid, parent);
    const pings = await keepAlive(helper);
    const started = helper;
    return {
      ...started,
      parent,
      stop() {
        pings.stop();
        started.child.kill('SIGKILL');
        remove();
      },
    };
  } catch (e) {
    // A helper that started but would not take the session: the suite never gets it to stop.
    helper?.child.kill('SIGKILL');
    remove();
    throw e;
  }
}

/** A raw connection: what the helper sends, line by line, and whether it closed. */
export class RawConnection {
  readonly messages: unknown[] = [];
  closed = false;
  private buffer = '';

  constructor(readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffer += d.toString();
      for (let nl = this.buffer.indexOf('\n'); nl !== -1; nl = this.buffer.indexOf('\n')) {
        this.messages.push(JSON.parse(this.buffer.slice(0, nl)));
        this.buffer = this.buffer.slice(nl + 1);
      }
    });
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => {});
  }

  static open(endpoint: string): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(endpoint, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Opens a connection and passes the handshake. */
  static async authed(endpoint: string, token: string): Promise<RawConnection> {
    const c = await RawConnection.open(endpoint);
    c.write({ token });
    await c.next();
    return c;
  }

  write(m: unknown): void {
    this.socket.write(typeof m === 'string' ? m : `${JSON.stringify(m)}\n`);
  }

  /** The next message not yet taken. */
  async next(timeoutMs = 5_000): Promise<unknown> {
    await until(() => this.messages.length > 0 || this.closed, timeoutMs, 'a message');
    return this.messages.shift();
  }

  /** Sends one request and waits for its answer. */
  async call(id: number, op: string, request?: unknown): Promise<unknown> {
    this.write({ id, op, request });
    await until(() => this.messages.some((m) => (m as { id?: unknown }).id === id) || this.closed, 5_000, op);
    const i = this.messages.findIndex((m) => (m as { id?: unknown }).id === id);
    return i === -1 ? undefined : (this.messages.splice(i, 1)[0] as { result: unknown }).result;
  }

  async waitClosed(): Promise<void> {
    await until(() => this.closed, 5_000, 'the connection to close');
  }
}
