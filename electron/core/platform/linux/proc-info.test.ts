// /proc parsing for process details, on captured text and on this very process.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseBootTime,
  parseCmdline,
  parsePasswd,
  parseStatStartTicks,
  parseStatusUid,
  ProcInfoCache,
  userName,
} from './proc-info';

describe('proc parsers', () => {
  it('reads start time (field 22) even when comm has spaces and parentheses', () => {
    const tail = 'S 1 1 1 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 123456 1000 10 18446744073709551615';
    expect(parseStatStartTicks(`42 (node) ${tail}`)).toBe(123456);
    expect(parseStatStartTicks(`42 (my (odd) name) ${tail}`)).toBe(123456);
    expect(parseStatStartTicks('42 (node) S 1 2')).toBeNull();
    expect(parseStatStartTicks('garbage')).toBeNull();
  });

  it('reads the effective uid from status', () => {
    expect(parseStatusUid('Name:\tnode\nUid:\t1000\t1001\t1000\t1000\nGid:\t0\t0\t0\t0\n')).toBe(1001);
    expect(parseStatusUid('Name:\tx\n')).toBeNull();
  });

  it('reads btime', () => {
    expect(parseBootTime('cpu 1 2 3\nbtime 1700000000\nprocesses 5\n')).toBe(1700000000);
    expect(parseBootTime('cpu 1\n')).toBeNull();
  });

  it('parses passwd, first entry wins, comments and junk skipped', () => {
    const users = parsePasswd(
      'root:x:0:0:root:/root:/bin/bash\n#x:x:5:5\nalice:x:1000:1000::/home/a:/bin/sh\ntoor:x:0:0::/:/bin/sh\nbad\n',
    );
    expect([...users]).toEqual([
      [0, 'root'],
      [1000, 'alice'],
    ]);
  });

  it('joins the NUL-separated command line', () => {
    expect(parseCmdline(['node', 'server.js', '--port', '8080', ''].join('\u0000'))).toBe('node server.js --port 8080');
    expect(parseCmdline('')).toBeNull();
  });
});

describe('ProcInfoCache on this process', () => {
  it('describes process.pid as /proc says, with a plausible start time', () => {
    const cache = new ProcInfoCache();
    const info = cache.get(process.pid);
    expect(info).not.toBeNull();
    expect(info?.name).toBe(readFileSync('/proc/self/comm', 'utf8').trim());
    expect(info?.exe).toBe(process.execPath);
    expect(info?.cmdline).toContain(process.argv0.split('/').pop() ?? 'node');
    expect(info?.uid).toBe(process.geteuid?.());
    expect(info?.user).toBe(userName(process.geteuid?.() ?? -1));
    const uptimeMs = process.uptime() * 1000;
    // Started within the last minute's worth of this process's uptime (tick granularity 10 ms, plus slack).
    expect(Math.abs((info?.startTime ?? 0) - (Date.now() - uptimeMs))).toBeLessThan(2000);
    expect(cache.get(process.pid)).toBe(info); // cached: same object
  });

  it('returns null for a pid that does not exist', () => {
    expect(new ProcInfoCache().get(2 ** 30)).toBeNull();
  });

  it('falls back to the numeric uid for users without a passwd entry', () => {
    expect(userName(0)).toBe('root');
    expect(userName(4_000_000_001)).toBe('4000000001');
  });
});
