// A core that records its real in-process collector to a file, refreshing every 250 ms so a test sees ticks soon.
import { createCore, type Core } from '../../app-core';

const started: Core[] = [];

/** A CLI-host core without settings on disk, recording to `file`; disposed by `disposeRecordingCores`. */
export function recordingCore(file: string): Core {
  const core = createCore({
    configDir: null,
    host: 'cli',
    collector: 'in-process',
    settings: { refreshIntervalMs: 250 },
    timeline: { record: file },
  });
  started.push(core);
  return core;
}

/** Disposes every core `recordingCore` started. */
export function disposeRecordingCores(): void {
  for (const core of started.splice(0)) core.dispose();
}
