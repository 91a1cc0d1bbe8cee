// advapi32.dll bindings through koffi: process tokens (elevation, owning user) and SID -> account name.
import koffi from 'koffi';
import { closeHandle, currentProcess, getLastError, Win32Error, type Handle } from './kernel32';
import { lazyLibrary } from './native-library';

/** OpenProcessToken right to read token information (winnt.h). */
const TOKEN_QUERY = 0x0008;
/** TOKEN_INFORMATION_CLASS values (winnt.h). */
const TOKEN_USER = 1;
const TOKEN_ELEVATION = 20;
/** GetTokenInformation / LookupAccountSidW: the buffer was too small, retry with the size returned. */
const ERROR_INSUFFICIENT_BUFFER = 122;

/** advapi32.dll, loaded on first use. */
const lib = lazyLibrary('advapi32.dll', {
  OpenProcessToken: ['int', ['void *', 'uint32_t', '_Out_ void **']],
  GetTokenInformation: ['int', ['void *', 'int', '_Out_ void *', 'uint32_t', '_Out_ uint32_t *']],
  LookupAccountSidW: [
    'int',
    ['void *', 'void *', '_Out_ void *', '_Inout_ uint32_t *', '_Out_ void *', '_Inout_ uint32_t *', '_Out_ int *'],
  ],
});

/** Opens the access token of process handle `h` for querying; close it with closeHandle. */
function openToken(h: Handle): Handle {
  const out: unknown[] = [null];
  if (!lib().OpenProcessToken(h, TOKEN_QUERY, out)) throw new Win32Error('OpenProcessToken', getLastError());
  return out[0];
}

/** GetTokenInformation of `cls` into a buffer grown until it fits. */
function tokenInformation(token: Handle, cls: number, initial: number): Buffer {
  let buf = Buffer.alloc(initial);
  for (let attempt = 0; attempt < 3; attempt++) {
    const needed = [0];
    if (lib().GetTokenInformation(token, cls, buf, buf.length, needed)) return buf;
    const code = getLastError();
    if (code !== ERROR_INSUFFICIENT_BUFFER) throw new Win32Error('GetTokenInformation', code);
    buf = Buffer.alloc(Math.max(needed[0], buf.length * 2));
  }
  throw new Win32Error('GetTokenInformation', ERROR_INSUFFICIENT_BUFFER);
}

/** True when this process's token is elevated (TokenElevation.TokenIsElevated != 0). */
export function isTokenElevated(): boolean {
  return isProcessElevated(currentProcess());
}

/** True when the token of the process behind `h` (PROCESS_QUERY_LIMITED_INFORMATION) is elevated. */
export function isProcessElevated(h: Handle): boolean {
  const token = openToken(h);
  try {
    return tokenInformation(token, TOKEN_ELEVATION, 4).readUInt32LE(0) !== 0;
  } finally {
    closeHandle(token);
  }
}

/** Calls `fn` with the PSID of the user owning process `h`; the pointer is valid only during the call. */
export function withProcessUserSid<T>(h: Handle, fn: (sid: unknown) => T): T {
  const token = openToken(h);
  try {
    const info = tokenInformation(token, TOKEN_USER, 128);
    // TOKEN_USER's first field points into `info` itself, which stays alive until fn returns.
    return fn(koffi.decode(info, 'void *'));
  } finally {
    closeHandle(token);
  }
}

const nameBuf = Buffer.alloc(2 * 256);
const domainBuf = Buffer.alloc(2 * 256);

/**
 * `DOMAIN\user` owning the process behind handle `h` (opened with PROCESS_QUERY_LIMITED_INFORMATION), through
 * TokenUser and LookupAccountSidW; throws Win32Error where the token cannot be read.
 */
export function processUser(h: Handle): string {
  const token = openToken(h);
  try {
    // TOKEN_USER starts with a pointer to the SID, which GetTokenInformation stores inside the same buffer:
    // decoding that pointer while `info` is alive hands LookupAccountSidW a valid PSID.
    const info = tokenInformation(token, TOKEN_USER, 128);
    const sid = koffi.decode(info, 'void *');
    const nameLen = [nameBuf.length / 2];
    const domainLen = [domainBuf.length / 2];
    const use = [0];
    if (!lib().LookupAccountSidW(null, sid, nameBuf, nameLen, domainBuf, domainLen, use)) {
      throw new Win32Error('LookupAccountSidW', getLastError());
    }
    const name = nameBuf.toString('utf16le', 0, nameLen[0] * 2);
    const domain = domainBuf.toString('utf16le', 0, domainLen[0] * 2);
    return domain ? `${domain}\\${name}` : name;
  } finally {
    closeHandle(token);
  }
}
