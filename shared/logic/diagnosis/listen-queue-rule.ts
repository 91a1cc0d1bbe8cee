// Listen-queue overflow risk: a LISTEN socket whose accept queue (Recv-Q) nears its backlog (Send-Q).
import type { Finding } from '../../model/finding';
import { formatEndpoint } from '../endpoint';
import { ev, grade, type DiagnosisInput } from './rule-input';

/** Share of the backlog at which a queue is worth a warning. */
export const LISTEN_QUEUE_WARN = 0.8;

/**
 * On Linux a listener's Recv-Q is the number of connections waiting for accept() and Send-Q its backlog
 * (min(backlog, somaxconn)). A full queue makes the kernel drop SYNs/ACKs: clients see slow or failed connects.
 * Warning at 80 % of the backlog, critical when full; quiet otherwise and where the OS gives no queues.
 */
export function listenQueueRule(input: DiagnosisInput): Finding[] {
  const findings: Finding[] = [];
  for (const s of input.sockets) {
    if (s.proto !== 'tcp' || s.state !== 'LISTEN' || !s.sendQueue || s.recvQueue === null) continue;
    const ratio = s.recvQueue / s.sendQueue;
    const severity = grade(ratio, LISTEN_QUEUE_WARN, 1);
    if (severity === 'ok') continue;
    const params = {
      endpoint: formatEndpoint(s.localAddress, s.localPort),
      pid: s.pid ?? '?',
      process: s.process ?? '?',
      queued: s.recvQueue,
      backlog: s.sendQueue,
    };
    findings.push({
      id: `listen-queue:${s.key}`,
      rule: 'listen-queue',
      severity,
      titleKey: 'diagnosis.listenQueue.title',
      titleParams: params,
      evidence: [ev('backlog', { queued: s.recvQueue, backlog: s.sendQueue })],
      recommendationKey: 'diagnosis.listenQueue.recommendation',
      socketKeys: [s.key],
    });
  }
  return findings;
}
