// Where the built parts live: found from the package root, since this module may sit in a shared chunk.
import fs from 'node:fs';
import path from 'node:path';

/** The folder holding netinspect's package.json (the checkout, or the app inside an Electron package). */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..', '..');
  }
}

/** Root of the build output (out/). */
export const OUT_DIR = path.join(packageRoot(__dirname), 'out');
/** The collector process entry. */
export const COLLECTOR_WORKER = path.join(OUT_DIR, 'node', 'collector-worker.cjs');
/** The privileged helper's entry, started elevated (beside the collector, which it forks when asked). */
export const HELPER_SCRIPT = path.join(OUT_DIR, 'node', 'helper.cjs');
/** The built renderer. */
export const RENDERER_DIR = path.join(OUT_DIR, 'renderer');
/** The built preload. */
export const PRELOAD_FILE = path.join(OUT_DIR, 'preload', 'preload.cjs');
