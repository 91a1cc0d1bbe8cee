// Entry of the privileged helper: started elevated with one argument (the token file); serves the app until it goes.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createAdapterService } from '../adapters/adapter-service';
import { createPlatform } from '../platform/index';
import { createPrivilegedOps, type PrivilegedOps } from '../privileged-ops';
import { frame } from './framing';
import { serveConnection, type ConnectionOptions } from './helper-connection';
import { APP_POLL_MS, HEARTBEAT_TIMEOUT_MS, sessionPaths, type TokenFile } from './helper-protocol';
import { takeTokenFile } from './token-file';

type Log = (message: string) => void;

/**
 * The log lives in the user's session directory, so it is created exclusively and without following links: as root,
 * appending to a symlink someone planted there would write into any file of the system.
 */
function openLog(file: string, uid: number, gid: number): Log {
  let fd = -1;
  try {
    const { O_WRONLY, O_CREAT, O_EXCL, O_APPEND, O_NOFOLLOW } = fs.constants;
    fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | (O_NOFOLLOW ?? 0), 0o600);
    // The app (the user) reads it to explain failures.
    if (process.platform !== 'win32' && uid >= 0) fs.fchownSync(fd, uid, gid);
  } catch (e) {
    process.stderr.write(`netinspect helper: no log file (${e instanceof Error ? e.message : String(e)})\n`);
  }
  return (message) => {
    const line = `${new Date().toISOString()} pid ${process.pid} ${message}\n`;
    if (fd >= 0) fs.writeSync(fd, line);
    else process.stderr.write(line);
  };
}

/** True while `pid` exists (EPERM means it exists but is not ours to signal). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The privileged operations over a platform that counts the app's process tree as netinspect's own. */
function privilegedOps(appPid: number): PrivilegedOps {
  const platform = createPlatform(process.platform, { ownPids: [appPid] });
  return createPrivilegedOps(platform, createAdapterService(platform.adapters, platform.os));
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.length !== 1 || !args[0]) {
    process.stderr.write('netinspect helper: expected exactly one argument, the token file\n');
    process.exit(2);
  }
  const tokenPath = path.resolve(args[0]);
  const paths = sessionPaths(tokenPath);
  let session: TokenFile;
  try {
    session = takeTokenFile(tokenPath);
  } catch (e) {
    process.stderr.write(`netinspect helper: token file refused: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const dirGid = process.platform === 'win32' ? -1 : fs.statSync(paths.dir).gid;
  const log = openLog(paths.log, session.uid, dirGid);

  let lastPing = Date.now();
  let server: net.Server | null = null;
  const exit = (why: string, code = 0): void => {
    log(`exiting: ${why}`);
    server?.close();
    if (process.platform !== 'win32') fs.rmSync(paths.socket, { force: true });
    process.exit(code);
  };
  // A request's own failure is caught where it runs and answered; anything reaching here escaped every such catch,
  // so this root process is in a state nobody planned for: log it and go (the app sees the helper gone and says so).
  process.on('uncaughtException', (e) => exit(`uncaught: ${e.stack ?? e.message}`, 70));
  setInterval(() => {
    if (!alive(session.appPid)) exit(`app pid ${session.appPid} is gone`);
    else if (Date.now() - lastPing > HEARTBEAT_TIMEOUT_MS) exit(`no ping for ${HEARTBEAT_TIMEOUT_MS} ms`);
  }, APP_POLL_MS);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => exit(signal));

  const options: ConnectionOptions = {
    token: session.token,
    // The app is netinspect too, and this root process does not descend from it: its connections stay closed to us.
    privileged: privilegedOps(session.appPid),
    collectorScript: path.join(__dirname, 'collector-worker.cjs'),
    peerUid: process.platform === 'win32' ? null : session.uid,
    log,
    onPing: () => (lastPing = Date.now()),
  };

  if (session.pipe) {
    // Windows: the helper dials the app's pipe (see broker-transport.ts for why) and proves itself with the token.
    const socket = net.connect(session.pipe, () => {
      socket.write(frame({ token: session.token }));
      log(`connected to ${session.pipe}`);
      serveConnection(socket, options, true);
    });
    socket.on('close', () => exit('the app closed the pipe'));
    socket.on('error', (e) => log(`pipe error: ${e.message}`));
    return;
  }
  // Created 0600 by root, then given to the user: nobody else may even connect() (the peer uid check comes after).
  process.umask(0o177);
  server = net.createServer((socket) => serveConnection(socket, options, false));
  server.on('error', (e) => exit(`listen failed: ${e.message}`));
  server.listen(paths.socket, () => {
    // lchown: never follow a link someone swapped in for the socket.
    fs.lchownSync(paths.socket, session.uid, dirGid);
    log(`listening on ${paths.socket} for uid ${session.uid}, app pid ${session.appPid}`);
  });
}

main();
