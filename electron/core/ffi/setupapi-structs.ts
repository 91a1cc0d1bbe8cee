// Pure byte layouts for the Windows TAP path (x64): GUID, SP_DEVINFO_DATA, SP_REMOVEDEVICE_PARAMS, REG_MULTI_SZ,
// MIB_UNICASTIPADDRESS_ROW. Written from the Windows SDK headers' documented layouts; unit-tested here, never run
// against a real Windows on this project's Linux machines.

/** GUID_DEVCLASS_NET: the network adapter setup class. */
export const GUID_DEVCLASS_NET = '{4d36e972-e325-11ce-bfc1-08002be10318}';
/** tap-windows6's hardware id (OemVista.inf `ComponentId`). */
export const TAP_HARDWARE_ID = 'root\\tap0901';

/** sizeof(SP_DEVINFO_DATA) on x64: cbSize, GUID ClassGuid, DWORD DevInst, ULONG_PTR Reserved (8-aligned). */
export const SP_DEVINFO_DATA_SIZE = 32;
/** sizeof(SP_REMOVEDEVICE_PARAMS): SP_CLASSINSTALL_HEADER (cbSize 8, InstallFunction), Scope, HwProfile. */
export const SP_REMOVEDEVICE_PARAMS_SIZE = 16;
/** LINE_LEN of setupapi.h: the WCHAR length of SP_DRVINFO_DATA's strings. */
const LINE_LEN = 256;
/**
 * sizeof(SP_DRVINFO_DATA_V2_W) on x64: DWORD cbSize, DWORD DriverType, ULONG_PTR Reserved (at 8), then
 * Description, MfgName, ProviderName (WCHAR[LINE_LEN] each, from 16), FILETIME DriverDate (two DWORDs, at 1552),
 * DWORDLONG DriverVersion (at 1560): 1568 bytes, already a multiple of the 8-byte alignment. SetupAPI refuses any
 * other cbSize (ERROR_INVALID_USER_BUFFER).
 */
export const SP_DRVINFO_DATA_V2_W_SIZE = 16 + 3 * LINE_LEN * 2 + 8 + 8;
/** sizeof(MIB_UNICASTIPADDRESS_ROW) on x64. */
export const MIB_UNICASTIPADDRESS_ROW_SIZE = 80;

export const DIF_REMOVE = 0x05;
export const DIF_REGISTERDEVICE = 0x19;
export const DI_REMOVEDEVICE_GLOBAL = 0x1;
export const DICD_GENERATE_ID = 0x1;
export const SPDRP_HARDWAREID = 0x1;
export const AF_INET = 2;
export const AF_INET6 = 23;

/** The 16 bytes of a `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}` GUID: Data1-3 little-endian, Data4 as written. */
export function encodeGuid(text: string): Uint8Array {
  const m = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i.exec(text);
  if (!m) throw new RangeError(`not a GUID: ${text}`);
  const out = new Uint8Array(16);
  const v = new DataView(out.buffer);
  v.setUint32(0, Number.parseInt(m[1], 16), true);
  v.setUint16(4, Number.parseInt(m[2], 16), true);
  v.setUint16(6, Number.parseInt(m[3], 16), true);
  const tail = m[4] + m[5];
  for (let i = 0; i < 8; i++) out[8 + i] = Number.parseInt(tail.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** GUID bytes back to lower-case `{...}` text. */
export function decodeGuid(b: Uint8Array, off = 0): string {
  const v = new DataView(b.buffer, b.byteOffset + off, 16);
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  const d4 = Array.from(b.subarray(off + 8, off + 16), (x) => hex(x, 2)).join('');
  return `{${hex(v.getUint32(0, true), 8)}-${hex(v.getUint16(4, true), 4)}-${hex(v.getUint16(6, true), 4)}-${d4.slice(0, 4)}-${d4.slice(4)}}`;
}

/** An empty SP_DEVINFO_DATA with cbSize set, as every SetupDi call that fills one requires. */
export function newDevInfoData(): Uint8Array {
  const out = new Uint8Array(SP_DEVINFO_DATA_SIZE);
  new DataView(out.buffer).setUint32(0, SP_DEVINFO_DATA_SIZE, true);
  return out;
}

/** SP_REMOVEDEVICE_PARAMS for DIF_REMOVE, global scope, hardware profile 0 (current). */
export function encodeRemoveParams(): Uint8Array {
  const out = new Uint8Array(SP_REMOVEDEVICE_PARAMS_SIZE);
  const v = new DataView(out.buffer);
  v.setUint32(0, 8, true); // SP_CLASSINSTALL_HEADER.cbSize is the header's size, not the whole struct's
  v.setUint32(4, DIF_REMOVE, true);
  v.setUint32(8, DI_REMOVEDEVICE_GLOBAL, true);
  v.setUint32(12, 0, true);
  return out;
}

/** UTF-16LE REG_MULTI_SZ of `strings`: each NUL-terminated, then one more NUL. */
export function encodeMultiSz(strings: readonly string[]): Uint8Array {
  const units = strings.reduce((n, s) => n + s.length + 1, 1);
  const out = new Uint8Array(units * 2);
  const v = new DataView(out.buffer);
  let i = 0;
  for (const s of strings) {
    for (let k = 0; k < s.length; k++) v.setUint16(2 * i++, s.charCodeAt(k), true);
    i++;
  }
  return out;
}

/** NUL-terminated UTF-16LE, as the W functions take strings. */
export function encodeWide(s: string): Uint8Array {
  return encodeMultiSz([s]).subarray(0, (s.length + 1) * 2);
}

/**
 * Fills a MIB_UNICASTIPADDRESS_ROW that InitializeUnicastIpAddressEntry prepared: Address (SOCKADDR_INET at 0:
 * family u16, then sin_addr at 4 or sin6_addr at 8), InterfaceLuid (u64 at 32), OnLinkPrefixLength (u8 at 60).
 */
export function patchUnicastRow(row: Uint8Array, luid: bigint, bytes: Uint8Array, prefix: number): void {
  if (row.length < MIB_UNICASTIPADDRESS_ROW_SIZE) throw new RangeError('MIB_UNICASTIPADDRESS_ROW too small');
  const v = new DataView(row.buffer, row.byteOffset, row.length);
  row.fill(0, 0, 28);
  if (bytes.length === 4) {
    v.setUint16(0, AF_INET, true);
    row.set(bytes, 4);
  } else {
    v.setUint16(0, AF_INET6, true);
    row.set(bytes, 8);
  }
  v.setBigUint64(32, luid, true);
  row[60] = prefix;
}
