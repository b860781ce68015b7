/**
 * The toegang rules a toewijzing must pass, as pure functions over plain facts (STYLE.md §2).
 * Each finding names its rule, so the lokaal team sees why, and docs/toegang.md lists them.
 *
 * A finding is a `refusal` (the toewijzing cannot be issued), an `exception` (outside the
 * contracts: possible only "nee, tenzij" — seed 004: "We zijn terughoudend met het afgeven
 * van maatwerkcontracten … en volgen hierbij het principe 'nee, tenzij'" — with a reason and a
 * second person's approval), or a `warning` (issued, but look again).
 */
import { productcategorieen, type Wet } from '../istandaarden/codelists.ts'
import type { Bekostiging, Toegang, Variant } from '../segments/instruments.schema.ts'
import { addDays, addMonths, ageOn, type CalendarDate } from '../shared/dates.ts'
import { formatDate } from '../shared/format-nl.ts'
import { type Stop, isCrisis, stopOp } from '../bestedingsruimte/bestedingsruimte.rules.ts'
import { type PgbPeriod, pgbFinding } from './pgb.rules.ts'
import { type Omvang, type PricedPeriod, verplichtingCents } from './verplichting.ts'

export const toegangRules = {
  'TG-PERIODE': 'De einddatum ligt niet voor de ingangsdatum.',
  'TG-PRODUCT': 'Het product hoort bij de wet van de cliënt en wordt per cliënt toegewezen (niet taakgericht).',
  'TG-VARIANT': 'De velden passen bij de uitvoeringsvariant van het product (RULES.md, uitvoeringsvarianten).',
  'TG-DUUR': 'De duur past binnen het maximum van het segment voor het perspectief (seed 004 §5.4: ontwikkeling 9 maanden, tenzij).',
  'TG-TARIEF': 'Het product heeft voor de hele periode een gecontracteerd tarief.',
  'TG-GEGUND': 'De aanbieder is in dit segment gecontracteerd voor deze gemeente en de hele periode.',
  'TG-COMBINATIE': 'Een onderaannemer van een combinatie krijgt geen eigen toewijzing; de hoofdaannemer wel.',
  'TG-PREFERENT': 'In een wijk met een preferente aanbieder voor dit segment gaat de toewijzing naar die aanbieder (seed 004 §5.2).',
  'TG-OVERLAP': 'De cliënt heeft geen andere actieve toewijzing voor hetzelfde product in een overlappende periode (vgl. TR361).',
  'TG-VERWIJZER': 'De verwijzer mag naar dit segment verwijzen.',
  'TG-18': 'Waarschuwing: de jeugdige wordt binnen de periode 18 (18-/18+).',
  'TG-STOP': 'Voor de aanbieder geldt op de ingangsdatum geen cliëntenstop in dit segment (contractstandaard Wmo art. 1.5.9); crisishulp valt nooit onder een stop.',
  IV066: 'Op hetzelfde ToewijzingNummer wijzigen alleen de einddatum, het budget, of het volume bij frequentie 6 (totaal binnen de geldigheidsduur); een andere omvang is een nieuwe toewijzing (OP033x1, OP257).',
  OP298: 'Het volume bij frequentie 6 verlagen kan alleen op verzoek van de aanbieder of na overleg met en instemming van de aanbieder.',
  OP299: 'Het budget verlagen kan alleen op verzoek van de aanbieder of na overleg met en instemming van de aanbieder.',
  OP345: 'Een lager volume of budget maakt al goedgekeurde declaraties niet onrechtmatig.',
  OP186: 'Een toewijzing eindigen op een datum in het verleden kan alleen in overeenstemming met de aanbieder.',
  OP001: 'Waarschuwing: van een jeugdige wordt vastgelegd wie het gezag heeft; de 301 van de Jeugdwet geeft de gezagsdrager mee (OP002).',
  OP043: 'Heeft de cliënt een pgb voor een product, dan is er in die periode geen toewijzing voor hetzelfde product; een toewijzing eindigt uiterlijk de dag voor de ingangsdatum van het pgb.',
  CS336: 'RedenWijziging 01 (administratieve correctie, vervallen) wordt niet gebruikt; een correctie is 14.',
} as const
export type ToegangRule = keyof typeof toegangRules

