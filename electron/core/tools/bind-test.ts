// The bind test: tries to bind a port the way a server would, releases it at once, and explains the outcome.
import dgram from 'node:dgram';
import net from 'node:net';
import os from 'node:os';
import { explainBind } from '../../../shared/logic/port-tools/bind-explain';
import { parseAddressBytes } from '../../../shared/logic/ip-parse';
import { keyedError } from '../../../shared/logic/input-error';
import type { EphemeralRange } from '../../../shared/model/finding';
import type { Socket } from '../../../shared/model/socket';
import type { BindTestRequest, BindTestResult } from '../../../shared/model/tools';
import { bindProbeAvailable, probeBind } from '../ffi/bind-probe';
import type { ReservedPortRange } from '../platform/platform';

/** What the bind test reads besides the bind itself. */
export interface BindContext {
  /** The current table (refreshed by the caller). */
  readonly sockets: () => Promise<readonly Socket[]>;
  readonly ephemeral: () => Promise<EphemeralRange>;
  /** The OS's reserved range holding a port (Windows' excluded ranges), or null. */
  readonly reservedRangeOf: (proto: 'tcp' | 'udp', family: 4 | 6, port: number) => Promise<ReservedPortRange | null>;
}

const WILDCARDS = new Set(['0.0.0.0', '::']);

/** Whether `host` is a wildcard or an address one of this machine's interfaces has. */
function isLocalAddress(host: string): boolean {
  if (WILDCARDS.has(host)) return true;
  const norm = host.toLowerCase();
  return Object.values(os.networkInterfaces()).some((list) =>
    (list ?? []).some((a) => a.address.toLowerCase() === norm),
  );
}

/** Binds through Node (net for TCP, dgram for UDP); null on success, else the errno name. Never keeps the port. */
function nodeBind(
  host: string,
  port: number,
  proto: 'tcp' | 'udp',
  family: 4 | 6,
  reuseAddr: boolean,
): Promise<string | null> {
  return new Promise((resolve) => {
    const failed = (e: NodeJS.ErrnoException) => resolve(e.code ?? 'EINVAL');
    if (proto === 'udp') {
      const s = dgram.createSocket({ type: family === 4 ? 'udp4' : 'udp6', reuseAddr });
      s.once('error', (e) => {
        s.close();
        failed(e);
      });
      s.bind({ port, address: host, exclusive: true }, () => s.close(() => resolve(null)));
      return;
    }
    const server = net.createServer();
    server.once('error', failed);
    // ipv6Only keeps [::]:port from also claiming the IPv4 port, so the answer is about exactly what was asked.
    server.listen({ port, host, exclusive: true, ipv6Only: family === 6 }, () => server.close(() => resolve(null)));
  });
}

/** Runs the bind test of `req`. INVALID_INPUT when `host` is not an IP address literal. */
export async function bindTest(req: BindTestRequest, ctx: BindContext): Promise<BindTestResult> {
  const host = req.host.trim().replace(/^\[(.*)\]$/, '$1');
  const family = net.isIPv4(host) ? 4 : net.isIPv6(host) ? 6 : null;
  if (family === null) throw keyedError('tools.input.bindHost', { value: req.host });
  const bytes = parseAddressBytes(family, host);
  // Node sets SO_REUSEADDR on every Unix TCP listener: without it, ask the kernel directly where we can.
  const direct = req.proto === 'tcp' && !req.reuseAddr && bindProbeAvailable() && bytes !== null;
  const errno =
    direct && bytes
      ? probeBind(family, 'tcp', bytes, req.port, false)
      : await nodeBind(host, req.port, req.proto, family, req.reuseAddr);
  const honoured = req.proto === 'udp' || direct || (req.reuseAddr && process.platform !== 'win32');
  const holders = (await ctx.sockets()).filter((s) => s.proto === req.proto && s.localPort === req.port);
  const { outcome, explanation } = explainBind({
    port: req.port,
    host,
    proto: req.proto,
    reuseAddr: req.reuseAddr,
    errno,
    holders,
    addressLocal: isLocalAddress(host),
    ephemeral: await ctx.ephemeral(),
    excludedRange: errno === null ? null : await ctx.reservedRangeOf(req.proto, family, req.port),
  });
  return {
    port: req.port,
    host,
    proto: req.proto,
    reuseAddr: req.reuseAddr,
    reuseAddrHonoured: honoured,
    outcome,
    errno,
    holders: holders.slice(0, 50),
    explanation,
  };
}
