// Vite options for one CommonJS bundle that Node 20 loads: the app's Node side, the benchmarks' entries and the
// Wine checks' bundles are all built this way (SSR, not minified, so stack traces read as the source does).

/**
 * Options for `vite.build`: `input` entries into `outDir` as `[name].cjs`, with `external` left to node_modules.
 * `output` adds to (or overrides) the Rollup output options.
 */
export function nodeBundle({ root, outDir, input, external, sourcemap = false, output = {} }) {
  return {
    logLevel: 'warn',
    configFile: false,
    root,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap,
      rollupOptions: { input, external, output: { format: 'cjs', entryFileNames: '[name].cjs', ...output } },
    },
  };
}
