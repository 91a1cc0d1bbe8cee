// The app's end of the Windows helper pipe: one instance, a user-only DACL, no remote clients, elevated clients only.
//
// Enforced on Windows: the DACL `D:P(A;;GA;;;<user SID>)` (other users, Administrators and SYSTEM are refused at
// open), PIPE_REJECT_REMOTE_CLIENTS (SMB clients refused by the kernel), FILE_FLAG_FIRST_PIPE_INSTANCE with one
// instance (nobody can create the name first or alongside), a client whose token is elevated (checked through
// GetNamedPipeClientProcessId; per the OpenProcessToken docs a non-elevated process may open an elevated one's
// token when both run as the same account), then the token (broker-transport.ts).
// test:wine verifies under Wine: the DACL as stored and read back, a second instance refused, the client pid,
// overlapped connect/read/write concurrency, the connect deadline, refusals. Wine cannot verify: that the DACL
// keeps anyone out (Wine lets the user open a SYSTEM-only pipe), remote-client rejection (no network pipes there),
// or the elevation check's refusal on a real UAC token (Wine's tokens all report elevated).
import { isProcessElevated } from '../ffi/advapi32';
import { closeHandle, openProcess, PROCESS_QUERY_LIMITED_INFORMATION } from '../ffi/kernel32';
import {
  closePipeHandle,
  createAppPipe,
  disconnectNamedPipe,
  namedPipeClientProcessId,
  OverlappedSlot,
  type PipeHandle,
} from '../ffi/named-pipe';
import { currentUserSid, handleDaclSddl, withSecurityDescriptor } from '../ffi/pipe-security';
import type { Abort } from './broker-transport';
import { PIPE_CHUNK_BYTES, WinPipeStream } from './win-pipe-stream';

/** Decides whether a connected client may go on to the token: null to accept, else why it is refused. */
export type ClientCheck = (pid: number) => string | null;

/** How often a pending connect looks at the deadline and at `abort` (ms). */
const CONNECT_POLL_MS = 100;

const SID_PATTERN = /^S-1-\d+(-\d+){1,15}$/;

/**
 * `D:P(A;;GA;;;<sid>)`: a protected DACL (nothing inherited) with one ACE allowing all access to that SID. Nobody
 * else, not even Administrators or SYSTEM, may open the pipe; the elevated helper runs as the same user (same SID)
 * and may. The SID is checked first: it is spliced into SDDL, which must never be able to add ACEs.
 */
export function userOnlySddl(sid: string): string {
  if (!SID_PATTERN.test(sid)) throw new Error(`not a string SID: ${JSON.stringify(sid)}`);
  return `D:P(A;;GA;;;${sid})`;
}

/**
 * The client must run elevated: the helper is started through the UAC prompt, and a non-elevated process of the
 * same user (which the DACL admits) must not pose as it. Refuses when the process or its token cannot be read.
 */
export function elevatedClientCheck(pid: number): string | null {
  let h: unknown;
  try {
    h = openProcess(PROCESS_QUERY_LIMITED_INFORMATION, pid);
  } catch (e) {
    return `client pid ${pid} cannot be opened (${e instanceof Error ? e.message : String(e)})`;
  }
  try {
    return isProcessElevated(h) ? null : `client pid ${pid} is not elevated`;
  } catch (e) {
    return `token of client pid ${pid} unreadable (${e instanceof Error ? e.message : String(e)})`;
  } finally {
    closeHandle(h);
  }
}

/** One pipe instance that accepts clients one at a time until close(). */
export class WinPipeServer {
  private readonly connectSlot = new OverlappedSlot(0);
  private stream: WinPipeStream | null = null;
  private closing = false;
  private closed = false;

  private constructor(
    readonly name: string,
    private readonly handle: PipeHandle,
  ) {}

  /**
   * Creates `name` for the current user only (fails if the name exists: FILE_FLAG_FIRST_PIPE_INSTANCE). `sddl` is
   * for test:wine, which also asks whether Wine enforces a DACL that excludes the user.
   */
  static create(name: string, sddl = userOnlySddl(currentUserSid())): WinPipeServer {
    // The kernel copies the descriptor into the pipe, so it is freed as soon as CreateNamedPipeW returns.
    const handle = withSecurityDescriptor(sddl, (sd) => createAppPipe(name, sd, PIPE_CHUNK_BYTES));
    return new WinPipeServer(name, handle);
  }

  /** The DACL the kernel recorded on the pipe, as SDDL. */
  dacl(): string {
    return handleDaclSddl(this.handle);
  }

  /**
   * Waits for the next client with an overlapped ConnectNamedPipe (the wait runs off the main thread); on the
   * deadline or `abort`, cancels it (CancelIoEx) and rejects. Resolves with the client's pid.
   */
  async connect(deadline: number, abort: Abort): Promise<number> {
    const check = (): Error | null =>
      abort() ?? (Date.now() >= deadline ? new Error('the helper never connected') : null);
    for (;;) {
      const early = check();
      if (early) throw early;
      const state = this.connectSlot.connect(this.handle);
      if (state === 'gone') {
        // A client connected and left before we looked: clear the instance and wait for the next.
        disconnectNamedPipe(this.handle);
        continue;
      }
      if (state === 'pending') {
        let stop: Error | null = null;
        const slice = (): number => Math.max(1, Math.min(CONNECT_POLL_MS, deadline - Date.now()));
        while (!(await this.connectSlot.waitAsync(slice()))) {
          stop ??= check();
          if (stop) this.connectSlot.cancel(this.handle);
        }
        try {
          this.connectSlot.result(this.handle);
        } catch (e) {
          throw stop ?? e;
        }
        // Connected in the same instant as the give-up: the caller closes the pipe, which drops that client.
        if (stop) throw stop;
      }
      return namedPipeClientProcessId(this.handle);
    }
  }

  /** The connected client as a stream; destroying it disconnects the client (and closes the pipe after close()). */
  openStream(): WinPipeStream {
    const stream = new WinPipeStream(this.handle, () => {
      this.stream = null;
      disconnectNamedPipe(this.handle);
      if (this.closing) this.release();
    });
    this.stream = stream;
    return stream;
  }

  /** Accepts no further client; the handle is closed now, or when the open stream ends. Not during connect(). */
  close(): void {
    this.closing = true;
    if (!this.stream) this.release();
  }

  private release(): void {
    if (this.closed) return;
    this.closed = true;
    this.connectSlot.dispose();
    closePipeHandle(this.handle);
  }
}
