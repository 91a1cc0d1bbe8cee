// kernel32.dll bindings through koffi: process handles, image names, start times, termination, GetLastError.
import { lazyLibrary } from './native-library';

/** A failed Win32 call: the GetLastError (or returned) code and the function that failed. */
export class Win32Error extends Error {
  readonly code: number;
  readonly fn: string;
  constructor(fn: string, code: number) {
    super(`${fn} failed: Win32 error ${code}`);
    this.name = 'Win32Error';
    this.code = code;
    this.fn = fn;
  }
}

/** An open process or token handle (an opaque koffi pointer); close it with closeHandle. */
export type Handle = unknown;

/** OpenProcess rights (winnt.h). */
export const PROCESS_TERMINATE = 0x0001;
export const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;

/** kernel32.dll, loaded on first use. */
const lib = lazyLibrary('kernel32.dll', {
  // koffi saves the thread's last error around its own work, so this reads the value the previous call set.
  GetLastError: 'uint32_t __stdcall GetLastError()',
  OpenProcess: ['void *', ['uint32_t', 'int', 'uint32_t']],
  CloseHandle: ['int', ['void *']],
  GetCurrentProcess: ['void *', []],
  QueryFullProcessImageNameW: ['int', ['void *', 'uint32_t', '_Out_ void *', '_Inout_ uint32_t *']],
  GetProcessTimes: ['int', ['void *', '_Out_ void *', '_Out_ void *', '_Out_ void *', '_Out_ void *']],
  TerminateProcess: ['int', ['void *', 'uint32_t']],
});

/** GetLastError of the calling thread, as koffi preserved it after the previous native call. */
export function getLastError(): number {
  return lib().GetLastError();
}

/** OpenProcess; throws Win32Error (5 access denied, 87 no such process) when it returns NULL. */
export function openProcess(access: number, pid: number): Handle {
  const h = lib().OpenProcess(access, 0, pid);
  if (h === null) throw new Win32Error('OpenProcess', getLastError());
  return h;
}

/** CloseHandle; errors are ignored because a handle we opened is always ours to close. */
export function closeHandle(h: Handle): void {
  lib().CloseHandle(h);
}

/** The pseudo-handle of this process (needs no close). */
export function currentProcess(): Handle {
  return lib().GetCurrentProcess();
}

const imageBuf = Buffer.alloc(2 * 32_768);

/** Full Win32 path of the process's executable (QueryFullProcessImageNameW), or throws Win32Error. */
export function queryFullProcessImageName(h: Handle): string {
  const size = [imageBuf.length / 2];
  if (!lib().QueryFullProcessImageNameW(h, 0, imageBuf, size)) {
    throw new Win32Error('QueryFullProcessImageNameW', getLastError());
  }
  return imageBuf.toString('utf16le', 0, size[0] * 2);
}

const times = [Buffer.alloc(8), Buffer.alloc(8), Buffer.alloc(8), Buffer.alloc(8)];

/** Creation time of the process as a raw FILETIME (100 ns ticks since 1601), or throws Win32Error. */
export function processCreationTime(h: Handle): bigint {
  if (!lib().GetProcessTimes(h, times[0], times[1], times[2], times[3])) {
    throw new Win32Error('GetProcessTimes', getLastError());
  }
  return times[0].readBigUInt64LE(0);
}

/** TerminateProcess with `exitCode`; throws Win32Error on failure. */
export function terminateProcess(h: Handle, exitCode: number): void {
  if (!lib().TerminateProcess(h, exitCode)) throw new Win32Error('TerminateProcess', getLastError());
}
