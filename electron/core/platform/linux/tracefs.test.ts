// Finding tracefs, telling a stale instance from a live one, and reading per-CPU loss counters.
import { describe, expect, it } from 'vitest';
import { isStale, parseCpuStats, tracefsCandidates, type PidProbe } from './tracefs';

describe('tracefsCandidates', () => {
  it('lists tracefs mounts, then the tracing directory of debugfs mounts, unescaping octal', () => {
    const mounts = [
      'proc /proc proc rw,nosuid 0 0',
      'debugfs /sys/kernel/debug debugfs rw,relatime 0 0',
      'nodev /sys/kernel/tracing tracefs rw,relatime 0 0',
      'nodev /tmp/my\\040trace tracefs rw 0 0',
    ].join('\n');
    expect(tracefsCandidates(mounts)).toEqual(['/sys/kernel/debug/tracing', '/sys/kernel/tracing', '/tmp/my trace']);
    expect(tracefsCandidates('proc /proc proc rw 0 0\n')).toEqual([]);
  });
});

describe('isStale', () => {
  const probe = (alive: Record<number, number | null>): PidProbe => ({
    alive: (pid) => pid in alive,
    startedAt: (pid) => alive[pid] ?? null,
  });
  const created = 1_000_000;

  it('is stale when its pid is gone, or now names a process that started after the instance', () => {
    expect(isStale('netinspect-123', created, 1, probe({}))).toBe(true);
    expect(isStale('netinspect-123', created, 1, probe({ 123: created + 5 }))).toBe(true);
  });

  it('is live while its process runs, and never for our own pid or other names', () => {
    expect(isStale('netinspect-123', created, 1, probe({ 123: created - 5000 }))).toBe(false);
    expect(isStale('netinspect-123', created, 1, probe({ 123: null }))).toBe(false);
    expect(isStale('netinspect-1', created, 1, probe({}))).toBe(false);
    expect(isStale('someone-else', created, 1, probe({}))).toBe(false);
    expect(isStale('netinspect-test-9', created, 1, probe({}))).toBe(false);
  });
});

describe('parseCpuStats', () => {
  it('reads overrun and dropped events', () => {
    const text = 'entries: 0\noverrun: 7\ncommit overrun: 0\nbytes: 0\ndropped events: 3\nread events: 14\n';
    expect(parseCpuStats(text)).toEqual({ overrun: 7, dropped: 3 });
    expect(parseCpuStats('')).toEqual({ overrun: 0, dropped: 0 });
  });
});
