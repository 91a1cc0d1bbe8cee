// Test support for the store's unit tests: the `../api` module with a bridge whose invoke the test controls (the
// boundary to core, which a unit test of a slice has no process for). Used only from *.test.ts files.

/** A stand-in for renderer/src/api.ts: every call goes to `invoke`; events never arrive. */
export function apiMock(invoke: (...args: unknown[]) => unknown, kind: 'electron' | 'browser' = 'electron') {
  return {
    host: {
      kind,
      bridge: { invoke: (...a: unknown[]) => invoke(...a), on: () => () => undefined },
      onConnection: () => () => undefined,
    },
    linkSocketTable: () => undefined,
    flushSocketDeltas: () => undefined,
  };
}
