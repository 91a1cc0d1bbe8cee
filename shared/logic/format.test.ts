// Human formatting of protocols, bytes, durations, RTT and wildcard endpoints.
import { describe, expect, it } from 'vitest';
import {
  formatAddress,
  formatBytes,
  formatCount,
  formatDuration,
  formatPort,
  formatProto,
  formatRtt,
  formatTraffic,
} from './format';

describe('format', () => {
  it('names the protocol as ss does, 6 for IPv6', () => {
    expect(formatProto({ proto: 'tcp', family: 4 })).toBe('tcp');
    expect(formatProto({ proto: 'udp', family: 6 })).toBe('udp6');
  });

  it('formats bytes with binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MiB');
    expect(formatBytes(null)).toBe('');
  });
  it('formats traffic', () => {
    expect(formatTraffic(2048, 10)).toBe('↑2.0 KiB ↓10 B');
    expect(formatTraffic(null, null)).toBe('');
  });
  it('formats durations with two units', () => {
    expect(formatDuration(999)).toBe('0s');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(187_000)).toBe('3m 07s');
    expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe('2h 05m');
    expect(formatDuration(4 * 86_400_000 + 3 * 3600_000)).toBe('4d 03h');
    expect(formatDuration(-5)).toBe('0s');
  });
  it('formats rtt', () => {
    expect(formatRtt(0.001)).toBe('<0.01');
    expect(formatRtt(0.042)).toBe('0.04');
    expect(formatRtt(1.26)).toBe('1.3');
    expect(formatRtt(120.4)).toBe('120');
    expect(formatRtt(null)).toBe('');
  });
  it('groups thousands', () => {
    expect(formatCount(50005, 'en')).toBe('50,005');
    expect(formatCount(12, 'zh-CN')).toBe('12');
  });
  it('shows wildcards as *', () => {
    expect(formatAddress('0.0.0.0')).toBe('*');
    expect(formatAddress('::')).toBe('*');
    expect(formatAddress('::1')).toBe('::1');
    expect(formatPort(0)).toBe('*');
    expect(formatPort(80)).toBe('80');
  });
});