export type Severity = 'refusal' | 'exception' | 'warning'
export interface Finding {
  rule: ToegangRule
  severity: Severity
  message: string
  path?: string
}

export interface ProductFacts {
  id: number
  segmentId: number
  wet: Wet
  productcategorie: string
  productcode: string | null
  eenheid: string | null
  variant: Variant
  name: string
  /** A generic toewijzing: Budget, no Product in the 301 (IV075). */
  generiek?: boolean
}
export interface SegmentFacts {
  id: number
  name: string
  wet: Wet
  toegang: Toegang
  bekostiging: Bekostiging
}
/** A provider's award in a lot of the segment, for gemeenten, until the award or the contract ends. */
export interface AwardFacts {
  providerId: number
  segmentId: number
  gemeenteIds: readonly number[]
  validFrom: CalendarDate
  validTo: CalendarDate
}
export interface PreferredFacts {
  segmentId: number
  gemeenteId: number
  wijkCode: string
  providerId: number
  validFrom: CalendarDate
  validTo: CalendarDate | null
}
export interface CombinationFacts {
  name: string
  leadProviderId: number
  memberProviderIds: readonly number[]
}
export interface ExistingToewijzing {
  id: number
  toewijzingNummer: number
  productId: number
  providerId: number
  ingangsdatum: CalendarDate
  einddatum: CalendarDate
  status: string
  /** Withdrawn with RedenWijziging 13 (verwijderd). */
  deleted: boolean
  /** Its product is generic (no Product in the 301). */
  generiek?: boolean
}

export interface ToegangFacts {
  client: {
    gemeenteId: number
    birthDate: CalendarDate
    wijkCode: string | null
    /** OP001: a gezagsdrager is recorded, or the client holds the authority; unknown when absent. */
    gezagVastgelegd?: boolean
  }
  product: ProductFacts
  segment: SegmentFacts
  awards: readonly AwardFacts[]
  tariffs: readonly PricedPeriod[]
  preferred: readonly PreferredFacts[]
  combinations: readonly CombinationFacts[]
  existing: readonly ExistingToewijzing[]
  /** The client's pgb's (OP043). */
  pgbs: readonly PgbPeriod[]
  providerNames: ReadonlyMap<number, string>
  /** The cliëntenstops in the product's segment and over whole agreements (art. 1.5.9). */
  stops?: readonly Stop[]
}

export type Perspective = 'ontwikkeling' | 'stabiliteit'

export interface ToewijzingProposal {
  providerId: number
  productId: number
  wet: Wet
  ingangsdatum: CalendarDate
  einddatum: CalendarDate
  omvang: Omvang | null
  budgetCents: number | null
  perspective: Perspective
  /** Why a longer period is needed ("tenzij"). */
  justification?: string | undefined
  /** The verwijzer type (COD327) of a 315, when the request came with one. */
  verwijzerType?: string | undefined
  /** An existing toewijzing this proposal replaces or changes (left out of the overlap check). */
  replacesToewijzingId?: number | undefined
}

export interface ToegangDecision {
  findings: Finding[]
  /** True when nothing refuses and nothing needs an exception. */
  allowed: boolean
  /** True when only `exception` findings stand in the way. */
  needsException: boolean
  verplichtingCents: number | null
}


