// The real helper under idle connections: only authenticated sessions count against its limit, idle ones go soon.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawConnection, startSuiteHelper, until, type SuiteHelper } from '../../test-support/helper-fixtures';
import { AUTH_TIMEOUT_MS, MAX_SESSIONS } from './helper-protocol';

let helper: SuiteHelper;
const opened: RawConnection[] = [];

beforeAll(async () => {
  helper = await startSuiteHelper('netinspect-helper-sessions-');
});

afterAll(() => {
  for (const c of opened) c.socket.destroy();
  helper?.stop();
});

const errorOf = (m: unknown): { code?: string } => ((m as { error?: unknown })?.error ?? {}) as { code?: string };

describe('privileged helper sessions', () => {
  it('serves the app at once while 8 idle unauthenticated connections of its uid are open', async () => {
    for (let i = 0; i < 8; i++) opened.push(await RawConnection.open(helper.session.endpoint));
    const app = await RawConnection.open(helper.session.endpoint);
    opened.push(app);
    app.write({ token: helper.session.token });
    expect(await app.next()).toMatchObject({ ready: true, pid: helper.child.pid });
    expect(await app.call(1, 'ping')).toMatchObject({ ok: true, value: { pong: true } });
  });

  it('drops an unauthenticated connection after a short handshake deadline', async () => {
    expect(AUTH_TIMEOUT_MS).toBeLessThanOrEqual(2_000);
    const idle = await RawConnection.open(helper.session.endpoint);
    opened.push(idle);
    await until(() => idle.closed, AUTH_TIMEOUT_MS + 3_000, 'the idle connection to be dropped');
    expect(errorOf(idle.messages[0]).code).toBe('UNAUTHORIZED');
    expect(helper.log()).toMatch(new RegExp(`refused: no token within ${AUTH_TIMEOUT_MS} ms`));
  });

  it(`refuses an authenticated session beyond ${MAX_SESSIONS}, and takes one again when a session ends`, async () => {
    // The pinger and the app connection of the first test are sessions already.
    const sessions: RawConnection[] = [];
    while (sessions.length < MAX_SESSIONS - 2) {
      sessions.push(await RawConnection.authed(helper.session.endpoint, helper.session.token));
    }
    opened.push(...sessions);
    const extra = await RawConnection.open(helper.session.endpoint);
    extra.write({ token: helper.session.token });
    expect(errorOf(await extra.next()).code).toBe('REFUSED');
    await extra.waitClosed();
    expect(helper.log()).toMatch(new RegExp(`refused: already ${MAX_SESSIONS} sessions`));
    sessions[0].socket.destroy();
    await until(() => sessions[0].closed);
    // The helper frees the slot when it sees the close, a moment after this side did: retry rather than race it.
    let answer: unknown;
    for (let attempt = 0; attempt < 20; attempt++) {
      const again = await RawConnection.open(helper.session.endpoint);
      opened.push(again);
      again.write({ token: helper.session.token });
      answer = await again.next();
      if ((answer as { ready?: unknown })?.ready === true) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(answer).toMatchObject({ ready: true });
  });
});
