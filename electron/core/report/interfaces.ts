// Network interfaces for the report: names and addresses from the OS (plus address-less links from /sys on Linux).
import fs from 'node:fs';
import os from 'node:os';
import type { ReportInterface } from '../../../shared/logic/report/report-types';

/** Every interface with its addresses, sorted by name; links without an address are listed empty. */
export function readInterfaces(): ReportInterface[] {
  const out = new Map<string, ReportInterface>();
  for (const [name, list] of Object.entries(os.networkInterfaces())) {
    out.set(name, {
      name,
      addresses: (list ?? []).map((a) => ({
        family: a.family === 'IPv6' ? 6 : 4,
        address: a.address,
        cidr: a.cidr ?? null,
        mac: a.mac === '00:00:00:00:00:00' ? null : a.mac,
        internal: a.internal,
      })),
    });
  }
  if (process.platform === 'linux') {
    try {
      for (const name of fs.readdirSync('/sys/class/net')) if (!out.has(name)) out.set(name, { name, addresses: [] });
    } catch {
      // No sysfs (a container without it): the addresses above are all there is.
    }
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}
