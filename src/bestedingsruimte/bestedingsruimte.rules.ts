/**
 * Bestedingsruimte per opdrachtnemer and opzegging bij onvoldoende inzet, as pure rules over
 * plain data (issue 20 §5–§6; VNG contractstandaard Wmo, Overeenkomst deel 1, art. 1.5 and 1.6;
 * ADR 0031). Dates are calendar dates; a term "binnen 2 weken" is 14 calendar days.
 */
import type { Wet } from '../istandaarden/codelists.ts'
import type { BestedingsruimteSignaal } from '../db/schema.ts'
import { roomUsed } from '../budgets/signal.rules.ts'
import { addDays, addMonths, type CalendarDate, earlierDate } from '../shared/dates.ts'
import { formatDate, formatDateLong, formatEuroCents, formatPercent } from '../shared/format-nl.ts'

/** Art. 1.5.7: "Als 70% van de bestedingsruimte is benut of overschrijding dreigt, meldt Opdrachtgever dit schriftelijk aan Opdrachtnemer." */
export const SIGNAAL_PCT = 70
/** Art. 1.5.7: "Binnen 2 weken overleggen Partijen over een oplossing." */
export const OVERLEG_DAGEN = 14
/** Art. 1.5.7: "Binnen 2 weken beslist Opdrachtgever of de ruimte wordt aangepast." */
export const BESLUIT_DAGEN = 14
/** Art. 1.5.3 c: "Opdrachtgever informeert minimaal 6 kalendermaanden vooraf over: het voornemen om bestedingsruimte in te voeren, …" */
export const VOORNEMEN_MAANDEN = 6
/** Art. 1.5.3 d: "Opdrachtgever informeert minimaal 3 kalendermaanden vooraf over het besluit over duur en hoogte van bestedingsruimte." */
export const BESLUIT_MAANDEN = 3
/** Art. 1.6.1: "… binnen 12 kalendermaanden na de start van de overeenkomst onvoldoende inzet …" */
export const INZET_MAANDEN = 12
/** Art. 1.6.1: "… mag Opdrachtgever de overeenkomst schriftelijk opzeggen met een opzegtermijn van 6 maanden." */
export const OPZEGTERMIJN_MAANDEN = 6

/**
 * Crisis care, which a cliëntenstop never touches and which the opdrachtgever always pays (art.
 * 1.5.5 j: "afspraken over crisishulp (blijft doorgaan en Opdrachtgever betaalt deze altijd)";
 * the explanation to art. 3.6: "een cliëntenstop geldt nooit voor crisishulp of andere acute
 * ondersteuning"). Koers knows crisis care by its productcategorie: JZ020 46 "Jeugdhulp crisis"
 * and WMO020 17 "Spoedopvang".
 */
export const crisisCategorieen: Record<Wet, readonly string[]> = { jeugdwet: ['46'], wmo: ['17'] }

export const isCrisis = (product: { wet: Wet; productcategorie: string }): boolean => crisisCategorieen[product.wet].includes(product.productcategorie)

/** A segment is crisis care when it has products and every one of them is (its figures then stay outside a provider-wide bestedingsruimte). */
export const isCrisisSegment = (products: readonly { wet: Wet; productcategorie: string }[]): boolean => products.length > 0 && products.every(isCrisis)

export interface Aankondiging {
  /** The last day on which the intention could be announced on time. */
  voornemenUiterlijk: CalendarDate
  /** The last day on which the decision on duration and amount could be announced on time. */
  besluitUiterlijk: CalendarDate
  /** Null while not announced. */
  voornemenOpTijd: boolean | null
  besluitOpTijd: boolean | null
  /** What is wrong or missing, in Dutch; empty when both were announced on time. */
  bevindingen: string[]
}

/**
 * Art. 1.5.3 c and d against the dates on which the intention and the decision were announced.
 * "Vooraf" counts back from the bestedingsruimte's start (art. 1.5.3 a/b: 1 January, or the
 * later start date): the intention at the latest on the same day 6 calendar months earlier,
 * the decision 3 calendar months earlier (a start on 1 January 2027: 1 July and 1 October 2026).
 * A late announcement is recorded and shown, not refused: the record says what happened.
 */
