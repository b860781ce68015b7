/**
 * Benchmark (issue 24 §4, §5): fair service. A running `koers start` (its own process, on a
 * copy of a prepared database) is asked for the regional dashboard by many clients at once,
 * and while a 60,000-line JW323 is uploaded; on PGlite and on PostgreSQL. Reported per phase:
 * p50, p99 and the slowest answer of the dashboard (GET /api/budgets/dashboard) and of a
 * request that needs no database (GET /api/openapi.json, with the session cookie), and the
 * statuses.
 *
 *   npm run bench:load [-- --engines pglite,postgres --connections 50 --seconds 20 --prestaties 60000
 *                         --url postgresql://postgres@127.0.0.1:5432/postgres --dir /tmp/koers-load
 *                         --root DIR --label new]
 *
 * A status "no answer" is a request the client gave up on (the phases that give up) or whose
 * connection failed.
 *
 * Phases: (1) one client, 20 requests in a row; (2) `--connections` clients for `--seconds`;
 * (2b) as many clients on the KPIs (GET /api/kpis) for `--seconds`, with 3 clients on the
 * budgets and 2 on the session's own answer (/api/auth/me) beside them, after which the KPI
 * clients give up and one client asks /api/auth/me (up to 5 minutes); (3) the upload of the 323 by Zeist's gemeente user while 5 clients ask for the dashboard and
 * one for the OpenAPI description, until the upload is answered; (4) 100 dashboard requests
 * whose clients give up after 200 ms, then one client's dashboard and OpenAPI answer.
 *
 * `--root` runs the server of another checkout (e.g. an older commit unpacked with `git
 * archive`, its node_modules linked) on the same database copy, to compare old and new in one
 * run; `--label` names the rows. The prepared database (the Zuidoost-Utrecht demo with 30
 * clients of history per gemeente, and the bench provider's 60,000 toewijzingen: bench/declarations/setup.ts)
 * is built once into `--dir` (PGlite) or the database koers_bench_load_base (PostgreSQL) and
 * copied for every run. Writes the table to stdout and bench/output/load.md.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { DEMO_PASSWORD } from '../../src/demo/build-demo.ts'
import { generate323 } from '../../src/istandaarden/testing/generate-323.ts'
import { BENCH_CODES, BENCH_TARIFFS } from '../declarations/tariffs.ts'

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'pglite,postgres' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    prestaties: { type: 'string', default: '60000' },
    url: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    dir: { type: 'string', default: '/tmp/koers-load' },
    root: { type: 'string' },
    label: { type: 'string', default: 'this checkout' },
    port: { type: 'string', default: '3917' },
  },
})
const here = resolve(import.meta.dirname, '../..')
const root = resolve(values.root ?? here)
const tsx = join(here, 'node_modules/.bin/tsx')
const dir = values.dir
const connections = Number(values.connections)
const seconds = Number(values.seconds)
const prestaties = Number(values.prestaties)
const port = Number(values.port)
const base = `http://127.0.0.1:${port}`
const origin = base
mkdirSync(dir, { recursive: true })

const file = join(dir, `jw323-${prestaties}.xml`)
if (!existsSync(file)) {
  process.stderr.write(`generating ${file}…\n`)
  await generate323(prestaties, file, { tariffPerCode: BENCH_TARIFFS, wrongTariffEvery: 100, codes: BENCH_CODES })
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = spawnSync(command, args, { cwd: here, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } })
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`)
}

/** The prepared database of an engine, built once: what the server of each run starts from (a copy). */
async function prepared(engine: string): Promise<{ copy(): Promise<NodeJS.ProcessEnv>; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const baseDir = join(dir, 'pglite-base')
    if (!existsSync(join(baseDir, 'PG_VERSION'))) {
      rmSync(baseDir, { recursive: true, force: true })
      process.stderr.write(`pglite: building ${baseDir}…\n`)
      run(tsx, ['bench/declarations/setup.ts', '--prestaties', String(prestaties), '--data-dir', baseDir, '--history-clients', '30'])
      run(tsx, ['bin/koers.mjs', 'budgetten', 'bijwerken'], { KOERS_DATA_DIR: baseDir, DATABASE_URL: '' })
    }
    const runDir = join(dir, 'pglite-run')
    return {
      async copy() {
        rmSync(runDir, { recursive: true, force: true })
        cpSync(baseDir, runDir, { recursive: true })
        rmSync(join(runDir, 'koers.lock'), { force: true })
        return { KOERS_DATA_DIR: runDir, DATABASE_URL: '' }
      },
      async drop() {
        rmSync(runDir, { recursive: true, force: true })
      },
    }
  }
  const admin = async (sqlText: string) => {
    const client = new pg.Client({ connectionString: values.url })
    await client.connect()
    try {
      return await client.query(sqlText)
    } finally {
      await client.end()
    }
  }
  const urlOf = (name: string) => {
    const u = new URL(values.url)
    u.pathname = `/${name}`
    return u.toString()
  }
  if ((await admin(`select 1 from pg_database where datname = 'koers_bench_load_base'`)).rowCount === 0) {
    process.stderr.write('postgres: building koers_bench_load_base…\n')
    await admin('create database koers_bench_load_base')
    run(tsx, ['bench/declarations/setup.ts', '--prestaties', String(prestaties), '--url', urlOf('koers_bench_load_base'), '--history-clients', '30'])
    run(tsx, ['bin/koers.mjs', 'budgetten', 'bijwerken'], { DATABASE_URL: urlOf('koers_bench_load_base') })
  }
  return {
    async copy() {
      await admin('drop database if exists koers_bench_load_run with (force)')
      await admin('create database koers_bench_load_run template koers_bench_load_base')
      return { DATABASE_URL: urlOf('koers_bench_load_run') }
    },
    async drop() {
      await admin('drop database if exists koers_bench_load_run with (force)')
    },
  }
}

