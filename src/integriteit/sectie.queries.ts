/**
 * The integrity and financial-health section of a provider (issue 21 §5): one query function
 * the account dossier (issue 20) can call, and the rows of its CSV/XLSX export until then.
 */
import type { Actor } from '../auth/actor.ts'
import { can } from '../auth/permissions.ts'
import type { ScopedDb } from '../db/scope.ts'
import { formatDate, formatEuro, formatNumber, formatPercent } from '../shared/format-nl.ts'
import { type GeldendeMaxWinst, type Ratios, geldendeMaxWinst, maxWinstTekst, signaalSoortLabels, winstBovenMaximum } from './integriteit.rules.ts'
import { type Jaarrekening, type Registratie, type Vergelijking, contractMaxima, integriteitInstelling, listJaarrekeningen, listRegistraties, providerInScope, segmentVergelijking } from './register.queries.ts'
import { type IntegriteitSignaal, betalingOpgeschort, listIntegriteitSignalen } from './signaal.queries.ts'

/**
 * An annual account with the profit maximum it is held against (the lowest of the provider's
 * contracts running that year, or the region's setting) and whether its profit is above it.
 */
export interface SectieJaarrekening extends Jaarrekening {
  maxWinst: GeldendeMaxWinst & { tekst: string; boven: boolean }
}

export interface IntegriteitSectie {
  provider: { id: number; name: string; kvkNumber: string }
  registraties: Registratie[]
  jaarrekeningen: SectieJaarrekening[]
  vergelijking: Vergelijking[]
  /** The signals about the provider; empty for a provider itself (they are internal). */
  signalen: IntegriteitSignaal[]
  betalingOpschorten: boolean
}

export async function integriteitSectie(trx: ScopedDb, actor: Actor, providerId: number): Promise<IntegriteitSectie> {
  const provider = await providerInScope(trx, actor, providerId)
  const internal = can(actor, 'integriteitsignaal.read')
  const [registraties, accounts, vergelijking, signalen, opgeschort, instelling, maxima] = [
    await listRegistraties(trx, actor, providerId),
    await listJaarrekeningen(trx, actor, [providerId]),
    await segmentVergelijking(trx, actor, providerId),
    internal ? await listIntegriteitSignalen(trx, actor, { providerId }) : [],
    await betalingOpgeschort(trx, actor, [providerId]),
    await integriteitInstelling(trx, actor.regionId),
    await contractMaxima(trx, actor.regionId, [providerId]),
  ]
  const jaarrekeningen = accounts.map((j) => {
    const max = geldendeMaxWinst(maxima.get(providerId) ?? [], j.jaar, instelling.maxWinstPct)
    return { ...j, maxWinst: { ...max, tekst: maxWinstTekst(max), boven: winstBovenMaximum(j, max.maxWinstPct)?.boven ?? false } }
  })
  return { provider, registraties, jaarrekeningen, vergelijking, signalen, betalingOpschorten: opgeschort.has(providerId) }
}

/** One line of the export: a part of the section, a date or year, what it is, and its value. */
export interface SectieRegel {
  onderdeel: string
  datum: string
  omschrijving: string
  waarde: string
  bron: string
}

const soortLabels: Record<Registratie['soort'], string> = { ubo: 'UBO-melding', bibob: 'Bibob', vog: 'VOG', toezicht: 'Bevinding toezichthouder', keurmerk: 'Keurmerk', rvt: 'Intern toezicht', toelating: 'Toelatingstoets' }

const janee = (b: unknown) => (b ? 'ja' : 'nee')