export function aankondiging(ingangsdatum: CalendarDate, voornemenGemeldOp: CalendarDate | null, besluitGemeldOp: CalendarDate | null): Aankondiging {
  const voornemenUiterlijk = addMonths(ingangsdatum, -VOORNEMEN_MAANDEN)
  const besluitUiterlijk = addMonths(ingangsdatum, -BESLUIT_MAANDEN)
  const voornemenOpTijd = voornemenGemeldOp === null ? null : voornemenGemeldOp <= voornemenUiterlijk
  const besluitOpTijd = besluitGemeldOp === null ? null : besluitGemeldOp <= besluitUiterlijk
  const bevindingen: string[] = []
  if (voornemenGemeldOp === null) bevindingen.push(`Het voornemen is nog niet aangekondigd; dat moest uiterlijk ${formatDate(voornemenUiterlijk)} (6 kalendermaanden vooraf, art. 1.5.3 c).`)
  else if (!voornemenOpTijd) bevindingen.push(`Het voornemen is op ${formatDate(voornemenGemeldOp)} aangekondigd, na ${formatDate(voornemenUiterlijk)} (6 kalendermaanden vooraf, art. 1.5.3 c).`)
  if (besluitGemeldOp === null) bevindingen.push(`Het besluit over duur en hoogte is nog niet gemeld; dat moest uiterlijk ${formatDate(besluitUiterlijk)} (3 kalendermaanden vooraf, art. 1.5.3 d).`)
  else if (!besluitOpTijd) bevindingen.push(`Het besluit over duur en hoogte is op ${formatDate(besluitGemeldOp)} gemeld, na ${formatDate(besluitUiterlijk)} (3 kalendermaanden vooraf, art. 1.5.3 d).`)
  return { voornemenUiterlijk, besluitUiterlijk, voornemenOpTijd, besluitOpTijd, bevindingen }
}

export interface Gebruik {
  bedragCents: number
  /** Approved declarations in the year (the budget figures' realisation). */
  gerealiseerdCents: number
  /** Open commitments of the year: per toewijzing its verplichting not yet realised. */
  openCents: number
  /** The budget figures' forecast to year end. */
  prognoseCents: number
}

export interface RuimteStatus {
  /** Realised plus open commitments. */
  benutCents: number
  /** Used ÷ amount in percent, one decimal. */
  benutPct: number
  /** 70 % of the amount, rounded up to the cent: used at or above it raises the signal. */
  drempelCents: number
  resterendCents: number
  /** Which conditions of art. 1.5.7 hold: 70 % used, an expected overrun (forecast above the amount). */
  signalen: BestedingsruimteSignaal[]
  /** The whole room is used. */
  bereikt: boolean
}

/** Art. 1.5.7 on the live figures: usage is realisation plus open commitments (as a segment's ceiling, `roomUsed`). */
export function ruimteStatus(g: Gebruik): RuimteStatus {
  const benutCents = roomUsed({ realisedCents: g.gerealiseerdCents, openCents: g.openCents })
  const drempelCents = Math.ceil((g.bedragCents * SIGNAAL_PCT) / 100)
  const signalen: BestedingsruimteSignaal[] = []
  // Integer comparison: 70 % "benut" means used × 100 ≥ 70 × amount.
  if (benutCents * 100 >= g.bedragCents * SIGNAAL_PCT) signalen.push('zeventig_procent')
  if (g.prognoseCents > g.bedragCents) signalen.push('overschrijding_dreigt')
  return {
    benutCents,
    benutPct: g.bedragCents > 0 ? Math.round((benutCents / g.bedragCents) * 1000) / 10 : 0,
    drempelCents,
    resterendCents: g.bedragCents - benutCents,
    signalen,
    bereikt: benutCents >= g.bedragCents,
  }
}

export interface MeldingStand {
  gemeldOp: CalendarDate
  overlegGehoudenOp: CalendarDate | null
  besluitOp: CalendarDate | null
}

