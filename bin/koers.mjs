#!/usr/bin/env node
// The `koers` command (ADR 0024): runs the compiled build in dist/ (`npm run build`, also run by
// `npm ci` and `npm start`) when it is at least as new as every file in src/; otherwise the
// TypeScript sources through tsx, saying so once on stderr when dist/ is there but older, so
// that a changed source is never silently ignored. KOERS_FROM_SOURCE=1 always runs the sources.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bundle = join(root, 'dist', 'koers.mjs')

/** The newest modification time of the files under `dir`. */
function newest(dir) {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return latest
}

let main
if (process.env.KOERS_FROM_SOURCE !== '1' && existsSync(bundle) && statSync(bundle).mtimeMs >= newest(join(root, 'src'))) {
  ;({ main } = await import(bundle))
} else {
  if (process.env.KOERS_FROM_SOURCE !== '1' && existsSync(bundle)) process.stderr.write('koers: dist/ is ouder dan src/; koers draait nu uit de broncode (trager bij het starten). `npm run build` bouwt dist/ opnieuw.\n')
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
