// The floor under a steady refresh: the collector's own TCP dump request (every state, both families in one walk,
// with tcp_info), sent and received over sock_diag with nothing decoded: only message headers are walked, to find
// the end. What this takes is the kernel's walk and copy, which no collector can avoid. Then the same split in two
// halves as the collector splits it, the second received on the dump thread. Prints one JSON line:
// {"sockets", "ms": [...], "splitMs": [...]} for `argv[2]` dumps of each kind.
import { DumpThread } from '../electron/core/ffi/dump-thread';
import { recv, sendto } from '../electron/core/ffi/libc';
import { NETLINK_SOCK_DIAG, openNetlink } from '../electron/core/ffi/netlink-socket';
import {
  chooseSplit,
  lowestBoundPort,
  type PortSplit,
  splitsUnconnected,
} from '../electron/core/platform/linux/dump-split';
import type { KernelSocket } from '../electron/core/platform/linux/kernel-socket';
import { DUMP_REQUEST_BYTES, SockDiagClient, writeDumpRequest } from '../electron/core/platform/linux/netlink-sockdiag';
import { LE, NLMSG_DONE, NLMSG_ERROR } from '../electron/core/platform/linux/netlink';

const dumps = Number(process.argv[2] ?? 20);
const fd = openNetlink(NETLINK_SOCK_DIAG, 5);
const request = new Uint8Array(DUMP_REQUEST_BYTES);
const view = new DataView(request.buffer);
const rx = new Uint8Array(256 * 1024);
const rxView = new DataView(rx.buffer);

/** Sockets in one datagram, or -1 after its NLMSG_DONE. */
function count(v: DataView, n: number): number {
  let sockets = 0;
  for (let off = 0; off + 16 <= n;) {
    const len = v.getUint32(off, LE);
    const type = v.getUint16(off + 4, LE);
    if (len < 16) throw new Error(`a netlink message of ${len} bytes`);
    if (type === NLMSG_ERROR) throw new Error('sock_diag refused the dump request');
    if (type === NLMSG_DONE) return -1 - sockets;
    sockets++;
    off += (len + 3) & ~3;
  }
  return sockets;
}

/** Receives the replies to the request just sent on `fd`; returns their socket count. */
function receive(on: number): number {
  let sockets = 0;
  for (;;) {
    const c = count(rxView, recv(on, rx, 0));
    if (c < 0) return sockets - 1 - c;
    sockets += c;
  }
}

/** One dump: its socket count and wall time (ms). */
function dumpOnce(seq: number): { sockets: number; ms: number } {
  const t0 = performance.now();
  sendto(fd, writeDumpRequest(request, view, 'tcp', null, seq), 0, null);
  const sockets = receive(fd);
  return { sockets, ms: performance.now() - t0 };
}

/**
 * Both halves of `split` at once (the second with the unconnected sockets or not, as the collector decides), the
 * second on `thread` over `fdB`: socket count and wall time (ms).
 */
function splitOnce(
  seq: number,
  split: PortSplit,
  unconnected: boolean,
  thread: DumpThread,
  fdB: number,
): { sockets: number; ms: number } {
  const t0 = performance.now();
  const half = (h: 0 | 1, s: number) =>
    writeDumpRequest(request, view, 'tcp', null, s, { split, unconnected, half: h });
  thread.begin(fdB, seq + 1, half(1, seq + 1).slice());
  sendto(fd, half(0, seq), 0, null);
  let sockets = receive(fd);
  if (!thread.settle(10_000)) throw new Error('the dump thread did not finish');
  const got = thread.wait(0, 0);
  if (got.errno !== null) throw new Error(`the dump thread's ${got.failedCall} failed (errno ${got.errno})`);
  for (let i = 0; i < got.published; i++) {
    const d = thread.datagram(i);
    const c = count(new DataView(d.buffer, d.byteOffset, d.length), d.length);
    sockets += c < 0 ? -1 - c : c;
  }
  return { sockets, ms: performance.now() - t0 };
}

const ms: number[] = [];
let sockets = 0;
for (let i = 0; i < dumps; i++) {
  const d = dumpOnce(1000 + i);
  sockets = d.sockets;
  ms.push(d.ms);
}
// The split the collector would choose for this table.
const rows: KernelSocket[] = [];
const client = new SockDiagClient({ keepRows: false });
client.dump('tcp', null, rows);
client.close();
const split = chooseSplit(rows, 0, rows.length);
const splitMs: number[] = [];
if (split) {
  const thread = DumpThread.start();
  if (!thread.ready(5000)) throw new Error('the dump thread did not come up');
  const fdB = openNetlink(NETLINK_SOCK_DIAG, 5);
  const unconnected = splitsUnconnected('tcp', split, lowestBoundPort(rows, 0, rows.length));
  for (let i = 0; i < dumps; i++) splitMs.push(splitOnce(5000 + 2 * i, split, unconnected, thread, fdB).ms);
  thread.stop();
}
console.log(JSON.stringify({ sockets, ms, splitMs }));
