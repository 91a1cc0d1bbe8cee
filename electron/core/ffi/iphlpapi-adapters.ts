// iphlpapi.dll and advapi32.dll calls for Windows interfaces: GetAdaptersAddresses, unicast address creation and the
// connection-name registry value. Windows only; nothing here runs on this project's Linux CI.
import koffi from 'koffi';
import { Win32Error } from './kernel32';
import { bindLibrary, onFirstUse } from './native-library';

/** iphlpapi.dll and advapi32.dll, loaded on first use. */
const lib = onFirstUse(() => ({
  ...bindLibrary('iphlpapi.dll', {
    GetAdaptersAddresses: ['uint32_t', ['uint32_t', 'uint32_t', 'void *', 'void *', '_Inout_ uint32_t *']],
    InitializeUnicastIpAddressEntry: ['void', ['void *']],
    CreateUnicastIpAddressEntry: ['uint32_t', ['void *']],
  }),
  ...bindLibrary('advapi32.dll', {
    RegSetKeyValueW: ['int32_t', ['intptr_t', 'str16', 'str16', 'uint32_t', 'void *', 'uint32_t']],
  }),
}));

const AF_UNSPEC = 0;
/** GAA_FLAG_INCLUDE_ALL_INTERFACES | GAA_FLAG_SKIP_DNS_SERVER | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_ANYCAST. */
const GAA_FLAGS = 0x100 | 0x8 | 0x4 | 0x2;
const ERROR_BUFFER_OVERFLOW = 111;
const HKEY_LOCAL_MACHINE = -2147483646; // 0x80000002 as a signed handle value
const REG_SZ = 1;

/**
 * GetAdaptersAddresses into stable memory (koffi.alloc, so pointers inside the list are valid addresses we can
 * translate), copied out with the base address the decoder needs.
 */
export function getAdaptersAddressesRaw(): { bytes: Uint8Array; base: bigint } {
  let size = 16 * 1024;
  for (let attempt = 0; attempt < 4; attempt++) {
    const mem: unknown = koffi.alloc('uint8_t', size);
    try {
      const len = [size];
      const rc = lib().GetAdaptersAddresses(AF_UNSPEC, GAA_FLAGS, null, mem, len);
      if (rc === 0) {
        const bytes = new Uint8Array(koffi.view(mem, size).slice(0));
        return { bytes, base: koffi.address(mem) };
      }
      if (rc !== ERROR_BUFFER_OVERFLOW) throw new Win32Error('GetAdaptersAddresses', rc);
      size = len[0] + 4096;
    } finally {
      koffi.free(mem);
    }
  }
  throw new Win32Error('GetAdaptersAddresses', ERROR_BUFFER_OVERFLOW);
}

/** A MIB_UNICASTIPADDRESS_ROW with the OS defaults (infinite lifetimes, DAD) filled in. */
export function initializeUnicastRow(row: Uint8Array): void {
  lib().InitializeUnicastIpAddressEntry(row);
}

/** CreateUnicastIpAddressEntry of a prepared row; throws Win32Error (5 access denied, 5010 already there). */
export function createUnicastAddress(row: Uint8Array): void {
  const rc = lib().CreateUnicastIpAddressEntry(row);
  if (rc !== 0) throw new Win32Error('CreateUnicastIpAddressEntry', rc);
}

/** Writes a REG_SZ value under HKLM (the connection name lives at ...\Network\{class}\{guid}\Connection\Name). */
export function setMachineString(subKey: string, value: string, data: string): void {
  const bytes = Buffer.from(`${data}\0`, 'utf16le');
  const rc = lib().RegSetKeyValueW(HKEY_LOCAL_MACHINE, subKey, value, REG_SZ, bytes, bytes.length);
  if (rc !== 0) throw new Win32Error('RegSetKeyValueW', rc);
}
