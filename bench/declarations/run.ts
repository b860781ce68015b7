/**
 * Benchmark (issue 5): a region's history plus a JW323 of N prestaties (default 1,000,000),
 * fully processed — read, validate, check, persist, write the 325 — on each engine, in the
 * same run as (a) `xmllint --stream --noout --schema JW323.xsd` on the same file and (b) the
 * engine's own COPY of the same rows into a plain table. Each step is its own process; peak
 * RSS is that process's (GNU time).
 *
 *   npm run bench:declarations [-- --prestaties 1000000 --engines pglite,postgres --url postgresql://postgres@127.0.0.1:5432/postgres --dir /tmp/koers-bench]
 *     [--before ../koers-old] [--runs 3] [--database koers_bench_decl]
 *
 * `--before DIR`: another checkout (e.g. `git worktree add --detach ../koers-old <commit>`) whose
 * bench/declarations/process.ts processes the same file on a copy of the same setup, alternating
 * with this checkout's, `--runs` times each (medians in the table): before and after side by
 * side in one run. `--database`: the server database's name (copies get `_1`, `_2`, … appended).
 *
 * Targets: end-to-end ≥ 1.0× xmllint's throughput; persisting ≤ 2× the engine's COPY; peak
 * RSS under 300 MB. Writes the table to stdout and bench/output/declarations.md.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, readFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import pg from 'pg'
import { serverBuildOptions } from '../../scripts/server-build-options.mjs'
import { generate323 } from '../../src/istandaarden/testing/generate-323.ts'
import { istandaardenDir } from '../../src/istandaarden/testing/shared-dir.ts'
import { BENCH_CODES, BENCH_TARIFFS } from './tariffs.ts'

const { values } = parseArgs({
  options: {
    prestaties: { type: 'string', default: '1000000' },
    engines: { type: 'string', default: 'pglite,postgres' },
    url: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    dir: { type: 'string', default: '/tmp/koers-bench' },
    before: { type: 'string' },
    runs: { type: 'string', default: '1' },
    database: { type: 'string', default: 'koers_bench_decl' },
  },
})
const runs = Number(values.runs)
const before = values.before ? resolve(values.before) : null
const prestaties = Number(values.prestaties)
const dir = values.dir
mkdirSync(dir, { recursive: true })
const root = resolve(import.meta.dirname, '../..')
/** A TypeScript script of `checkout`, run by node with tsx's loader (one process, so its peak RSS is its own). */
const script = (checkout: string, path: string, args: string[]): [string, string[]] => [process.execPath, ['--import', 'tsx', join(checkout, path), ...args]]
/**
 * The processing script of `checkout` compiled with the options `npm run build` compiles the
 * `koers` command with (scripts/server-build-options.mjs, ADR 0024), into one file in the
 * checkout's dist-bench/, and run by plain node: the whole process is then what `koers messages
 * import` would take, without the 0.3–0.5 s that tsx spends compiling the sources at start-up
 * (docs/benchmarks.md). One file, without the tokenising worker beside it: `receiveDeclaration`
 * reads on one core. A `--before` checkout is compiled with this checkout's options.
 */
const compiled = async (checkout: string, path: string): Promise<(args: string[]) => [string, string[]]> => {
  const outfile = join(checkout, 'dist-bench', path.replaceAll('/', '-').replace(/\.ts$/, '.mjs'))
  await build({ ...serverBuildOptions, entryPoints: [join(checkout, path)], outfile })
  return (args) => [process.execPath, [outfile, ...args]]
}
const file = join(dir, `jw323-decl-${prestaties}.xml`)
if (!existsSync(file)) {
  process.stderr.write(`generating ${file}…\n`)
  // One line in a hundred has a tariff a cent off the contract: the 325 has something to say.
  await generate323(prestaties, file, { tariffPerCode: BENCH_TARIFFS, wrongTariffEvery: 100, codes: BENCH_CODES })
}
const mb = statSync(file).size / 1e6

