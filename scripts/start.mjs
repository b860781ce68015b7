// `npm start`: compiles the server into dist/ (a fraction of a second), then starts it while the
// web app is built beside it on the other core (`npm run build:web` in a child process; issue 19
// §4, ADR 0045). The server opens the database and, on a new one, builds the demo meanwhile; it
// waits for the web app before it listens (startBeside in src/cli/main.ts), so it never serves a
// page that is not there yet. A web build that fails stops the start with its reason before Koers
// serves (vite's own messages above it). Arguments go to `koers start`.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

process.chdir(join(dirname(fileURLToPath(import.meta.url)), '..'))

/** Runs `command args…` in the project; resolves when it exits with 0. */
function run(command, args, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', (error) => reject(new Error(`${what} failed (${error.message})`)))
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${what} failed (${signal ?? `exit code ${code}`})`))))
  })
}

try {
  await run(process.execPath, ['scripts/build-server.mjs'], 'compiling the server (scripts/build-server.mjs)')
} catch (error) {
  process.stderr.write(`koers: not starting: ${error.message}\n`)
  process.exit(1)
}
// Imported first: from the web build's start on, startBeside is what handles its failure.
const { startBeside } = await import('../dist/koers.mjs')
// The npm that runs this script, when there is one (npm sets npm_execpath).
const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []]
const web = run(npm[0], [...npm[1], 'run', 'build:web', '--silent'], 'building the web app (npm run build:web)')
// When koers start returns before the web app is built (--help, a wrong setting), the build still
// finishes: stopped halfway it would leave a web/dist that `koers start` would serve half.
process.exitCode = await startBeside(process.argv.slice(2), web)
