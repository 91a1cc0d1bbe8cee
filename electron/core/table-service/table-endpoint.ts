// Where a running netinspect offers its live table to this user's CLI: a 0600 Unix socket and a 0600 token file in
// a 0700 directory of the user's own, checked on both sides before anything is trusted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The socket and the token file of this user's table service. */
export interface TableEndpoint {
  readonly dir: string;
  readonly socket: string;
  readonly token: string;
}

/** Newest protocol this side speaks; a request of another version is declined (the CLI then reads the kernel). */
export const TABLE_PROTOCOL = 1;

/**
 * One piece of output as a frame: its byte length (u32, big-endian), then the bytes (`lead`, an ASCII byte, first
 * when given). A zero length ends the output, so the CLI can tell a complete answer from one cut short by a
 * service that died.
 */
export function frame(text: string, lead: number | null = null): Buffer {
  // Encoded straight after its length: one copy of each piece, not two.
  const at = lead === null ? 4 : 5;
  const n = Buffer.byteLength(text, 'utf8');
  const b = Buffer.allocUnsafe(at + n);
  b.writeUInt32BE(at - 4 + n, 0);
  if (lead !== null) b[4] = lead;
  b.write(text, at, 'utf8');
  return b;
}

/** The current uid, or null where the OS has none (Windows: no table service there yet). */
function uid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/**
 * The endpoint for this user: `$XDG_RUNTIME_DIR/netinspect` when the runtime dir is this user's own (0700, as
 * systemd makes it), else `<tmpdir>/netinspect-<uid>`; null on Windows. Nothing is created here.
 */
export function tableEndpoint(env: NodeJS.ProcessEnv = process.env): TableEndpoint | null {
  const me = uid();
  if (me === null || process.platform === 'win32') return null;
  const runtime = env.XDG_RUNTIME_DIR;
  const base = runtime && ownPrivateDir(runtime, me) ? path.join(runtime, 'netinspect') : null;
  const dir = base ?? path.join(os.tmpdir(), `netinspect-${me}`);
  return { dir, socket: path.join(dir, 'table.sock'), token: path.join(dir, 'table.token') };
}

/** True when `dir` is a real directory (no symlink) owned by `owner` that nobody else may enter. */
export function ownPrivateDir(dir: string, owner: number): boolean {
  try {
    const st = fs.lstatSync(dir);
    return st.isDirectory() && st.uid === owner && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** Creates the endpoint's directory 0700 if needed; false when it exists but is not ours alone (then: no service). */
export function makeEndpointDir(e: TableEndpoint): boolean {
  const me = uid();
  if (me === null) return false;
  try {
    fs.mkdirSync(e.dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
  }
  return ownPrivateDir(e.dir, me);
}

/** Reads the token, refusing a file that is a symlink, not ours, readable by others, or implausibly large. */
export function readToken(e: TableEndpoint): string | null {
  const me = uid();
  if (me === null || !ownPrivateDir(e.dir, me)) return null;
  let fd = -1;
  try {
    fd = fs.openSync(e.token, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.uid !== me || (st.mode & 0o077) !== 0 || st.size > 256) return null;
    const text = fs.readFileSync(fd, 'utf8').trim();
    return /^[0-9a-f]{64}$/.test(text) ? text : null;
  } catch {
    return null;
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}
