// Whether this process runs with administrator rights (root on POSIX).
/** True when running as root (uid 0). Windows token elevation comes with the Windows collector. */
export function isElevated(): boolean {
  return typeof process.geteuid === 'function' ? process.geteuid() === 0 : false;
}
