// Entry of test:wine's pipe check, run by Windows Node under Wine: the app's helper pipe (win-pipe-server.ts) with
// real child clients. Writes its checks as JSON to argv[2] (Wine's console output is unreliable); `--client` runs one.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Win32Error } from '../core/ffi/kernel32';
import { currentUserSid } from '../core/ffi/pipe-security';
import { acceptPipe } from '../core/privilege/broker-transport';
import { LineReader, parseLine, REPLY_LIMIT_BYTES } from '../core/privilege/framing';
import { elevatedClientCheck, userOnlySddl, WinPipeServer } from '../core/privilege/win-pipe-server';
import { BLAST_MESSAGES, blastIntact, blastMessage, runClient } from './wine-pipe-client';

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

const checks: Check[] = [];
const check = (name: string, ok: boolean, detail: string): void => void checks.push({ name, ok, detail });
const pipeName = (): string => `\\\\.\\pipe\\netinspect-${randomBytes(16).toString('hex')}`;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Client spawns Wine refused with an error libuv could not map ("spawn UNKNOWN"), retried: see spawnUnderWine. */
let unknownSpawns = 0;

/**
 * spawn(), tried up to 3 times: Wine's CreateProcess now and then fails with an error libuv has no name for
 * (thrown as "spawn UNKNOWN") while it is busy starting other processes. That is Wine's, not the pipe's, and the
 * checks report how often it happened. Any other error, or a third UNKNOWN, is thrown. The 200 ms pause between
 * tries blocks this process (spawn is synchronous here); every deadline of the checks is far longer.
 */
function spawnUnderWine(file: string, args: readonly string[]): ChildProcess {
  for (let attempt = 1; ; attempt++) {
    try {
      return spawn(file, args, { stdio: 'ignore' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'UNKNOWN' || attempt === 3) throw e;
      unknownSpawns++;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
}

/** A child Windows Node running one client mode; resolves its result file's JSON when it exits. */
function client(
  mode: string,
  pipe: string,
  token: string,
  out: string,
): { child: ChildProcess; done: Promise<unknown> } {
  const child = spawnUnderWine(process.execPath, [__filename, '--client', mode, pipe, token, out]);
  const done = new Promise<unknown>((resolve) => {
    child.on('exit', () => resolve(existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as unknown) : null));
  });
  return { child, done };
}

/**
 * The user-only DACL as the kernel reports it. Windows maps GENERIC_ALL to the pipe's specific rights when it
 * stores the ACE, so `FA` (FILE_ALL_ACCESS) is the same grant as `GA`; nothing else may differ.
 */
function daclIsUserOnly(dacl: string, sid: string): boolean {
  return [userOnlySddl(sid), `D:P(A;;FA;;;${sid})`].includes(dacl);
}

/** Descriptor, single instance, client pid and a 3 MiB-each-way exchange with a pending read during writes. */
async function lowLevel(dir: string): Promise<void> {
  const sid = currentUserSid();
  const name = pipeName();
  const server = WinPipeServer.create(name);
  const dacl = server.dacl();
  check('DACL is user-only', daclIsUserOnly(dacl, sid), `${dacl} (user ${sid})`);
  try {
    WinPipeServer.create(name).close();
    check('second instance refused', false, 'a second CreateNamedPipeW of the same name succeeded');
  } catch (e) {
    check('second instance refused', e instanceof Win32Error, message(e));
  }
  const blast = client('blast', name, '', `${dir}/pipe-blast.json`);
  const pid = await server.connect(Date.now() + 30_000, () => null);
  check('GetNamedPipeClientProcessId', pid === blast.child.pid, `pipe says ${pid}, spawned ${blast.child.pid}`);
  const stream = server.openStream();
  server.close();
  const reader = new LineReader(REPLY_LIMIT_BYTES);
  let received = 0;
  let corrupt = 0;
  const allIn = new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      for (const line of reader.push(chunk)) {
        received++;
        if (!blastIntact(parseLine(line))) corrupt++;
      }
      if (received >= BLAST_MESSAGES) resolve();
    });
    stream.on('close', resolve);
  });
  const writes = Array.from({ length: BLAST_MESSAGES }, (_, i) => {
    return new Promise<void>((resolve, reject) => stream.write(blastMessage(i), (e) => (e ? reject(e) : resolve())));
  });
  await Promise.all([...writes, allIn]);
  const peer = (await blast.done) as { ok?: boolean; received?: number; corrupt?: number; error?: string } | null;
  check(
    'framed exchange both ways',
    received === BLAST_MESSAGES && corrupt === 0 && peer?.ok === true && peer.received === BLAST_MESSAGES,
    `app got ${received} (${corrupt} corrupt), client got ${peer?.received} (${peer?.corrupt} corrupt) ${peer?.error ?? ''}`,
  );
  const s = stream.stats;
  check(
    'reads completed while a write was pending',
    s.readsWhileWriting > 0,
    `${s.readsWhileWriting} reads during writes, ${s.pendingWrites} writes left pending by the kernel`,
  );
  stream.destroy();
}

