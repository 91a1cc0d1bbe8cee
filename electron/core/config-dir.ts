// Where netinspect keeps per-user state outside Electron (CLI, browser mode); Electron passes app.getPath('userData').
import os from 'node:os';
import path from 'node:path';

/** The per-user config directory: NETINSPECT_CONFIG_DIR, else the OS convention. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.NETINSPECT_CONFIG_DIR) return env.NETINSPECT_CONFIG_DIR;
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'netinspect');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'netinspect');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'netinspect');
}