async function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'bin/koers.mjs'), 'start', '--no-demo'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', KOERS_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((ready, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Koers serves')) ready()
    })
    child.once('exit', (code) => fail(new Error(`koers start exited with ${code}`)))
  })
  return child
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

async function login(username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken }
}

interface Sample { ms: number; status: number }
async function timedGet(path: string, cookie: string, signal?: AbortSignal): Promise<Sample> {
  const started = performance.now()
  try {
    const res = await fetch(`${base}${path}`, { headers: { cookie }, ...(signal ? { signal } : {}) })
    await res.arrayBuffer()
    return { ms: performance.now() - started, status: res.status }
  } catch {
    return { ms: performance.now() - started, status: 0 }
  }
}

/** `clients` loops asking `path` until `until()` says stop. */
async function loops(clients: number, path: string, cookie: string, until: () => boolean, signal?: AbortSignal): Promise<Sample[]> {
  const samples: Sample[] = []
  await Promise.all(Array.from({ length: clients }, async () => {
    while (!until()) samples.push(await timedGet(path, cookie, signal))
  }))
  return samples
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return Number.NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
const fmtMs = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`)
const statuses = (samples: Sample[]) => {
  const counts = new Map<number, number>()
  for (const s of samples) counts.set(s.status, (counts.get(s.status) ?? 0) + 1)
  return [...counts].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${n}×${s === 0 ? 'no answer' : s}`).join(', ')
}
const rows: string[] = []
function report(engine: string, phase: string, what: string, samples: Sample[]): void {
  const ok = samples.filter((s) => s.status === 200).map((s) => s.ms)
  const row = `| ${values.label} | ${engine} | ${phase} | ${what} | ${samples.length} | ${fmtMs(pct(ok, 50))} | ${fmtMs(pct(ok, 99))} | ${fmtMs(ok.length > 0 ? Math.max(...ok) : Number.NaN)} | ${statuses(samples)} |`
  rows.push(row)
  process.stderr.write(`${row}\n`)
}