export interface Klokken {
  /** The last day of the consultation: 14 days after the written notice. */
  overlegUiterlijk: CalendarDate
  /** The consultation was not held by its last day (held late, or still not held after it). */
  overlegTeLaat: boolean
  /** The last day of the decision: 14 days after the consultation, counted from its last day at the latest. */
  besluitUiterlijk: CalendarDate
  besluitTeLaat: boolean
  fase: 'overleg' | 'besluit' | 'besloten'
}

/**
 * The two clocks of art. 1.5.7, in calendar days: "Binnen 2 weken overleggen Partijen over een
 * oplossing. … Binnen 2 weken beslist Opdrachtgever of de ruimte wordt aangepast." The
 * consultation runs from the written notice; the decision from the consultation, but a late
 * consultation does not move the decision's clock: it runs from the day the consultation was
 * held or from the consultation's last day, whichever is earlier (so at most 4 weeks after the notice).
 */
export function klokken(m: MeldingStand, vandaag: CalendarDate): Klokken {
  const overlegUiterlijk = addDays(m.gemeldOp, OVERLEG_DAGEN)
  const overlegTeLaat = m.overlegGehoudenOp === null ? vandaag > overlegUiterlijk : m.overlegGehoudenOp > overlegUiterlijk
  const besluitUiterlijk = addDays(m.overlegGehoudenOp === null ? overlegUiterlijk : earlierDate(m.overlegGehoudenOp, overlegUiterlijk), BESLUIT_DAGEN)
  const besluitTeLaat = m.besluitOp === null ? vandaag > besluitUiterlijk : m.besluitOp > besluitUiterlijk
  const fase = m.besluitOp !== null ? 'besloten' : m.overlegGehoudenOp !== null ? 'besluit' : 'overleg'
  return { overlegUiterlijk, overlegTeLaat, besluitUiterlijk, besluitTeLaat, fase }
}

export interface Stop {
  id: number
  providerId: number
  /** Null: the stop holds in every segment of the provider's contract. */
  segmentId: number | null
  van: CalendarDate
  tot: CalendarDate | null
  reden: string
}

/** Whether a stop holds for the provider in the segment on a day (art. 1.5.9: "voor (delen van) de overeenkomst"). */
export const stopGeldt = (s: Stop, providerId: number, segmentId: number, datum: CalendarDate): boolean =>
  s.providerId === providerId && (s.segmentId === null || s.segmentId === segmentId) && s.van <= datum && (s.tot === null || datum <= s.tot)

/** The stop that holds for the provider in the segment on a day, if any. */
export const stopOp = (stops: readonly Stop[], providerId: number, segmentId: number, datum: CalendarDate): Stop | undefined => stops.find((s) => stopGeldt(s, providerId, segmentId, datum))

/**
 * Whether the acceptance duty (the segment's contract instrument `acceptanceDuty`, art. 3.1.1)
 * binds the provider on a day: art. 1.5.9 "Bij een cliëntenstop vervalt de acceptatieplicht van
 * Opdrachtnemer uit artikel 3.1.1." Crisis care stays outside the stop.
 */
export function acceptatieplichtGeldt(acceptanceDuty: boolean, stops: readonly Stop[], providerId: number, segmentId: number, datum: CalendarDate, crisis = false): boolean {
  if (!acceptanceDuty) return false
  return crisis || stopOp(stops, providerId, segmentId, datum) === undefined
}

export interface BriefGegevens {
  regio: string
  aanbieder: string
  jaar: number
  segment: string | null
  soort: BestedingsruimteSignaal
  bedragCents: number
  benutCents: number
  prognoseCents: number
  gemeldOp: CalendarDate
}

