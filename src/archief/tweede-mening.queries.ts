/** The facts of the second opinion, through `koers_tweede_mening` (migration 0022): no client in it, so the region's team reads it too. */
import { sql } from 'kysely'
import type { ScopedDb } from '../db/scope.ts'
import { today } from '../shared/dates.ts'
import type { AntwoordFeit, RegelFeit, RetourFeit, TermijnAntwoordFeit } from './tweede-mening.rules.ts'

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

const datum = (d: string | Date | null): string | null => (d === null ? null : d instanceof Date ? today(d) : String(d).slice(0, 10))

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

const codes = (v: string[] | string | null): string[] => (v === null ? [] : Array.isArray(v) ? v : String(v).replace(/^\{|\}$/g, '').split(',').filter((c) => c !== ''))

/** The prestaties on which the back office's 325 and the standard differ, through `koers_tweede_mening_regels` (migration 0030): the client only as a pseudonym, and that only for a gemeente and a provider. */
export async function regelFeiten(trx: ScopedDb): Promise<RegelFeit[]> {
  const { rows } = await sql<{ declaratie_id: number; gemeente_id: number; provider_id: number; wet: 'jeugdwet' | 'wmo'; maand: string; declaratie_nummer: string; referentie_nummer: string | null; pseudoniem: string | null; productcategorie: string; productcode: string | null; begindatum: string; einddatum: string; bedrag_cents: string | number; goedgekeurd: boolean; koers_goedgekeurd: boolean; retour_codes: string[]; koers_retour_codes: string[] }>`
    select * from koers_tweede_mening_regels() order by provider_id, maand, declaratie_id, begindatum, referentie_nummer`.execute(trx)
  return rows.map((r) => ({
    declaratieId: r.declaratie_id,
    gemeenteId: r.gemeente_id,
    providerId: r.provider_id,
    wet: r.wet,
    maand: datum(r.maand)!,
    declaratieNummer: r.declaratie_nummer,
    referentieNummer: r.referentie_nummer,
    pseudoniem: r.pseudoniem,
    productcategorie: r.productcategorie,
    productcode: r.productcode,
    begindatum: datum(r.begindatum)!,
    einddatum: datum(r.einddatum)!,
    bedragCents: Number(r.bedrag_cents),
    goedgekeurd: r.goedgekeurd,
    retourCodes: codes(r.retour_codes),
    koersGoedgekeurd: r.koers_goedgekeurd,
    koersRetourCodes: codes(r.koers_retour_codes),
  }))
}

/** The 305/307/315/317 the back office answered with its retour, with both its codes and Koers', through `koers_tweede_mening_retours` (migration 0030). */
export async function retourFeiten(trx: ScopedDb): Promise<RetourFeit[]> {
  const { rows } = await sql<{ gemeente_id: number; provider_id: number; wet: 'jeugdwet' | 'wmo'; maand: string; heen_code: RetourFeit['heenCode']; identificatie: string; ontvangen: string; beantwoord: string; retour_code: string; retour_codes: string[]; koers_retour_codes: string[] }>`
    select * from koers_tweede_mening_retours() order by provider_id, maand, ontvangen, heen_code, identificatie`.execute(trx)
  return rows.map((r) => ({
    gemeenteId: r.gemeente_id,
    providerId: r.provider_id,
    wet: r.wet,
    maand: datum(r.maand)!,
    heenCode: r.heen_code,
    identificatie: r.identificatie,
    ontvangen: datum(r.ontvangen)!,
    beantwoord: datum(r.beantwoord)!,
    retourCode: r.retour_code,
    retourCodes: codes(r.retour_codes),
    koersRetourCodes: codes(r.koers_retour_codes),
  }))
}
