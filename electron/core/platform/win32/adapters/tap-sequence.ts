// The tap-windows6 create/remove sequence of OpenVPN's tapctl, over an injectable function table so its order and
// arguments are unit-tested here; the real table (ffi/setupapi.ts) only runs on Windows.
import {
  DICD_GENERATE_ID,
  DIF_REGISTERDEVICE,
  DIF_REMOVE,
  encodeMultiSz,
  encodeRemoveParams,
  GUID_DEVCLASS_NET,
  newDevInfoData,
  SPDRP_HARDWAREID,
  TAP_HARDWARE_ID,
} from '../../../ffi/setupapi-structs';
import type { DevInfoSet, TapSetupApi } from '../../../ffi/setupapi';

export type { DevInfoSet, TapSetupApi };

/** NetCfgInstanceId appears a moment after installation; tapctl polls for it too. */
const ID_ATTEMPTS = 30;
const ID_POLL_MS = 100;

/** Thrown when tap-windows6 is not installed (the caller explains where to get it). */
export class TapDriverMissing extends Error {
  constructor() {
    super('tap-windows6 driver (root\\tap0901) is not installed');
    this.name = 'TapDriverMissing';
  }
}

/**
 * Creates one tap-windows6 adapter and answers its NetCfgInstanceId (the adapter GUID):
 * CreateDeviceInfoList(net) -> CreateDeviceInfo(DICD_GENERATE_ID) -> hardware id "root\tap0901" (MULTI_SZ) ->
 * DIF_REGISTERDEVICE -> DiInstallDevice -> poll NetCfgInstanceId. A failure after registration removes the device.
 */
export function createTapAdapter(api: TapSetupApi): { guid: string; rebootRequired: boolean } {
  if (!api.driverAvailable(TAP_HARDWARE_ID)) throw new TapDriverMissing();
  const set = api.createDeviceInfoList(GUID_DEVCLASS_NET);
  const data = newDevInfoData();
  let registered = false;
  try {
    api.createDeviceInfo(set, 'Net', GUID_DEVCLASS_NET, DICD_GENERATE_ID, data);
    api.setDeviceRegistryProperty(set, data, SPDRP_HARDWAREID, encodeMultiSz([TAP_HARDWARE_ID]));
    api.callClassInstaller(set, DIF_REGISTERDEVICE, data);
    registered = true;
    const rebootRequired = !api.installDevice(set, data);
    for (let i = 0; i < ID_ATTEMPTS; i++) {
      const guid = api.readNetCfgInstanceId(set, data);
      if (guid) return { guid, rebootRequired };
      api.sleep(ID_POLL_MS);
    }
    throw new Error('NetCfgInstanceId did not appear');
  } catch (e) {
    if (registered) removeDevice(api, set, data);
    throw e;
  } finally {
    api.destroyDeviceInfoList(set);
  }
}

function removeDevice(api: TapSetupApi, set: DevInfoSet, data: Uint8Array): void {
  api.setClassInstallParams(set, data, encodeRemoveParams());
  api.callClassInstaller(set, DIF_REMOVE, data);
}

/** Removes the net-class device whose NetCfgInstanceId is `guid` (SP_REMOVEDEVICE_PARAMS + DIF_REMOVE). */
export function removeTapAdapter(api: TapSetupApi, guid: string): boolean {
  const set = api.getClassDevs(GUID_DEVCLASS_NET);
  try {
    for (const data of api.enumDevices(set)) {
      if (api.readNetCfgInstanceId(set, data)?.toLowerCase() !== guid.toLowerCase()) continue;
      removeDevice(api, set, data);
      return true;
    }
    return false;
  } finally {
    api.destroyDeviceInfoList(set);
  }
}
