// Interfaces and virtual adapters, with the checks every front door shares (core, helper, CLI) over the OS backend.
import { checkCreateRequest, LINUX_NAME_MAX, WINDOWS_NAME_MAX } from '../../../shared/logic/adapter-validate';
import { keyedError } from '../../../shared/logic/input-error';
import { translate } from '../../../shared/i18n/translate';
import type { Adapter, AdapterList, CreateAdapterOrder } from '../../../shared/model/adapters';
import type { AdapterBackend } from '../platform/platform';

/** What handlers, the helper and the CLI call. */
export interface AdapterService {
  list(): AdapterList;
  /** Checks the order (INVALID_INPUT keyed per field), then creates; NEEDS_ELEVATION without the right. */
  create(order: CreateAdapterOrder): Promise<Adapter>;
  /** Refuses anything but TAP/TUN (REFUSED) and unknown names (ESRCH), then removes. */
  remove(name: string): Promise<void>;
}

/** The service over one OS's backend (the platform's; tests inject one). */
export function createAdapterService(backend: AdapterBackend, platform: string = process.platform): AdapterService {
  const find = (name: string): Adapter => {
    const found = backend.list().adapters.find((a) => a.name === name);
    if (!found) throw keyedError('adapters.errors.notFound', { name }, 'ESRCH');
    return found;
  };
  return {
    list: () => backend.list(),
    async create(order) {
      const list = backend.list();
      if (!list.creatable[order.type]) {
        const key =
          list.creatable.reasonKey ??
          (order.type === 'tun' ? 'adapters.errors.windowsNoTun' : 'adapters.errors.macosNoTap');
        throw keyedError(key, { platform }, 'NOT_SUPPORTED');
      }
      const problems = checkCreateRequest(
        order,
        platform,
        list.adapters.map((a) => a.name),
      );
      if (problems.length > 0) throw keyedError(problems[0].key, problems[0].params);
      return backend.create(order);
    },
    async remove(name) {
      // Only what no interface can be named: names made by other tools may use characters create refuses.
      const max = platform === 'win32' ? WINDOWS_NAME_MAX : LINUX_NAME_MAX;
      if (name.length === 0) throw keyedError('adapters.input.nameEmpty');
      if (name.length > max) throw keyedError('adapters.input.nameTooLong', { max, value: name, length: name.length });
      const adapter = find(name);
      if (!adapter.removable) {
        const kind = translate('en', `adapters.kind.${adapter.kind}`);
        throw keyedError('adapters.errors.notTunTap', { name, kind }, 'REFUSED');
      }
      await backend.remove(adapter);
    },
  };
}
