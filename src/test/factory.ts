/**
 * Scenario factories: build regions, gemeenten, segments and users through the real code,
 * so tests start from states the product itself can reach.
 */
import type { Actor, Role } from '../auth/actor.ts'
import { createUser } from '../auth/session.queries.ts'
import type { Database } from '../db/database.ts'
import { withActor } from '../db/scope.ts'
import { createSegment } from '../segments/segment.queries.ts'
import type { Instruments } from '../segments/instruments.schema.ts'

let counter = 0
const next = () => ++counter

export const defaultInstruments: Instruments = {
  toegang: { allowedReferrers: ['01', '02'], allocatedBy: 'lokaal_team', maxMonths: { ontwikkeling: 9, stabiliteit: 36 }, longerWithJustification: true, usesProfiles: false, triage: '' },
  bekostiging: { variants: ['inspanningsgericht', 'outputgericht'], budgetCeilingCentsPerYear: null, availabilityFundingCentsPerYear: null, notes: '' },
  contract: { startDate: '2027-01-01', initialYears: 4, extensionOptions: [1, 1], openToNewProviders: true, maxProviders: null, acceptanceDuty: false },
  leveranciersmanagement: { scorecard: ['instroom', 'uitval'], conversationCadence: 'halfjaarlijks', t3Months: 6, notes: '' },
}

export interface TestRegion {
  regionId: number
  gemeenten: { id: number; cbsCode: string; name: string }[]
  actor(role: Role, scope?: { gemeenteId?: number; providerId?: number }): Actor
}

/** A region with two gemeenten (Zeist and Bunnik by default). */
export async function newRegion(db: Database, gemeenten: [string, string][] = [['0355', 'Zeist'], ['0312', 'Bunnik']]): Promise<TestRegion> {
  const n = next()
  const { id: regionId } = await db.insertInto('region').values({ code: `test-${n}-${Date.now() % 100000}`, name: `Testregio ${n}` }).returning('id').executeTakeFirstOrThrow()
  const rows = []
  for (const [cbsCode, name] of gemeenten) {
    const row = await db.insertInto('gemeente').values({ region_id: regionId, cbs_code: cbsCode, name, population: 10_000 }).returning(['id', 'cbs_code', 'name']).executeTakeFirstOrThrow()
    rows.push({ id: row.id, cbsCode: row.cbs_code, name: row.name })
  }
  return {
    regionId,
    gemeenten: rows,
    actor: (role, scope = {}) => ({ userId: null, name: `test-${role}`, role, regionId, gemeenteId: scope.gemeenteId ?? null, providerId: scope.providerId ?? null }),
  }
}

export async function newSegment(db: Database, region: TestRegion, overrides: Partial<{ wet: 'jeugdwet' | 'wmo'; code: string; instruments: Instruments }> = {}): Promise<number> {
  return withActor(db, region.actor('regio'), (trx) =>
    createSegment(trx, region.regionId, {
      wet: overrides.wet ?? 'jeugdwet',
      code: overrides.code ?? `segment-${next()}`,
      name: 'Testsegment',
      instruments: overrides.instruments ?? defaultInstruments,
    }),
  )
}

export async function newUser(db: Database, region: TestRegion, role: Role, scope: { gemeenteId?: number; providerId?: number } = {}, password = 'correct horse battery'): Promise<{ username: string; password: string }> {
  const username = `user${next()}.${role.replace('_', '')}`
  await createUser(db, { regionId: region.regionId, username, displayName: username, password, role, gemeenteId: scope.gemeenteId ?? null, providerId: scope.providerId ?? null })
  return { username, password }
}
