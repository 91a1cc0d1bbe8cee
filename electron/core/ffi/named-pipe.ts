// kernel32.dll bindings for the app's named pipe: creation, overlapped connect/read/write, client pid, cancel.
import koffi from 'koffi';
import { getLastError, Win32Error } from './kernel32';
import { lazyLibrary } from './native-library';

/** dwOpenMode bits (winbase.h). */
export const PIPE_ACCESS_DUPLEX = 0x0000_0003;
export const FILE_FLAG_FIRST_PIPE_INSTANCE = 0x0008_0000;
export const FILE_FLAG_OVERLAPPED = 0x4000_0000;
/** dwPipeMode bits (winbase.h); the byte/wait modes are the zero values, spelled out for the reader. */
export const PIPE_TYPE_BYTE = 0x0;
export const PIPE_READMODE_BYTE = 0x0;
export const PIPE_WAIT = 0x0;
export const PIPE_REJECT_REMOTE_CLIENTS = 0x8;

/** Duplex; creation fails with ERROR_ACCESS_DENIED when the name already exists (nobody can squat it first). */
export const APP_PIPE_OPEN_MODE = PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE | FILE_FLAG_OVERLAPPED;
/** A byte stream (framing.ts splits lines); SMB clients from other machines are refused by the kernel. */
export const APP_PIPE_MODE = PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS;

/** Win32 error codes (winerror.h) the pipe code tells apart. */
export const ERROR_ACCESS_DENIED = 5;
export const ERROR_BROKEN_PIPE = 109;
export const ERROR_NO_DATA = 232;
export const ERROR_PIPE_NOT_CONNECTED = 233;
export const ERROR_PIPE_CONNECTED = 535;
export const ERROR_OPERATION_ABORTED = 995;
export const ERROR_IO_PENDING = 997;
export const ERROR_NOT_FOUND = 1168;

const WAIT_OBJECT_0 = 0;
const WAIT_TIMEOUT = 0x102;
const INVALID_HANDLE_VALUE = 0xffff_ffff_ffff_ffffn;

/** OVERLAPPED (minwinbase.h): on x64 32 bytes, hEvent at 24. Offsets stay 0: pipes have no file position. */
export const OVERLAPPED = koffi.struct({
  Internal: 'uintptr_t',
  InternalHigh: 'uintptr_t',
  Offset: 'uint32_t',
  OffsetHigh: 'uint32_t',
  hEvent: 'void *',
});
/** SECURITY_ATTRIBUTES (minwinbase.h): on x64 24 bytes, the descriptor pointer at 8. */
export const SECURITY_ATTRIBUTES = koffi.struct({
  nLength: 'uint32_t',
  lpSecurityDescriptor: 'void *',
  bInheritHandle: 'int',
});

/** kernel32.dll's pipe and overlapped-I/O calls, loaded on first use. */
const lib = lazyLibrary('kernel32.dll', {
  CreateNamedPipeW: [
    'void *',
    [
      'str16',
      'uint32_t',
      'uint32_t',
      'uint32_t',
      'uint32_t',
      'uint32_t',
      'uint32_t',
      koffi.pointer(SECURITY_ATTRIBUTES),
    ],
  ],
  ConnectNamedPipe: ['int', ['void *', 'void *']],
  DisconnectNamedPipe: ['int', ['void *']],
  GetNamedPipeClientProcessId: ['int', ['void *', '_Out_ uint32_t *']],
  CreateEventW: ['void *', ['void *', 'int', 'int', 'void *']],
  WaitForSingleObject: ['uint32_t', ['void *', 'uint32_t']],
  GetOverlappedResult: ['int', ['void *', 'void *', '_Out_ uint32_t *', 'int']],
  CancelIoEx: ['int', ['void *', 'void *']],
  // The buffers and OVERLAPPEDs are koffi.alloc memory (bigint addresses): the kernel writes them after return.
  ReadFile: ['int', ['void *', 'void *', 'uint32_t', 'void *', 'void *']],
  WriteFile: ['int', ['void *', 'void *', 'uint32_t', 'void *', 'void *']],
  CloseHandle: ['int', ['void *']],
});

/** A kernel handle as koffi 3 returns it: the address as a bigint. */
export type PipeHandle = bigint;

/** CreateNamedPipeW with APP_PIPE_OPEN_MODE / APP_PIPE_MODE, one instance, and the given security descriptor. */
export function createAppPipe(name: string, securityDescriptor: bigint, bufferBytes: number): PipeHandle {
  const sa = {
    nLength: koffi.sizeof(SECURITY_ATTRIBUTES),
    lpSecurityDescriptor: securityDescriptor,
    bInheritHandle: 0,
  };
  const h = lib().CreateNamedPipeW(name, APP_PIPE_OPEN_MODE, APP_PIPE_MODE, 1, bufferBytes, bufferBytes, 0, sa);
  if (typeof h !== 'bigint' || h === INVALID_HANDLE_VALUE) throw new Win32Error('CreateNamedPipeW', getLastError());
  return h;
}

