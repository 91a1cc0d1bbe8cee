// Where the built parts live relative to the Node bundle (out/node/*.cjs).
import path from 'node:path';

/** Folder of the built Node bundles (out/node). */
export const NODE_OUT_DIR = __dirname;
/** The collector process entry. */
export const COLLECTOR_WORKER = path.join(NODE_OUT_DIR, 'collector-worker.cjs');
/** The built renderer (out/renderer). */
export const RENDERER_DIR = path.resolve(NODE_OUT_DIR, '..', 'renderer');
/** The built preload (out/preload). */
export const PRELOAD_FILE = path.resolve(NODE_OUT_DIR, '..', 'preload', 'preload.cjs');
