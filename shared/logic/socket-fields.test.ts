import { describe, expect, it } from 'vitest';
import { ENDPOINT_FIELDS, pickFields, SOCKET_TABLE_FIELDS } from './socket-fields';

describe('pickFields', () => {
  it('copies only the named fields, keyed in the order of the list', () => {
    const from = { state: 'LISTEN', remotePort: 0, proto: 'tcp', extra: true, family: 4 };
    const picked = pickFields(from, ['proto', 'family', 'remotePort'] as const);
    expect(picked).toEqual({ proto: 'tcp', family: 4, remotePort: 0 });
    expect(JSON.stringify(picked)).toBe('{"proto":"tcp","family":4,"remotePort":0}');
  });
});

describe('SOCKET_TABLE_FIELDS', () => {
  it('starts with the endpoints, then the state and the owner', () => {
    expect(SOCKET_TABLE_FIELDS).toEqual([...ENDPOINT_FIELDS, 'state', 'pid', 'process', 'user']);
    expect(ENDPOINT_FIELDS).toEqual(['proto', 'family', 'localAddress', 'localPort', 'remoteAddress', 'remotePort']);
  });
});
