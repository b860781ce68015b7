/**
 * Sums a `node --cpu-prof` profile by where the code comes from (issue 19): PostgreSQL inside
 * PGlite's WebAssembly, each package's JavaScript, Node's own, Koers' own code (by file), and the
 * profiler's idle, garbage-collection and program samples. The shares are of the profile's samples,
 * which include the time the thread was idle (waiting for a database server, say), so they are not
 * shares of the processor time. `--top N` also lists the N functions with the most samples of their
 * own.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/demo/build.ts --per-step --today 2026-11-30
 *   npx tsx bench/cpuprofile.ts /tmp/prof [--top 30]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '0' } } })
const where = positionals[0]
if (!where || !/^\d+$/.test(values.top)) {
  console.error('usage: cpuprofile.ts FILE_OR_DIRECTORY [--top N]')
  process.exit(2)
}
// A directory holds one profile per thread; the first (the main thread's, by its name) is read.
const file = statSync(where).isDirectory() ? join(where, readdirSync(where).filter((n) => n.endsWith('.cpuprofile')).sort()[0]!) : where
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile

/** Milliseconds per node: a sample's delta is the time until the next sample. */
const ms = new Map<number, number>()
for (let i = 0; i < profile.samples.length; i++) ms.set(profile.samples[i]!, (ms.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000)

const origin = (url: string, functionName: string): { group: string; file?: string } => {
  if (url === '') return { group: functionName.startsWith('(') ? functionName : 'native code called from JavaScript' }
  if (url.startsWith('wasm://')) return { group: 'WebAssembly (PostgreSQL in PGlite)' }
  if (url.startsWith('node:')) return { group: "Node's own JavaScript" }
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (pkg) return { group: `package ${pkg[1]}` }
  const own = /\/(src|dist|bench)\/(.*)$/.exec(url)
  return { group: "Koers' own code", file: own ? `${own[1]}/${own[2]}` : url }
}

const groups = new Map<string, number>()
const files = new Map<string, number>()
const functions = new Map<string, number>()
let total = 0
for (const node of profile.nodes) {
  const t = ms.get(node.id) ?? 0
  if (t === 0) continue
  total += t
  const { url, functionName, lineNumber } = node.callFrame
  const o = origin(url, functionName)
  groups.set(o.group, (groups.get(o.group) ?? 0) + t)
  if (o.file) files.set(o.file, (files.get(o.file) ?? 0) + t)
  const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`
  functions.set(key, (functions.get(key) ?? 0) + t)
}

const print = (title: string, rows: Map<string, number>, limit = Infinity): void => {
  console.log(title)
  for (const [name, t] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`${(t / 1000).toFixed(2).padStart(8)} s ${((100 * t) / total).toFixed(1).padStart(5)} %  ${name}`)
}
console.log(`${file}: ${(total / 1000).toFixed(1)} s of samples`)
print('by origin', groups)
print("Koers' own code, by file (the ten largest)", files, 10)
if (Number(values.top) > 0) print(`the ${values.top} functions with the most samples of their own`, functions, Number(values.top))
