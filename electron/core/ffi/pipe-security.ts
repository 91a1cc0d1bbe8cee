// advapi32.dll security-descriptor bindings: the current user's SID, SDDL <-> descriptor, a handle's DACL as SDDL.
import koffi from 'koffi';
import { withProcessUserSid } from './advapi32';
import { currentProcess, getLastError, Win32Error } from './kernel32';
import { bindLibrary, onFirstUse } from './native-library';

/** SDDL_REVISION_1 (sddl.h). */
const SDDL_REVISION_1 = 1;
/** SECURITY_INFORMATION bit for the DACL (winnt.h). */
const DACL_SECURITY_INFORMATION = 0x4;
/** SE_OBJECT_TYPE of any kernel object reached through a handle (accctrl.h). */
const SE_KERNEL_OBJECT = 6;

/** advapi32.dll (and kernel32's LocalFree, which frees what these functions allocate), loaded on first use. */
const lib = onFirstUse(() => ({
  ...bindLibrary('advapi32.dll', {
    ConvertSidToStringSidW: ['int', ['void *', '_Out_ void **']],
    ConvertStringSecurityDescriptorToSecurityDescriptorW: ['int', ['str16', 'uint32_t', '_Out_ void **', 'void *']],
    ConvertSecurityDescriptorToStringSecurityDescriptorW: [
      'int',
      ['void *', 'uint32_t', 'uint32_t', '_Out_ void **', 'void *'],
    ],
    GetSecurityInfo: [
      'uint32_t',
      ['void *', 'int', 'uint32_t', 'void *', 'void *', '_Out_ void **', 'void *', '_Out_ void **'],
    ],
  }),
  ...bindLibrary('kernel32.dll', { LocalFree: ['void *', ['void *']] }),
}));

/** A NUL-terminated UTF-16 string the system allocated, read then released with LocalFree. */
function takeLocalString(p: unknown): string {
  try {
    return koffi.decode.string16(p);
  } finally {
    lib().LocalFree(p);
  }
}

/** The string SID (`S-1-5-21-...`) of the user this process runs as, from its token's TokenUser. */
export function currentUserSid(): string {
  return withProcessUserSid(currentProcess(), (sid) => {
    const out: unknown[] = [null];
    if (!lib().ConvertSidToStringSidW(sid, out)) throw new Win32Error('ConvertSidToStringSidW', getLastError());
    return takeLocalString(out[0]);
  });
}

/** Calls `fn` with a self-relative security descriptor parsed from `sddl`, freed (LocalFree) when `fn` returns. */
export function withSecurityDescriptor<T>(sddl: string, fn: (descriptor: bigint) => T): T {
  const out: unknown[] = [null];
  if (!lib().ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, out, null)) {
    throw new Win32Error('ConvertStringSecurityDescriptorToSecurityDescriptorW', getLastError());
  }
  const descriptor = out[0] as bigint;
  try {
    return fn(descriptor);
  } finally {
    lib().LocalFree(descriptor);
  }
}

/** The DACL the kernel holds for the object behind `h`, as SDDL (GetSecurityInfo, then back to a string). */
export function handleDaclSddl(h: bigint): string {
  const dacl: unknown[] = [null];
  const descriptor: unknown[] = [null];
  const code = lib().GetSecurityInfo(
    h,
    SE_KERNEL_OBJECT,
    DACL_SECURITY_INFORMATION,
    null,
    null,
    dacl,
    null,
    descriptor,
  );
  if (code !== 0) throw new Win32Error('GetSecurityInfo', Number(code));
  try {
    const text: unknown[] = [null];
    const ok = lib().ConvertSecurityDescriptorToStringSecurityDescriptorW(
      descriptor[0],
      SDDL_REVISION_1,
      DACL_SECURITY_INFORMATION,
      text,
      null,
    );
    if (!ok) throw new Win32Error('ConvertSecurityDescriptorToStringSecurityDescriptorW', getLastError());
    return takeLocalString(text[0]);
  } finally {
    // The DACL pointer points into the descriptor: one LocalFree releases both.
    lib().LocalFree(descriptor[0]);
  }
}
