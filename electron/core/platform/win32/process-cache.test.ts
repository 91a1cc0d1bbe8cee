// The pure helpers of the Windows process cache: FILETIME conversion and image names from Win32 paths.
import { describe, expect, it } from 'vitest';
import { fileTimeToMs, imageName } from './process-cache';

describe('fileTimeToMs', () => {
  it('converts 100 ns ticks since 1601 to ms since 1970', () => {
    expect(fileTimeToMs(116_444_736_000_000_000n)).toBe(0);
    // 2024-01-01T00:00:00Z
    expect(fileTimeToMs(133_485_408_000_000_000n)).toBe(Date.UTC(2024, 0, 1));
  });

  it('treats 0 as no time recorded', () => {
    expect(fileTimeToMs(0n)).toBeNull();
  });
});

describe('imageName', () => {
  it('keeps the file name of a Win32 path', () => {
    expect(imageName('C:\\Program Files\\nodejs\\node.exe')).toBe('node.exe');
    expect(imageName('\\\\?\\C:\\x\\svc host.exe')).toBe('svc host.exe');
    expect(imageName('node.exe')).toBe('node.exe');
  });
});
