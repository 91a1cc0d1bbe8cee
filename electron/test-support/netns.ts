// A network namespace of a test's own (root only), loopback up and nothing else in it: what netinspect counts there
// is what the test did, whatever else runs on this machine. Commands enter it with nsenter, which keeps the mounts
// (tracefs stays where it is), unlike `ip netns exec`, which mounts a /sys of its own.
import { execFileSync, spawnSync } from 'node:child_process';

/** setpriv arguments that run a command as nobody with no capabilities, the way an unprivileged user runs it. */
export const AS_NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', '--'];

/** Why this machine cannot give a test a network namespace, or null when it can. */
export function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces are Linux only';
  if (process.geteuid?.() !== 0) return 'creating a network namespace needs root';
  for (const tool of ['ip', 'nsenter', 'setpriv']) {
    if (spawnSync(tool, ['-V']).error) return `${tool} is not installed`;
  }
  return null;
}

/** A namespace made for one test. */
export interface TestNetns {
  readonly name: string;
  /** Prefix that runs a command inside it, as root (for spawn, or runCli's `wrap`). */
  readonly enter: readonly string[];
  /** The same, then dropping to nobody with no capabilities. */
  readonly enterAsNobody: readonly string[];
  /** Deletes it (its sockets go with it). */
  remove(): void;
}

/** Creates `ni-<tag>-<pid>` with loopback up. */
export function createNetns(tag: string): TestNetns {
  const name = `ni-${tag}-${process.pid}`;
  execFileSync('ip', ['netns', 'add', name]);
  execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  const enter = ['nsenter', `--net=/run/netns/${name}`, '--'];
  return {
    name,
    enter,
    enterAsNobody: [...enter, ...AS_NOBODY],
    remove: () => execFileSync('ip', ['netns', 'del', name]),
  };
}
