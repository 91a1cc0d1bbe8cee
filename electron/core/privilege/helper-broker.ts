// The PrivilegeBroker that starts the helper once through the elevation prompt and keeps one connection to it.
import { keyedError } from '../../../shared/logic/input-error';
import { AppError } from '../../../shared/model/errors';
import type { PrivilegeStatus } from '../../../shared/model/privilege';
import type { SpawnWorker } from '../collector/host';
import type { PrivilegedChannel } from '../privileged-ops';
import type { PrivilegeBroker } from './broker';
import { acceptPipe, connectUnix } from './broker-transport';
import { currentEnvironment, elevationAvailability, type ElevationEnvironment } from './can-elevate';
import { relayWorker } from './collector-relay';
import { isElevated } from '../platform/elevation';
import { throwIfError, type HelperClient } from './helper-client';
import { buildHelperCommand } from './helper-command';
import { sessionPaths } from './helper-protocol';
import type { Launcher } from './launcher';
import { createSession, type Session } from './session';

export interface HelperBrokerOptions {
  /** The helper's built entry (paths.ts HELPER_SCRIPT). */
  readonly helperScript: string;
  /** Starts the command elevated (sudo-prompt in the app; a plain spawn in tests). */
  readonly launcher: Launcher;
  /** The Node/Electron binary (default process.execPath). */
  readonly execPath?: string;
  /** The pid the helper watches (default this process). */
  readonly appPid?: number;
  readonly environment?: ElevationEnvironment;
  readonly isElevated?: () => boolean;
  /** How long to wait for the password prompt and the helper's handshake (ms). */
  readonly startTimeoutMs?: number;
  /** Ping interval (ms). */
  readonly heartbeatMs?: number;
  /** Parent of session directories (default the OS temp directory). */
  readonly sessionParent?: string;
}

/** A broker backed by a real helper process. */
export function createHelperBroker(o: HelperBrokerOptions): PrivilegeBroker {
  const env = o.environment ?? currentEnvironment();
  const elevated = o.isElevated ?? isElevated;
  const listeners = new Set<(s: PrivilegeStatus) => void>();
  let helper: PrivilegeStatus['helper'] = 'none';
  let client: HelperClient | null = null;
  let session: Session | null = null;
  let collectorElevated = false;
  let starting: Promise<void> | null = null;
  let disposed = false;

  const status = (): PrivilegeStatus => {
    const root = elevated();
    const availability = elevationAvailability(env);
    return {
      elevated: root,
      helper,
      canElevate: root || availability.canElevate,
      cannotElevateReason: root ? null : availability.reason,
      collectorElevated: root || (helper === 'running' && collectorElevated),
    };
  };
  const emit = (): void => {
    const s = status();
    for (const l of listeners) l(s);
  };

  const lost = (gone: Session): void => {
    if (session !== gone) return;
    client = null;
    session = null;
    helper = 'none';
    collectorElevated = false;
    gone.remove();
    if (!disposed) emit();
  };

  const start = async (): Promise<void> => {
    helper = 'starting';
    emit();
    const s = createSession({
      appPid: o.appPid ?? process.pid,
      uid: typeof process.getuid === 'function' ? process.getuid() : -1,
      parent: o.sessionParent,
      platform: env.platform,
    });
    let failure: AppError | null = null;
    let exited = false;
    try {
      const command = buildHelperCommand({
        platform: env.platform,
        binary: o.execPath ?? process.execPath,
        script: o.helperScript,
        tokenFile: s.tokenFile,
      });
      const timeoutMs = o.startTimeoutMs ?? 120_000;
      const deadline = Date.now() + timeoutMs;
      const abort = (): Error | null => failure;
      // Windows: the pipe must exist before the helper dials it.
      const accepted = env.platform === 'win32' ? acceptPipe(s.endpoint, s.token, deadline, abort) : null;
      o.launcher(command, (error) => {
        exited = true;
        failure = error ?? keyedError('privilege.helperExited', { log: sessionPaths(s.tokenFile).log }, 'INTERNAL');
        // A helper that served and then ended: its connection closes too, but say so at once.
        if (session === s) client?.close('the helper exited');
      });
      const c = await (accepted ?? connectUnix(s.endpoint, s.token, deadline, abort)).catch((e: unknown) => {
        if (failure) throw failure;
        if (Date.now() >= deadline) throw keyedError('privilege.timeout', { seconds: timeoutMs / 1000 }, 'TIMEOUT');
        throw e;
      });
      if (exited || disposed) {
        c.close();
        throw failure ?? keyedError('privilege.helperExited', { log: sessionPaths(s.tokenFile).log }, 'INTERNAL');
      }
      client = c;
      session = s;
      helper = 'running';
      c.onClose(() => lost(s));
      c.startHeartbeat(o.heartbeatMs);
      emit();
    } catch (e) {
      s.remove();
      helper = 'none';
      emit();
      if (e instanceof AppError) throw e;
      throw keyedError('privilege.launchFailed', { message: e instanceof Error ? e.message : String(e) }, 'INTERNAL');
    }
  };

  return {
    status,
    get available() {
      return client !== null && !client.isClosed;
    },
    async elevate(request) {
      if (elevated()) return status();
      if (!client) {
        const availability = elevationAvailability(env);
        if (!availability.canElevate) {
          throw keyedError(
            availability.reason ?? 'privilege.notAvailable',
            { platform: env.platform },
            'NOT_SUPPORTED',
          );
        }
        starting ??= start().finally(() => (starting = null));
        await starting;
      }
      if (request.collector && !collectorElevated) {
        collectorElevated = true;
        emit();
      }
      return status();
    },
    async run<C extends PrivilegedChannel>(channel: C, request: unknown) {
      if (!client) throw keyedError('privilege.notRunning', {}, 'NEEDS_ELEVATION');
      return throwIfError(await client.request(channel, request));
    },
    collectorSpawner(): SpawnWorker | null {
      const c = client;
      if (!c || !collectorElevated) return null;
      return () => relayWorker(c);
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      listeners.clear();
      client?.close();
      session?.remove();
      client = null;
      session = null;
    },
  };
}
