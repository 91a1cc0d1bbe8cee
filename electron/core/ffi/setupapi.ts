// setupapi.dll / newdev.dll bindings that implement the TAP call sequence's function table on Windows. Written from
// Microsoft's SetupAPI documentation and OpenVPN's tapctl; it cannot run on this project's Linux machines (the
// sequence itself is unit-tested with a fake table in platform/win32/adapters/tap-windows.test.ts).
import koffi from 'koffi';
import { encodeGuid, encodeWide, newDevInfoData, SP_DRVINFO_DATA_V2_W_SIZE } from './setupapi-structs';
import { getLastError, Win32Error } from './kernel32';
import { bindLibrary, onFirstUse } from './native-library';

/** An opaque HDEVINFO. */
export type DevInfoSet = unknown;

/** The SetupAPI / newdev / registry calls the TAP sequence (platform/win32/adapters) needs; each throws Win32Error on failure. */
export interface TapSetupApi {
  createDeviceInfoList(classGuid: string): DevInfoSet;
  createDeviceInfo(set: DevInfoSet, className: string, classGuid: string, flags: number, data: Uint8Array): void;
  setDeviceRegistryProperty(set: DevInfoSet, data: Uint8Array, property: number, value: Uint8Array): void;
  callClassInstaller(set: DevInfoSet, fn: number, data: Uint8Array): void;
  setClassInstallParams(set: DevInfoSet, data: Uint8Array, params: Uint8Array): void;
  /** DiInstallDevice (newdev.dll): picks the best driver for the device and installs it; false: reboot needed. */
  installDevice(set: DevInfoSet, data: Uint8Array): boolean;
  /** NetCfgInstanceId from the device's driver key, or null while Windows has not written it yet. */
  readNetCfgInstanceId(set: DevInfoSet, data: Uint8Array): string | null;
  /** SetupDiGetClassDevsEx(class, DIGCF_PRESENT): the set of the class' devices present now. */
  getClassDevs(classGuid: string): DevInfoSet;
  /** SetupDiEnumDeviceInfo over `set`: each device's SP_DEVINFO_DATA. */
  enumDevices(set: DevInfoSet): readonly Uint8Array[];
  /** Classes the net class' devices list (for the missing-driver check): whether a driver for `hardwareId` exists. */
  driverAvailable(hardwareId: string): boolean;
  destroyDeviceInfoList(set: DevInfoSet): void;
  sleep(ms: number): void;
}

/** setupapi.dll, newdev.dll, and the advapi32 / kernel32 calls the sequence needs, loaded on first use. */
const lib = onFirstUse(() => ({
  ...bindLibrary('setupapi.dll', {
    SetupDiCreateDeviceInfoList: 'void * __stdcall SetupDiCreateDeviceInfoList(void *guid, void *hwnd)',
    SetupDiGetClassDevsExW:
      'void * __stdcall SetupDiGetClassDevsExW(void *guid, void *enumerator, void *hwnd, uint32_t flags, void *set, void *machine, void *reserved)',
    SetupDiCreateDeviceInfoW:
      'int __stdcall SetupDiCreateDeviceInfoW(void *set, str16 name, void *guid, void *desc, void *hwnd, uint32_t flags, _Inout_ void *data)',
    SetupDiSetDeviceRegistryPropertyW:
      'int __stdcall SetupDiSetDeviceRegistryPropertyW(void *set, void *data, uint32_t prop, void *buf, uint32_t size)',
    SetupDiCallClassInstaller: 'int __stdcall SetupDiCallClassInstaller(uint32_t fn, void *set, void *data)',
    SetupDiSetClassInstallParamsW:
      'int __stdcall SetupDiSetClassInstallParamsW(void *set, void *data, void *params, uint32_t size)',
    SetupDiEnumDeviceInfo: 'int __stdcall SetupDiEnumDeviceInfo(void *set, uint32_t index, _Inout_ void *data)',
    SetupDiOpenDevRegKey:
      'intptr_t __stdcall SetupDiOpenDevRegKey(void *set, void *data, uint32_t scope, uint32_t profile, uint32_t keyType, uint32_t access)',
    SetupDiDestroyDeviceInfoList: 'int __stdcall SetupDiDestroyDeviceInfoList(void *set)',
    SetupDiBuildDriverInfoList: 'int __stdcall SetupDiBuildDriverInfoList(void *set, void *data, uint32_t type)',
    SetupDiEnumDriverInfoW:
      'int __stdcall SetupDiEnumDriverInfoW(void *set, void *data, uint32_t type, uint32_t index, _Inout_ void *info)',
  }),
  ...bindLibrary('newdev.dll', {
    DiInstallDevice:
      'int __stdcall DiInstallDevice(void *hwnd, void *set, void *data, void *driver, uint32_t flags, _Out_ int *reboot)',
  }),
  ...bindLibrary('advapi32.dll', {
    RegQueryValueExW:
      'int32_t __stdcall RegQueryValueExW(intptr_t key, str16 name, void *reserved, _Out_ uint32_t *type, _Out_ void *data, _Inout_ uint32_t *size)',
    RegCloseKey: 'int32_t __stdcall RegCloseKey(intptr_t key)',
  }),
  ...bindLibrary('kernel32.dll', {
    Sleep: 'void __stdcall Sleep(uint32_t ms)',
  }),
}));

