// The floor under a steady refresh: the collector's own TCP dump request (every state, both families in one walk,
// with tcp_info), sent and received over sock_diag with nothing decoded: only message headers are walked, to find
// the end. What this takes is the kernel's walk and copy, which no collector can avoid. Prints one JSON line:
// {"sockets", "ms": [...]} for `argv[2]` dumps.
import { recv, sendto } from '../electron/core/ffi/libc';
import { NETLINK_SOCK_DIAG, openNetlink } from '../electron/core/ffi/netlink-socket';
import { DUMP_REQUEST_BYTES, writeDumpRequest } from '../electron/core/platform/linux/netlink-sockdiag';
import { LE, NLMSG_DONE, NLMSG_ERROR } from '../electron/core/platform/linux/netlink';

const dumps = Number(process.argv[2] ?? 20);
const fd = openNetlink(NETLINK_SOCK_DIAG, 5);
const request = new Uint8Array(DUMP_REQUEST_BYTES);
const view = new DataView(request.buffer);
const rx = new Uint8Array(256 * 1024);
const rxView = new DataView(rx.buffer);

/** One dump: its socket count and wall time (ms). */
function dumpOnce(seq: number): { sockets: number; ms: number } {
  const t0 = performance.now();
  sendto(fd, writeDumpRequest(request, view, 'tcp', null, seq), 0, null);
  let sockets = 0;
  for (;;) {
    const n = recv(fd, rx, 0);
    for (let off = 0; off + 16 <= n;) {
      const len = rxView.getUint32(off, LE);
      const type = rxView.getUint16(off + 4, LE);
      if (len < 16) throw new Error(`a netlink message of ${len} bytes`);
      if (type === NLMSG_ERROR) throw new Error('sock_diag refused the dump request');
      if (type === NLMSG_DONE) return { sockets, ms: performance.now() - t0 };
      sockets++;
      off += (len + 3) & ~3;
    }
  }
}

const ms: number[] = [];
let sockets = 0;
for (let i = 0; i < dumps; i++) {
  const d = dumpOnce(1000 + i);
  sockets = d.sockets;
  ms.push(d.ms);
}
console.log(JSON.stringify({ sockets, ms }));
