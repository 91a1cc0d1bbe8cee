// Stats, diagnosis and alert lines as the terminal gets them: a process name's control characters stay visible text.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/model/alerts';
import type { Diagnosis } from '../../shared/model/finding';
import { renderAlert, renderDiagnosis } from './analytics-render';

const NAME = '\x1b[2J\x1b]0;PWN\x07';
const SHOWN = '\\x1b[2J\\x1b]0;PWN\\x07';
// eslint-disable-next-line no-control-regex -- the test looks for raw control characters.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('analytics text', () => {
  it('an alert naming a hostile process is one line with its escapes shown', () => {
    const alert: Alert = {
      id: 'close-wait-count:pid:7',
      kind: 'close-wait-count',
      severity: 'warning',
      messageKey: 'alerts.close-wait-count',
      params: { process: NAME, pid: 7, count: 3, limit: 2 },
      raisedAt: 0,
      clearedAt: null,
      clearKey: null,
      clearParams: null,
    };
    for (const event of ['alert:raised', 'alert:cleared'] as const) {
      const line = renderAlert('en', event, alert);
      expect(line).toContain(`Process ${SHOWN} (pid 7)`);
      expect(line).not.toMatch(RAW_CONTROL);
      expect(line).not.toContain('\n');
    }
  });

  it('a diagnosis whose finding and evidence name a hostile process shows them escaped', () => {
    const d: Diagnosis = {
      takenAt: 0,
      findings: [
        {
          id: 'close-wait:7',
          rule: 'close-wait',
          severity: 'warning',
          titleKey: 'diagnosis.closeWait.title',
          titleParams: { process: NAME, pid: 7, count: 3, oldestS: 5 },
          evidence: [{ key: 'diagnosis.closeWait.title', params: { process: NAME, pid: 7, count: 3, oldestS: 5 } }],
          recommendationKey: 'diagnosis.closeWait.recommendation',
          socketKeys: [],
        },
      ],
      kernel: [],
      kernelReadable: false,
      ephemeralRange: { low: 32768, high: 60999, excluded: 0, source: 'default' },
    };
    const text = renderDiagnosis('en', d);
    expect(text).toContain(SHOWN);
    expect(text).not.toMatch(RAW_CONTROL);
  });
});
