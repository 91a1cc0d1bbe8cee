// Which processes hold a TUN/TAP device open: /proc/<pid>/fdinfo of /dev/net/tun fds carries `iff:\t<name>`.
import fs from 'node:fs';

/** A process attached to a device. */
export interface TunHolder {
  readonly pid: number;
  readonly name: string;
}

/** The interface name an fdinfo text names (`iff:\ttap0`), or null when it is not an attached tun fd. */
export function fdinfoInterface(text: string): string | null {
  const m = /^iff:\s*(\S+)\s*$/m.exec(text);
  return m ? m[1] : null;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Processes with an fd on /dev/net/tun attached to `ifname`. Without privileges only this user's processes are
 * readable; the others are silently absent (the caller then says "a program netinspect cannot see").
 */
export function findTunHolders(ifname: string, procRoot = '/proc'): TunHolder[] {
  const out: TunHolder[] = [];
  let pids: string[];
  try {
    pids = fs.readdirSync(procRoot).filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`${procRoot}/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`${procRoot}/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target !== '/dev/net/tun') continue;
      const info = readText(`${procRoot}/${pid}/fdinfo/${fd}`);
      if (info !== null && fdinfoInterface(info) === ifname) {
        out.push({ pid: Number(pid), name: (readText(`${procRoot}/${pid}/comm`) ?? '?').trim() });
        break;
      }
    }
  }
  return out;
}
