// The port scans running in core: a bounded number of slots, each held from the request until the scan ends.
import { AppError } from '../../../shared/model/errors';
import type { RunningScan } from './port-scan';

interface Slot {
  readonly clientId: string;
  /** Null while the scan is starting (its host being resolved). */
  scan: RunningScan | null;
  /** Cancelled before it started: the scan is cancelled as soon as it is attached. */
  cancelled: boolean;
}

/** Scans by id. A slot is reserved before anything is awaited, so concurrent requests cannot pass the limit. */
export class ScanRegistry {
  private readonly slots = new Map<string, Slot>();

  constructor(readonly max: number) {}

  /** Scans holding a slot, starting or running. */
  get size(): number {
    return this.slots.size;
  }

  /** Takes a slot for `scanId` on behalf of `clientId`; REFUSED when every slot is taken. */
  reserve(scanId: string, clientId: string): void {
    if (this.slots.size >= this.max) {
      throw new AppError('REFUSED', `${this.max} scans are already running: wait for one to end or cancel it.`);
    }
    this.slots.set(scanId, { clientId, scan: null, cancelled: false });
  }

  /** Gives back a slot whose scan never started (it failed validation or resolution). */
  release(scanId: string): void {
    this.slots.delete(scanId);
  }

  /** The reserved slot's scan started: it keeps the slot until it finishes. */
  attach(scanId: string, scan: RunningScan): void {
    const slot = this.slots.get(scanId);
    if (!slot) {
      scan.cancel();
      return;
    }
    slot.scan = scan;
    if (slot.cancelled) scan.cancel();
    void scan.finished.finally(() => this.slots.delete(scanId));
  }

  /** Cancels one scan; false when no such scan holds a slot. */
  cancel(scanId: string): boolean {
    const slot = this.slots.get(scanId);
    if (!slot) return false;
    slot.cancelled = true;
    slot.scan?.cancel();
    return true;
  }

  /** Cancels every scan a front end started (it went away); returns how many. */
  cancelOf(clientId: string): number {
    let n = 0;
    for (const [scanId, slot] of this.slots) {
      if (slot.clientId === clientId && this.cancel(scanId)) n++;
    }
    return n;
  }
}
