/**
 * Benchmark: Koers' streaming read + validate (levels 1 and 2) of a JW323 against
 * `xmllint --stream --noout --schema JW323.xsd` (libxml2, Debian package libxml2-utils) on
 * the same file in the same run, for 100,000 and 1,000,000 prestaties. Each tool runs three
 * times per file as a separate process, alternating; the table shows medians of wall time
 * (process start to exit, for both) and the highest peak RSS.
 *
 *   npm run bench:messages [-- --sizes 100000,1000000 --runs 3 --dir /tmp/koers-bench]
 *
 * Writes the table to stdout and to bench/output/messages.md.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { generate323 } from '../../src/istandaarden/testing/generate-323.ts'
import { istandaardenDir } from '../../src/istandaarden/testing/shared-dir.ts'

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000,1000000' }, runs: { type: 'string', default: '3' }, dir: { type: 'string', default: '/tmp/koers-bench' } } })
const sizes = values.sizes.split(',').map(Number)
const runs = Number(values.runs)
const dir = values.dir
mkdirSync(dir, { recursive: true })
const root = resolve(import.meta.dirname, '../..')
const xsd = join(istandaardenDir(), 'ijw-3.2', 'JW323.xsd')
const hasTime = existsSync('/usr/bin/time')
if (spawnSync('xmllint', ['--version']).error) {
  console.error('xmllint is missing: apt-get install libxml2-utils')
  process.exit(1)
}

interface Run {
  seconds: number
  rssMb: number
}

function timed(command: string, args: string[]): { run: Run; stdout: string } {
  const started = performance.now()
  const r = hasTime ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 }) : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 })
  const seconds = (performance.now() - started) / 1000
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`)
  const rssKb = hasTime ? Number(r.stderr.trim().split('\n').at(-1)) : NaN
  return { run: { seconds, rssMb: rssKb / 1024 }, stdout: r.stdout + r.stderr }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const rows: string[] = []
for (const size of sizes) {
  const file = join(dir, `jw323-${size}.xml`)
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file}…\n`)
    await generate323(size, file)
  }
  const mb = statSync(file).size / 1e6
  const koers: Run[] = []
  const inProcess: number[] = []
  const xmllint: Run[] = []
  for (let i = 0; i < runs; i++) {
    const k = timed(process.execPath, ['--import', 'tsx', join(root, 'bench/messages/read-file.ts'), file])
    const result = JSON.parse(k.stdout.split('\n').find((l) => l.startsWith('{'))!) as { records: number; violations: number; ms: number }
    inProcess.push(result.ms / 1000)
    if (result.records !== size || result.violations !== 0) throw new Error(`Koers read ${result.records} prestaties with ${result.violations} violations`)
    koers.push(k.run)
    const x = timed('xmllint', ['--stream', '--noout', '--schema', xsd, file])
    if (!x.stdout.includes('validates')) throw new Error(`xmllint did not validate ${file}: ${x.stdout}`)
    xmllint.push(x.run)
    process.stderr.write(`${size}: run ${i + 1}: Koers ${k.run.seconds.toFixed(2)} s, xmllint ${x.run.seconds.toFixed(2)} s\n`)
  }
  const ks = median(koers.map((r) => r.seconds))
  const xs = median(xmllint.map((r) => r.seconds))
  const line = (tool: string, s: number, rss: number) =>
    `| ${size.toLocaleString('en')} | ${mb.toFixed(0)} MB | ${tool} | ${s.toFixed(2)} s | ${(mb / s).toFixed(0)} MB/s | ${Math.round(size / s).toLocaleString('en')} | ${Number.isNaN(rss) ? '–' : `${rss.toFixed(0)} MB`} |`
  rows.push(line('Koers (read + validate, levels 1 and 2)', ks, Math.max(...koers.map((r) => r.rssMb))))
  rows.push(line('xmllint --stream --noout --schema', xs, Math.max(...xmllint.map((r) => r.rssMb))))
  const ki = median(inProcess)
  rows.push(line('Koers, reading only (process start-up left out)', ki, NaN))
  rows.push(`| | | **ratio** | **wall: Koers takes ${((ks / xs) * 100).toFixed(0)} % of xmllint's time (${(xs / ks).toFixed(2)}×); reading only: ${(xs / ki).toFixed(2)}×** | | | |`)
}

const xmllintVersion = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).stderr.split('\n')[0] ?? ''
const table = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${xmllintVersion.trim() || 'xmllint'}.`,
  `Command: \`npm run bench:messages -- --sizes ${values.sizes} --runs ${runs}\`; medians of ${runs} alternating runs, wall time from process start to exit (Koers' includes about 0.3 s of TypeScript loading and the worker's start); "reading only" is Koers' own clock from opening the file to the last record; peak RSS is the highest of the runs.`,
  '',
  '| prestaties | file | tool | time | MB/s | prestaties/s | peak RSS |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '',
].join('\n')
mkdirSync(join(root, 'bench/output'), { recursive: true })
writeFileSync(join(root, 'bench/output/messages.md'), table)
console.log(table)
