// The report document and its renderers: counts, escaping, self-containment, CSV quoting.
import { describe, expect, it } from 'vitest';
import { sock } from '../../test-support/sockets';
import { buildReport, countStates, type ReportInput } from './build-report';
import { renderReport } from './render-report';

const EVIL = '<script>alert(1)</script>"&\'';

function input(over: Partial<ReportInput> = {}): ReportInput {
  const sockets = [
    sock({ localPort: 8080, remotePort: 0, state: 'LISTEN', pid: 10, process: EVIL }),
    sock({ localPort: 8080, remotePort: 50000, state: 'ESTABLISHED', pid: 10, process: EVIL }),
    sock({ localPort: 8080, remotePort: 50001, state: 'TIME_WAIT', pid: null, process: null }),
  ];
  return {
    now: 1_700_000_000_000,
    version: '0.1.0',
    language: 'en',
    host: { hostname: 'h<1>', platform: 'linux', release: '6', arch: 'x64' },
    privileges: { elevated: false, ownerVisibility: 'all', hiddenOwners: 0 },
    sockets,
    totalSockets: sockets.length,
    processes: [],
    takenAt: 1_700_000_000_000,
    filter: null,
    series: null,
    transitions: null,
    diagnosis: {
      takenAt: 0,
      findings: [],
      kernel: [],
      ephemeralRange: { low: 32768, high: 60999, excluded: 0, source: 'default' },
      kernelReadable: false,
    },
    interfaces: [],
    services: new Map([['8080/tcp', 'http-alt']]),
    ...over,
  };
}

describe('report', () => {
  it('counts sockets per protocol and state in state order', () => {
    expect(countStates(input().sockets)).toEqual([
      { proto: 'tcp', state: 'LISTEN', count: 1 },
      { proto: 'tcp', state: 'ESTABLISHED', count: 1 },
      { proto: 'tcp', state: 'TIME_WAIT', count: 1 },
    ]);
  });

  it('summarises ok with no findings and names services', () => {
    const r = buildReport(input());
    expect(r.summary.status).toBe('ok');
    expect(r.snapshot.sockets[0].service).toBe('http-alt');
    expect(r.topProcesses[0]).toMatchObject({ pid: 10, sockets: 2, listening: [8080] });
  });

  it('HTML escapes every value and fetches nothing: no script, no external URL', () => {
    const html = renderReport(buildReport(input()), 'html', 'en').content;
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;');
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?https?:/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain('<svg');
    expect((html.match(/<tr>/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it('CSV quotes fields with quotes and commas; JSON round-trips', () => {
    const r = buildReport(input());
    const csv = renderReport(r, 'csv', 'en').content;
    expect(csv.split('\r\n')[0]).toMatch(/^proto,family,localAddress/);
    expect(csv).toContain('"<script>alert(1)</script>""&\'"');
    expect(JSON.parse(renderReport(r, 'json', 'en').content)).toEqual(JSON.parse(JSON.stringify(r)));
    expect(renderReport(r, 'json', 'en').fileName).toMatch(/^netinspect-h_1_-\d{4}-\d{2}-\d{2}T\d{6}Z\.json$/);
  });

  it('text reports in Chinese when asked', () => {
    expect(renderReport(buildReport(input({ language: 'zh-CN' })), 'text', 'zh-CN').content).toContain('网络报告');
  });
});
