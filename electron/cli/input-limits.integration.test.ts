// Lenient inputs the CLI once took: each is bad input now (exit 2) with one translated line saying what is allowed.
import { describe, expect, it } from 'vitest';
import { MAX_FILTER_CHARS } from '../../shared/model/report';
import { MAX_WATCHED_PORTS } from '../../shared/model/alerts';
import { runCli } from '../test-support/net-fixtures';

const watch = (n: number) => ['watch', ...Array.from({ length: n }, (_, i) => String(20_000 + i))];

describe('bad input is refused before any work, with exit 2 and one line', () => {
  it.each([
    [['list', '--state', 'LISTEN,,'], /empty name between commas\. Give one or more of LISTEN, SYN_SENT/],
    [['who', ' 80'], /^netinspect: Invalid port " 80": give a whole number from 1 to 65535\.$/],
    [['adapters', 'remove', ''], /^netinspect: Give the adapter a name, e\.g\. tap0\.$/],
    [
      ['report', '--filter', 'state:bogus'],
      /Unknown state "bogus" in the filter term "state:bogus": use one of LISTEN/,
    ],
    [['report', '--filter', 'colour:red'], /Unknown filter key "colour" in "colour:red": use port: state: pid:/],
    [['report', '--filter', 'x'.repeat(MAX_FILTER_CHARS + 1)], /is 501 characters long: at most 500 are allowed/],
    [['stats', '--interval', '1ms'], /^netinspect: Invalid interval "1ms": give a time from 250ms to 10s\.$/],
    [
      ['stats', '--ticks', '1000000000'],
      /^netinspect: Invalid ticks "1000000000": give a whole number from 2 to 86400\.$/,
    ],
    [['report', '--ticks', '1000000000'], /Invalid ticks "1000000000": give a whole number from 1 to 86400/],
    [watch(99), new RegExp(`^netinspect: Too many watched ports: at most ${MAX_WATCHED_PORTS}\\.`)],
    [['watch', '8080', '--close-wait-age', '1ms'], /Invalid close-wait-age "1ms": give a duration from 1s to 1d/],
  ])('%j', async (args, message) => {
    // A command that took its input would sample or watch for long: killed, it fails on its exit code.
    const r = await runCli(args, { killAfterMs: 15_000 });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('says it in Chinese under LANG=zh_CN', async () => {
    const r = await runCli(['stats', '--interval', '1ms'], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('netinspect：interval "1ms" 无效：请给出 250ms 到 10s 之间的时间。');
  });
});