function timed(command: string, args: string[], cwd = root): { seconds: number; cpuSeconds: number; rssMb: number; stdout: string } {
  const started = performance.now()
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, cwd })
  const seconds = (performance.now() - started) / 1000
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`)
  const [user, system, rssKb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number]
  return { seconds, cpuSeconds: user + system, rssMb: rssKb / 1024, stdout: r.stdout }
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>

const xsd = join(istandaardenDir(), 'ijw-3.2', 'JW323.xsd')
const xmllintRuns: Array<ReturnType<typeof timed>> = []
const xmllint = () => {
  const t = timed('xmllint', ['--stream', '--noout', '--schema', xsd, file])
  xmllintRuns.push(t)
  process.stderr.write(`xmllint: ${t.seconds.toFixed(2)} s (load ${load()})\n`)
}

interface Processed { seconds: number; cpuSeconds: number; rssMb: number; library: number; declaratie: { goedgekeurd: number; afgewezen: number } }
const rows: string[] = []
const fmt = (n: number) => Math.round(n).toLocaleString('en')
const versions: Array<{ name: string; checkout: string }> = [...(before ? [{ name: 'before', checkout: before }] : []), { name: before ? 'after' : '', checkout: root }]
const admin = async (statements: string[]) => {
  const client = new pg.Client({ connectionString: values.url })
  await client.connect()
  for (const q of statements) await client.query(q)
  await client.end()
}
const serverUrl = (database: string) => {
  const url = new URL(values.url)
  url.pathname = `/${database}`
  return url.toString()
}
let copies = 0
const processors = new Map<string, (args: string[]) => [string, string[]]>()
for (const v of versions) processors.set(v.checkout, await compiled(v.checkout, 'bench/declarations/process.ts'))
for (const engine of values.engines.split(',')) {
  // The setup once per engine; each processing gets its own copy of it.
  const base = engine === 'pglite' ? join(dir, 'pglite-decl') : values.database
  if (engine === 'pglite') rmSync(base, { recursive: true, force: true })
  else await admin([`drop database if exists ${base}`, `create database ${base}`])
  const baseTarget = engine === 'pglite' ? ['--data-dir', base] : ['--url', serverUrl(base)]
  process.stderr.write(`${engine}: setting up the region's history and ${prestaties} toewijzingen…\n`)
  const setup = timed(...script(root, 'bench/declarations/setup.ts', ['--prestaties', String(prestaties), ...baseTarget]))
  process.stderr.write(`${engine}: setup ${setup.seconds.toFixed(1)} s ${setup.stdout.trim()}\n`)
  const copy = async (): Promise<{ target: string[]; drop: () => Promise<void> }> => {
    const name = `${values.database}_${++copies}`
    if (engine === 'pglite') {
      const copyDir = join(dir, `pglite-decl-${copies}`)
      rmSync(copyDir, { recursive: true, force: true })
      cpSync(base, copyDir, { recursive: true })
      return { target: ['--data-dir', copyDir], drop: async () => rmSync(copyDir, { recursive: true, force: true }) }
    }
    await admin([`drop database if exists ${name}`, `create database ${name} template ${base}`])
    return { target: ['--url', serverUrl(name)], drop: () => admin([`drop database if exists ${name}`]) }
  }
  const results = new Map<string, Processed[]>(versions.map((v) => [v.name, []]))
  let kept: { target: string[]; drop: () => Promise<void> } | undefined
  for (let k = 0; k < runs; k++) {
    xmllint()
    // Alternating which version goes first.
    for (const v of k % 2 === 0 ? versions : [...versions].reverse()) {
      const c = await copy()
      const run = timed(...processors.get(v.checkout)!([file, ...c.target]), v.checkout)
      const r = lastJson(run.stdout) as { seconds: number; declaratie: { goedgekeurd: number; afgewezen: number } }
      results.get(v.name)!.push({ ...run, library: r.seconds, declaratie: r.declaratie })
      process.stderr.write(`${engine} ${v.name}: processing ${run.seconds.toFixed(2)} s, ${run.cpuSeconds.toFixed(2)} s CPU (library ${r.seconds.toFixed(2)} s), ${run.rssMb.toFixed(0)} MB, ${JSON.stringify(r.declaratie)} (load ${load()})\n`)
      if (v.checkout === root && k === runs - 1) kept = c
      else await c.drop()
    }
  }
  // Persisting alone: the lines this checkout's last processing wrote, written again.
  const baseline = lastJson(timed(...script(root, 'bench/declarations/copy-baseline.ts', kept!.target)).stdout) as { seconds: number; koersSeconds: number; rows: number }
  await kept!.drop()
  process.stderr.write(`${engine}: plain COPY ${baseline.seconds.toFixed(2)} s, Koers' COPYs alone ${baseline.koersSeconds.toFixed(2)} s, for ${baseline.rows} rows\n`)
  // xmllint's runs in this engine's rounds: the ratios compare what ran at the same time.
  const engineLint = xmllintRuns.slice(-runs)
  const lint = median(engineLint.map((x) => x.seconds))
  rows.push(`| ${engine} | xmllint --stream --noout --schema, in these rounds | ${lint.toFixed(2)} s (${engineLint.map((x) => x.seconds.toFixed(2)).join(', ')}) | ${(mb / lint).toFixed(0)} MB/s | ${fmt(prestaties / lint)} | ${Math.max(...engineLint.map((x) => x.rssMb)).toFixed(0)} MB |`)
  for (const v of versions) {
    const rs = results.get(v.name)!
    const whole = median(rs.map((x) => x.seconds))
    const library = median(rs.map((x) => x.library))
    const label = v.name ? `${engine} ${v.name}` : engine
    const d = rs.at(-1)!.declaratie
    rows.push(
      `| ${label} | koers, whole process (start-up included) | ${whole.toFixed(2)} s (${median(rs.map((x) => x.cpuSeconds)).toFixed(2)} s CPU) | ${(mb / whole).toFixed(0)} MB/s | ${fmt(prestaties / whole)} | ${Math.max(...rs.map((x) => x.rssMb)).toFixed(0)} MB |`,
      `| ${label} | koers, receiveDeclaration only | ${library.toFixed(2)} s | ${(mb / library).toFixed(0)} MB/s | ${fmt(prestaties / library)} | |`,
      `| ${label} | **ratio** | **throughput ${(lint / whole).toFixed(2)}× xmllint (whole process), ${(lint / library).toFixed(2)}× (library)** | | | |`,
      `| ${label} | approved / rejected | ${fmt(d.goedgekeurd)} / ${fmt(d.afgewezen)} | | | |`,
    )
  }
  rows.push(
    `| ${engine} | koers' persisting alone: the same COPY statements into declaratie_regel's structure | ${baseline.koersSeconds.toFixed(2)} s | | ${fmt(baseline.rows / baseline.koersSeconds)} rows/s | |`,
    `| ${engine} | engine COPY of the same rows into a plain table | ${baseline.seconds.toFixed(2)} s | | ${fmt(baseline.rows / baseline.seconds)} rows/s | |`,
    `| ${engine} | **persisting ${(baseline.koersSeconds / baseline.seconds).toFixed(2)}× the engine's COPY** | | | | |`,
  )
  if (engine === 'postgres') await admin([`drop database if exists ${base}`])
  else rmSync(base, { recursive: true, force: true })
}
const lint = median(xmllintRuns.map((x) => x.seconds))
const table = [
  `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; load average at the end ${load()}.`,
  `Command: \`npm run bench:declarations -- --prestaties ${prestaties} --engines ${values.engines}${before ? ` --before ${values.before}` : ''} --runs ${runs}\`; file ${mb.toFixed(0)} MB${runs > 1 ? `; medians of ${runs} runs (xmllint: ${xmllintRuns.map((x) => x.seconds.toFixed(2)).join(', ')} s)` : ''}.`,
  '',
  '| engine | step | time | MB/s | prestaties/s | peak RSS |',
  '|---|---|---|---|---|---|',
  `| | xmllint --stream --noout --schema | ${lint.toFixed(2)} s | ${(mb / lint).toFixed(0)} MB/s | ${fmt(prestaties / lint)} | ${Math.max(...xmllintRuns.map((x) => x.rssMb)).toFixed(0)} MB |`,
  ...rows,
].join('\n')
console.log(table)
mkdirSync(join(root, 'bench/output'), { recursive: true })
writeFileSync(join(root, 'bench/output/declarations.md'), table + '\n')
