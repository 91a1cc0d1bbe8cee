// The pipe's flags and the x64 layouts of the structs handed to kernel32 (koffi computes them the same on Linux x64).
import koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { APP_PIPE_MODE, APP_PIPE_OPEN_MODE, OVERLAPPED, SECURITY_ATTRIBUTES } from './named-pipe';

describe('named pipe flags (winbase.h)', () => {
  it('opens duplex, first instance only, overlapped', () => {
    // PIPE_ACCESS_DUPLEX 0x3 | FILE_FLAG_FIRST_PIPE_INSTANCE 0x80000 | FILE_FLAG_OVERLAPPED 0x40000000
    expect(APP_PIPE_OPEN_MODE).toBe(0x4008_0003);
  });

  it('is a blocking byte pipe that rejects remote clients', () => {
    // PIPE_TYPE_BYTE, PIPE_READMODE_BYTE and PIPE_WAIT are 0; PIPE_REJECT_REMOTE_CLIENTS is 0x8
    expect(APP_PIPE_MODE).toBe(0x8);
  });
});

describe.runIf(process.arch === 'x64')('struct layouts on x64', () => {
  it('OVERLAPPED is 32 bytes with hEvent last', () => {
    expect(koffi.sizeof(OVERLAPPED)).toBe(32);
    expect(koffi.offsetof(OVERLAPPED, 'Internal')).toBe(0);
    expect(koffi.offsetof(OVERLAPPED, 'InternalHigh')).toBe(8);
    expect(koffi.offsetof(OVERLAPPED, 'Offset')).toBe(16);
    expect(koffi.offsetof(OVERLAPPED, 'OffsetHigh')).toBe(20);
    expect(koffi.offsetof(OVERLAPPED, 'hEvent')).toBe(24);
  });

  it('SECURITY_ATTRIBUTES is 24 bytes with the descriptor pointer at 8', () => {
    expect(koffi.sizeof(SECURITY_ATTRIBUTES)).toBe(24);
    expect(koffi.offsetof(SECURITY_ATTRIBUTES, 'nLength')).toBe(0);
    expect(koffi.offsetof(SECURITY_ATTRIBUTES, 'lpSecurityDescriptor')).toBe(8);
    expect(koffi.offsetof(SECURITY_ATTRIBUTES, 'bInheritHandle')).toBe(16);
  });
});
