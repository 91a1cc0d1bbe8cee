// Against a real Prometheus: it scrapes the exporter (TLS + bearer token), sees a 23-socket CLOSE_WAIT leak by
// process name and a stalled listener's queue, loads the rules (the CLOSE_WAIT alert fires), and answers every
// query of the Grafana dashboard; promtool accepts a scrape and the rules file.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, connect, listen, portOf, waitFor } from '../../test-support/net-fixtures';
import type { MetricsConfigOptions } from './server-config';
import { exporterArgs } from './test-support/exporter-args';
import { request } from './test-support/http-get';
import { prometheusBinary, promtoolBinary, startPrometheus, type Prometheus } from './test-support/prometheus';
import { LEAKY_SERVER, STALLED_LISTENER, startScenario, stopScenarios } from './test-support/scenario-children';
import { makeTlsFiles, type TlsFiles } from './test-support/tls-files';

const RULES_FILE = path.join(ROOT, 'docs', 'prometheus', 'netinspect-rules.yml');
const DASHBOARD_FILE = path.join(ROOT, 'docs', 'grafana', 'netinspect.json');
const LEAKED = 23;
const BACKLOG = 8;
const QUEUED = 3;
const TOKEN = 'prometheus-test-token';

const prometheus = prometheusBinary();
const promtool = promtoolBinary();
if (!prometheus || !promtool) {
  console.log('skipping the Prometheus tests: prometheus/promtool not installed (apt-get install -y prometheus)');
}

let dir: string;
let tls: TlsFiles;
let exporter: ChildProcess;
let scrapeUrl: string;
let instance: string;
let prom: Prometheus;
let leakyPort: number;
let stalledPort: number;
const sockets: net.Socket[] = [];
const listeners: net.Server[] = [];

/** How many sockets `ss -tanH <filter>` lists: the reference the exporter's numbers must equal. */
const ss = (filter: string): string[] =>
  execFileSync('sh', ['-c', `ss -tanH ${filter}`], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim() !== '');

async function startExporter(options: MetricsConfigOptions): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env, NETINSPECT_CONFIG_DIR: path.join(dir, 'config') };
  const child = spawn(process.execPath, [CLI, ...exporterArgs(options)], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve(buf.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`exporter exited ${code}`)));
  });
  return { child, url };
}

/** The single value of an instant query, or undefined when it has no series. */
async function one(expr: string): Promise<number | undefined> {
  const r = await prom.query(expr);
  if (r.length > 1) throw new Error(`${expr}: ${r.length} series`);
  return r[0] ? Number(r[0].value[1]) : undefined;
}

