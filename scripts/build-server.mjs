// Compiles the server and the `koers` command into dist/ with esbuild (ADR 0024): one ES module
// for the command, one for the tokenizing worker and one for the demo's observing-region worker;
// packages in node_modules stay imports.
// Runs in `npm ci` (prepare), `npm start` and `npm run build`; about a second. `--outdir DIR`
// builds elsewhere (the CLI test does), `--quiet` prints nothing.
import { renameSync, rmSync } from 'node:fs'
import { build } from 'esbuild'
import { serverBuildOptions } from './server-build-options.mjs'

const at = process.argv.indexOf('--outdir')
const outdir = at > 0 ? process.argv[at + 1] : 'dist'
// Built beside and then put in place, so that a running `koers start` loses its files for a moment at most.
const building = `${outdir}.building`
rmSync(building, { recursive: true, force: true })
const started = Date.now()
await build({
  ...serverBuildOptions,
  entryPoints: { koers: 'src/cli/main.ts', 'tokenize-worker': 'src/istandaarden/xml/tokenize-worker.ts', 'waarnemer-verkeer-worker': 'src/demo/waarnemer-verkeer-worker.ts' },
  outdir: building,
  outExtension: { '.js': '.mjs' },
  // Commands are imported when they run: in chunks, so `koers --help` loads no more than the sources would.
  splitting: true,
  // Chunks sit beside the bundle: files are found relative to dist/ (project-root.ts, the worker).
  chunkNames: '[name]-[hash]',
  sourcemap: true,
})
rmSync(outdir, { recursive: true, force: true })
renameSync(building, outdir)
if (!process.argv.includes('--quiet')) console.log(`koers: ${outdir}/ gebouwd in ${Date.now() - started} ms`)