/** The written notice of art. 1.5.7 that Koers composes; stored with its date and shown in the provider's portal. */
export function meldingsbrief(b: BriefGegevens): string {
  const ruimte = `de bestedingsruimte ${b.jaar}${b.segment === null ? '' : ` voor ${b.segment}`} van ${formatEuroCents(b.bedragCents)}`
  const k = klokken({ gemeldOp: b.gemeldOp, overlegGehoudenOp: null, besluitOp: null }, b.gemeldOp)
  const aanleiding =
    b.soort === 'zeventig_procent'
      ? `Van ${ruimte} is ${formatEuroCents(b.benutCents)} benut (gerealiseerd en verplicht): ${formatPercent((b.benutCents / b.bedragCents) * 100, 1, true)}. Daarmee is de grens van ${formatPercent(SIGNAAL_PCT, 0)} bereikt.`
      : `De prognose tot het einde van het jaar is ${formatEuroCents(b.prognoseCents)}; daarmee dreigt ${ruimte} te worden overschreden.`
  return [
    `${formatDateLong(b.gemeldOp)}`,
    '',
    `Aan: ${b.aanbieder}`,
    `Van: ${b.regio}`,
    `Onderwerp: melding bestedingsruimte ${b.jaar} (artikel 1.5.7 van de overeenkomst)`,
    '',
    'Geachte heer/mevrouw,',
    '',
    aanleiding,
    '',
    `Volgens artikel 1.5.7 van de overeenkomst melden wij u dit schriftelijk. Wij overleggen binnen 2 weken met u over een oplossing, uiterlijk ${formatDateLong(k.overlegUiterlijk)}, aan de hand van het plan uit artikel 1.5.5. Daarna beslissen wij binnen 2 weken of de ruimte wordt aangepast, uiterlijk ${formatDateLong(k.besluitUiterlijk)}.`,
    '',
    'Zonder schriftelijke aanpassing betalen wij geen ondersteuning boven de bestedingsruimte. Crisishulp blijft doorgaan en betalen wij altijd.',
    '',
    'Met vriendelijke groet,',
    '',
    b.regio,
  ].join('\n')
}

export interface InzetFeiten {
  providerId: number
  /** The first day the provider was contracted (its earliest award). */
  contractStart: CalendarDate
  /** Realised in the 12 whole calendar months before the reference month. */
  gerealiseerdCents: number
  /** The mean realisation of the providers contracted over those months. */
  gemiddeldCents: number
}

export interface InzetRegel extends InzetFeiten {
  /** The 12 whole calendar months measured: the first and the last day. */
  periodeVan: CalendarDate
  periodeTot: CalendarDate
  /** The provider's realisation as a share of the mean, percent with one decimal; null when the mean is 0. */
  aandeelPct: number | null
  /** Notice given on the reference date ends the agreement on this day at the earliest (6 months). */
  opzeggingPer: CalendarDate
}

/** The 12 whole calendar months before the reference date's month: the period art. 1.6 is measured over. */
export function inzetPeriode(peildatum: CalendarDate): { van: CalendarDate; tot: CalendarDate } {
  const van = addMonths(`${peildatum.slice(0, 7)}-01`, -INZET_MAANDEN)
  return { van, tot: addDays(addMonths(van, INZET_MAANDEN), -1) }
}

/**
 * Art. 1.6 as input for the conversation, not a decision. The article measures "binnen 12
 * kalendermaanden na de start van de overeenkomst"; Koers measures every provider contracted
 * for at least those 12 months over the last 12 whole calendar months, so that a provider of a
 * long-running agreement is measured on its recent inzet too (whether the article's first-year
 * right to give notice applies is the region's to judge). Listed: no realisation, or less than
 * `normPct` % of the mean of the providers contracted over those months (the norm is what the
 * region fills in for "[bijvoorbeeld minder dan een concrete omzet …]"). Art. 1.6.2 (a shortage,
 * a unique offer, a satisfaction of 8.5 or higher) the region weighs itself.
 */
export function onvoldoendeInzet(feiten: readonly InzetFeiten[], peildatum: CalendarDate, normPct: number): InzetRegel[] {
  const { van, tot } = inzetPeriode(peildatum)
  const out: InzetRegel[] = []
  for (const f of feiten) {
    if (f.contractStart > van) continue
    const weinig = f.gerealiseerdCents <= 0 || f.gerealiseerdCents * 100 < f.gemiddeldCents * normPct
    if (!weinig) continue
    out.push({ ...f, periodeVan: van, periodeTot: tot, aandeelPct: f.gemiddeldCents > 0 ? Math.round((f.gerealiseerdCents / f.gemiddeldCents) * 1000) / 10 : null, opzeggingPer: addMonths(peildatum, OPZEGTERMIJN_MAANDEN) })
  }
  return out.sort((a, b) => a.gerealiseerdCents - b.gerealiseerdCents || a.providerId - b.providerId)
}
