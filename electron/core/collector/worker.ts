// Entry of the collector process: native calls live here, so a crash in them never takes the app down.
import { toErrorData } from '../../../shared/model/errors';
import { createCollector } from '../platform/index';
import { CollectorState } from './collector-state';
import type { WorkerReady, WorkerReply, WorkerRequest } from './protocol';

/** Electron's utilityProcess gives `process.parentPort`; child_process.fork gives `process.send`. */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function parentPort(): ParentPort | null {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  return port ?? null;
}

function isRequest(m: unknown): m is WorkerRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as { id?: unknown; op?: unknown };
  return typeof r.id === 'number' && (r.op === 'tick' || r.op === 'full');
}

let state: CollectorState | null = null;

function handle(message: unknown): WorkerReply | null {
  if (!isRequest(message)) return null;
  try {
    state ??= new CollectorState(createCollector());
    return { id: message.id, ok: true, value: message.op === 'full' ? state.full() : state.tick() };
  } catch (e) {
    return { id: message.id, ok: false, error: toErrorData(e) };
  }
}

const port = parentPort();
const post = (m: WorkerReply | WorkerReady): void => {
  if (port) port.postMessage(m);
  else process.send?.(m);
};
if (port)
  port.on('message', (e) => {
    const r = handle(e.data);
    if (r) post(r);
  });
else
  process.on('message', (m) => {
    const r = handle(m);
    if (r) post(r);
  });
// Exit with the host: an orphaned collector would keep reading /proc for nobody.
process.on('disconnect', () => process.exit(0));
post({ ready: true, pid: process.pid });