/** Checks a proposed toewijzing (or a new version of one) against the segment's toegang rules. */
export function checkToewijzing(p: ToewijzingProposal, facts: ToegangFacts): ToegangDecision {
  const f: Finding[] = []
  const { product, segment } = facts
  const providerName = (id: number) => facts.providerNames.get(id) ?? `aanbieder ${id}`

  if (p.einddatum < p.ingangsdatum) {
    f.push({ rule: 'TG-PERIODE', severity: 'refusal', path: 'einddatum', message: `De einddatum ${formatDate(p.einddatum)} ligt voor de ingangsdatum ${formatDate(p.ingangsdatum)}.` })
  }
  if (product.wet !== p.wet || !(product.productcategorie in productcategorieen[p.wet])) {
    f.push({ rule: 'TG-PRODUCT', severity: 'refusal', path: 'productId', message: `Product ${product.name} valt niet onder de ${p.wet === 'jeugdwet' ? 'Jeugdwet' : 'Wmo'}.` })
  }
  if (product.variant === 'taakgericht') {
    f.push({ rule: 'TG-PRODUCT', severity: 'refusal', path: 'productId', message: `${product.name} is taakgericht bekostigd: de aanbieder krijgt een vast bedrag, er is geen toewijzing per cliënt.` })
  }
  f.push(...checkVariantFields(p, product))
  f.push(...checkDuration(p, segment))

  if (p.verwijzerType !== undefined && !segment.toegang.allowedReferrers.includes(p.verwijzerType as never)) {
    f.push({ rule: 'TG-VERWIJZER', severity: 'refusal', path: 'verwijzer', message: `Verwijzer type ${p.verwijzerType} mag niet verwijzen naar segment ${segment.name} (toegestaan: ${segment.toegang.allowedReferrers.join(', ')}).` })
  }

  // Contracted tariff over the whole period.
  // Priced only when the fields make sense: a refused omvang or period has no maximum cost.
  const priceable = !f.some((x) => x.rule === 'TG-VARIANT' || x.rule === 'TG-PERIODE')
  const verplichting = product.variant === 'taakgericht' ? 0 : priceable ? verplichtingCents(p, facts.tariffs) : null
  if (product.variant !== 'taakgericht' && p.budgetCents === null && p.omvang?.eenheid !== '83') {
    const gap = firstUncoveredDay(facts.tariffs, p.ingangsdatum, p.einddatum)
    if (gap !== null) {
      f.push({ rule: 'TG-TARIEF', severity: 'exception', path: 'productId', message: `${product.name} heeft op ${formatDate(gap)} geen gecontracteerd tarief.` })
    }
  }

  // The provider is contracted in this segment for this gemeente over the whole period.
  const awards = facts.awards.filter((a) => a.providerId === p.providerId && a.segmentId === product.segmentId && a.gemeenteIds.includes(facts.client.gemeenteId))
  const awardGap = firstUncoveredDay(awards, p.ingangsdatum, p.einddatum)
  if (awardGap !== null) {
    const combination = facts.combinations.find((c) => c.memberProviderIds.includes(p.providerId))
    if (combination && awards.length === 0) {
      f.push({ rule: 'TG-COMBINATIE', severity: 'exception', path: 'providerId', message: `${providerName(p.providerId)} is onderaannemer in ${combination.name}; wijs toe aan de hoofdaannemer ${providerName(combination.leadProviderId)}.` })
    } else {
      f.push({ rule: 'TG-GEGUND', severity: 'exception', path: 'providerId', message: `${providerName(p.providerId)} is op ${formatDate(awardGap)} niet gecontracteerd in segment ${segment.name} voor deze gemeente.` })
    }
  }

  // Art. 1.5.9: during a cliëntenstop the provider takes no new clients in that part of the
  // agreement and its acceptance duty lapses; a change of an existing toewijzing goes on, and
  // crisis care never stops (art. 1.5.5 j; explanation to art. 3.6).
  const stop = p.replacesToewijzingId === undefined && !isCrisis(product) ? stopOp(facts.stops ?? [], p.providerId, product.segmentId, p.ingangsdatum) : undefined
  if (stop) {
    const periode = stop.tot === null ? `vanaf ${formatDate(stop.van)}` : `van ${formatDate(stop.van)} tot en met ${formatDate(stop.tot)}`
    f.push({ rule: 'TG-STOP', severity: 'refusal', path: 'providerId', message: `${providerName(p.providerId)} heeft ${periode} een cliëntenstop${stop.segmentId === null ? '' : ` in ${segment.name}`} en neemt geen nieuwe cliënten aan (reden: ${stop.reden}). Kies een andere aanbieder; crisishulp valt buiten de stop.` })
  }

  // Preferred supplier in the client's wijk.
  if (facts.client.wijkCode !== null) {
    const preferred = facts.preferred.find(
      (ps) => ps.segmentId === product.segmentId && ps.gemeenteId === facts.client.gemeenteId && ps.wijkCode === facts.client.wijkCode && ps.validFrom <= p.ingangsdatum && (ps.validTo === null || ps.validTo >= p.ingangsdatum),
    )
    if (preferred && preferred.providerId !== p.providerId) {
      f.push({ rule: 'TG-PREFERENT', severity: 'exception', path: 'providerId', message: `In wijk ${preferred.wijkCode} is ${providerName(preferred.providerId)} de preferente aanbieder voor ${segment.name}.` })
    }
  }

  // OP259, TR302: with an empty Product (generic) no other product of the same provider may
  // overlap it. iWmo OP259: "De producten uit de hulpmiddelencategorieen (categorie 11, 12, 13,
  // 14) zijn hiervan uitgezonderd."
  const hulpmiddel = p.wet === 'wmo' && ['11', '12', '13', '14'].includes(product.productcategorie)
  const stacked = (e: ExistingToewijzing) => !hulpmiddel && (e.productId === p.productId || (e.providerId === p.providerId && (product.generiek === true || e.generiek === true)))
  const overlap = facts.existing.find(
    (e) => e.status !== 'afgewezen' && !e.deleted && e.id !== p.replacesToewijzingId && stacked(e) && e.ingangsdatum <= p.einddatum && p.ingangsdatum <= e.einddatum,
  )
  const pgb = pgbFinding(facts.pgbs, { ...product, generiek: product.generiek === true }, p.ingangsdatum, p.einddatum)
  if (pgb) f.push(pgb)
  if (overlap) {
    f.push({ rule: 'TG-OVERLAP', severity: 'refusal', path: 'ingangsdatum', message: `De cliënt heeft al toewijzing ${overlap.toewijzingNummer} voor ${product.name} van ${formatDate(overlap.ingangsdatum)} tot en met ${formatDate(overlap.einddatum)}.` })
  }

  if (p.wet === 'jeugdwet') {
    const eighteen = addMonths(facts.client.birthDate, 18 * 12)
    if (eighteen > p.ingangsdatum && eighteen <= p.einddatum) {
      f.push({ rule: 'TG-18', severity: 'warning', message: `De jeugdige wordt op ${formatDate(eighteen)} 18: regel tijdig de overgang naar Wmo of verlengde jeugdhulp (18-/18+).` })
    } else if (ageOn(facts.client.birthDate, p.ingangsdatum) >= 18) {
      f.push({ rule: 'TG-18', severity: 'warning', message: 'De cliënt is 18 of ouder: jeugdhulp na 18 alleen als verlengde jeugdhulp.' })
    }
    if (facts.client.gezagVastgelegd === false && ageOn(facts.client.birthDate, p.ingangsdatum) < 18) {
      f.push({ rule: 'OP001', severity: 'warning', path: 'clientId', message: 'Leg in het cliëntdossier vast wie het gezag heeft: de toewijzing geeft de gezagsdrager mee (OP002).' })
    }
  }

  const refusals = f.some((x) => x.severity === 'refusal')
  const exceptions = f.some((x) => x.severity === 'exception')
  return { findings: f, allowed: !refusals && !exceptions, needsException: !refusals && exceptions, verplichtingCents: verplichting }
}

