// The helper's allowlist: each operation it accepts, validated by the contract's schemas, executed as root.
import { fork, type ChildProcess } from 'node:child_process';
import { channels } from '../../../shared/contract';
import { keyedError } from '../../../shared/logic/input-error';
import { AppError, ok, toErrorData, type Result } from '../../../shared/model/errors';
import type { PrivilegedOps } from '../privileged-ops';
import { collectorSendSchema, HELPER_ALLOWLIST, type HelperEvent } from './helper-protocol';

/** What one authenticated connection gives the operations. */
export interface OpContext {
  /** Sends an event to this connection's app. */
  emit(event: HelperEvent): void;
  /** Notes a refusal or a fact in the helper's log. */
  log(message: string): void;
  /** Records that the app is alive. */
  onPing(): void;
}

/** Operations of one connection; `dispose` stops what the connection started (its relayed collector). */
export interface ConnectionOps {
  run(op: string, request: unknown): Promise<Result<unknown>>;
  dispose(): void;
}

/** The first schema issue as a keyed INVALID_INPUT error, as core answers it. */
function invalid(op: string, issues: readonly { path: PropertyKey[]; message: string }[]): AppError {
  const issue = issues[0];
  const field = issue?.path.map(String).join('.') || 'request';
  return keyedError('input.field', { field: `${op} ${field}`, detail: issue?.message ?? 'malformed request' });
}

/**
 * Operations for one connection. `collector:*` exist only for "Show all owners (administrator)": the helper forks
 * the collector worker that sits beside its own script (never a path the app names) and relays its messages.
 */
export function createConnectionOps(ctx: OpContext, privileged: PrivilegedOps, collectorScript: string): ConnectionOps {
  let collector: ChildProcess | null = null;

  const stopCollector = (): void => {
    collector?.kill('SIGKILL');
    collector = null;
  };

  const startCollector = (): { pid: number } => {
    stopCollector();
    // JSON crosses the helper socket, so the worker's messages must be plain data: 'json' serialization checks it.
    const child = fork(collectorScript, [], { serialization: 'json', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    collector = child;
    // Events carry the pid, so the app never mistakes a stopped collector's last words for the new one's.
    const pid = child.pid ?? -1;
    child.on('message', (message) => ctx.emit({ event: 'collector:message', payload: { pid, message } }));
    child.on('exit', (code) => {
      if (collector === child) collector = null;
      ctx.emit({ event: 'collector:exit', payload: { pid, code } });
    });
    return { pid };
  };

  const execute = async (op: string, request: unknown): Promise<unknown> => {
    switch (op) {
      case 'ping':
        ctx.onPing();
        return { pong: true, pid: process.pid };
      case 'process:kill':
      case 'socket:close':
      case 'adapter:create':
      case 'adapter:remove': {
        const parsed = channels[op].request.safeParse(request ?? {});
        if (!parsed.success) throw invalid(op, parsed.error.issues);
        return { ...(await (privileged[op] as (r: unknown) => Promise<object>)(parsed.data)), viaHelper: true };
      }
      case 'collector:start':
        return startCollector();
      case 'collector:send': {
        const parsed = collectorSendSchema.safeParse(request ?? {});
        if (!parsed.success) throw invalid(op, parsed.error.issues);
        if (!collector?.connected) throw new AppError('COLLECTOR_FAILED', 'The elevated collector is not running.');
        collector.send(parsed.data.message);
        return { sent: true };
      }
      case 'collector:stop':
        stopCollector();
        return { stopped: true };
      default:
        throw new AppError('UNKNOWN_CHANNEL', `The privileged helper does not accept "${op.slice(0, 64)}".`);
    }
  };

  return {
    async run(op, request) {
      try {
        if (!HELPER_ALLOWLIST.includes(op)) {
          throw new AppError('UNKNOWN_CHANNEL', `The privileged helper does not accept "${op.slice(0, 64)}".`);
        }
        return ok(await execute(op, request));
      } catch (e) {
        const error = toErrorData(e);
        if (error.code === 'UNKNOWN_CHANNEL' || error.code === 'INVALID_INPUT') {
          ctx.log(`refused ${JSON.stringify(op.slice(0, 64))}: ${error.code} ${error.message}`);
        }
        return { ok: false, error };
      }
    },
    dispose: stopCollector,
  };
}
