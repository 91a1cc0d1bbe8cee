// The client side of test:wine's pipe check, run as a child Windows Node under Wine: Node's own net.connect to the pipe.
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { frame, LineReader, parseLine, REPLY_LIMIT_BYTES } from '../core/privilege/framing';

/** Messages each side sends in the concurrent exchange, and their payload size (bytes before base64). */
export const BLAST_MESSAGES = 32;
export const BLAST_PAYLOAD_BYTES = 96 * 1024;

export interface BlastMessage {
  readonly i: number;
  readonly data: string;
  readonly sha: string;
}

/** One framed message of the exchange: random data and its digest, which the receiver checks. */
export function blastMessage(i: number): string {
  const data = randomBytes(BLAST_PAYLOAD_BYTES).toString('base64');
  return frame({ i, data, sha: createHash('sha256').update(data).digest('hex') });
}

/** True when `m` is a blast message whose digest matches its data. */
export function blastIntact(m: unknown): m is BlastMessage {
  const b = m as Partial<BlastMessage> | undefined;
  return (
    typeof b?.i === 'number' &&
    typeof b.data === 'string' &&
    b.sha === createHash('sha256').update(b.data).digest('hex')
  );
}

/**
 * blast: read nothing for the first second (so the app's writes back up and stay pending) while sending
 * BLAST_MESSAGES; then read the app's. probe: send `token`, report whether the app answered before it hung up.
 * helper: send `token`, then echo every {id, op, request} as {id, result: {ok, value: request}}. hangup: connect
 * and hang up at once, sending nothing.
 */
export function runClient(mode: string, pipe: string, token: string, out: string): void {
  const started = Date.now();
  const socket = net.connect(pipe);
  const reader = new LineReader(REPLY_LIMIT_BYTES);
  let received = 0;
  let corrupt = 0;
  let answered = false;
  let written = 0;
  const report = (extra: Record<string, unknown>): void =>
    writeFileSync(out, JSON.stringify({ mode, pid: process.pid, received, corrupt, answered, ...extra }));
  const guard = setTimeout(() => {
    report({ ok: false, error: `timed out after ${Date.now() - started} ms` });
    process.exit(1);
  }, 60_000);
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(guard);
    report({ ok: true });
    socket.end();
    setTimeout(() => process.exit(0), 200);
  };

  // The app hanging up reaches a Node pipe client as EPIPE: the expected end of probe and helper runs.
  socket.on('error', (e) => {
    report({ ok: mode !== 'blast', error: e.message });
    process.exit(mode !== 'blast' ? 0 : 1);
  });
  socket.on('close', () => {
    if (mode !== 'blast') finish();
  });
  socket.on('connect', () => {
    if (mode === 'hangup') {
      socket.destroy();
      return;
    }
    if (mode !== 'blast') {
      socket.write(frame({ token }));
      return;
    }
    socket.pause();
    setTimeout(() => socket.resume(), 1_000);
    for (let i = 0; i < BLAST_MESSAGES; i++) {
      socket.write(blastMessage(i), () => {
        if (++written === BLAST_MESSAGES && received === BLAST_MESSAGES) finish();
      });
    }
  });
  socket.on('data', (chunk: Buffer) => {
    answered = true;
    for (const line of reader.push(chunk)) {
      const m = parseLine(line) as { id?: unknown; request?: unknown } | undefined;
      if (mode === 'helper' && typeof m?.id === 'number') {
        socket.write(frame({ id: m.id, result: { ok: true, value: m.request } }));
      } else if (mode === 'blast') {
        if (!blastIntact(m)) corrupt++;
        if (++received === BLAST_MESSAGES && written === BLAST_MESSAGES) finish();
      }
    }
  });
}