/** RULES.md "Uitvoeringsvarianten": which fields each variant fills. */
export function checkVariantFields(p: Pick<ToewijzingProposal, 'omvang' | 'budgetCents'>, product: Pick<ProductFacts, 'variant' | 'eenheid' | 'productcode' | 'name' | 'generiek'>): Finding[] {
  const out: Finding[] = []
  const refuse = (message: string, path: string) => out.push({ rule: 'TG-VARIANT', severity: 'refusal', message, path })
  if (p.omvang !== null && p.budgetCents !== null) refuse('Omvang en budget sluiten elkaar uit.', 'budgetCents')
  if (product.variant === 'taakgericht') return out
  if (product.productcode !== null && p.omvang === null) {
    refuse(`${product.name} heeft een productcode: een omvang (volume, eenheid, frequentie) is verplicht.`, 'omvang')
  }
  // CD080, CD079: without a productcode (aspecific) or without a Product (generic, IV075) the
  // toewijzing has no Omvang, so it has a Budget.
  if (product.productcode === null && p.omvang !== null) refuse(`${product.name} ${product.generiek === true ? 'is generiek' : 'heeft geen productcode'}: dan geen omvang maar een budget (CD080).`, 'omvang')
  if (product.productcode === null && p.budgetCents === null) refuse(`${product.name} ${product.generiek === true ? 'is generiek' : 'heeft geen productcode'}: een budget is verplicht (CD079).`, 'budgetCents')
  if (p.omvang !== null) {
    const { volume, eenheid, frequentie } = p.omvang
    if (!Number.isInteger(volume) || volume < 1) refuse('Het volume is een geheel getal van ten minste 1.', 'omvang.volume')
    if (eenheid !== product.eenheid) refuse(`${product.name} wordt toegewezen in eenheid ${product.eenheid}, niet ${eenheid}.`, 'omvang.eenheid')
    if (!['1', '2', '4', '6'].includes(frequentie)) refuse(`Frequentie ${frequentie} bestaat niet (1 per dag, 2 per week, 4 per maand, 6 totaal).`, 'omvang.frequentie')
    // CS338: etmaal, dagdeel, euro's and stuks take per week, per maand or totaal — also an
    // outputgericht amount per month (IV042 voorbeeld 2A: 20000, eenheid 83, frequentie 4).
    if (['14', '16', '83', '84'].includes(eenheid) && frequentie === '1') refuse(`Eenheid ${eenheid} gaat per week, per maand of totaal, niet per dag.`, 'omvang.frequentie')
  }
  if (p.budgetCents !== null && (!Number.isSafeInteger(p.budgetCents) || p.budgetCents < 0)) refuse('Het budget is een bedrag in centen, niet negatief.', 'budgetCents')
  return out
}

