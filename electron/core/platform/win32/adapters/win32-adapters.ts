// Windows adapters: list from GetAdaptersAddresses; create/remove tap-windows6 adapters through SetupAPI, rename by
// the connection registry value, addresses through CreateUnicastIpAddressEntry. Not runnable on Linux CI: the parts
// are unit-tested (decoder, structs, call sequence); this glue is what remains untested here.
import { keyedError } from '../../../../../shared/logic/input-error';
import { isProblem, parseAddresses } from '../../../../../shared/logic/adapter-validate';
import { parseAddressBytes } from '../../../../../shared/logic/ip-parse';
import type { AdapterList } from '../../../../../shared/model/adapters';
import {
  createUnicastAddress,
  getAdaptersAddressesRaw,
  initializeUnicastRow,
  setMachineString,
} from '../../../ffi/iphlpapi-adapters';
import { Win32Error } from '../../../ffi/kernel32';
import { setupApi } from '../../../ffi/setupapi';
import type { AdapterBackend } from '../../platform';
import { decodeAdaptersAddresses, type WinAdapter } from './adapters-decode';
import { createTapAdapter, removeTapAdapter, TapDriverMissing } from './tap-sequence';
import { GUID_DEVCLASS_NET, MIB_UNICASTIPADDRESS_ROW_SIZE, patchUnicastRow } from '../../../ffi/setupapi-structs';

const ERROR_ACCESS_DENIED = 5;

function listWin(): WinAdapter[] {
  const { bytes, base } = getAdaptersAddressesRaw();
  return decodeAdaptersAddresses(bytes, base);
}

/** A Win32 failure as the user should read it: access denied means elevation; anything else names the step. */
function winError(e: unknown): unknown {
  if (e instanceof TapDriverMissing) return keyedError('adapters.errors.noWindowsDriver', {}, 'NOT_SUPPORTED');
  if (e instanceof Win32Error) {
    if (e.code === ERROR_ACCESS_DENIED) return keyedError('adapters.errors.needsElevation', {}, 'NEEDS_ELEVATION');
    return keyedError('adapters.errors.windowsFailed', { step: e.fn, reason: `Win32 error ${e.code}` }, 'INTERNAL');
  }
  return e;
}

/** The Windows backend: TAP only (TUN would be Wintun, whose adapters die with the process that made them). */
export function createWin32Adapters(): AdapterBackend {
  const list = (): AdapterList => ({
    takenAt: Date.now(),
    adapters: listWin().map(({ guid: _guid, luid: _luid, ...a }) => a),
    creatable: { tap: true, tun: false, reasonKey: 'adapters.wizard.windowsNoTun' },
  });
  return {
    list,
    async create(order) {
      const cidrs = parseAddresses(order.addresses);
      if (isProblem(cidrs)) throw keyedError(cidrs.key, cidrs.params);
      try {
        const api = setupApi();
        const { guid } = createTapAdapter(api);
        try {
          setMachineString(
            `SYSTEM\\CurrentControlSet\\Control\\Network\\${GUID_DEVCLASS_NET}\\${guid}\\Connection`,
            'Name',
            order.name,
          );
          const made = listWin().find((a) => a.guid.toLowerCase() === guid.toLowerCase());
          if (!made) throw keyedError('adapters.errors.notFound', { name: order.name }, 'ESRCH');
          for (const c of cidrs) {
            const bytes = parseAddressBytes(c.family, c.address);
            if (!bytes) continue;
            const row = new Uint8Array(MIB_UNICASTIPADDRESS_ROW_SIZE);
            initializeUnicastRow(row);
            patchUnicastRow(row, made.luid, bytes, c.prefix);
            createUnicastAddress(row);
          }
        } catch (e) {
          removeTapAdapter(api, guid);
          throw e;
        }
        const shown = list().adapters.find((a) => a.name === order.name);
        if (!shown) throw keyedError('adapters.errors.notFound', { name: order.name }, 'ESRCH');
        return shown;
      } catch (e) {
        throw winError(e);
      }
    },
    async remove(adapter) {
      const target = listWin().find((a) => a.name === adapter.name);
      if (!target) throw keyedError('adapters.errors.notFound', { name: adapter.name }, 'ESRCH');
      try {
        if (!removeTapAdapter(setupApi(), target.guid)) {
          throw keyedError('adapters.errors.notFound', { name: adapter.name }, 'ESRCH');
        }
      } catch (e) {
        throw winError(e);
      }
    },
  };
}
