// Every key the diagnosis rules, the kernel explainer and the alerts emit exists in both dictionaries.
import { describe, expect, it } from 'vitest';
import { ALERT_KINDS } from '../model/alerts';
import { KERNEL_SETTINGS } from '../logic/diagnosis/kernel-explainer';
import { runDiagnosis } from '../logic/diagnosis/run-diagnosis';
import { input, NOW } from '../logic/diagnosis/test-input';
import { sock } from '../test-support/sockets';
import { lookup } from './translate';

const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('analytics keys', () => {
  const sockets = [
    sock({ localPort: 8080, remotePort: 0, state: 'LISTEN', recvQueue: 600, sendQueue: 511 }),
    ...many(60, (i) => sock({ localPort: 40000 + i, remotePort: 9000, state: 'TIME_WAIT' })),
    ...many(60, (i) => sock({ localPort: 8080, remotePort: 50000 + i, state: 'TIME_WAIT' })),
    ...many(3, (i) => sock({ localPort: 8080, remotePort: 51000 + i, state: 'CLOSE_WAIT', stateSince: NOW - 1000 })),
    ...many(120, (i) => sock({ localPort: 443, remotePort: 1000 + i, state: 'SYN_RECEIVED' })),
    sock({ metrics: { rttMs: 1, retransmits: 500, bytesSent: 0, bytesReceived: 0 } }),
  ];
  const findings = runDiagnosis(input(sockets, { maxTimeWaitBuckets: 100 }));
  const keys = new Set<string>([
    ...findings.flatMap((f) => [f.titleKey, f.recommendationKey, ...f.evidence.map((e) => e.key)]),
    'diagnosis.timeWait.hostTitle',
    'diagnosis.timeWait.hostRecommendation',
    ...KERNEL_SETTINGS.map((k) => `kernel.${k.key}`),
    'kernel.tcpTwRecycleRemoved',
    ...ALERT_KINDS.map((k) => `alerts.${k}`),
    'alerts.cleared.default',
    'alerts.cleared.port-up',
  ]);

  it('fires every rule in the fixture', () => {
    expect(new Set(findings.map((f) => f.rule)).size).toBe(6);
  });

  it('resolves every key in en and zh-CN', () => {
    for (const key of keys) {
      expect(lookup('en', key), key).toBeTypeOf('string');
      expect(lookup('zh-CN', key), key).toBeTypeOf('string');
    }
  });
});