/** Seed 004 §5.4: "We verkorten de beschikkingstermijn … met ontwikkelingsperspectief naar 9 maanden tenzij." */
export function checkDuration(p: Pick<ToewijzingProposal, 'ingangsdatum' | 'einddatum' | 'perspective' | 'justification'>, segment: Pick<SegmentFacts, 'toegang' | 'name'>): Finding[] {
  const { maxMonths, longerWithJustification } = segment.toegang
  const limit = (months: number) => addDays(addMonths(p.ingangsdatum, months), -1)
  const own = maxMonths[p.perspective]
  if (p.einddatum <= limit(own)) return []
  const justified = (p.justification ?? '').trim().length > 0
  if (p.perspective === 'ontwikkeling' && longerWithJustification && justified) {
    if (p.einddatum <= limit(maxMonths.stabiliteit)) return []
    return [{ rule: 'TG-DUUR', severity: 'refusal', path: 'einddatum', message: `Ook met onderbouwing is de termijn in ${segment.name} ten hoogste ${maxMonths.stabiliteit} maanden (tot en met ${formatDate(limit(maxMonths.stabiliteit))}).` }]
  }
  const hint = p.perspective === 'ontwikkeling' && longerWithJustification ? ' Een langere termijn kan alleen met een vastgelegde onderbouwing.' : ''
  return [{ rule: 'TG-DUUR', severity: 'refusal', path: 'einddatum', message: `Bij perspectief ${p.perspective} is de termijn in ${segment.name} ten hoogste ${own} maanden (tot en met ${formatDate(limit(own))}).${hint}` }]
}

/** The first day in [from, to] that no period covers, or null. */
export function firstUncoveredDay(periods: readonly { validFrom: CalendarDate; validTo: CalendarDate }[], from: CalendarDate, to: CalendarDate): CalendarDate | null {
  let day = from
  const sorted = [...periods].sort((a, b) => a.validFrom.localeCompare(b.validFrom))
  for (const period of sorted) {
    if (period.validFrom > day) break
    if (period.validTo >= day) day = addDays(period.validTo, 1)
    if (day > to) return null
  }
  return day > to ? null : day
}

/** What the rules need to know about the version a change starts from. */
export interface CurrentVersion {
  einddatum: CalendarDate
  volume: number | null
  eenheid: string | null
  frequentie: string | null
  budgetCents: number | null
  /** What approved declaration lines already took: volume in the toewijzing's eenheid, and money. */
  declared?: { volume: number; bedragCents: number }
  /** The end of care the provider itself reported in a definitive stop (307), if any. */
  gestopt?: CalendarDate
}

export interface Wijziging {
  redenWijziging: string
  einddatum: CalendarDate
  /** The new omvang; null when the toewijzing has a budget. */
  omvang: Omvang | null
  budgetCents: number | null
  /** Asked for by the provider in a 317 (OP033x1, OP298, OP299: then no further consent is needed). */
  onRequest: boolean
  /** The provider agreed to a lower volume or budget, or an end in the past, the gemeente proposed (OP186, OP298, OP299). */
  akkoordAanbieder: boolean
  /** The day the change is made. */
  op: CalendarDate
}

