// `serve`'s first table waits for the collector process: the launcher forks it at once, while the CLI bundle
// loads and core starts (some 150 ms), and core's collector host takes it instead of forking its own
// (electron/core/collector/early-collector.ts reads what this leaves under the same key).
const fs = require('node:fs');
const { fork } = require('node:child_process');

/** Where a collector forked early waits for core (a process-wide key both module graphs share). */
const KEY = Symbol.for('netinspect.earlyCollector');

/**
 * Forks the collector process at `modulePath` as core's host forks it, keeping what it says until core takes it.
 * Until then neither the child nor its channel keeps this process alive: a command that fails before core starts
 * exits as it would have, and the collector exits with it (its channel closes).
 */
function startEarlyCollector(modulePath) {
  if (!fs.existsSync(modulePath)) return;
  const child = fork(modulePath, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const buffered = [];
  const keep = (m) => buffered.push(m);
  child.on('message', keep);
  // A fork that failed is simply not taken; core forks its own.
  child.on('error', () => undefined);
  child.unref();
  child.channel?.unref();
  globalThis[KEY] = { modulePath, child, buffered, keep };
}

module.exports = { startEarlyCollector, KEY };
