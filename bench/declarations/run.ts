/**
 * Benchmark (issue 5): a region's history plus a JW323 of N prestaties (default 1,000,000),
 * fully processed — read, validate, check, persist, write the 325 — on each engine, in the
 * same run as (a) `xmllint --stream --noout --schema JW323.xsd` on the same file and (b) the
 * engine's own COPY of the same rows into a plain table. Each step is its own process; peak
 * RSS is that process's (GNU time).
 *
 *   npm run bench:declarations [-- --prestaties 1000000 --engines pglite,postgres --url postgresql://postgres@127.0.0.1:5432/postgres --dir /tmp/koers-bench]
 *
 * Targets: end-to-end ≥ 1.0× xmllint's throughput; persisting ≤ 2× the engine's COPY; peak
 * RSS under 300 MB. Writes the table to stdout and bench/output/declarations.md.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { generate323 } from '../../src/istandaarden/testing/generate-323.ts'
import { istandaardenDir } from '../../src/istandaarden/testing/shared-dir.ts'
import { BENCH_CODES, BENCH_TARIFFS } from './tariffs.ts'

const { values } = parseArgs({ options: { prestaties: { type: 'string', default: '1000000' }, engines: { type: 'string', default: 'pglite,postgres' }, url: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' }, dir: { type: 'string', default: '/tmp/koers-bench' } } })
const prestaties = Number(values.prestaties)
const dir = values.dir
mkdirSync(dir, { recursive: true })
const root = resolve(import.meta.dirname, '../..')
const tsx = join(root, 'node_modules/.bin/tsx')
const file = join(dir, `jw323-decl-${prestaties}.xml`)
if (!existsSync(file)) {
  process.stderr.write(`generating ${file}…\n`)
  // One line in a hundred has a tariff a cent off the contract: the 325 has something to say.
  await generate323(prestaties, file, { tariffPerCode: BENCH_TARIFFS, wrongTariffEvery: 100, codes: BENCH_CODES })
}
const mb = statSync(file).size / 1e6

function timed(command: string, args: string[]): { seconds: number; rssMb: number; stdout: string } {
  const started = performance.now()
  const r = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, cwd: root })
  const seconds = (performance.now() - started) / 1000
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`)
  const rssKb = Number(r.stderr.trim().split('\n').at(-1))
  return { seconds, rssMb: rssKb / 1024, stdout: r.stdout }
}
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>

const xsd = join(istandaardenDir(), 'ijw-3.2', 'JW323.xsd')
const xmllint = timed('xmllint', ['--stream', '--noout', '--schema', xsd, file])
process.stderr.write(`xmllint: ${xmllint.seconds.toFixed(2)} s\n`)

const rows: string[] = []
const fmt = (n: number) => Math.round(n).toLocaleString('en')
for (const engine of values.engines.split(',')) {
  let target: string[]
  if (engine === 'pglite') {
    const dataDir = join(dir, 'pglite-decl')
    rmSync(dataDir, { recursive: true, force: true })
    target = ['--data-dir', dataDir]
  } else {
    const admin = new pg.Client({ connectionString: values.url })
    await admin.connect()
    await admin.query('drop database if exists koers_bench_decl')
    await admin.query('create database koers_bench_decl')
    await admin.end()
    const url = new URL(values.url)
    url.pathname = '/koers_bench_decl'
    target = ['--url', url.toString()]
  }
  process.stderr.write(`${engine}: setting up the region's history and ${prestaties} toewijzingen…\n`)
  const setup = timed(tsx, ['bench/declarations/setup.ts', '--prestaties', String(prestaties), ...target])
  process.stderr.write(`${engine}: setup ${setup.seconds.toFixed(1)} s ${setup.stdout.trim()}\n`)
  const run = timed(tsx, ['bench/declarations/process.ts', file, ...target])
  const r = lastJson(run.stdout) as { seconds: number; outcome: string; declaratie: { goedgekeurd: number; afgewezen: number } }
  process.stderr.write(`${engine}: processing ${run.seconds.toFixed(2)} s (library ${r.seconds.toFixed(2)} s), ${run.rssMb.toFixed(0)} MB, ${JSON.stringify(r.declaratie)}\n`)
  const base = lastJson(timed(tsx, ['bench/declarations/copy-baseline.ts', ...target]).stdout) as { seconds: number; koersSeconds: number; rows: number }
  process.stderr.write(`${engine}: plain COPY ${base.seconds.toFixed(2)} s, Koers' COPYs alone ${base.koersSeconds.toFixed(2)} s, for ${base.rows} rows\n`)
  rows.push(
    `| ${engine} | koers, whole process (start-up included) | ${run.seconds.toFixed(2)} s | ${(mb / run.seconds).toFixed(0)} MB/s | ${fmt(prestaties / run.seconds)} | ${run.rssMb.toFixed(0)} MB |`,
    `| ${engine} | koers, receiveDeclaration only | ${r.seconds.toFixed(2)} s | ${(mb / r.seconds).toFixed(0)} MB/s | ${fmt(prestaties / r.seconds)} | |`,
    `| ${engine} | koers' persisting alone: the same COPY statements into declaratie_regel's structure | ${base.koersSeconds.toFixed(2)} s | | ${fmt(base.rows / base.koersSeconds)} rows/s | |`,
    `| ${engine} | engine COPY of the same rows into a plain table | ${base.seconds.toFixed(2)} s | | ${fmt(base.rows / base.seconds)} rows/s | |`,
    `| ${engine} | **ratios** | **throughput ${(xmllint.seconds / run.seconds).toFixed(2)}× xmllint (whole process), ${(xmllint.seconds / r.seconds).toFixed(2)}× (library); persisting ${(base.koersSeconds / base.seconds).toFixed(2)}× the engine's COPY** | | | |`,
    `| | approved / rejected | ${fmt(r.declaratie.goedgekeurd)} / ${fmt(r.declaratie.afgewezen)} | | | |`,
  )
}
const table = [
  `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}.`,
  `Command: \`npm run bench:declarations -- --prestaties ${prestaties} --engines ${values.engines}\`; file ${mb.toFixed(0)} MB.`,
  '',
  '| engine | step | time | MB/s | prestaties/s | peak RSS |',
  '|---|---|---|---|---|---|',
  `| | xmllint --stream --noout --schema | ${xmllint.seconds.toFixed(2)} s | ${(mb / xmllint.seconds).toFixed(0)} MB/s | ${fmt(prestaties / xmllint.seconds)} | ${xmllint.rssMb.toFixed(0)} MB |`,
  ...rows,
].join('\n')
console.log(table)
mkdirSync(join(root, 'bench/output'), { recursive: true })
writeFileSync(join(root, 'bench/output/declarations.md'), table + '\n')
