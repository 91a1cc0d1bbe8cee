// Whether an elevation prompt can be shown here, and if not, the i18n key of the reason.
import fs from 'node:fs';

/** Where @vscode/sudo-prompt looks for a graphical agent on Linux (fixed paths, not PATH: it runs exactly these). */
export const LINUX_AGENTS = ['/usr/bin/kdesudo', '/usr/bin/pkexec'] as const;

/** The facts the decision rests on, injectable for tests. */
export interface ElevationEnvironment {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when the file exists and is executable. */
  readonly executable: (file: string) => boolean;
}

export interface ElevationAvailability {
  readonly canElevate: boolean;
  /** i18n key (under `privilege.`) of why not, or null. */
  readonly reason: string | null;
}

/** The real environment of this process. */
export function currentEnvironment(): ElevationEnvironment {
  return {
    platform: process.platform,
    env: process.env,
    executable: (file) => {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * Linux needs a polkit agent binary and a graphical session to show its password dialog in (without one pkexec
 * falls back to a terminal prompt nobody sees); macOS and Windows always have their own prompt.
 */
export function elevationAvailability(e: ElevationEnvironment): ElevationAvailability {
  switch (e.platform) {
    case 'darwin':
    case 'win32':
      return { canElevate: true, reason: null };
    case 'linux':
      if (!LINUX_AGENTS.some((a) => e.executable(a))) return { canElevate: false, reason: 'privilege.noAgent' };
      if (!e.env.DISPLAY && !e.env.WAYLAND_DISPLAY) return { canElevate: false, reason: 'privilege.noDisplay' };
      return { canElevate: true, reason: null };
    default:
      return { canElevate: false, reason: 'privilege.unsupportedPlatform' };
  }
}
