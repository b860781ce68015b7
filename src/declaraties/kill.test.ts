import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerClient } from '../clients/client.queries.ts'
import { openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { withActor } from '../db/scope.ts'
import type { FaultPoint } from '../shared/fault-point.ts'
import { engines } from '../test/databases.ts'
import { declaratie323 } from '../test/declaratie-scenario.ts'
import { assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'

const target = (engine: string, dir: string, url: string) => (engine === 'pglite' ? dir : url)
const open = (where: string) => openDatabase(where.startsWith('postgres') ? { url: where } : { dataDir: where })

/** Every table's row count and a digest of its rows, read as the owner (no row-level security). */
async function digest(where: string): Promise<Record<string, string>> {
  const database = await open(where)
  try {
    const { rows: tables } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(database.db)
    const out: Record<string, string> = {}
    for (const { name } of tables) {
      const { rows } = await sql<{ n: number; h: string }>`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${sql.table(name)} t`.execute(database.db)
      out[name] = `${rows[0]!.n}:${rows[0]!.h}`
    }
    return out
  } finally {
    await database.close()
  }
}

/**
 * Issue 24 §6: a 323 import killed (SIGKILL) at each point before its commit leaves every table
 * as it was, and the directory or database opens again; killed after the commit, the
 * declaration is whole, and the same file again is "al ontvangen".
 */
describe.each(engines)('a declaration import killed on %s', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'koers-kill-'))
  const file = join(dir, 'declaratie.xml')
  let where = ''
  let regionId = 0
  let drop = async () => {}
  const importOnce = (point?: FaultPoint) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/test/import-declaration.ts', where, String(regionId), file, '2027-01-06'], {
      env: { ...process.env, KOERS_FAULT_POINT: point ?? '', KOERS_LOG_LEVEL: 'error' },
      encoding: 'utf8',
    })

  beforeAll(async () => {
    let url = ''
    if (engine === 'postgres') {
      const admin = process.env.TEST_DATABASE_URL!
      const name = `koers_kill_${randomBytes(5).toString('hex')}`
      const client = new pg.Client({ connectionString: admin })
      await client.connect()
      await client.query(`create database ${name}`)
      await client.end()
      const u = new URL(admin)
      u.pathname = `/${name}`
      url = u.toString()
      drop = async () => {
        const c = new pg.Client({ connectionString: admin })
        await c.connect()
        await c.query(`drop database if exists ${name} with (force)`)
        await c.end()
      }
    }
    where = target(engine, join(dir, 'data'), url)
    const database = await open(where)
    await migrateToLatest(database.db)
    const s = await toegangScenario(database.db)
    regionId = s.region.regionId
    const regels = []
    for (const [i, bsn] of [s.bsn, '999900018', '999900031'].entries()) {
      const clientId = i === 0 ? s.clientId : (await withActor(database.db, s.team, (trx) => registerClient(trx, s.team, { bsn, birthDate: '2013-03-01', familyName: `Kind${i}`, gender: '2', postcode: '3701AC', huisnummer: 3 + i }))).id
      const t = await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: { date: '2026-11-20', time: '09:00:00' } }))
      regels.push({ ref: `K-${i}`, nummer: t.toewijzingNummer, bsn, begin: '2026-12-01', eind: '2026-12-31', volume: 2, tarief: 9000 })
    }
    writeFileSync(file, declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'KILL', nummer: 'KILL', maand: '2026-12', dagtekening: '2027-01-05', regels }))
    await database.close()
  })
  afterAll(async () => {
    await drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('leaves every table as it was when killed before the commit', async () => {
    const before = await digest(where)
    for (const point of ['declaratie.eerste-chunk', 'declaratie.copy', 'declaratie.tussen-chunks', 'declaratie.commit'] as const) {
      const killed = importOnce(point)
      expect(killed.signal, `${point}: ${killed.stderr}`).toBe('SIGKILL')
      expect(await digest(where), point).toEqual(before)
    }
  }, 300_000)

  it('keeps the whole declaration when killed after the commit, and answers the same file "al ontvangen"', async () => {
    const killed = importOnce('na-commit')
    expect(killed.signal).toBe('SIGKILL')
    const database = await open(where)
    try {
      const lines = await database.db.selectFrom('declaratie_regel').select('goedgekeurd').execute()
      expect(lines.map((l) => l.goedgekeurd)).toEqual([true, true, true])
      expect((await database.db.selectFrom('message').select('id').where('code', '=', '325').execute()).length).toBe(1)
    } finally {
      await database.close()
    }
    const again = importOnce()
    expect(again.status, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'al_ontvangen' })
  }, 300_000)
})
