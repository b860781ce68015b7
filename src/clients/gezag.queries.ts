/**
 * Who holds authority (gezag) over a jeugdige: OP001 "Van een client wordt vastgelegd wie de
 * gezagsdrager is" — from 16 the jeugdige may hold it; OP002: the gemeente sends the
 * gezagsdrager in the iJw 301 as a Relatie of the client (toewijzingen/toewijzing.queries.ts).
 */
import type { Actor } from '../auth/actor.ts'
import { auditReads } from '../auth/audit.queries.ts'
import type { ScopedDb } from '../db/scope.ts'
import { AppError } from '../shared/errors.ts'
import { ageOn, type CalendarDate, today } from '../shared/dates.ts'
import { type GezagInput, gezagInputSchema } from './client.schema.ts'

export interface Gezagsdrager {
  nummer: number
  soort: '10' | '11'
  achternaam: string
  voorvoegsel: string
  voorletters: string
  organisatie: boolean
  postcode: string | null
  huisnummer: number | null
  telefoon: string | null
}
export interface Gezag {
  gezagBijClient: boolean
  gezagsdragers: Gezagsdrager[]
}

async function ownClient(trx: ScopedDb, actor: Actor, clientId: number) {
  const client = await trx.selectFrom('client').select(['id', 'gemeente_id', 'birth_date', 'gezag_bij_client', 'pseudonym']).where('id', '=', clientId).executeTakeFirst()
  if (!client || (actor.gemeenteId !== null && client.gemeente_id !== actor.gemeenteId)) throw new AppError('client.not_found', 'client not found')
  return client
}

/**
 * The gezag as the client file shows it: names, addresses and telephone numbers of the
 * gezagsdragers are personal data, so the read is audited (`client.gezag`, ADR 0020).
 */
export async function readGezag(trx: ScopedDb, actor: Actor, clientId: number): Promise<Gezag> {
  const client = await ownClient(trx, actor, clientId)
  await auditReads(trx, actor, [{ action: 'client.gezag', subjectType: 'client', subjectId: client.id, gemeenteId: client.gemeente_id, clientPseudonym: client.pseudonym }])
  return loadGezag(trx, clientId)
}

/** The client's current gezag: who holds it, or the client itself (unaudited: for the 301 and the writer). */
export async function loadGezag(trx: ScopedDb, clientId: number): Promise<Gezag> {
  const [client, rows] = await Promise.all([
    trx.selectFrom('client').select('gezag_bij_client').where('id', '=', clientId).executeTakeFirst(),
    trx.selectFrom('gezagsdrager').selectAll().where('client_id', '=', clientId).where('actief', '=', true).orderBy('nummer').execute(),
  ])
  if (!client) throw new AppError('client.not_found', 'client not found')
  return {
    gezagBijClient: client.gezag_bij_client,
    gezagsdragers: rows.map((r) => ({ nummer: r.nummer, soort: r.soort, achternaam: r.achternaam, voorvoegsel: r.voorvoegsel, voorletters: r.voorletters, organisatie: r.organisatie, postcode: r.postcode, huisnummer: r.huisnummer, telefoon: r.telefoon })),
  }
}

/**
 * Records who holds authority over the client (OP001). A relation keeps its number (OP071); one
 * left out is kept inactive, so its number is never given to another person.
 */
export async function setGezag(trx: ScopedDb, actor: Actor, clientId: number, raw: GezagInput, on: CalendarDate = today()): Promise<Gezag> {
  const input = gezagInputSchema.parse(raw)
  const client = await ownClient(trx, actor, clientId)
  if (input.gezagBijClient && ageOn(client.birth_date, on) < 16) {
    throw new AppError('gezag.client_too_young', 'OP001: het gezag kan pas vanaf 16 jaar bij de jeugdige zelf liggen', [{ path: 'gezagBijClient', rule: 'OP001', message: 'jonger dan 16' }])
  }
  const existing = await trx.selectFrom('gezagsdrager').select(['id', 'nummer']).where('client_id', '=', clientId).execute()
  const byNummer = new Map(existing.map((e) => [e.nummer, e.id]))
  let next = existing.reduce((max, e) => Math.max(max, e.nummer), 0)
  const kept = new Set<number>()
  for (const g of input.gezagsdragers) {
    const fields = { soort: g.soort, achternaam: g.achternaam, voorvoegsel: g.voorvoegsel, voorletters: g.voorletters, organisatie: g.organisatie, postcode: g.postcode ?? null, huisnummer: g.huisnummer ?? null, telefoon: g.telefoon ?? null, actief: true }
    if (g.nummer !== undefined) {
      const id = byNummer.get(g.nummer)
      if (id === undefined) throw new AppError('gezag.relation_unknown', `OP071: de cliënt heeft geen relatie met nummer ${g.nummer}`, [{ path: 'gezagsdragers', rule: 'OP071', message: 'onbekend nummer' }])
      await trx.updateTable('gezagsdrager').set(fields).where('id', '=', id).execute()
      kept.add(g.nummer)
    } else {
      next += 1
      await trx.insertInto('gezagsdrager').values({ region_id: actor.regionId, gemeente_id: client.gemeente_id, client_id: clientId, nummer: next, ...fields }).execute()
      kept.add(next)
    }
  }
  const dropped = existing.filter((e) => !kept.has(e.nummer)).map((e) => e.id)
  if (dropped.length > 0) await trx.updateTable('gezagsdrager').set({ actief: false }).where('id', 'in', dropped).execute()
  await trx.updateTable('client').set({ gezag_bij_client: input.gezagBijClient }).where('id', '=', clientId).execute()
  return loadGezag(trx, clientId)
}
