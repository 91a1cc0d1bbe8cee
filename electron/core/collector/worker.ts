// Entry of the collector process: native calls live here, so a crash in them never takes the app down.
import { setFlagsFromString } from 'node:v8';
import { createPlatform } from '../platform/index';
import { replyMessages, type WireReply, type WorkerPart, type WorkerReady } from './protocol';
import { createWorkerHandler } from './worker-handler';

/** Electron's utilityProcess gives `process.parentPort`; child_process.fork gives `process.send`. */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function parentPort(): ParentPort | null {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  return port ?? null;
}

/**
 * How far V8 lets the old generation grow past what the last full collection kept, before the next one (percent).
 * Left to itself, V8 picks up to 4x for a small heap: here, at 1,000 connections a second, the old space swung
 * between about 44 and 80 MB around some 25 MB live, and the process's RSS with it. Collections come more often
 * instead (marking runs concurrently); the RSS stays near what is live.
 * Set from the second request on, not at start: while that table is built, the heap grows from nothing to all of
 * it, and a full collection every 30% of growth cost the first table at 40,000 sockets some 35 ms (fork to the
 * whole table 742 ms with it from the start, 700 without, medians of 8).
 */
export const HEAP_GROWING_PERCENT = 30;
let steadyHeap = false;
function toSteadyHeap(): void {
  if (steadyHeap) return;
  steadyHeap = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // V8 takes a code cache only from a process with the flags it has: the build's run that writes the collector's
  // (bin/code-cache.cjs, at exit) puts the flag back first, as every collector starts without it.
  if (process.env.NETINSPECT_WRITE_CODE_CACHE === '1') {
    process.prependOnceListener('exit', () => setFlagsFromString('--heap-growing-percent=0'));
  }
}

const platform = createPlatform();
// The collector process lives as long as the app: it holds the kernel's event sources (destroy events, the trace).
const worker = createWorkerHandler(
  () => platform.createSocketCollector(),
  () => platform.openSocketEvents(),
);
const port = parentPort();
type Outgoing = WireReply | WorkerPart | WorkerReady;
/** Replies not yet handed to the channel, in order, each as the messages still to come of it (see send). */
const queue: Iterator<Outgoing>[] = [];
let writing = false;

/** The next message to send, encoded now (replyMessages encodes each as it is asked for), or undefined. */
function nextMessage(): Outgoing | undefined {
  while (queue.length > 0) {
    const r = queue[0].next();
    if (!r.done) return r.value;
    queue.shift();
  }
  return undefined;
}

/**
 * One message is handed on at a time, the next encoded once the last is with the kernel (child_process) or after
 * a turn of the event loop (Electron's port, which takes a message at once). Encoded and sent all at once, a whole
 * table's parts would all be made before the first left, and the host could start reading only then; one by one,
 * it reads and decodes a part while this process encodes the next.
 */
const send = (): void => {
  const m = process.connected || port ? nextMessage() : undefined;
  if (!m) {
    writing = false;
    return;
  }
  writing = true;
  if (port) {
    port.postMessage(m);
    setImmediate(send);
    return;
  }
  // A host gone while a reply was in flight (EPIPE) is no error of ours: 'disconnect' ends this process.
  process.send?.(m, undefined, undefined, () => send());
};
const post = (messages: Iterable<Outgoing>): void => {
  queue.push(messages[Symbol.iterator]());
  if (!writing) send();
};
/** Requests handled: the first is a whole table, and each one after it a refresh of the steady state. */
let handled = 0;
const onMessage = (m: unknown): void => {
  if (handled > 0) toSteadyHeap();
  const r = worker.handle(m);
  if (!r) return;
  handled++;
  post(replyMessages(r));
};
if (port) port.on('message', (e) => onMessage(e.data));
else process.on('message', onMessage);
// Exit with the host: an orphaned collector would keep reading /proc for nobody.
process.on('disconnect', () => process.exit(0));
// Asked to stop (Electron's utilityProcess.kill sends SIGTERM): exit normally, so the exit handlers run (the state
// tracer removes its tracefs instance).
process.on('SIGTERM', () => process.exit(0));
post([{ ready: true, pid: process.pid }]);
