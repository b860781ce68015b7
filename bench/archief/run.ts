/**
 * Benchmark (issue 23 §5): a synthetic archive of a region in both directions — per client a
 * 315, its 301 and a 305; per provider and month a 323 with a prestatie per client and week and its 325;
 * the gemeente's messages in a zip, the providers' in a directory — imported into an empty
 * installation in observer mode on each engine. Generating and each import are processes of
 * their own; peak RSS is the import process's (GNU time).
 *
 *   npm run bench:archief [-- --clients 500 --maanden 9 --engines pglite,postgres --url postgresql://postgres@127.0.0.1:5432/postgres --dir /tmp/koers-bench-archief]
 *
 * Writes the table to stdout and bench/output/archief.md.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'

const { values } = parseArgs({ options: { clients: { type: 'string', default: '500' }, maanden: { type: 'string', default: '9' }, engines: { type: 'string', default: 'pglite,postgres' }, url: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' }, dir: { type: 'string', default: '/tmp/koers-bench-archief' } } })
const root = resolve(import.meta.dirname, '../..')
const tsx = join(root, 'node_modules/.bin/tsx')
const archief = join(values.dir, 'archief')

function timed(args: string[]): { seconds: number; rssMb: number; json: Record<string, unknown> } {
  const started = performance.now()
  const r = spawnSync('/usr/bin/time', ['-f', '%M', tsx, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, cwd: root })
  const seconds = (performance.now() - started) / 1000
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`)
  return { seconds, rssMb: Number(r.stderr.trim().split('\n').at(-1)) / 1024, json: JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown> }
}

process.stderr.write(`generating ${values.clients} clients × ${values.maanden} months in answering mode…\n`)
const gen = timed(['bench/archief/generate.ts', '--clients', values.clients, '--maanden', values.maanden, '--dir', archief])
const g = gen.json as { berichten: number; prestaties: number; perCode: Record<string, number> }
process.stderr.write(`generated in ${gen.seconds.toFixed(1)} s: ${JSON.stringify(g)}\n`)

const fmt = (n: number) => Math.round(n).toLocaleString('en')
const rows: string[] = []
for (const engine of values.engines.split(',')) {
  let target: string[]
  if (engine === 'pglite') {
    const dataDir = join(values.dir, 'pglite')
    rmSync(dataDir, { recursive: true, force: true })
    target = ['--data-dir', dataDir]
  } else {
    const admin = new pg.Client({ connectionString: values.url })
    await admin.connect()
    await admin.query('drop database if exists koers_bench_archief')
    await admin.query('create database koers_bench_archief')
    await admin.end()
    const url = new URL(values.url)
    url.pathname = '/koers_bench_archief'
    target = ['--url', url.toString()]
  }
  const load = loadavg()[0]!.toFixed(2)
  const run = timed(['bench/archief/import.ts', join(archief, 'gemeente.zip'), join(archief, 'aanbieders'), ...target])
  const r = run.json as { seconds: number; berichten: number; prestaties: number; onverwerkt: number; perUitkomst: Record<string, number> }
  process.stderr.write(`${engine}: ${r.seconds.toFixed(1)} s, ${run.rssMb.toFixed(0)} MB, ${JSON.stringify(r)}\n`)
  rows.push(`| ${engine} | ${fmt(r.berichten)} | ${fmt(r.prestaties)} | ${r.seconds.toFixed(1)} s | ${fmt(r.berichten / r.seconds)} | ${fmt(r.prestaties / r.seconds)} | ${run.rssMb.toFixed(0)} MB | ${r.onverwerkt} | ${load} |`)
}
const table = [
  `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}.`,
  `Command: \`npm run bench:archief -- --clients ${values.clients} --maanden ${values.maanden} --engines ${values.engines}\`; archive: ${JSON.stringify(g.perCode)} (generated in ${gen.seconds.toFixed(0)} s).`,
  '',
  '| engine | messages | prestaties | import | messages/s | prestaties/s | peak RSS | not applied | load (1 min) at start |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows,
].join('\n')
console.log(table)
mkdirSync(join(root, 'bench/output'), { recursive: true })
writeFileSync(join(root, 'bench/output/archief.md'), table + '\n')
