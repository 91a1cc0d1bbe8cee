// Reverse DNS for remote addresses, off the hot path: the hosts file first, PTR lookups only for public addresses
// (unless the user asks for private ones too), a TTL cache, bounded concurrency, and batched results. A slow or
// hanging resolver never delays a refresh: lookups are queued and answered later.
import dns from 'node:dns';
import fs from 'node:fs';
import path from 'node:path';
import { addressScope } from '../../../shared/logic/address-scope';
import { parseHostsFile } from '../../../shared/logic/hosts-file';
import type { HostName } from '../../../shared/model/hosts';

export type { HostName };

export interface HostNameOptions {
  /** PTR lookup of one address; defaults to the system's DNS servers through c-ares (never the thread pool). */
  readonly reverse?: (address: string) => Promise<string[]>;
  /** The hosts file read before any query (default: the OS's). */
  readonly hostsFile?: string;
  /** How long a name is kept (ms). */
  readonly ttlMs?: number;
  /** How long "no name" is kept before asking again (ms). */
  readonly failureTtlMs?: number;
  /** PTR queries in flight at once. */
  readonly concurrency?: number;
  /** A query not answered by then counts as failed (ms). */
  readonly timeoutMs?: number;
  /** Most addresses cached; the oldest entries go first. */
  readonly maxEntries?: number;
  /** Most lookups waiting; more are dropped until the queue drains (asked again on a later refresh). */
  readonly maxQueued?: number;
  /** New results, batched: at most one call per `batchMs`. */
  readonly onResolved?: (names: readonly HostName[]) => void;
  readonly batchMs?: number;
}

interface Entry {
  readonly name: string | null;
  readonly source: 'hosts' | 'dns';
  readonly until: number;
}

/** The OS's hosts file. */
function defaultHostsFile(): string {
  return process.platform === 'win32'
    ? path.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'drivers', 'etc', 'hosts')
    : '/etc/hosts';
}

/** c-ares PTR lookups with one try and a timeout: asynchronous sockets, so nothing else waits for them. */
function caresReverse(timeoutMs: number): (address: string) => Promise<string[]> {
  const resolver = new dns.promises.Resolver({ timeout: timeoutMs, tries: 1 });
  return (address) => resolver.reverse(address);
}

/** Re-read the hosts file at most this often (ms); its mtime decides whether it changed. */
const HOSTS_RECHECK_MS = 5_000;

