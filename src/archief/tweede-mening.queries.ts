/** The facts of the second opinion, through `koers_tweede_mening` (migration 0022): no client in it, so the region's team reads it too. */
import { sql } from 'kysely'
import type { ScopedDb } from '../db/scope.ts'
import type { AntwoordFeit, TermijnAntwoordFeit } from './tweede-mening.rules.ts'

export async function antwoordFeiten(trx: ScopedDb): Promise<AntwoordFeit[]> {
  const { rows } = await sql<{ gemeente_id: number; provider_id: number; maand: string; ontvangen: string; beantwoord: string; afgewezen_regels: number; afgewezen_cents: string | number; goedgekeurd_regels: number; goedgekeurd_cents: string | number }>`
    select gemeente_id, provider_id, maand, ontvangen, beantwoord, afgewezen_regels, afgewezen_cents, goedgekeurd_regels, goedgekeurd_cents
    from koers_tweede_mening() order by declaratie_id`.execute(trx)
  return rows.map((r) => ({
    gemeenteId: r.gemeente_id,
    providerId: r.provider_id,
    maand: String(r.maand).slice(0, 10),
    ontvangen: String(r.ontvangen).slice(0, 10),
    beantwoord: String(r.beantwoord).slice(0, 10),
    afgewezenRegels: Number(r.afgewezen_regels),
    afgewezenCents: Number(r.afgewezen_cents),
    goedgekeurdRegels: Number(r.goedgekeurd_regels),
    goedgekeurdCents: Number(r.goedgekeurd_cents),
  }))
}

const datum = (d: string | Date | null): string | null => (d === null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10))

/** The requests and messages the back office answered, with the dates their terms run from, through `koers_tweede_mening_termijnen` (migration 0026): no client in it either. */
export async function termijnAntwoordFeiten(trx: ScopedDb): Promise<TermijnAntwoordFeit[]> {
  const { rows } = await sql<{ soort: 'verzoek' | 'retour_gemeente'; gemeente_id: number; provider_id: number; maand: string; gebeurtenis: string; tweede_datum: string | null; in_onderzoek: string | null; antwoord: string | null; woonplaatsbeginsel: boolean }>`
    select soort, gemeente_id, provider_id, maand, gebeurtenis, tweede_datum, in_onderzoek, antwoord, woonplaatsbeginsel
    from koers_tweede_mening_termijnen() order by maand, provider_id, gebeurtenis`.execute(trx)
  return rows.map((r) => ({
    soort: r.soort,
    gemeenteId: r.gemeente_id,
    providerId: r.provider_id,
    maand: datum(r.maand)!,
    ontvangen: datum(r.gebeurtenis)!,
    dagtekening: datum(r.tweede_datum),
    inOnderzoek: datum(r.in_onderzoek),
    antwoord: datum(r.antwoord),
    woonplaatsbeginsel: r.woonplaatsbeginsel === true,
  }))
}