const DIGCF_PRESENT = 0x2;
const DICS_FLAG_GLOBAL = 0x1;
const DIREG_DRV = 0x2;
const KEY_READ = 0x20019;
const SPDIT_COMPATDRIVER = 0x2;
const ERROR_NO_MORE_ITEMS = 259;
const INVALID_HANDLE = -1;
/** INVALID_HANDLE_VALUE as a 64-bit pointer. */
const INVALID_HANDLE_VALUE = 0xffffffffffffffffn;

function ok(name: string, r: unknown): void {
  if (!r) throw new Win32Error(name, getLastError());
}

function wideToString(buf: Uint8Array, bytes: number): string {
  return Buffer.from(buf.subarray(0, bytes)).toString('utf16le').replace(/\0.*$/s, '');
}

/** The real table. */
export function setupApi(): TapSetupApi {
  const l = lib();
  return {
    createDeviceInfoList(classGuid) {
      const set = l.SetupDiCreateDeviceInfoList(encodeGuid(classGuid), null);
      if (koffi.address(set) === INVALID_HANDLE_VALUE)
        throw new Win32Error('SetupDiCreateDeviceInfoList', getLastError());
      return set;
    },
    getClassDevs(classGuid) {
      return l.SetupDiGetClassDevsExW(encodeGuid(classGuid), null, null, DIGCF_PRESENT, null, null, null);
    },
    createDeviceInfo(set, className, classGuid, flags, data) {
      ok(
        'SetupDiCreateDeviceInfoW',
        l.SetupDiCreateDeviceInfoW(set, className, encodeGuid(classGuid), null, null, flags, data),
      );
    },
    setDeviceRegistryProperty(set, data, property, value) {
      ok(
        'SetupDiSetDeviceRegistryPropertyW',
        l.SetupDiSetDeviceRegistryPropertyW(set, data, property, value, value.length),
      );
    },
    callClassInstaller(set, fn, data) {
      ok('SetupDiCallClassInstaller', l.SetupDiCallClassInstaller(fn, set, data));
    },
    setClassInstallParams(set, data, params) {
      ok('SetupDiSetClassInstallParamsW', l.SetupDiSetClassInstallParamsW(set, data, params, params.length));
    },
    installDevice(set, data) {
      const reboot = [0];
      ok('DiInstallDevice', l.DiInstallDevice(null, set, data, null, 0, reboot));
      return reboot[0] === 0;
    },
    readNetCfgInstanceId(set, data) {
      const key = Number(l.SetupDiOpenDevRegKey(set, data, DICS_FLAG_GLOBAL, 0, DIREG_DRV, KEY_READ));
      if (key === INVALID_HANDLE) return null;
      try {
        const buf = new Uint8Array(160);
        const type = [0];
        const size = [buf.length];
        if (l.RegQueryValueExW(key, 'NetCfgInstanceId', null, type, buf, size) !== 0) return null;
        return wideToString(buf, size[0]) || null;
      } finally {
        l.RegCloseKey(key);
      }
    },
    enumDevices(set: DevInfoSet) {
      const out: Uint8Array[] = [];
      for (let i = 0; ; i++) {
        const data = newDevInfoData();
        if (!l.SetupDiEnumDeviceInfo(set, i, data)) {
          const err = getLastError();
          if (err === ERROR_NO_MORE_ITEMS) return out;
          throw new Win32Error('SetupDiEnumDeviceInfo', err);
        }
        out.push(data);
      }
    },
    driverAvailable(hardwareId) {
      // A throw-away device with the TAP hardware id: if Windows knows a compatible driver, tap-windows6 is there.
      const set = this.createDeviceInfoList('{4d36e972-e325-11ce-bfc1-08002be10318}');
      try {
        const data = newDevInfoData();
        ok(
          'SetupDiCreateDeviceInfoW',
          l.SetupDiCreateDeviceInfoW(
            set,
            'Net',
            encodeGuid('{4d36e972-e325-11ce-bfc1-08002be10318}'),
            null,
            null,
            1,
            data,
          ),
        );
        const ids = encodeWide(`${hardwareId}\0`);
        ok('SetupDiSetDeviceRegistryPropertyW', l.SetupDiSetDeviceRegistryPropertyW(set, data, 1, ids, ids.length));
        if (!l.SetupDiBuildDriverInfoList(set, data, SPDIT_COMPATDRIVER)) return false;
        const info = new Uint8Array(SP_DRVINFO_DATA_V2_W_SIZE);
        new DataView(info.buffer).setUint32(0, SP_DRVINFO_DATA_V2_W_SIZE, true);
        return Boolean(l.SetupDiEnumDriverInfoW(set, data, SPDIT_COMPATDRIVER, 0, info));
      } finally {
        l.SetupDiDestroyDeviceInfoList(set);
      }
    },
    destroyDeviceInfoList(set) {
      l.SetupDiDestroyDeviceInfoList(set);
    },
    sleep(ms) {
      l.Sleep(ms);
    },
  };
}