describe.skipIf(!prometheus || !promtool)('a real Prometheus scraping netinspect', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-prometheus-'));
    tls = makeTlsFiles(dir);
    const tokenFile = path.join(dir, 'token');
    fs.writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });

    // 23 connections whose peer (this test) closes while the server keeps them: CLOSE_WAIT in "ni-cw-leak".
    const leaky = await startScenario<{ port: number }>('ni-cw-leak', LEAKY_SERVER);
    leakyPort = leaky.ready.port;
    for (let i = 0; i < LEAKED; i++) {
      const c = await connect(leakyPort);
      c.write('hello');
      c.end();
      sockets.push(c);
    }
    // A listener that never accepts, with 3 connections waiting in its 8-slot queue.
    const stalled = await startScenario<{ port: number }>('ni-backlog', STALLED_LISTENER(BACKLOG));
    stalledPort = stalled.ready.port;
    for (let i = 0; i < QUEUED; i++) sockets.push(await connect(stalledPort));

    const started = await startExporter({
      listen: '127.0.0.1:0',
      tokenFile,
      tlsCertFile: tls.cert,
      tlsKeyFile: tls.key,
      topN: 10,
    });
    exporter = started.child;
    scrapeUrl = started.url;
    instance = new URL(scrapeUrl).host;

    // Churn after the exporter started: connections this side closes first (TIME_WAIT here, transitions seen).
    const server = await listen();
    listeners.push(server);
    for (let i = 0; i < 5; i++) {
      const c = await connect(portOf(server));
      await new Promise<void>((r) => setTimeout(r, 300));
      c.end();
      sockets.push(c);
    }

    // `for:` shortened so the alert fires within the test; everything else is the shipped file.
    const rules = fs.readFileSync(RULES_FILE, 'utf8').replace(/for: \w+/g, 'for: 1s');
    fs.writeFileSync(path.join(dir, 'rules.yml'), rules);
    prom = await startPrometheus(
      prometheus ?? 'prometheus',
      dir,
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'rule_files: [rules.yml]',
        'scrape_configs:',
        '  - job_name: netinspect',
        '    scheme: https',
        `    tls_config: { ca_file: ${JSON.stringify(tls.cert)} }`,
        `    authorization: { type: Bearer, credentials_file: ${JSON.stringify(tokenFile)} }`,
        `    static_configs: [{ targets: [${JSON.stringify(instance)}] }]`,
        '',
      ].join('\n'),
    );
    // A few scrapes in, so rate() windows hold more than one sample.
    await waitFor(
      async () => ((await one(`count_over_time(up{job="netinspect"}[1m])`)) ?? 0) >= 5 || undefined,
      20_000,
    );
    const targets = (await prom.get('/api/v1/targets')) as { activeTargets: { health: string; lastError: string }[] };
    expect(targets.activeTargets.map((t) => [t.health, t.lastError])).toEqual([['up', '']]);
  }, 90_000);

  afterAll(async () => {
    await prom?.stop();
    exporter?.kill('SIGTERM');
    for (const s of sockets) s.destroy();
    for (const l of listeners) l.close();
    stopScenarios();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the 23 CLOSE_WAIT sockets of the leaking server, by its process name, as ss counts them', async () => {
    const value = await waitFor(async () => {
      const v = await one(`netinspect_close_wait_sockets{process="ni-cw-leak"}`);
      return v === LEAKED ? v : undefined;
    });
    expect(value).toBe(LEAKED);
    expect(ss(`state close-wait sport = :${leakyPort}`)).toHaveLength(LEAKED);
    // Its age comes from the kernel clock (the time since the peer's FIN was ACKed), not from when netinspect looked.
    const age = await one(`netinspect_close_wait_oldest_age_seconds{process="ni-cw-leak", source="kernel"}`);
    expect(age).toBeGreaterThan(0);
  });

  it('shows the stalled listener in the listen-queue metrics, as ss reports its queue', async () => {
    const at = `instance="${instance}", address="127.0.0.1", port="${stalledPort}"`;
    expect(await one(`netinspect_listen_queue_length{${at}}`)).toBe(QUEUED);
    expect(await one(`netinspect_listen_queue_backlog{${at}}`)).toBe(BACKLOG);
    expect(await one(`netinspect_listen_queue_fill_ratio{${at}}`)).toBe(QUEUED / BACKLOG);
    const [line] = ss(`state listening sport = :${stalledPort}`);
    expect(line?.trim().split(/\s+/).slice(0, 2)).toEqual([String(QUEUED), String(BACKLOG)]);
  });

  it('passes promtool check metrics on a scrape', async () => {
    const scrape = await request(scrapeUrl, { token: TOKEN, ca: fs.readFileSync(tls.cert) });
    expect(scrape.status).toBe(200);
    const r = spawnSync(promtool ?? 'promtool', ['check', 'metrics'], { input: scrape.body, encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  });

  it('passes promtool check rules, and Prometheus loads every rule of the file healthy', async () => {
    const r = spawnSync(promtool ?? 'promtool', ['check', 'rules', RULES_FILE], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const names = [...fs.readFileSync(RULES_FILE, 'utf8').matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    expect(r.stdout).toContain(`SUCCESS: ${names.length} rules found`);
    const data = (await prom.get('/api/v1/rules')) as { groups: { rules: { name: string; health: string }[] }[] };
    const loaded = data.groups.flatMap((g) => g.rules);
    expect(loaded.map((x) => x.name)).toEqual(names);
    expect(loaded.filter((x) => x.health !== 'ok')).toEqual([]);
  });

  it('answers every query of the Grafana dashboard with data, and its host variable lists this exporter', async () => {
    const dash = JSON.parse(fs.readFileSync(DASHBOARD_FILE, 'utf8')) as {
      templating: { list: { name: string; definition?: string }[] };
      panels: { title: string; datasource: { uid: string }; targets: { expr: string }[] }[];
    };
    expect(dash.templating.list.map((v) => v.name)).toEqual(['datasource', 'host']);
    expect(dash.templating.list[1]?.definition).toBe('label_values(netinspect_build_info, instance)');
    const hosts = (await prom.get(
      `/api/v1/label/instance/values?match[]=${encodeURIComponent('netinspect_build_info')}`,
    )) as string[];
    expect(hosts).toEqual([instance]);
    const empty: string[] = [];
    for (const panel of dash.panels) {
      expect(panel.datasource.uid, panel.title).toBe('${datasource}');
      for (const t of panel.targets) {
        const expr = t.expr.replaceAll('$host', instance).replaceAll('$__rate_interval', '10s');
        const result = await prom.query(expr);
        if (result.length === 0) empty.push(`${panel.title}: ${expr}`);
      }
    }
    expect(empty).toEqual([]);
  });

  it('fires the CLOSE_WAIT alert for the leaking process once its oldest socket is a minute old', async () => {
    const firing = await waitFor(async () => {
      const r = await prom.query(`ALERTS{alertname="NetinspectCloseWaitStuck", alertstate="firing"}`);
      return r.find((a) => a.metric.process === 'ni-cw-leak');
    }, 110_000);
    expect(firing.metric).toMatchObject({ severity: 'warning', instance, job: 'netinspect' });
    // Only the leaking server's sockets are that old: nothing else on the host may be blamed.
    expect(await one(`netinspect_close_wait_sockets{process="ni-cw-leak"}`)).toBe(LEAKED);
  }, 120_000);
});
