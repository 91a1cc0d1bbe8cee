// Refresh interval, pause / resume, resolving addresses, language and theme; every change persists through
// settings:set.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, THEMES, type Settings } from '../../../../shared/model/settings';
import { useStore } from '../../store/index';
import { ResolveToggle } from './ResolveToggle';
import { RecordingBadge } from '../timeline/index';

/** Refresh choices (ms), within MIN_REFRESH_MS..MAX_REFRESH_MS. */
const REFRESH_CHOICES = [250, 500, 1000, 2000, 5000, 10_000] as const;

const LANGUAGE_LABELS: Record<Settings['language'], string> = {
  system: 'settings.languageSystem',
  en: 'settings.languageEn',
  'zh-CN': 'settings.languageZh',
};
const THEME_LABELS: Record<Settings['theme'], string> = {
  system: 'settings.themeSystem',
  light: 'settings.themeLight',
  dark: 'settings.themeDark',
};

function Select<T extends string>(props: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly disabled: boolean;
  readonly onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <span className="setting">
      <label htmlFor={id} className="field-label">
        {props.label}
      </label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(props.options.find((o) => o.value === e.target.value)?.value ?? props.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}

function PauseButton() {
  const { t } = useTranslation();
  const paused = useStore((s) => s.status?.paused ?? false);
  const known = useStore((s) => s.status !== null);
  const setPaused = useStore((s) => s.setPaused);
  return (
    <button type="button" className="pause" disabled={!known} onClick={() => void setPaused(!paused)}>
      {paused ? `▶ ${t('settings.resume')}` : `❚❚ ${t('settings.pause')}`}
    </button>
  );
}

/** The settings cluster at the right of the toolbar. */
export function SettingsBar() {
  const { t } = useTranslation();
  const settings = useStore((s) => s.settings);
  const update = useStore((s) => s.updateSettings);
  const refresh = settings?.refreshIntervalMs ?? 1000;
  // A value set elsewhere (CLI, config file) that is not a preset still shows as itself.
  const refreshChoices = REFRESH_CHOICES.includes(refresh as (typeof REFRESH_CHOICES)[number])
    ? REFRESH_CHOICES
    : [...REFRESH_CHOICES, refresh].sort((a, b) => a - b);
  return (
    <div className="settings-bar" role="group" aria-label={t('settings.label')}>
      <Select
        label={t('settings.refresh')}
        value={String(refresh)}
        disabled={!settings}
        options={refreshChoices.map((ms) => ({
          value: String(ms),
          label: t('settings.seconds', { value: ms / 1000 }),
        }))}
        onChange={(v) => void update({ refreshIntervalMs: Number(v) })}
      />
      <PauseButton />
      <ResolveToggle />
      <RecordingBadge />
      <Select
        label={t('settings.language')}
        value={settings?.language ?? 'system'}
        disabled={!settings}
        options={LANGUAGES.map((l) => ({ value: l, label: t(LANGUAGE_LABELS[l]) }))}
        onChange={(language) => void update({ language })}
      />
      <Select
        label={t('settings.theme')}
        value={settings?.theme ?? 'system'}
        disabled={!settings}
        options={THEMES.map((th) => ({ value: th, label: t(THEME_LABELS[th]) }))}
        onChange={(theme) => void update({ theme })}
      />
    </div>
  );
}
