// The settings feature's public surface: the toolbar's settings controls.
export { SettingsBar } from './SettingsBar';
