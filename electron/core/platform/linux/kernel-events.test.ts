// Every reason a kernel source can be off has a translated message and, where one exists, the action that helps.
import { describe, expect, it } from 'vitest';
import { lookup } from '../../../../shared/i18n/translate';
import { closedOff, traceOff } from './kernel-events';
import { MOUNT_COMMAND } from './tracefs';

describe('kernel source reasons', () => {
  const all = [
    closedOff({ code: 'NO_SOCK_DIAG', errno: 'EPROTONOSUPPORT' }),
    closedOff({ code: 'GROUPS_REFUSED', errno: 'EPERM' }),
    closedOff({ code: 'NO_DESTROY_GROUPS' }),
    closedOff({ code: 'THREAD_FAILED', errno: 'boom' }),
    traceOff({ code: 'NOT_ROOT' }),
    traceOff({ code: 'TRACEFS_NOT_MOUNTED', mountCommand: MOUNT_COMMAND }),
    traceOff({ code: 'EVENT_MISSING' }),
    traceOff({ code: 'INSTANCE_REFUSED', errno: 'EROFS' }),
    traceOff({ code: 'THREAD_FAILED', errno: 'boom' }),
  ];

  it('are keys of both dictionaries, with their parameters filled into the English text', () => {
    for (const off of all) {
      for (const t of [off.reason, off.action]) {
        if (!t) continue;
        expect(lookup('en', t.key), t.key).toBeDefined();
        expect(lookup('zh-CN', t.key), t.key).toBeDefined();
        expect(t.message).not.toMatch(/\{\{/);
      }
    }
  });

  it('tell how to turn tracing on: elevate when not root, the mount command when tracefs is missing', () => {
    expect(traceOff({ code: 'NOT_ROOT' }).action?.message).toContain('Show all owners (administrator)');
    const mount = traceOff({ code: 'TRACEFS_NOT_MOUNTED', mountCommand: MOUNT_COMMAND });
    expect(mount.action?.message).toContain('mount -t tracefs nodev /sys/kernel/tracing');
    expect(closedOff({ code: 'GROUPS_REFUSED', errno: 'EPERM' }).reason.message).toContain('EPERM');
    // A failed thread has no user action that would help.
    expect(closedOff({ code: 'THREAD_FAILED', errno: 'x' }).action).toBeNull();
  });
});
