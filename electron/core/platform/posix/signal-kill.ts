// Ending a process with signals (Linux, macOS): checks, SIGTERM, wait, SIGKILL when forced, wait again.
import type { KillResult, ProcessDetails } from '../../../../shared/model/actions';
import type { KillOrder } from '../platform';
import { goneError, permissionError, reusedError, timeoutError } from '../process-errors';
import { refusalError } from '../process-refusal';

/** What the kill flow needs from the OS; swappable so the flow is testable without real processes. */
export interface SignalDeps {
  /** Details of `pid`; throws ESRCH (goneError) when it does not exist. */
  details(pid: number): Omit<ProcessDetails, 'sockets'>;
  /** Sends a signal; throws an error whose `code` is 'EPERM' or 'ESRCH' as process.kill does. */
  signal(pid: number, signal: 'SIGTERM' | 'SIGKILL'): void;
  /**
   * Called before the first signal: returns a check that is true once that very process is gone (exited, a
   * zombie, or its pid reused by a later process).
   */
  watch(pid: number): () => boolean;
  readonly elevated: boolean;
  /** How long to wait after each signal (ms). */
  readonly graceMs: number;
  /** How often to look whether it exited (ms). */
  readonly pollMs: number;
}

/** Start times agree within one USER_HZ tick (10 ms), the resolution /proc gives them in. */
const START_TIME_TOLERANCE_MS = 10;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs the whole kill: REFUSED / ESRCH / NEEDS_ELEVATION / EPERM / TIMEOUT as AppErrors. */
export async function signalKill(order: KillOrder, deps: SignalDeps): Promise<Omit<KillResult, 'viaHelper'>> {
  const d = deps.details(order.pid);
  const expected = order.expectStartTime;
  if (expected != null && (d.startTime === null || Math.abs(d.startTime - expected) > START_TIME_TOLERANCE_MS)) {
    throw reusedError(order.pid, d.name);
  }
  if (d.refusal) throw refusalError(d.refusal, order.pid, d.name);
  const exited = deps.watch(order.pid);
  const started = Date.now();
  send(order.pid, d.name, 'SIGTERM', deps);
  if (await waitExit(exited, deps)) {
    return { pid: order.pid, outcome: 'terminated', elapsedMs: Date.now() - started };
  }
  if (!order.force) throw timeoutError(order.pid, d.name, deps.graceMs, false);
  send(order.pid, d.name, 'SIGKILL', deps);
  if (await waitExit(exited, deps)) {
    return { pid: order.pid, outcome: 'killed', elapsedMs: Date.now() - started };
  }
  throw timeoutError(order.pid, d.name, deps.graceMs, true);
}

function send(pid: number, name: string, sig: 'SIGTERM' | 'SIGKILL', deps: SignalDeps): void {
  try {
    deps.signal(pid, sig);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ESRCH') throw goneError(pid);
    if (code === 'EPERM') throw permissionError(pid, name, deps.elevated);
    throw e;
  }
}

async function waitExit(exited: () => boolean, deps: SignalDeps): Promise<boolean> {
  const until = Date.now() + deps.graceMs;
  for (;;) {
    if (exited()) return true;
    if (Date.now() >= until) return false;
    await sleep(Math.min(deps.pollMs, Math.max(1, until - Date.now())));
  }
}
