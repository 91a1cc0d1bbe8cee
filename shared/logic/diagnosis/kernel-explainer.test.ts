// The kernel explainer: values as read, tcp_tw_recycle's removal, and the port range parser.
import { describe, expect, it } from 'vitest';
import { explainKernel, parseLocalPortRange } from './kernel-explainer';

describe('explainKernel', () => {
  it('reports values and says tcp_tw_recycle was removed when absent', () => {
    const values: Record<string, string> = {
      'net.ipv4.tcp_tw_reuse': '2\n',
      'net.ipv4.ip_local_port_range': '32768\t60999\n',
    };
    const k = explainKernel((n) => values[n] ?? null);
    expect(k.find((s) => s.name === 'net.ipv4.tcp_tw_reuse')).toMatchObject({ value: '2', present: true });
    expect(k.find((s) => s.name === 'net.ipv4.ip_local_port_range')?.value).toBe('32768 60999');
    expect(k.find((s) => s.name === 'net.ipv4.tcp_tw_recycle')).toMatchObject({
      present: false,
      explanationKey: 'kernel.tcpTwRecycleRemoved',
    });
  });

  it('explains tcp_tw_recycle itself on an old kernel that still has it', () => {
    const k = explainKernel((n) => (n === 'net.ipv4.tcp_tw_recycle' ? '0' : null));
    expect(k.find((s) => s.name === 'net.ipv4.tcp_tw_recycle')?.explanationKey).toBe('kernel.tcpTwRecycle');
  });
});

describe('parseLocalPortRange', () => {
  it('parses the kernel format and refuses nonsense', () => {
    expect(parseLocalPortRange('32768\t60999\n')).toMatchObject({ low: 32768, high: 60999 });
    expect(parseLocalPortRange('60999 32768')).toBeNull();
    expect(parseLocalPortRange(null)).toBeNull();
  });
});