/** A register entry's fields in one Dutch line (no personal data beyond the UBO's name and the entry's own text). */
export function registratieTekst(r: Registratie): string {
  const g = r.gegevens as Record<string, unknown>
  switch (r.soort) {
    case 'ubo':
      return `Identiteit vastgesteld: ${janee(g.identiteitVastgesteld)}; ${(g.personen as unknown[]).length} UBO('s)`
    case 'bibob':
      return `Advies LBB: ${String(g.lbbAdvies).replace('_', ' ')}; uitkomst: ${String(g.uitkomst)}${g.zienswijze ? `; zienswijze: ${String(g.zienswijze)}` : ''}`
    case 'vog':
      return `VOG aanwezig: ${janee(g.aanwezig)}${g.toelichting ? `; ${String(g.toelichting)}` : ''}`
    case 'toezicht':
      return `${String(g.bron)}: maatregel van ${formatDate(String(g.maatregelDatum))}, gemeld ${g.gemeldOp ? `op ${formatDate(String(g.gemeldOp))}` : 'niet'}; ${String(g.bevinding)}${g.maatregel ? `; ${String(g.maatregel)}` : ''}`
    case 'keurmerk':
      return `${String(g.naam)}${g.geldigTot ? `, geldig tot ${formatDate(String(g.geldigTot))}` : ''}`
    case 'rvt':
      return `Vereist: ${janee(g.vereist)}${typeof g.jeugdhulpverleners === 'number' ? ` (${g.jeugdhulpverleners} jeugdhulpverleners, ${g.verblijf ? 'met' : 'zonder'} verblijf)` : ''}; aanwezig: ${janee(g.aanwezig)}`
    case 'toelating':
      return `${String(g.toets)}: ${String(g.resultaat).replace('_', ' ')}`
  }
}

const ratioTekst = (r: Ratios) =>
  [
    `marge ${r.marge === null ? '–' : formatPercent(r.marge * 100, 1, true)}`,
    `solvabiliteit ${r.solvabiliteit === null ? '–' : formatPercent(r.solvabiliteit * 100, 1, true)}`,
    `current ratio ${r.currentRatio === null ? '–' : formatNumber(r.currentRatio, 2)}`,
    `aandeel regio ${r.aandeelRegio === null ? '–' : formatPercent(r.aandeelRegio * 100, 1, true)}`,
    `aandeel inhuur ${r.aandeelInhuur === null ? '–' : formatPercent(r.aandeelInhuur * 100, 1, true)}`,
  ].join('; ')

export function sectieRegels(s: IntegriteitSectie): SectieRegel[] {
  const out: SectieRegel[] = [{ onderdeel: 'Betalingen', datum: '', omschrijving: 'Betaling opschorten (art. 3.15)', waarde: janee(s.betalingOpschorten), bron: '' }]
  for (const r of s.registraties) out.push({ onderdeel: soortLabels[r.soort], datum: r.datum, omschrijving: (r.onderaannemer ? `Onderaannemer ${r.onderaannemer}: ` : '') + registratieTekst(r), waarde: r.document ?? '', bron: `${r.vastgelegdDoor}, ${formatDate(r.vastgelegdOp.slice(0, 10))}` })
  for (const j of s.jaarrekeningen) {
    out.push({ onderdeel: 'Jaarverantwoording', datum: String(j.jaar), omschrijving: `Omzet ${formatEuro(j.omzetCents)}, waarvan regio ${formatEuro(j.omzetRegioCents)}; resultaat ${formatEuro(j.resultaatCents)}; dividend ${formatEuro(j.dividendCents)}; verbonden partijen ${formatEuro(j.verbondenPartijenCents)}`, waarde: `${ratioTekst(j.ratios)}; maximale winst ${j.maxWinst.tekst}${j.maxWinst.boven ? ', overschreden' : ''}`, bron: j.bron })
  }
  for (const v of s.vergelijking) out.push({ onderdeel: 'Vergelijking segment', datum: String(v.jaar), omschrijving: `${v.segment} (${v.aanbieders} aanbieders)`, waarde: ratioTekst(v.gemiddeld), bron: '' })
  for (const g of s.signalen) out.push({ onderdeel: `Signaal: ${signaalSoortLabels[g.soort]}`, datum: g.geopendOp.slice(0, 10), omschrijving: g.titel, waarde: `${g.status}${g.actueel ? '' : ' (geldt niet meer)'}`, bron: '' })
  return out
}
