// Display names of chart keys (states, UDP series, transitions), translated where they are not protocol names.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { GONE_STATE, NEW_STATE } from '../../../../shared/model/history';
import { OTHER_KEY } from './chart-data';

/** Names for state keys (`udp:UNCONN` -> "UDP UNCONN") and transition keys (`NEW>ESTABLISHED` -> "new → ESTABLISHED"). */
export function useChartLabels(): {
  readonly stateLabel: (key: string) => string;
  readonly transitionLabel: (key: string) => string;
} {
  const { t } = useTranslation();
  const stateLabel = useCallback(
    (key: string) => (key.startsWith('udp:') ? t('charts.udpSeries', { state: key.slice(4) }) : key),
    [t],
  );
  const end = useCallback(
    (s: string) => (s === NEW_STATE ? t('charts.newState') : s === GONE_STATE ? t('charts.goneState') : s),
    [t],
  );
  const transitionLabel = useCallback(
    (key: string) => {
      if (key === OTHER_KEY) return t('charts.otherTransitions');
      const [from = '', to = ''] = key.split('>');
      return `${end(from)} → ${end(to)}`;
    },
    [t, end],
  );
  return { stateLabel, transitionLabel };
}
