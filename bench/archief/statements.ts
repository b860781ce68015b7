/**
 * Where an observer-mode import spends its statements (issue 23 §5): the import of
 * bench/archief/import.ts on PostgreSQL with every statement of the pg driver timed, then the
 * statements by total time, with their count per message. A profile, not a benchmark: the
 * timing wraps each call of the driver, so the waits of a busy machine are in it.
 *
 * What grows with the ledger: each message of the second pass is counted as the quarter of its
 * kind it falls in (the first or last quarter of the 301s, say), so that a kind's early and late
 * messages are compared with each other — time, statements and rows per message, and per
 * statement. The database's table counters (`pg_stat_user_tables`: rows read by sequential and
 * index scans) are taken at every tenth of the second pass, per table.
 *
 *   tsx bench/archief/statements.ts ARCHIVE… --url URL [--top 25] [--json FILE]
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import pg from 'pg'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, top: { type: 'string', default: '25' }, json: { type: 'string' } } })
const top = Number(values.top)

type Phase = 'early' | 'mid' | 'late'
interface Stat {
  n: number
  ms: number
  rows: number
}
const perStatement = new Map<string, Stat>()
/** Per kind and phase: statement → stat; and the kind's own messages per phase. */
const perKindPhase = new Map<string, Map<string, Stat>>()
const messagesPer = new Map<string, number>()
let current = 'setup|mid'
/** The counters' own connection, not timed. */
const monitor = new pg.Client({ connectionString: values.url! })

const add = (m: Map<string, Stat>, key: string, ms: number, rows: number) => {
  const s = m.get(key) ?? { n: 0, ms: 0, rows: 0 }
  s.n++
  s.ms += ms
  s.rows += rows
  m.set(key, s)
}

const query = pg.Client.prototype.query as (...args: unknown[]) => unknown
pg.Client.prototype.query = function timed(this: pg.Client, ...args: unknown[]) {
  if (this === monitor) return query.apply(this, args)
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?')
  const key = text.replace(/\$\d+/g, '?').replace(/\s+/g, ' ').slice(0, 220)
  const started = performance.now()
  const at = current
  const done = (result?: unknown) => {
    const ms = performance.now() - started
    const rows = (result as { rowCount?: number | null } | undefined)?.rowCount ?? 0
    add(perStatement, key, ms, rows)
    let m = perKindPhase.get(at)
    if (!m) perKindPhase.set(at, (m = new Map()))
    add(m, key, ms, rows)
  }
  const result = query.apply(this, args)
  if (result instanceof Promise) result.then(done, () => done())
  return result
} as typeof pg.Client.prototype.query

const { importeerArchief } = await import('../../src/archief/archief-import.ts')
const { archiefLezer } = await import('../../src/archief/archief-bestanden.ts')
const { leesKop } = await import('../../src/archief/archief-volgorde.rules.ts')
const { zetBerichtenModus } = await import('../../src/archief/berichtenrol.queries.ts')
const { openDatabase } = await import('../../src/db/database.ts')
const { migrateToLatest } = await import('../../src/db/migrate.ts')
const { withActor } = await import('../../src/db/scope.ts')
const { toegangScenario } = await import('../../src/test/toegang-scenario.ts')

const kindOf = (bytes: Uint8Array) => leesKop(Buffer.from(bytes.subarray(0, 8192)).toString('utf8'))?.kind.code ?? '?'

// A reader that knows each message's kind: the first pass counts them, the second tells which one is applied.
const lezer = archiefLezer()
const total = new Map<string, number>()
const seen = new Map<string, number>()
const counted: typeof lezer = {
  async *alle(paths) {
    for await (const f of lezer.alle(paths)) {
      const k = kindOf(f.bytes)
      total.set(k, (total.get(k) ?? 0) + 1)
      yield f
    }
  },
  async lees(plaats) {
    const bytes = await lezer.lees(plaats)
    const k = kindOf(bytes)
    const i = seen.get(k) ?? 0
    seen.set(k, i + 1)
    const n = total.get(k) ?? 1
    const phase: Phase = i < n / 4 ? 'early' : i >= (3 * n) / 4 && i < n ? 'late' : 'mid'
    current = `${k}|${phase}`
    messagesPer.set(current, (messagesPer.get(current) ?? 0) + 1)
    return bytes
  },
  sluit: () => lezer.sluit(),
}

const { db, close } = await openDatabase({ url: values.url! })
await migrateToLatest(db)
const s = await toegangScenario(db)
const regio = s.region.actor('regio')
await withActor(db, regio, (trx) => zetBerichtenModus(trx, regio, 'waarnemend'))
perStatement.clear()
perKindPhase.clear()

await monitor.connect()
interface TableCounters {
  seq_scan: number
  seq_tup_read: number
  idx_scan: number
  idx_tup_fetch: number
  n_tup_ins: number
  n_tup_upd: number
  n_tup_del: number
}
const snapshot = async (): Promise<Map<string, TableCounters>> => {
  const { rows } = await monitor.query(`select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0) as idx_scan, coalesce(idx_tup_fetch, 0) as idx_tup_fetch, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables`)
  return new Map(rows.map((r: Record<string, string>) => [r.relname!, Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'relname').map(([k, v]) => [k, Number(v)])) as unknown as TableCounters]))
}
const tenths: { done: number; at: number; tables: Map<string, TableCounters> }[] = [{ done: 0, at: 0, tables: await snapshot() }]
let pending: Promise<void> = Promise.resolve()
let nextTenth = 1
const started = performance.now()
const summary = await importeerArchief(db, s.region.regionId, positionals, {
  lezer: counted,
  onVoortgang: (klaar, van) => {
    if (klaar < (nextTenth * van) / 10) return
    nextTenth++
    const at = (performance.now() - started) / 1000
    pending = pending.then(async () => void tenths.push({ done: klaar, at, tables: await snapshot() }))
  },
})
const seconds = (performance.now() - started) / 1000
await pending
await new Promise((r) => setTimeout(r, 1500))
tenths.push({ done: summary.berichten, at: seconds, tables: await snapshot() })
await monitor.end()
await close()