/** Names of remote addresses, resolved in the background. */
export class HostNames {
  private readonly cache = new Map<string, Entry>();
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private inFlight = 0;
  private pending: HostName[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private hosts = new Map<string, string>();
  private hostsMtime = -1;
  private hostsCheckedAt = -Infinity;
  private readonly waiters = new Set<() => void>();
  private disposed = false;
  private readonly reverse: (address: string) => Promise<string[]>;
  private readonly o: Required<Omit<HostNameOptions, 'reverse' | 'onResolved'>> & Pick<HostNameOptions, 'onResolved'>;

  constructor(options: HostNameOptions = {}) {
    this.o = {
      hostsFile: options.hostsFile ?? defaultHostsFile(),
      ttlMs: options.ttlMs ?? 10 * 60_000,
      failureTtlMs: options.failureTtlMs ?? 2 * 60_000,
      concurrency: options.concurrency ?? 4,
      timeoutMs: options.timeoutMs ?? 3_000,
      maxEntries: options.maxEntries ?? 10_000,
      maxQueued: options.maxQueued ?? 2_000,
      batchMs: options.batchMs ?? 250,
      onResolved: options.onResolved,
    };
    this.reverse = options.reverse ?? caresReverse(this.o.timeoutMs);
  }

  /**
   * The names known now for `addresses` (only those that have one); queues lookups for the rest and returns at once.
   * Loopback, private and link-local addresses are looked up in the hosts file only, unless `includePrivate`.
   */
  lookup(addresses: Iterable<string>, includePrivate: boolean): Map<string, HostName> {
    const now = Date.now();
    this.refreshHosts(now);
    const out = new Map<string, HostName>();
    for (const address of addresses) {
      const hit = this.cached(address, now);
      if (hit) {
        if (hit.name !== null) out.set(address, { address, name: hit.name, source: hit.source });
        continue;
      }
      const fromHosts = this.hosts.get(address);
      if (fromHosts !== undefined) {
        this.remember(address, fromHosts, 'hosts', now);
        out.set(address, { address, name: fromHosts, source: 'hosts' });
        continue;
      }
      const scope = addressScope(address);
      if (scope === 'unspecified') continue;
      if (scope !== 'public' && !includePrivate) continue;
      this.enqueue(address);
    }
    this.pump();
    return out;
  }

  /** Like lookup, then waits up to `waitMs` for the queued ones (for `list --resolve`). */
  async resolve(addresses: readonly string[], includePrivate: boolean, waitMs: number): Promise<Map<string, HostName>> {
    const unique = [...new Set(addresses)];
    this.lookup(unique, includePrivate);
    const deadline = Date.now() + waitMs;
    while (unique.some((a) => this.queued.has(a)) && Date.now() < deadline && !this.disposed) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.max(1, deadline - Date.now()));
        this.waiters.add(done);
      });
    }
    return this.lookup(unique, includePrivate);
  }

  /** Lookups waiting or running, and names cached: what the status can show. */
  stats(): { queued: number; inFlight: number; cached: number } {
    return { queued: this.queue.length, inFlight: this.inFlight, cached: this.cache.size };
  }

  dispose(): void {
    this.disposed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.queue.length = 0;
    this.queued.clear();
    for (const w of [...this.waiters]) w();
  }

  private cached(address: string, now: number): Entry | null {
    const e = this.cache.get(address);
    if (!e) return null;
    if (e.until > now) return e;
    this.cache.delete(address);
    return null;
  }

  private remember(address: string, name: string | null, source: 'hosts' | 'dns', now: number): void {
    const until = now + (name === null ? this.o.failureTtlMs : this.o.ttlMs);
    this.cache.delete(address);
    this.cache.set(address, { name, source, until });
    // Maps keep insertion order: the first key is the oldest.
    while (this.cache.size > this.o.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
  }

  private enqueue(address: string): void {
    if (this.queued.has(address) || this.queue.length >= this.o.maxQueued) return;
    this.queued.add(address);
    this.queue.push(address);
  }

  private pump(): void {
    while (!this.disposed && this.inFlight < this.o.concurrency && this.queue.length > 0) {
      const address = this.queue.shift() as string;
      this.inFlight++;
      void this.query(address).finally(() => {
        this.inFlight--;
        this.queued.delete(address);
        for (const w of [...this.waiters]) w();
        this.pump();
      });
    }
  }

  private async query(address: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), this.o.timeoutMs)));
    let names: string[];
    try {
      names = await Promise.race([this.reverse(address), timeout]);
    } catch {
      names = [];
    } finally {
      clearTimeout(timer);
    }
    if (this.disposed) return;
    const name = names.find((n) => typeof n === 'string' && n.length > 0 && n.length <= 253) ?? null;
    this.remember(address, name, 'dns', Date.now());
    this.pending.push({ address, name, source: 'dns' });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || !this.o.onResolved) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      const batch = this.pending;
      this.pending = [];
      if (batch.length > 0) this.o.onResolved?.(batch);
    }, this.o.batchMs);
  }

  private refreshHosts(now: number): void {
    if (now - this.hostsCheckedAt < HOSTS_RECHECK_MS) return;
    this.hostsCheckedAt = now;
    try {
      const mtime = fs.statSync(this.o.hostsFile).mtimeMs;
      if (mtime === this.hostsMtime) return;
      this.hosts = parseHostsFile(fs.readFileSync(this.o.hostsFile, 'utf8'));
      this.hostsMtime = mtime;
      // Names taken from the old file may be gone from the new one.
      for (const [address, e] of this.cache) if (e.source === 'hosts') this.cache.delete(address);
    } catch {
      this.hosts = new Map();
      this.hostsMtime = -1;
    }
  }
}
