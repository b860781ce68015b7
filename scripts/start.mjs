// `npm start`: compiles the server into dist/ (a fraction of a second), then starts it while the
// web app is built beside it on the other core (issue 19 §4). The server opens the database and,
// on a new one, builds the demo meanwhile; it waits for the web app before it listens, so it never
// serves a page that is not there yet. A web build that fails stops the start with its reason
// before Koers serves (vite's own messages above it). Arguments go to `koers start`.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
process.chdir(root)

/** Runs `node args…` in the project; resolves when it exits with 0. */
function node(args, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', reject)
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${what} failed (${signal ?? `exit code ${code}`})`))))
  })
}

await node(['scripts/build-server.mjs'], 'compiling the server')
const vitePackage = createRequire(import.meta.url).resolve('vite/package.json')
const vite = join(dirname(vitePackage), JSON.parse(readFileSync(vitePackage, 'utf8')).bin.vite)
const web = node([vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], 'building the web app (vite build)')
// Not waited for until the server is about to listen: a rejection until then is not unhandled.
web.catch(() => {})
const { main } = await import('../dist/koers.mjs')
process.exitCode = await main(['start', ...process.argv.slice(2)], undefined, { beforeListen: web })