const DASHBOARD = '/api/budgets/dashboard?year=2026'
const OPENAPI = '/api/openapi.json'
const KPIS = '/api/kpis'
const BUDGETS = '/api/budgets?year=2026'
const ME = '/api/auth/me'
for (const engine of values.engines.split(',')) {
  const database = await prepared(engine)
  const server = await startServer(await database.copy())
  try {
    const regio = await login('icm.zou')
    const zeist = await login('gemeente.zeist')
    // Warm up, and let the start-up's signal refresh pass.
    for (let i = 0; i < 5; i++) await timedGet(DASHBOARD, regio.cookie)

    const one: Sample[] = []
    for (let i = 0; i < 20; i++) one.push(await timedGet(DASHBOARD, regio.cookie))
    report(engine, '1 client', 'dashboard', one)

    let end = performance.now() + seconds * 1000
    const [loaded, described] = await Promise.all([
      loops(connections, DASHBOARD, regio.cookie, () => performance.now() > end),
      loops(1, OPENAPI, regio.cookie, () => performance.now() > end),
    ])
    report(engine, `${connections} clients, ${seconds} s`, 'dashboard', loaded)
    report(engine, `${connections} clients, ${seconds} s`, 'openapi.json (1 client beside them)', described)

    // Issue 24 §5: one heavy route under many clients, and the other routes beside it; at the
    // end the KPI clients give up on what they still wait for, and one client asks for its session.
    const kpiClients = new AbortController()
    const stopKpis = setTimeout(() => kpiClients.abort(), seconds * 1000)
    end = performance.now() + seconds * 1000
    const [kpis, budgets, me] = await Promise.all([
      loops(connections, KPIS, regio.cookie, () => kpiClients.signal.aborted, kpiClients.signal),
      loops(3, BUDGETS, regio.cookie, () => performance.now() > end),
      loops(2, ME, regio.cookie, () => performance.now() > end),
    ])
    clearTimeout(stopKpis)
    const afterKpis = await timedGet(ME, regio.cookie, AbortSignal.timeout(300_000))
    report(engine, `${connections} clients on the KPIs, ${seconds} s`, 'kpis', kpis)
    report(engine, `${connections} clients on the KPIs, ${seconds} s`, 'budgets (3 clients beside them)', budgets)
    report(engine, `${connections} clients on the KPIs, ${seconds} s`, 'auth/me (2 clients beside them)', me)
    report(engine, 'then (the KPI clients gave up)', 'auth/me (1 client)', [afterKpis])

    const body = readFileSync(file)
    let uploading = true
    const started = performance.now()
    const upload = fetch(`${base}/api/messages`, { method: 'POST', headers: { cookie: zeist.cookie, origin, 'x-csrf-token': zeist.csrf, 'content-type': 'application/xml' }, body })
      .then(async (res) => ({ status: res.status, outcome: ((await res.json()) as { outcome?: string }).outcome, ms: performance.now() - started }))
      .finally(() => (uploading = false))
    const [during, describedDuring, uploaded] = await Promise.all([
      loops(5, DASHBOARD, regio.cookie, () => !uploading),
      loops(1, OPENAPI, regio.cookie, () => !uploading),
      upload,
    ])
    report(engine, `upload of ${prestaties.toLocaleString('en')} lines (${fmtMs(uploaded.ms)}, ${uploaded.status} ${uploaded.outcome})`, 'dashboard (5 clients)', during)
    report(engine, `upload of ${prestaties.toLocaleString('en')} lines`, 'openapi.json (1 client)', describedDuring)

    const gaveUp = await Promise.all(Array.from({ length: 100 }, () => timedGet(DASHBOARD, regio.cookie, AbortSignal.timeout(200))))
    const after = await timedGet(DASHBOARD, regio.cookie)
    const afterDescribed = await timedGet(OPENAPI, regio.cookie)
    report(engine, '100 clients gave up after 200 ms', 'dashboard (the 100)', gaveUp)
    report(engine, 'then', 'dashboard (1 client)', [after])
    report(engine, 'then', 'openapi.json (1 client)', [afterDescribed])
    end = 0
    // Issue 24 §9: the server's peak memory over all phases (Linux: VmHWM of the process).
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8')
    const peakMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024
    rows.push(`| ${values.label} | ${engine} | all phases | server peak RSS: ${Math.round(peakMb)} MB | | | | | |`)
    process.stderr.write(`${rows.at(-1)}\n`)
  } finally {
    await stopServer(server)
    await database.drop()
  }
}

const header = '| code | engine | phase | request | answers | p50 | p99 | slowest | statuses |\n|---|---|---|---|---|---|---|---|---|'
const machine = `Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(', ')}.`
const table = `${machine}\n\n${header}\n${rows.join('\n')}\n`
process.stdout.write(table)
mkdirSync(join(here, 'bench/output'), { recursive: true })
writeFileSync(join(here, 'bench/output/load.md'), table)
