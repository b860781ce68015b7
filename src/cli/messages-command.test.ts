import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { main } from './main.ts'
import { istandaardenDir } from '../istandaarden/testing/shared-dir.ts'

async function koers(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true))
  try {
    const status = await main(args, (s) => (stdout += s))
    return { status, stdout, stderr }
  } finally {
    spy.mockRestore()
  }
}

const dir = mkdtempSync(join(tmpdir(), 'koers-messages-'))
afterAll(() => rmSync(dir, { recursive: true }))
const examples = join(istandaardenDir(), 'ijw-3.2/examples')

describe('koers messages validate', () => {
  it('says ok per valid message and exits 0', async () => {
    const r = await koers('messages', 'validate', join(examples, 'JW301.xml'), join(examples, 'JW323.xml'))
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('JW301.xml: ok (JW301, 2 × ToegewezenProduct)')
    expect(r.stdout).toContain('JW323.xml: ok (JW323, 5 × Prestatie, 2 × Client)')
    expect(r.stdout).toContain('2 of 2 messages valid')
  })

  it('lists each violation with rule, retourcode and line:column, and exits 1', async () => {
    const r = await koers('messages', 'validate', join(examples, 'invalid'))
    expect(r.status).toBe(1)
    expect(r.stdout).toContain("44:5 XSD-TYPE (retourcode 0001) Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum: '2027-06-31' is not a date")
    expect(r.stdout).toContain('33:4 XSD-UNEXPECTED (retourcode 0001) Bericht/Client/Verzoek/RetourCode')
    expect(r.stdout).toContain('0 of 2 messages valid')
  })

  it('refuses hostile input with a position, and never shows a BSN', async () => {
    const bomb = join(dir, 'bomb.xml')
    writeFileSync(bomb, '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "a"><!ENTITY b "&a;&a;">]>\n<r>&b;</r>')
    const badBsn = join(dir, 'bsn.xml')
    const { readFileSync } = await import('node:fs')
    writeFileSync(badBsn, readFileSync(join(examples, 'JW305.xml'), 'utf8').replace('999900006', '99990000x'))
    const r = await koers('messages', 'validate', bomb, badBsn)
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/bomb\.xml: invalid[^\n]*\n {2}2:1 XML \(retourcode 0001\) a DOCTYPE is not allowed/)
    expect(r.stdout).toContain('XSD-PATTERN (retourcode 0001) Bericht/Client/Bsn')
    expect(r.stdout).not.toContain('99990000')
  })

  it('exits 2 on usage errors', async () => {
    expect((await koers('messages', 'validate')).status).toBe(2)
    expect((await koers('messages', 'validate', join(dir, 'missing.xml'))).stderr).toContain('no such file or directory')
    expect((await koers('messages', 'frobnicate')).status).toBe(2)
    expect((await koers('messages', 'validate', '--strict', 'x')).stderr).toContain("unknown option '--strict'")
    expect((await koers('messages', '--help')).status).toBe(0)
  })
})

describe('koers messages show', () => {
  it('summarises a declaration: sender, receiver, counts and totals, without BSNs', async () => {
    const r = await koers('messages', 'show', join(examples, 'JW323.xml'))
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/message\s+JW323 — Declaratie \(iJw, Jeugdwet 3\.2\)/)
    expect(r.stdout).toMatch(/sender\s+aanbieder AGB 65656055/)
    expect(r.stdout).toMatch(/receiver\s+gemeente 0384/)
    expect(r.stdout).toMatch(/total declared\s+€\s790,00 \(header\)/)
    expect(r.stdout).toMatch(/clients\s+2/)
    expect(r.stdout).toMatch(/Prestatie\s+5/)
    expect(r.stdout).not.toContain('999900006')
  })

  it('summarises a toewijzing from the gemeente', async () => {
    const r = await koers('messages', 'show', join(examples, 'JW301.xml'))
    expect(r.stdout).toMatch(/sender\s+gemeente 0384/)
    expect(r.stdout).toMatch(/ToegewezenProduct\s+2/)
  })
})