/**
 * Which changes stay on the same ToewijzingNummer (IV066, OP033x1, IV093): the einddatum, the
 * budget, and the volume when the frequentie is 6 (totaal binnen de geldigheidsduur). Any other
 * change of omvang is a new toewijzing (`replaceOmvang`). Lowering a volume or budget needs the
 * provider's request or consent (OP298, OP299), and never below what approved declarations
 * already took (OP345). Ending it in the past needs the same (OP186). RedenWijziging 01 is not
 * used (CS336).
 */
export function checkWijziging(current: CurrentVersion, w: Wijziging): Finding[] {
  const out: Finding[] = []
  // OP186: ending a toewijzing on a day already past, only in agreement with the provider — it
  // could not have known it was to stop, unless it reported the end of care itself (a 307).
  if (w.einddatum < current.einddatum && w.einddatum < w.op && !w.onRequest && !w.akkoordAanbieder && !(current.gestopt !== undefined && current.gestopt <= w.einddatum)) {
    out.push({ rule: 'OP186', severity: 'refusal', path: 'einddatum', message: `Een toewijzing eindigen op ${formatDate(w.einddatum)}, een dag in het verleden, kan alleen in overeenstemming met de aanbieder: leg vast dat de aanbieder instemt.` })
  }
  if (w.redenWijziging === '01') out.push({ rule: 'CS336', severity: 'refusal', path: 'redenWijziging', message: 'RedenWijziging 01 is vervallen; gebruik 14 (administratieve correctie).' })
  const before = current.volume === null ? null : { volume: current.volume, eenheid: current.eenheid, frequentie: current.frequentie }
  const omvangChanges = before === null ? w.omvang !== null : w.omvang === null || w.omvang.volume !== before.volume || w.omvang.eenheid !== before.eenheid || w.omvang.frequentie !== before.frequentie
  if (omvangChanges) {
    const totalVolume = before !== null && w.omvang !== null && before.frequentie === '6' && w.omvang.frequentie === '6' && w.omvang.eenheid === before.eenheid
    if (!totalVolume) {
      out.push({ rule: 'IV066', severity: 'refusal', path: 'omvang', message: 'Alleen bij frequentie 6 (totaal binnen de geldigheidsduur) wijzigt het volume op hetzelfde ToewijzingNummer; een andere omvang is een nieuwe toewijzing.' })
    } else if (w.omvang!.volume < before.volume && !w.onRequest && !w.akkoordAanbieder) {
      out.push({ rule: 'OP298', severity: 'refusal', path: 'omvang.volume', message: `Het volume gaat van ${before.volume} naar ${w.omvang!.volume}: dat kan alleen na overleg met en instemming van de aanbieder.` })
    }
  }
  if ((current.budgetCents === null) !== (w.budgetCents === null)) {
    out.push({ rule: 'IV066', severity: 'refusal', path: 'budgetCents', message: current.budgetCents === null ? 'Deze toewijzing heeft een omvang, geen budget; een budget is een nieuwe toewijzing.' : 'Deze toewijzing heeft een budget; een omvang is een nieuwe toewijzing.' })
  } else if (current.budgetCents !== null && w.budgetCents! < current.budgetCents && !w.onRequest && !w.akkoordAanbieder) {
    out.push({ rule: 'OP299', severity: 'refusal', path: 'budgetCents', message: 'Het budget verlagen kan alleen na overleg met en instemming van de aanbieder.' })
  }
  const declared = current.declared
  if (declared !== undefined && w.omvang !== null && before !== null && w.omvang.volume < before.volume && w.omvang.volume < declared.volume) {
    out.push({ rule: 'OP345', severity: 'refusal', path: 'omvang.volume', message: `Er is al ${declared.volume} gedeclareerd en goedgekeurd: het volume kan niet lager dan dat.` })
  }
  if (declared !== undefined && w.budgetCents !== null && current.budgetCents !== null && w.budgetCents < current.budgetCents && w.budgetCents < declared.bedragCents) {
    out.push({ rule: 'OP345', severity: 'refusal', path: 'budgetCents', message: 'Er is al meer gedeclareerd en goedgekeurd dan het nieuwe budget.' })
  }
  return out
}
