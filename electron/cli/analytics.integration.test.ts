// The CLI's stats, diagnose and watch: JSON shapes, one translated line on bad input, alerts streamed until SIGINT.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, listen, portOf, runCli, waitFor } from '../test-support/net-fixtures';

describe('netinspect stats / diagnose / watch', () => {
  it('prints stats and diagnosis as JSON after a short sampling window', async () => {
    const stats = await runCli(['stats', '--json', '--ticks', '2', '--interval', '250ms', '--window', '60s']);
    expect(stats.code).toBe(0);
    const s = JSON.parse(stats.stdout) as { schema: string; series: { observedAt: string; points: unknown[] } };
    expect(s.schema).toBe('netinspect.stats/1');
    expect(s.series.observedAt).toBe('tick');
    expect(s.series.points.length).toBeGreaterThan(0);
    const diag = await runCli(['diagnose', '--json', '--ticks', '2', '--interval', '250ms']);
    expect(diag.code).toBe(0);
    const d = JSON.parse(diag.stdout) as { schema: string; kernel: { name: string; present: boolean }[] };
    expect(d.schema).toBe('netinspect.diagnosis/1');
    expect(d.kernel.map((k) => k.name)).toContain('net.ipv4.tcp_tw_recycle');
  });

  it('refuses bad input with exit 2 and one translated line', async () => {
    const bad = await runCli(['watch', '8080', '--close-wait-age', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('close-wait-age');
    const zh = await runCli(['stats', '--window', '5m'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('时间窗');
  });

  it('streams an alert when a watched listener stops and exits 0 on SIGINT', async () => {
    const server = await listen();
    const port = portOf(server);
    const child = spawn(process.execPath, [CLI, 'watch', String(port), '--interval', '250ms']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => setTimeout(r, 700));
    // Nothing about our port while it listens (other sockets on the machine may raise their own alerts: an old
    // CLOSE_WAIT leak is now known by its kernel age on first sight).
    expect(out).not.toContain(`port ${port}`);
    server.close();
    await waitFor(() => (/ALERT \[critical\] Nothing listens on watched port/.test(out) ? true : undefined));
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
  });
});
