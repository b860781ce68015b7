/**
 * What the prestatie checks (prestatie.rules.ts) need from the database beyond the provider's
 * toewijzingen (toewijzing-store.ts) and approved lines: the contracted tariffs of every
 * product the provider may declare (TR418), and the ReferentieNummers it used before (TR314).
 * Each takes the transaction first and runs as the receiving gemeente's message processing.
 */
import { sql } from 'kysely'
import type { ScopedDb } from '../db/scope.ts'
import type { PricedPeriod } from '../toewijzingen/verplichting.ts'

/** The sender and receiver of one 323. */
export interface DeclarationScope {
  regionId: number
  gemeenteId: number
  providerId: number
  wet: 'jeugdwet' | 'wmo'
}

/**
 * TR418: the tariffs contracted for each product of the law (by product id), for every product
 * the provider may declare — not only the toewijzingen' own: an aspecific toewijzing is
 * declared with any code of its categorie (OP302). A tariff counts from a contract whose lot in
 * the product's segment the provider was awarded for this gemeente, and only while the award
 * runs (the tariff's period is cut to the award's).
 */
export async function loadContractTariffs(trx: ScopedDb, scope: DeclarationScope): Promise<Map<number, PricedPeriod[]>> {
  const { rows } = await sql<{ product_id: number; valid_from: string; valid_to: string; amount_cents: string | number }>`
    select distinct t.product_id,
           greatest(t.valid_from, a.valid_from)::date as valid_from,
           least(t.valid_to, coalesce(a.valid_to, t.valid_to))::date as valid_to,
           t.amount_cents
    from tariff t
    join contract_lot l on l.region_id = t.region_id and l.contract_id = t.contract_id
    join product p on p.region_id = t.region_id and p.id = t.product_id and p.segment_id = l.segment_id
    join contract_award a on a.region_id = l.region_id and a.lot_id = l.id
    join contract_award_gemeente ag on ag.award_id = a.id
    where t.region_id = ${scope.regionId} and p.wet = ${scope.wet} and a.provider_id = ${scope.providerId} and ag.gemeente_id = ${scope.gemeenteId}
      and a.valid_from <= t.valid_to and (a.valid_to is null or a.valid_to >= t.valid_from)
    order by t.product_id, valid_from`.execute(trx)
  const tariffs = new Map<number, PricedPeriod[]>()
  for (const r of rows) {
    const list = tariffs.get(r.product_id) ?? []
    list.push({ validFrom: r.valid_from, validTo: r.valid_to, amountCents: Number(r.amount_cents) })
    tariffs.set(r.product_id, list)
  }
  return tariffs
}

/**
 * TR314 (8021): which of `referentieNummers` the provider already used in this law toward this
 * gemeente — on any prestatie of a declaration that was processed (approved or rejected; a
 * message refused as a whole keeps no lines: it counts as not sent, OP286, IV087), including the
 * lines of the message in hand that are already written. One query per chunk of a streamed
 * 323, so memory holds a chunk's numbers, not the provider's history.
 *
 * Reading: the gemeente checks what it received; another gemeente's lines are not its to read.
 */
export async function knownReferenties(trx: ScopedDb, scope: DeclarationScope, referentieNummers: readonly string[]): Promise<Set<string>> {
  if (referentieNummers.length === 0) return new Set()
  const rows = await trx
    .selectFrom('declaratie_regel')
    .select('referentie_nummer')
    .distinct()
    .where('region_id', '=', scope.regionId)
    .where('gemeente_id', '=', scope.gemeenteId)
    .where('provider_id', '=', scope.providerId)
    .where('wet', '=', scope.wet)
    .where('referentie_nummer', '=', sql<string>`any(${[...new Set(referentieNummers)]}::text[])`)
    .execute()
  return new Set(rows.map((r) => r.referentie_nummer))
}

/**
 * TR318: the first day in `[from, to]` on which, by the provider's own 305s and 307s, care ran
 * on a toewijzing of this scope — a start not removed, begun by `to`, without a stop (of any
 * reason, the temporary one included) ending it before `from`, on a toewijzing that had not
 * ended before `from`. Null when no care ran.
 */
export async function firstDayWithCare(trx: ScopedDb, s: DeclarationScope, from: string, to: string): Promise<string | null> {
  const { rows } = await sql<{ dag: string | null }>`
    select to_char(min(greatest(cs.begindatum, ${from}::date)), 'YYYY-MM-DD') as dag
    from care_start cs join toewijzing t on t.region_id = cs.region_id and t.id = cs.toewijzing_id
      -- OP095: the toewijzing as sent to the provider (exchange/known-to-provider.ts); care ends with it.
      join toewijzing_version b on b.toewijzing_id = t.id and b.version = t.sent_version
    where cs.region_id = ${s.regionId} and cs.gemeente_id = ${s.gemeenteId} and cs.provider_id = ${s.providerId} and t.wet = ${s.wet}
      and cs.removed_by_message_id is null and cs.begindatum <= ${to}::date and b.einddatum >= ${from}::date
      and not exists (select 1 from care_stop x where x.region_id = cs.region_id and x.start_id = cs.id
                        and x.removed_by_message_id is null and x.einddatum < ${from}::date)`.execute(trx)
  return rows[0]?.dag ?? null
}
