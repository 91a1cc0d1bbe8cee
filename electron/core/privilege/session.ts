// The app's side of the hand-over: a fresh 0700 directory holding a 0600 token file, never argv or env.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TOKEN_FILE, sessionPaths, type TokenFile } from './helper-protocol';

/** One elevation attempt's directory and secret. */
export interface Session {
  readonly dir: string;
  readonly tokenFile: string;
  /** Where the helper listens (Linux/macOS), or the app's pipe the helper connects to (Windows). */
  readonly endpoint: string;
  readonly token: string;
  /** Removes the directory and everything in it. */
  remove(): void;
}

export interface SessionOptions {
  readonly appPid: number;
  readonly uid: number;
  /** Parent of the session directory (default: the OS temp directory). */
  readonly parent?: string;
  readonly platform?: NodeJS.Platform;
}

/** Creates the directory (0700) and writes the token file (0600, created exclusively so nothing pre-placed is used). */
export function createSession(options: SessionOptions): Session {
  const platform = options.platform ?? process.platform;
  // mkdtemp makes the directory 0700 with an unpredictable name; chmod again in case of an unusual umask/ACL.
  const dir = fs.mkdtempSync(path.join(options.parent ?? os.tmpdir(), 'netinspect-'));
  fs.chmodSync(dir, 0o700);
  const token = randomBytes(32).toString('base64url');
  const pipe = platform === 'win32' ? `\\\\.\\pipe\\netinspect-${randomBytes(16).toString('hex')}` : undefined;
  const content: TokenFile = { token, appPid: options.appPid, uid: options.uid, ...(pipe && { pipe }) };
  const tokenFile = path.join(dir, TOKEN_FILE);
  fs.writeFileSync(tokenFile, JSON.stringify(content), { mode: 0o600, flag: 'wx' });
  return {
    dir,
    tokenFile,
    endpoint: pipe ?? sessionPaths(tokenFile).socket,
    token,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
