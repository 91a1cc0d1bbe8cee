// What each OS implements for interfaces and virtual adapters; adapter-service.ts adds the checks all share.
import type { Adapter, AdapterList, CreateAdapterOrder } from '../../../shared/model/adapters';

/** One OS's interfaces: list them, create a TAP/TUN adapter, remove one. */
export interface AdapterBackend {
  /** Every interface with its counters now; throws AppError or ErrnoError. */
  list(): AdapterList;
  /** Creates a checked order (name free, fields well-formed); answers the new adapter as list() shows it. */
  create(order: CreateAdapterOrder): Promise<Adapter>;
  /** Removes an adapter list() reported as removable. */
  remove(adapter: Adapter): Promise<void>;
}