describe('koers messages import and export of declarations', () => {
  it('streams a 323 from its file into the database and exports the 325', async () => {
    const { openDatabase } = await import('../db/database.ts')
    const { migrateToLatest } = await import('../db/migrate.ts')
    const { withActor } = await import('../db/scope.ts')
    const { assessment, toegangScenario } = await import('../test/toegang-scenario.ts')
    const { issueToewijzing } = await import('../toewijzingen/toewijzing.queries.ts')
    const { declaratie323 } = await import('../test/declaratie-scenario.ts')
    const dataDir = join(dir, 'db-import')
    const database = await openDatabase({ dataDir })
    await migrateToLatest(database.db)
    const s = await toegangScenario(database.db)
        const t = await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-10-01', einddatum: '2026-12-31', omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: { date: '2026-09-20', time: '09:00:00' } }))
    await database.close()
    const regels = [
      { ref: 'C1', nummer: t.toewijzingNummer, bsn: s.bsn, begin: '2026-10-01', eind: '2026-10-31', volume: 2, tarief: 9000 },
      // November in October's declaration: refused (TR319).
      { ref: 'C2', nummer: t.toewijzingNummer, bsn: s.bsn, begin: '2026-11-01', eind: '2026-11-30', volume: 1, tarief: 9000 },
    ]
    const file = join(dir, 'declaratie.xml')
    writeFileSync(file, declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'CLI1', nummer: 'CLI1', maand: '2026-10', dagtekening: '2026-11-03', regels }))
    const previous = process.env.KOERS_DATA_DIR
    process.env.KOERS_DATA_DIR = dataDir
    try {
      const imported = await koers('messages', 'import', file)
      expect(imported.stdout).toContain('JW323 CLI1 verwerkt')
      expect(imported.stdout).toContain('1 van 2 prestaties goedgekeurd')
      expect(imported.stdout).toContain('retourcodes 9319')
      expect(imported.stdout).not.toContain(s.bsn)
      const out = join(dir, 'outbox')
      const exported = await koers('messages', 'export', out)
      expect(exported.stdout).toMatch(/JW325/)
    } finally {
      if (previous === undefined) delete process.env.KOERS_DATA_DIR
      else process.env.KOERS_DATA_DIR = previous
    }
  }, 60_000)
})

describe('koers messages import of a directory', () => {
  it('answers each file for itself, follows a symbolic link to a file, names a broken one, and sums up', async () => {
    const { symlinkSync, mkdirSync } = await import('node:fs')
    const { openDatabase } = await import('../db/database.ts')
    const { migrateToLatest } = await import('../db/migrate.ts')
    const { newRegion } = await import('../test/factory.ts')
    const dataDir = join(dir, 'db-directory')
    const database = await openDatabase({ dataDir })
    await migrateToLatest(database.db)
    await newRegion(database.db)
    await database.close()
    const inbox = join(dir, 'inbox')
    mkdirSync(inbox)
    writeFileSync(join(inbox, 'a-kapot.xml'), 'geen xml')
    // The official example comes from a provider that is not in this region: refused, storing nothing.
    writeFileSync(join(inbox, 'b-onbekend.xml'), readFileSync(join(examples, 'JW305.xml')))
    symlinkSync(join(inbox, 'b-onbekend.xml'), join(inbox, 'c-link.xml'))
    symlinkSync(join(dir, 'bestaat-niet.xml'), join(inbox, 'd-weg.xml'))
    const previous = process.env.KOERS_DATA_DIR
    process.env.KOERS_DATA_DIR = dataDir
    try {
      const r = await koers('messages', 'import', inbox)
      expect(r.status).toBe(1)
      expect(r.stdout).toContain(`${join(inbox, 'd-weg.xml')}: skipped — a symbolic link that leads nowhere`)
      expect(r.stdout).toContain(`${join(inbox, 'a-kapot.xml')}: unreadable file`)
      expect(r.stdout).toContain(`${join(inbox, 'b-onbekend.xml')}: refused — JW305: de afzender`)
      expect(r.stdout).toContain(`${join(inbox, 'c-link.xml')}: refused — JW305: de afzender`)
      expect(r.stdout).toContain('3 message file(s): 1 onleesbaar, 2 refused, 1 skipped')
    } finally {
      if (previous === undefined) delete process.env.KOERS_DATA_DIR
      else process.env.KOERS_DATA_DIR = previous
    }
  }, 60_000)
})
