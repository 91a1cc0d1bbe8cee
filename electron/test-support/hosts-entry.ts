// Adds one line to the machine's hosts file for a test and restores the file exactly as it was afterwards (the only
// way to give a loopback address a name the real resolver path finds, without sending a DNS query).
import fs from 'node:fs';

const HOSTS = '/etc/hosts';

/** Appends `address name`; the returned function puts the original content back. */
export function addHostsEntry(address: string, name: string): () => void {
  const original = fs.readFileSync(HOSTS, 'utf8');
  const sep = original.endsWith('\n') || original === '' ? '' : '\n';
  fs.writeFileSync(HOSTS, `${original}${sep}${address} ${name}\n`);
  return () => fs.writeFileSync(HOSTS, original);
}

/** True when this process may change the hosts file (root on Linux). */
export function canEditHosts(): boolean {
  try {
    fs.accessSync(HOSTS, fs.constants.W_OK);
    return process.platform === 'linux';
  } catch {
    return false;
  }
}
