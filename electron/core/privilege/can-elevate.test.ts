// Whether the elevation prompt can be shown: pkexec and a graphical session on Linux, always on macOS and Windows.
import { describe, expect, it } from 'vitest';
import { elevationAvailability, type ElevationEnvironment } from './can-elevate';

const env = (
  platform: NodeJS.Platform,
  vars: Record<string, string>,
  agents: readonly string[],
): ElevationEnvironment => ({ platform, env: vars, executable: (f) => agents.includes(f) });

describe('elevationAvailability', () => {
  it('allows Linux with pkexec and an X11 or Wayland session', () => {
    expect(elevationAvailability(env('linux', { DISPLAY: ':0' }, ['/usr/bin/pkexec']))).toEqual({
      canElevate: true,
      reason: null,
    });
    expect(elevationAvailability(env('linux', { WAYLAND_DISPLAY: 'wayland-0' }, ['/usr/bin/kdesudo'])).canElevate).toBe(
      true,
    );
  });

  it('refuses Linux without an agent, with the key that says run with sudo', () => {
    expect(elevationAvailability(env('linux', { DISPLAY: ':0' }, []))).toEqual({
      canElevate: false,
      reason: 'privilege.noAgent',
    });
  });

  it('refuses Linux without a graphical session (a headless server)', () => {
    expect(elevationAvailability(env('linux', {}, ['/usr/bin/pkexec']))).toEqual({
      canElevate: false,
      reason: 'privilege.noDisplay',
    });
  });

  it('allows macOS and Windows, refuses other systems', () => {
    expect(elevationAvailability(env('darwin', {}, [])).canElevate).toBe(true);
    expect(elevationAvailability(env('win32', {}, [])).canElevate).toBe(true);
    expect(elevationAvailability(env('freebsd', {}, []))).toEqual({
      canElevate: false,
      reason: 'privilege.unsupportedPlatform',
    });
  });
});
