/**
 * Clients: a resident with a BSN, the gemeente responsible (woonplaatsbeginsel) and a birth
 * date. Outside the case file a client is known only by its pseudonym.
 */
import { randomBytes } from 'node:crypto'
import { type Insertable, sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import { auditReads } from '../auth/audit.queries.ts'
import type { ScopedDb } from '../db/scope.ts'
import type { DB } from '../db/schema.ts'
import { refusingConstraints } from '../db/errors.ts'
import { today } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { suppressSmallCount } from '../shared/suppress.ts'
import { bsnSchema, calendarDate } from '../shared/request.schema.ts'
import { huisnummerSchema, postcodeSchema } from './client.schema.ts'

export { huisnummerSchema, postcodeSchema }



export const clientInputSchema = z.object({
  bsn: bsnSchema,
  birthDate: calendarDate,
  /** The 301 carries the name and gender (CDT_VolledigeNaam, LDT_Geslacht). */
  familyName: z.string().trim().min(1).max(200),
  namePrefix: z.string().trim().max(10).default(''),
  /** LDT_Voorletters: letters only, no dots ("JP", not "J.P."). */
  initials: z.string().trim().regex(/^[a-zA-ZÀ-ỳ]{0,6}$/, 'initials are up to 6 letters without dots').default(''),
  gender: z.enum(['0', '1', '2']).default('0'),
  /** CBS wijk code, for the preferred supplier per wijk. */
  wijkCode: z.string().regex(/^WK[0-9]{6}$/, 'a wijk code is WK plus 6 digits').nullable().default(null),
  /** OP252/IV009: which part of a (partly) unknown birth date is reliable (LDT_DatumGebruik); null when it is known. */
  datumGebruik: z.enum(['1', '2', '3']).nullable().default(null),
  /** BRP address as far as the 301 needs it (CD034). */
  postcode: postcodeSchema.nullable().default(null),
  huisnummer: huisnummerSchema.nullable().default(null),
  /** IV047: 01 BRP-adres, 02 correspondentie-adres when the BRP holds only a briefadres, 03 verblijfadres. */
  adresSoort: z.enum(['01', '02', '03']).default('01'),
  /** Defaults to the lokaal team's own gemeente. */
  gemeenteId: z.number().int().positive().optional(),
}).superRefine((c, ctx) => {
  const problem = datumGebruikProblem(c.birthDate, c.datumGebruik)
  if (problem) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: problem })
})

/**
 * IV009: the unknown parts of a birth date are 01 (day, month) or 1900 (year) — `1953-01-01`
 * with DatumGebruik 2 is "born in 1953", `1900-01-01` with 3 is wholly unknown (CS139).
 */
export function datumGebruikProblem(datum: string, gebruik: '1' | '2' | '3' | null): string | null {
  if (gebruik === '1' && !datum.endsWith('-01')) return 'bij een onbekende geboortedag is de dag 01 (IV009)'
  if (gebruik === '2' && !datum.endsWith('-01-01')) return 'bij een onbekende geboortedag en -maand is de datum 1 januari van het jaar (IV009)'
  if (gebruik === '3' && datum !== '1900-01-01') return 'een geheel onbekende geboortedatum is 01-01-1900 (IV009)'
  return null
}
export type ClientInput = z.input<typeof clientInputSchema>

const PSEUDONYM_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A random 12-character pseudonym (62 bits); not derived from the BSN, so it reveals nothing. */
export function newPseudonym(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(12)
  let out = ''
  for (const b of bytes) out += PSEUDONYM_ALPHABET[b % PSEUDONYM_ALPHABET.length]
  return out
}

export interface RegisteredClient {
  id: number
  pseudonym: string
}

/**
 * Registers a client in the actor's gemeente; a lokaal team cannot register for another. The BSN
 * is unique within the gemeente (client.bsn_taken), not the region: a resident who moves is
 * registered by the gemeente now responsible, and nothing tells its lokaal team that another
 * gemeente knows the BSN (migration 0015, issue 17 §4).
 */
export async function registerClient(trx: ScopedDb, actor: Actor, raw: ClientInput): Promise<RegisteredClient> {
  const input = clientInputSchema.parse(raw)
  const gemeenteId = input.gemeenteId ?? actor.gemeenteId
  if (gemeenteId === null || gemeenteId === undefined) {
    throw new AppError('client.gemeente_required', 'the responsible gemeente is required', [{ path: 'gemeenteId', message: 'required' }])
  }
  if (actor.gemeenteId !== null && gemeenteId !== actor.gemeenteId) {
    throw new AppError('client.other_gemeente', 'a lokaal team registers residents of its own gemeente only')
  }
  if (input.birthDate > today()) {
    throw new AppError('client.birth_date_future', 'the birth date lies in the future', [{ path: 'birthDate', message: 'in the future' }])
  }
  return refusingConstraints(async () =>
    trx
      .insertInto('client')
      .values({
        region_id: actor.regionId,
        gemeente_id: gemeenteId,
        bsn: input.bsn,
        birth_date: input.birthDate,
        datum_gebruik: input.datumGebruik,
        adres_soort: input.adresSoort,
        family_name: input.familyName,
        name_prefix: input.namePrefix,
        initials: input.initials,
        gender: input.gender,
        wijk_code: input.wijkCode,
        postcode: input.postcode,
        huisnummer: input.huisnummer,
        pseudonym: newPseudonym(),
      })
      .returning(['id', 'pseudonym'])
      .executeTakeFirstOrThrow(),
  )
}

