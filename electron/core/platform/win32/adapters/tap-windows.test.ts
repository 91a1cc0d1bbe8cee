// The Windows TAP path as far as Linux can check it: struct bytes against the SDK layouts, and the call sequence.
import { describe, expect, it } from 'vitest';
import { createTapAdapter, removeTapAdapter, TapDriverMissing, type TapSetupApi } from './tap-sequence';
import {
  decodeGuid,
  encodeGuid,
  encodeMultiSz,
  encodeRemoveParams,
  GUID_DEVCLASS_NET,
  newDevInfoData,
  patchUnicastRow,
  SP_DRVINFO_DATA_V2_W_SIZE,
} from '../../../ffi/setupapi-structs';

describe('struct encodings', () => {
  it('GUID: Data1-3 little-endian, Data4 in order', () => {
    const b = encodeGuid(GUID_DEVCLASS_NET);
    expect(Array.from(b)).toEqual([
      0x72, 0xe9, 0x36, 0x4d, 0x25, 0xe3, 0xce, 0x11, 0xbf, 0xc1, 0x08, 0x00, 0x2b, 0xe1, 0x03, 0x18,
    ]);
    expect(decodeGuid(b)).toBe(GUID_DEVCLASS_NET);
  });
  it('hardware id as REG_MULTI_SZ: UTF-16LE, double NUL', () => {
    const b = encodeMultiSz(['root\\tap0901']);
    expect(b.length).toBe((12 + 2) * 2);
    expect(Buffer.from(b).toString('utf16le')).toBe('root\\tap0901\0\0');
  });
  it('SP_DRVINFO_DATA_V2_W is 1568 bytes on x64 (its cbSize must match exactly)', () => {
    expect(SP_DRVINFO_DATA_V2_W_SIZE).toBe(1568);
    expect(SP_DRVINFO_DATA_V2_W_SIZE % 8).toBe(0);
  });

  it('SP_DEVINFO_DATA is 32 bytes with cbSize 32; SP_REMOVEDEVICE_PARAMS header cbSize 8, DIF_REMOVE, global', () => {
    const d = newDevInfoData();
    expect([d.length, new DataView(d.buffer).getUint32(0, true)]).toEqual([32, 32]);
    const p = new DataView(encodeRemoveParams().buffer);
    expect([
      p.byteLength,
      p.getUint32(0, true),
      p.getUint32(4, true),
      p.getUint32(8, true),
      p.getUint32(12, true),
    ]).toEqual([16, 8, 5, 1, 0]);
  });
  it('MIB_UNICASTIPADDRESS_ROW: SOCKADDR_INET at 0, LUID at 32, prefix at 60, rest as initialized', () => {
    const row = new Uint8Array(80).fill(0xee);
    patchUnicastRow(row, 0x0006_0000_0001_0000n, new Uint8Array([10, 1, 2, 3]), 24);
    const v = new DataView(row.buffer);
    expect(v.getUint16(0, true)).toBe(2);
    expect(Array.from(row.subarray(4, 8))).toEqual([10, 1, 2, 3]);
    expect(v.getBigUint64(32, true)).toBe(0x0006_0000_0001_0000n);
    expect(row[60]).toBe(24);
    expect(row[44]).toBe(0xee);
    const v6 = new Uint8Array(80);
    patchUnicastRow(v6, 1n, new Uint8Array(16).fill(0xfd), 64);
    expect([new DataView(v6.buffer).getUint16(0, true), v6[8], v6[23], v6[60]]).toEqual([23, 0xfd, 0xfd, 64]);
  });
});

/** A fake SetupAPI that records every call. */
function fakeApi(over: Partial<TapSetupApi> = {}): { api: TapSetupApi; calls: string[] } {
  const calls: string[] = [];
  let idReads = 0;
  const api: TapSetupApi = {
    driverAvailable: (id) => (calls.push(`driverAvailable ${id}`), true),
    createDeviceInfoList: (g) => (calls.push(`createDeviceInfoList ${g}`), 'SET'),
    getClassDevs: (g) => (calls.push(`getClassDevs ${g}`), 'SET'),
    createDeviceInfo: (_s, name, _g, flags) => void calls.push(`createDeviceInfo ${name} ${flags}`),
    setDeviceRegistryProperty: (_s, _d, prop, value) =>
      void calls.push(`setProperty ${prop} ${Buffer.from(value).toString('utf16le')}`),
    callClassInstaller: (_s, fn) => void calls.push(`callClassInstaller 0x${fn.toString(16)}`),
    setClassInstallParams: (_s, _d, p) => void calls.push(`setClassInstallParams ${p.length}`),
    installDevice: () => (calls.push('installDevice'), true),
    readNetCfgInstanceId: () => (calls.push('readNetCfgInstanceId'), ++idReads >= 3 ? '{guid-1}' : null),
    enumDevices: () => (calls.push('enumDevices'), [newDevInfoData(), newDevInfoData()]),
    destroyDeviceInfoList: () => void calls.push('destroyDeviceInfoList'),
    sleep: () => void calls.push('sleep'),
    ...over,
  };
  return { api, calls };
}

describe('tap-windows6 call sequence (tapctl order)', () => {
  it('creates: list, device (generated id), hardware id, register, install, poll NetCfgInstanceId, destroy list', () => {
    const { api, calls } = fakeApi();
    expect(createTapAdapter(api)).toEqual({ guid: '{guid-1}', rebootRequired: false });
    expect(calls).toEqual([
      'driverAvailable root\\tap0901',
      `createDeviceInfoList ${GUID_DEVCLASS_NET}`,
      'createDeviceInfo Net 1',
      'setProperty 1 root\\tap0901\0\0',
      'callClassInstaller 0x19',
      'installDevice',
      'readNetCfgInstanceId',
      'sleep',
      'readNetCfgInstanceId',
      'sleep',
      'readNetCfgInstanceId',
      'destroyDeviceInfoList',
    ]);
  });
  it('says the driver is missing before touching anything', () => {
    const { api, calls } = fakeApi({ driverAvailable: () => false });
    expect(() => createTapAdapter(api)).toThrow(TapDriverMissing);
    expect(calls).toEqual([]);
  });
  it('removes a registered device again when installation fails', () => {
    const { api, calls } = fakeApi({
      installDevice: () => {
        throw new Error('boom');
      },
    });
    expect(() => createTapAdapter(api)).toThrow('boom');
    expect(calls.slice(-3)).toEqual(['setClassInstallParams 16', 'callClassInstaller 0x5', 'destroyDeviceInfoList']);
  });
  it('removes by NetCfgInstanceId with SP_REMOVEDEVICE_PARAMS + DIF_REMOVE', () => {
    const { api, calls } = fakeApi({ readNetCfgInstanceId: () => '{GUID-1}' });
    expect(removeTapAdapter(api, '{guid-1}')).toBe(true);
    expect(calls).toEqual([
      `getClassDevs ${GUID_DEVCLASS_NET}`,
      'enumDevices',
      'setClassInstallParams 16',
      'callClassInstaller 0x5',
      'destroyDeviceInfoList',
    ]);
    expect(removeTapAdapter(fakeApi({ readNetCfgInstanceId: () => '{other}' }).api, '{guid-1}')).toBe(false);
  });
});
