// TCP connect scan of one host: bounded concurrency and timeout, cancellable, results batched into progress events.
import dns from 'node:dns/promises';
import net from 'node:net';
import { parsePortList } from '../../../shared/logic/port-tools/port-list';
import { keyedError } from '../../../shared/logic/input-error';
import { serviceName, type ServiceTable } from '../../../shared/logic/services';
import type { PortStatus, ScanPortResult, ScanProgress, ScanRequest } from '../../../shared/model/tools';

/** Progress is pushed at most this often (ms), plus once at the end: a few updates per second, never per port. */
const PROGRESS_EVERY_MS = 200;

/** Errors that mean "something answered no" (closed) rather than "nothing answered" (filtered). */
const CLOSED_CODES = new Set(['ECONNREFUSED', 'ECONNRESET']);

/** Connects once; open, closed (refused) or filtered (timeout, unreachable). */
export function probePort(
  address: string,
  port: number,
  timeoutMs: number,
): Promise<{ status: PortStatus; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const s = net.connect({ host: address, port });
    const done = (status: PortStatus) => {
      clearTimeout(timer);
      s.destroy();
      resolve({ status, ms: Math.round((performance.now() - started) * 10) / 10 });
    };
    const timer = setTimeout(() => done('filtered'), timeoutMs);
    s.once('connect', () => done('open'));
    s.once('error', (e: NodeJS.ErrnoException) => done(CLOSED_CODES.has(e.code ?? '') ? 'closed' : 'filtered'));
  });
}

/** Resolves a host name or literal to one address (IPv4 preferred, as most services listen there first). */
export async function resolveHost(host: string): Promise<string> {
  const h = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(h)) return h;
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(h)) throw keyedError('tools.input.host', { value: host });
  try {
    return (await dns.lookup(h, { verbatim: false })).address;
  } catch {
    throw keyedError('tools.input.hostUnresolved', { value: host });
  }
}

/** A scan that is running: cancel it, or await its end. */
export interface RunningScan {
  readonly total: number;
  readonly address: string;
  cancel(): void;
  /** Every port's result, in port order, once finished or cancelled. */
  readonly finished: Promise<{ results: ScanPortResult[]; cancelled: boolean }>;
}

/**
 * Validates and starts a scan; `onProgress` gets batches (each port once) and a last event with finished = true.
 * Throws INVALID_INPUT for a bad port list or host before any connection is made.
 */
export async function startScan(
  req: ScanRequest,
  services: ServiceTable,
  onProgress: (p: Omit<ScanProgress, 'scanId'>) => void,
): Promise<RunningScan> {
  const ports = parsePortList(req.ports);
  const address = await resolveHost(req.host);
  let cancelled = false;
  let next = 0;
  let done = 0;
  let pending: ScanPortResult[] = [];
  const all: ScanPortResult[] = [];
  let lastPush = 0;
  const push = (finished: boolean) => {
    lastPush = Date.now();
    const results = pending;
    pending = [];
    onProgress({ done, total: ports.length, results, finished, cancelled });
  };
  const worker = async () => {
    while (!cancelled && next < ports.length) {
      const port = ports[next++];
      const r = await probePort(address, port, req.timeoutMs);
      const result = { port, status: r.status, service: serviceName(services, port, 'tcp'), ms: r.ms };
      all.push(result);
      pending.push(result);
      done++;
      if (Date.now() - lastPush >= PROGRESS_EVERY_MS) push(false);
    }
  };
  const workers = Array.from({ length: Math.min(req.concurrency, ports.length) }, worker);
  const finished = Promise.all(workers).then(() => {
    push(true);
    return { results: all.sort((a, b) => a.port - b.port), cancelled };
  });
  return {
    total: ports.length,
    address,
    cancel: () => {
      cancelled = true;
    },
    finished,
  };
}