/**
 * Informational: does Wine enforce a pipe DACL that leaves the user out (SYSTEM only)? Windows does; whatever Wine
 * answers is reported, never failed, since only Windows can prove the user-only DACL keeps other users out.
 */
async function daclEnforcement(dir: string): Promise<string> {
  const name = pipeName();
  const server = WinPipeServer.create(name, 'D:P(A;;GA;;;SY)');
  const probe = client('probe', name, 'x', `${dir}/pipe-foreign.json`);
  const connected = await server
    .connect(Date.now() + 5_000, () => null)
    .then(
      () => true,
      () => false,
    );
  if (connected) server.openStream().destroy();
  server.close();
  const r = (await probe.done) as { error?: string } | null;
  return connected
    ? 'Wine let the user open a SYSTEM-only pipe: DACL enforcement is not verifiable under Wine'
    : `Wine refused the user on a SYSTEM-only pipe (${r?.error ?? 'no error recorded'})`;
}

/** acceptPipe end to end: a connect time-out, a refused client, a wrong token, then a helper served concurrently. */
async function endToEnd(dir: string): Promise<string> {
  const t0 = Date.now();
  const timedOut = await acceptPipe(pipeName(), 'x', Date.now() + 300, () => null).then(
    () => 'accepted',
    (e: unknown) => message(e),
  );
  check('connect deadline', timedOut === 'the helper never connected', `${timedOut} after ${Date.now() - t0} ms`);

  const name = pipeName();
  const token = randomBytes(32).toString('base64url');
  // Wine's tokens are not elevated the way UAC's are: when the real check refuses our own (parent) token, it is
  // reported and replaced for the helper client; the refusal path is exercised on purpose with a marked client.
  const own = elevatedClientCheck(process.pid);
  const refused = client('probe', name, token, `${dir}/pipe-refused.json`);
  const verdicts: string[] = [];
  const accepting = acceptPipe(
    name,
    token,
    Date.now() + 60_000,
    () => null,
    (pid) => {
      const verdict =
        pid === refused.child.pid ? 'refused by the test' : own === null ? elevatedClientCheck(pid) : null;
      verdicts.push(`${pid}: ${verdict ?? 'accepted'}`);
      return verdict;
    },
  );
  const r1 = (await refused.done) as { ok?: boolean; answered?: boolean } | null;
  check('refused client dropped', r1?.ok === true && r1.answered === false, JSON.stringify(r1));
  // A client gone before its token: the pipe must go on accepting (the helper below is accepted after it).
  const r0 = (await client('hangup', name, token, `${dir}/pipe-hangup.json`).done) as { ok?: boolean } | null;
  check('client that hung up at once', r0?.ok === true, JSON.stringify(r0));
  const r2 = (await client('probe', name, 'wrong-token', `${dir}/pipe-badtoken.json`).done) as {
    ok?: boolean;
    answered?: boolean;
  } | null;
  check('wrong token dropped', r2?.ok === true && r2.answered === false, JSON.stringify(r2));
  const helper = client('helper', name, token, `${dir}/pipe-helper.json`);
  const hc = await accepting;
  const payloads = Array.from({ length: 8 }, (_, i) => ({ i, data: randomBytes(192 * 1024).toString('base64') }));
  const answers = await Promise.all(payloads.map((p) => hc.request('echo', p, 30_000)));
  const echoed = answers.filter((a, i) => a.ok && JSON.stringify(a.value) === JSON.stringify(payloads[i])).length;
  check('HelperClient requests over the pipe', echoed === payloads.length, `${echoed}/${payloads.length} echoed`);
  hc.close();
  const r3 = (await helper.done) as { ok?: boolean } | null;
  check('helper saw the app close', r3?.ok === true, JSON.stringify(r3));
  check('client checks', verdicts.length === 4, verdicts.join('; '));
  return own === null ? 'real elevation check' : `elevation check injected (Wine: ${own})`;
}

async function main(out: string): Promise<void> {
  const dir = out.replace(/[\\/][^\\/]*$/, '');
  let elevation = 'not reached';
  let enforcement = 'not reached';
  try {
    await lowLevel(dir);
    elevation = await endToEnd(dir);
    enforcement = await daclEnforcement(dir);
    check('client spawns', true, `${unknownSpawns} retried after Wine's "spawn UNKNOWN"`);
    writeFileSync(out, JSON.stringify({ ok: true, platform: process.platform, elevation, enforcement, checks }));
  } catch (e) {
    check('client spawns', true, `${unknownSpawns} retried after Wine's "spawn UNKNOWN" before the failure`);
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    writeFileSync(
      out,
      JSON.stringify({ ok: false, platform: process.platform, elevation, enforcement, checks, error }),
    );
  }
  // The helper client's heartbeat and koffi's pool must not keep the process alive.
  setTimeout(() => process.exit(0), 100);
}

if (process.argv[2] === '--client') {
  const [mode, pipe, token, out] = process.argv.slice(3);
  runClient(mode, pipe, token, out);
} else {
  void main(process.argv[2]);
}