/**
 * A registration refused with client.bsn_taken told the lokaal team that the resident is already
 * its gemeente's client: a look at personal data, logged as a search is. The refusal rolled its
 * own transaction back, so the caller runs this in a transaction of its own.
 */
export async function auditRefusedRegistration(trx: ScopedDb, actor: Actor, raw: ClientInput): Promise<void> {
  const input = clientInputSchema.parse(raw)
  const gemeenteId = input.gemeenteId ?? actor.gemeenteId
  if (gemeenteId === null) return
  const existing = await trx.selectFrom('client').select(['id', 'pseudonym']).where('gemeente_id', '=', gemeenteId).where('bsn', '=', input.bsn).executeTakeFirst()
  await auditReads(trx, actor, [{ action: 'client.register_taken', subjectType: 'client', subjectId: existing?.id ?? null, gemeenteId, clientPseudonym: existing?.pseudonym ?? null }])
}

export interface ClientCount {
  gemeenteId: number
  /** Null when suppressed (1–4 clients). */
  clients: number | null
}

/**
 * Clients per gemeente of the region. Counted by the security-definer function
 * `koers_client_counts` (migration 0003): aggregate figures for roles that may not read
 * client rows; gemeente roles get their own gemeente only.
 */
export async function countClientsPerGemeente(trx: ScopedDb, actor: Actor): Promise<ClientCount[]> {
  const { rows } = await sql<{ gemeente_id: number; clients: number }>`select gemeente_id, clients from koers_client_counts()`.execute(trx)
  return rows
    .filter((r) => actor.gemeenteId === null || r.gemeente_id === actor.gemeenteId)
    .map((r) => ({ gemeenteId: r.gemeente_id, clients: suppressSmallCount(r.clients) }))
}

/** A client's person data as a message carries it (a 315's, a 301's): what registers it when new. */
export type MessagePerson = Omit<Insertable<DB['client']>, 'id' | 'region_id' | 'gemeente_id' | 'bsn' | 'pseudonym'>

/**
 * The gemeente's client with this BSN (another gemeente's record of the same BSN is not this
 * one's, migration 0015), registered with a new pseudonym from a message's person data when it
 * is new. `refresh`: a known client's person data become the message's (a back office's 301 is
 * what the gemeente knows now, ADR 0028).
 */
export async function clientOfMessage(trx: ScopedDb, actor: Actor, gemeenteId: number, bsn: string, person: MessagePerson, options: { refresh?: boolean } = {}): Promise<number> {
  const known = await trx.selectFrom('client').select('id').where('gemeente_id', '=', gemeenteId).where('bsn', '=', bsn).executeTakeFirst()
  if (known) {
    if (options.refresh) await trx.updateTable('client').set(person).where('id', '=', known.id).execute()
    return known.id
  }
  const row = await refusingConstraints(() =>
    trx.insertInto('client').values({ ...person, region_id: actor.regionId, gemeente_id: gemeenteId, bsn, pseudonym: newPseudonym() }).returning('id').executeTakeFirstOrThrow(),
  )
  return row.id
}

// 18 columns × 1,000 rows stays far below PostgreSQL's 65,535 bind-parameter limit.
const CLIENT_CHUNK = 1_000

/** Registers many clients of one gemeente at once (demo, imports): same checks, chunked inserts. */
export async function registerClients(trx: ScopedDb, actor: Actor, raws: readonly ClientInput[]): Promise<number> {
  const rows = raws.map((raw, index) => {
    const parsed = clientInputSchema.safeParse(raw)
    if (!parsed.success) {
      throw new AppError('import.row_invalid', `client ${index + 1}: ${parsed.error.issues[0]!.message}`)
    }
    const gemeenteId = parsed.data.gemeenteId ?? actor.gemeenteId
    if (gemeenteId === null || gemeenteId === undefined || (actor.gemeenteId !== null && gemeenteId !== actor.gemeenteId)) {
      throw new AppError('client.other_gemeente', `client ${index + 1}: a lokaal team registers residents of its own gemeente only`)
    }
    return {
      region_id: actor.regionId,
      gemeente_id: gemeenteId,
      bsn: parsed.data.bsn,
      birth_date: parsed.data.birthDate,
      datum_gebruik: parsed.data.datumGebruik,
      adres_soort: parsed.data.adresSoort,
      family_name: parsed.data.familyName,
      name_prefix: parsed.data.namePrefix,
      initials: parsed.data.initials,
      gender: parsed.data.gender,
      wijk_code: parsed.data.wijkCode,
      postcode: parsed.data.postcode,
      huisnummer: parsed.data.huisnummer,
      pseudonym: newPseudonym(),
    }
  })
  for (let i = 0; i < rows.length; i += CLIENT_CHUNK) {
    await refusingConstraints(() => trx.insertInto('client').values(rows.slice(i, i + CLIENT_CHUNK)).execute())
  }
  return rows.length
}