const rows = [...perStatement].sort(([, a], [, b]) => b.ms - a.ms)
const totalMs = rows.reduce((t, [, r]) => t + r.ms, 0)
const count = rows.reduce((t, [, r]) => t + r.n, 0)
console.log(`${summary.berichten} messages in ${seconds.toFixed(1)} s; ${count} statements (${(count / summary.berichten).toFixed(1)} per message), ${(totalMs / 1000).toFixed(1)} s in the driver`)
for (const [text, r] of rows.slice(0, top)) console.log(`${(r.ms / 1000).toFixed(2).padStart(8)} s ${String(r.n).padStart(7)} × ${(r.n / summary.berichten).toFixed(2).padStart(6)}/msg  ${text}`)

// Per kind: the first quarter of its messages against the last.
console.log('\nPer kind, its first and last quarter: driver ms, statements and rows per message')
const kinds = [...total.keys()].sort()
const sumOf = (m: Map<string, Stat> | undefined) => [...(m?.values() ?? [])].reduce((a, s) => ({ n: a.n + s.n, ms: a.ms + s.ms, rows: a.rows + s.rows }), { n: 0, ms: 0, rows: 0 })
for (const k of kinds) {
  const line = (['early', 'late'] as const).map((p) => {
    const n = messagesPer.get(`${k}|${p}`) ?? 0
    const t = sumOf(perKindPhase.get(`${k}|${p}`))
    return n === 0 ? `${p}: —` : `${p}: ${n} msgs ${(t.ms / n).toFixed(1)} ms ${(t.n / n).toFixed(1)} stmts ${(t.rows / n).toFixed(0)} rows`
  })
  console.log(`  ${k} (${total.get(k)}): ${line.join(' | ')}`)
}

// Per kind, the statements whose time per message grew most from its first quarter to its last.
console.log(`\nPer kind, the statements that grew most (ms per message of the kind, first → last quarter; calls and rows per message)`)
for (const k of kinds) {
  const e = perKindPhase.get(`${k}|early`)
  const l = perKindPhase.get(`${k}|late`)
  const ne = messagesPer.get(`${k}|early`) ?? 0
  const nl = messagesPer.get(`${k}|late`) ?? 0
  if (!e || !l || ne === 0 || nl === 0) continue
  const growth = [...new Set([...e.keys(), ...l.keys()])]
    .map((key) => {
      const a = e.get(key) ?? { n: 0, ms: 0, rows: 0 }
      const b = l.get(key) ?? { n: 0, ms: 0, rows: 0 }
      return { key, early: a.ms / ne, late: b.ms / nl, callsE: a.n / ne, callsL: b.n / nl, rowsE: a.rows / ne, rowsL: b.rows / nl }
    })
    .sort((x, y) => y.late - y.early - (x.late - x.early))
  console.log(`  ${k}:`)
  for (const g of growth.slice(0, 6)) {
    console.log(`    ${g.early.toFixed(2).padStart(7)} → ${g.late.toFixed(2).padStart(7)} ms  ${g.callsE.toFixed(2)}→${g.callsL.toFixed(2)} calls  ${g.rowsE.toFixed(0)}→${g.rowsL.toFixed(0)} rows  ${g.key.slice(0, 160)}`)
  }
}

// The tables read most, per tenth of the second pass.
console.log('\nRows read per message (seq_tup_read + idx_tup_fetch), per tenth of the second pass, tables read most')
const readOf = (c: TableCounters | undefined) => (c ? c.seq_tup_read + c.idx_tup_fetch : 0)
const first = tenths[0]!.tables
const last = tenths[tenths.length - 1]!.tables
const busiest = [...last.keys()].sort((a, b) => readOf(last.get(b)) - readOf(first.get(b)) - (readOf(last.get(a)) - readOf(first.get(a)))).slice(0, 10)
console.log(`  ${'done'.padStart(6)} ${'s'.padStart(7)}  ${busiest.map((t) => t.slice(0, 18).padStart(18)).join(' ')}`)
for (let i = 1; i < tenths.length; i++) {
  const a = tenths[i - 1]!
  const b = tenths[i]!
  const msgs = Math.max(1, b.done - a.done)
  console.log(`  ${String(b.done).padStart(6)} ${b.at.toFixed(0).padStart(7)}  ${busiest.map((t) => ((readOf(b.tables.get(t)) - readOf(a.tables.get(t))) / msgs).toFixed(0).padStart(18)).join(' ')}`)
}
console.log('  seq scans over the whole pass: ' + busiest.map((t) => `${t} ${(last.get(t)?.seq_scan ?? 0) - (first.get(t)?.seq_scan ?? 0)}`).join(', '))

if (values.json) {
  writeFileSync(
    values.json,
    JSON.stringify({
      seconds,
      summary: { berichten: summary.berichten, perUitkomst: summary.perUitkomst },
      statements: Object.fromEntries(rows),
      perKindPhase: Object.fromEntries([...perKindPhase].map(([k, m]) => [k, Object.fromEntries(m)])),
      messagesPer: Object.fromEntries(messagesPer),
      tenths: tenths.map((t) => ({ done: t.done, at: t.at, tables: Object.fromEntries(t.tables) })),
    }),
  )
}
