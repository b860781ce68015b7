// How the server and the `koers` command are compiled (ADR 0024): shared by scripts/build-server.mjs
// and by the benchmarks that time a script as the compiled command would run it
// (bench/declarations/run.ts), so that both compile the same way.
/** @type {import('esbuild').BuildOptions} */
export const serverBuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Packages in node_modules stay imports.
  packages: 'external',
  // Where the sources find a file relative to themselves, the bundle finds it relative to its directory's parent.
  define: { KOERS_COMPILED: 'true' },
  logLevel: 'warning',
}