/** DisconnectNamedPipe: drops the current client so the instance can accept the next one. Errors are moot. */
export function disconnectNamedPipe(h: PipeHandle): void {
  lib().DisconnectNamedPipe(h);
}

/** CloseHandle of a handle this module returned. */
export function closePipeHandle(h: PipeHandle): void {
  lib().CloseHandle(h);
}

/** The pid of the process at the other end, as the kernel recorded it when it opened the pipe. */
export function namedPipeClientProcessId(h: PipeHandle): number {
  const pid = [0];
  if (!lib().GetNamedPipeClientProcessId(h, pid)) throw new Win32Error('GetNamedPipeClientProcessId', getLastError());
  return pid[0];
}

/**
 * One overlapped operation slot: a manual-reset event, an OVERLAPPED and a data buffer in koffi.alloc memory, which
 * never moves (a Node Buffer may: koffi only pins it for the length of a call, the kernel keeps it until completion).
 * At most one operation per slot at a time; dispose only once that operation has completed or been cancelled.
 */
export class OverlappedSlot {
  private readonly ov: bigint;
  private readonly event: bigint;
  private readonly buffer: bigint | null;

  constructor(readonly capacity: number) {
    const event = lib().CreateEventW(null, 1, 0, null);
    if (typeof event !== 'bigint') throw new Win32Error('CreateEventW', getLastError());
    this.event = event;
    this.ov = koffi.alloc(OVERLAPPED, 1) as bigint;
    this.buffer = capacity > 0 ? (koffi.alloc('uint8_t', capacity) as bigint) : null;
  }

  /** Resets the OVERLAPPED for a new operation; the call that starts it resets the event. */
  private arm(): bigint {
    koffi.encode(this.ov, OVERLAPPED, { Internal: 0, InternalHigh: 0, Offset: 0, OffsetHigh: 0, hEvent: this.event });
    return this.ov;
  }

  /** True when the call left the operation pending; throws Win32Error when it failed outright. */
  private started(ok: unknown, fn: string): boolean {
    if (ok) return false;
    const code = getLastError();
    if (code === ERROR_IO_PENDING) return true;
    throw new Win32Error(fn, code);
  }

  /** Overlapped ConnectNamedPipe: 'pending', 'connected' (also when the client came first) or 'gone' (came, left). */
  connect(h: PipeHandle): 'pending' | 'connected' | 'gone' {
    if (lib().ConnectNamedPipe(h, this.arm())) return 'connected';
    const code = getLastError();
    if (code === ERROR_IO_PENDING) return 'pending';
    if (code === ERROR_PIPE_CONNECTED) return 'connected';
    if (code === ERROR_NO_DATA) return 'gone';
    throw new Win32Error('ConnectNamedPipe', code);
  }

  /** Starts an overlapped ReadFile of up to `capacity` bytes; true when pending. */
  read(h: PipeHandle): boolean {
    return this.started(lib().ReadFile(h, this.buffer, this.capacity, null, this.arm()), 'ReadFile');
  }

  /** Copies `data` (at most `capacity` bytes) into the slot and starts an overlapped WriteFile; true when pending. */
  write(h: PipeHandle, data: Uint8Array): boolean {
    const n = Math.min(data.length, this.capacity);
    koffi.encode(this.buffer, 'uint8_t', data.subarray(0, n), n);
    return this.started(lib().WriteFile(h, this.buffer, n, null, this.arm()), 'WriteFile');
  }

  /**
   * Waits up to `ms` for the operation on a libuv worker thread (koffi's .async), so the event loop never blocks;
   * short slices keep one wait from holding a pool thread for long. True once the operation has completed.
   */
  waitAsync(ms: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      lib().WaitForSingleObject.async(this.event, ms, (err: unknown, r: unknown) => {
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else if (r === WAIT_OBJECT_0) resolve(true);
        else if (r === WAIT_TIMEOUT) resolve(false);
        else reject(new Win32Error('WaitForSingleObject', Number(r)));
      });
    });
  }

  /** Bytes moved by the completed operation (GetOverlappedResult without waiting); throws its Win32Error. */
  result(h: PipeHandle): number {
    const n = [0];
    if (!lib().GetOverlappedResult(h, this.ov, n, 0)) throw new Win32Error('GetOverlappedResult', getLastError());
    return n[0];
  }

  /** CancelIoEx of this slot's operation; it then completes with ERROR_OPERATION_ABORTED. None pending is fine. */
  cancel(h: PipeHandle): void {
    lib().CancelIoEx(h, this.ov);
  }

  /** A copy of the first `n` bytes a read left in the slot. */
  bytes(n: number): Buffer {
    const view = koffi.decode(this.buffer, 'uint8_t', n) as Uint8Array;
    return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  }

  dispose(): void {
    lib().CloseHandle(this.event);
    koffi.free(this.ov);
    if (this.buffer !== null) koffi.free(this.buffer);
  }
}
