/**
 * Benchmark: `koers messages validate` (levels 1 and 2) on a JW323 against
 * `xmllint --stream --noout --schema JW323.xsd` (libxml2, Debian package libxml2-utils) on
 * the same file in the same run, for 100,000 and 1,000,000 prestaties, plus the library's own
 * reading time on two cores and on one. Each runs `--runs` times per file as a separate
 * process, alternating; the table shows medians and the highest peak RSS.
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
  const cli: Run[] = []
  const twoCores: Run[] = []
  const oneCore: Run[] = []
  const xmllint: Run[] = []
  /** The library in-process: `ms` is its own clock, from opening the file to the last record. */
  const library = (parallel: boolean): Run => {
    const r = timed(process.execPath, ['--import', 'tsx', join(root, 'bench/messages/read-file.ts'), file, parallel ? 'two-cores' : 'one-core'])
    const result = JSON.parse(r.stdout.split('\n').find((l) => l.startsWith('{'))!) as { records: number; violations: number; ms: number }
    if (result.records !== size || result.violations !== 0) throw new Error(`Koers read ${result.records} prestaties with ${result.violations} violations`)
    return { seconds: result.ms / 1000, rssMb: r.run.rssMb }
  }
  for (let i = 0; i < runs; i++) {
    // What a user runs: the command, start-up included.
    const k = timed(process.execPath, [join(root, 'bin/koers.mjs'), 'messages', 'validate', file])
    if (!k.stdout.includes(': ok (JW323')) throw new Error(`koers did not accept ${file}: ${k.stdout}`)
    cli.push(k.run)
    twoCores.push(library(true))
    oneCore.push(library(false))
    const x = timed('xmllint', ['--stream', '--noout', '--schema', xsd, file])
    if (!x.stdout.includes('validates')) throw new Error(`xmllint did not validate ${file}: ${x.stdout}`)
    xmllint.push(x.run)
    process.stderr.write(`${size}: run ${i + 1}: koers ${k.run.seconds.toFixed(2)} s, xmllint ${x.run.seconds.toFixed(2)} s\n`)
  }
  const time = (list: Run[]) => median(list.map((r) => r.seconds))
  const rss = (list: Run[]) => Math.max(...list.map((r) => r.rssMb))
  const line = (tool: string, list: Run[]) =>
    `| ${size.toLocaleString('en')} | ${mb.toFixed(0)} MB | ${tool} | ${time(list).toFixed(2)} s | ${(mb / time(list)).toFixed(0)} MB/s | ${Math.round(size / time(list)).toLocaleString('en')} | ${Number.isNaN(rss(list)) ? '–' : `${rss(list).toFixed(0)} MB`} |`
  rows.push(line('`koers messages validate` (levels 1 and 2, start-up included)', cli))
  rows.push(line('xmllint --stream --noout --schema', xmllint))
  rows.push(line('Koers library, two cores, reading only', twoCores))
  rows.push(line('Koers library, one core, reading only', oneCore))
  const xs = time(xmllint)
  rows.push(`| | | **ratio to xmllint** | **koers command ${(xs / time(cli)).toFixed(2)}× (${((time(cli) / xs) * 100).toFixed(0)} % of its time); reading only ${(xs / time(twoCores)).toFixed(2)}× on two cores, ${(xs / time(oneCore)).toFixed(2)}× on one** | | | |`)
}

const xmllintVersion = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).stderr.split('\n')[0] ?? ''
const table = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${xmllintVersion.trim() || 'xmllint'}.`,
  `Command: \`npm run bench:messages -- --sizes ${values.sizes} --runs ${runs}\`; medians of ${runs} alternating runs. The command's and xmllint's time run from process start to exit; "reading only" is the library's own clock from opening the file to the last record (\`bench/messages/read-file.ts\`), on two cores (a worker tokenises) or one. Peak RSS is the highest of the runs, for the whole process.`,
  '',
  '| prestaties | file | tool | time | MB/s | prestaties/s | peak RSS |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '',
].join('\n')
mkdirSync(join(root, 'bench/output'), { recursive: true })
writeFileSync(join(root, 'bench/output/messages.md'), table)
console.log(table)
