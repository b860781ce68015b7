/**
 * Level 2: the conditions (CD) and constraints (CS) of the iJw/iWmo 3.2 regelrapport that
 * can be checked inside one message. Each rule names the element whose closing triggers it,
 * the messages it applies to, and its text from the regelrapport ("Condities, constraints,
 * restricties per data-element", Zorginstituut Nederland); each failure has retourcode 0001.
 * Restrictions (RS rules: lengths, digits, no time zone) are in the XSDs and so in level 1.
 * The regelrapport sets CD/CS rules on the heenberichten and the 325 only: a retour (302, 306,
 * 308, 316, 318, 320) repeats its heenbericht as received, faults included, with retourcodes.
 * Rules are pure functions of the element's value, so they serve the reader and the writer.
 */
import { monthEnd } from '../../shared/dates.ts'
import { isValidBsn } from '../../shared/bsn.ts'
import type { MessageCode } from '../message-catalog.ts'
import type { MessageObject, MessageValue } from './read-message.ts'

export interface RuleProblem {
  /** The field inside the element the problem is about, e.g. `Einddatum`. */
  field?: string
  message: string
}

/** What a rule may know beyond its element: the message's dates that the regelrapport compares with (TR137, TR335). */
export interface RuleContext {
  /** The message's Dagtekening (Header/BerichtIdentificatie), known before its body. */
  dagtekening?: string
  /** A 323's DeclaratieDagtekening, known before its prestaties. */
  declaratieDagtekening?: string
}

export interface MessageRule {
  code: string
  /** Element local name whose closing runs the rule. */
  element: string
  messages: readonly MessageCode[]
  /** The rule's text in the regelrapport. */
  text: string
  check(value: MessageObject, context: RuleContext): RuleProblem | undefined
}

const obj = (v: MessageValue | undefined): MessageObject | undefined => (v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : undefined)
const str = (v: MessageValue | undefined): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined)
const has = (v: MessageValue | undefined): boolean => v !== undefined

/** Dates after 31-12-2020 (or open) fall under the 2021 rules for Omvang and Frequentie. */
const after2020 = (einddatum: string | undefined): boolean => einddatum === undefined || einddatum > '2020-12-31'

const TOEWIJZING_LIKE: readonly MessageCode[] = ['301']
const ALL_CLIENT: readonly MessageCode[] = ['301', '305', '307', '315', '317', '323', '325']
const PRODUCT_ELEMENTS: Array<ProductTarget & { omvangLeeg: string }> = [
  { element: 'ToegewezenProduct', messages: TOEWIJZING_LIKE, einde: 'Einddatum', ingang: 'Ingangsdatum', omvangLeeg: 'CD080', frequentie: 'CS338' },
  { element: 'AangevraagdProduct', messages: ['315'], einde: 'ToewijzingEinddatum', ingang: 'ToewijzingIngangsdatum', omvangLeeg: 'CD095', frequentie: 'CS343' },
  { element: 'NieuwProduct', messages: ['317'], einde: 'Einddatum', ingang: 'GewensteIngangsdatum', omvangLeeg: 'CD096', frequentie: 'CS338' },
]

interface ProductTarget {
  element: string
  messages: readonly MessageCode[]
  einde: string
  ingang: string
  frequentie: string
}

/** Budget, Omvang and Einddatum: the conditions every requested or allocated product shares. */
function omvangRules(p: ProductTarget): MessageRule[] {
  return [
    {
      code: 'CD075', element: p.element, messages: p.messages, text: 'Verplicht vullen indien Budget gevuld is (Einddatum).',
      check: (v) => (has(v.Budget) && !has(v[p.einde]) ? { field: p.einde, message: `${p.einde} is required when Budget is filled` } : undefined),
    },
    {
      code: 'CD076', element: p.element, messages: p.messages, text: 'Verplicht vullen indien Frequentie waarde 2 (per week) (Einddatum).',
      check: (v) => (str(obj(v.Omvang)?.Frequentie) === '2' && !has(v[p.einde]) ? { field: p.einde, message: `${p.einde} is required when Frequentie is 2 (per week)` } : undefined),
    },
    {
      code: 'CD077', element: p.element, messages: p.messages, text: 'Indien Budget gevuld is, dan leeg laten (Omvang).',
      check: (v) => (has(v.Budget) && has(v.Omvang) ? { field: 'Omvang', message: 'Omvang must be empty when Budget is filled' } : undefined),
    },
    {
      // The same pair seen from the Budget: a message with both breaks CD077 and CD078.
      code: 'CD078', element: p.element, messages: p.messages, text: 'Indien Omvang gevuld is, dan leeg laten (Budget).',
      check: (v) => (has(v.Budget) && has(v.Omvang) ? { field: 'Budget', message: 'Budget must be empty when Omvang is filled' } : undefined),
    },
    {
      code: p.frequentie, element: p.element, messages: p.messages,
      text: 'Indien eenheid de waarde 14, 16, 83 of 84 heeft en Einddatum groter dan 31-12-2020 of leeg is, dan Frequentie vullen met de waarde 2, 4 of 6.',
      check: (v) => {
        const omvang = obj(v.Omvang)
        if (!omvang || !['14', '16', '83', '84'].includes(str(omvang.Eenheid) ?? '') || !after2020(str(v[p.einde]))) return undefined
        return ['2', '4', '6'].includes(str(omvang.Frequentie) ?? '') ? undefined : { field: 'Omvang/Frequentie', message: `Frequentie must be 2, 4 or 6 when Eenheid is ${str(omvang.Eenheid)}` }
      },
    },
    einddatumNotBefore(p.element, p.messages, p.einde, p.ingang),
  ]
}

/** Product and Omvang: for the elements that carry a Product. */
function productRules(p: ProductTarget & { omvangLeeg: string }): MessageRule[] {
  return [
    {
      code: 'CD079', element: p.element, messages: p.messages, text: 'Indien Budget leeg is, dan verplicht vullen (Product).',
      check: (v) => (!has(v.Budget) && !has(v.Product) ? { field: 'Product', message: 'Product is required when Budget is empty' } : undefined),
    },
    {
      code: 'CD041', element: p.element, messages: p.messages, text: 'Indien Code in Product gevuld is, verplicht vullen (Omvang).',
      check: (v) => (has(obj(v.Product)?.Code) && !has(v.Omvang) ? { field: 'Omvang', message: 'Omvang is required when Product has a Code' } : undefined),
    },
    {
      code: p.omvangLeeg, element: p.element, messages: p.messages,
      text: 'Indien Code in Product leeg is en Einddatum groter dan 31-12-2020 of leeg is, dan leeg laten (Omvang).',
      check: (v) => (has(v.Omvang) && !has(obj(v.Product)?.Code) && after2020(str(v[p.einde])) ? { field: 'Omvang', message: `Omvang must be empty when Product has no Code and ${p.einde} is after 31-12-2020 or empty` } : undefined),
    },
    ...omvangRules(p),
  ]
}

function einddatumNotBefore(element: string, messages: readonly MessageCode[], einde: string, begin: string): MessageRule {
  return {
    code: 'CS003', element, messages,
    text: 'Indien van toepassing vullen met een waarde die groter is dan, of gelijk is aan de Begindatum (of Ingangsdatum) van de aangeduide periode.',
    check: (v) => {
      const end = str(v[einde])
      const start = str(v[begin])
      return end !== undefined && start !== undefined && end < start ? { field: einde, message: `${einde} ${end} lies before ${begin} ${start}` } : undefined
    },
  }
}

function from2021(element: string, period: string): MessageRule {
  return {
    code: 'CS100', element, messages: ['323'], text: `Vullen met een datum die groter dan of gelijk is aan 01-01-2021 (${period}).`,
    check: (v) => ((str(obj(v[period])?.Begindatum) ?? '9') < '2021-01-01' ? { field: period, message: `${period} must start on or after 2021-01-01` } : undefined),
  }
}

function bedragRules(element: string, field: string, messages: readonly MessageCode[]): MessageRule {
  return {
    code: 'CS325', element, messages, text: 'Indien (Totaal)Bedrag de waarde 0 heeft, dan DebetCredit vullen met D (Debet).',
    check: (v) => (v[field] === 0 && v.DebetCredit !== 'D' ? { field: 'DebetCredit', message: `DebetCredit must be D when ${field} is 0` } : undefined),
  }
}

const allRules: MessageRule[] = [
  {
    code: 'CS002', element: 'Client', messages: ALL_CLIENT, text: 'De waarde moet voldoen aan de 11-proef (Bsn).',
    check: (v) => (typeof v.Bsn === 'string' && !isValidBsn(v.Bsn) ? { field: 'Bsn', message: 'Bsn does not pass the elfproef' } : undefined),
  },
  {
    code: 'CS139', element: 'Geboortedatum', messages: ['301', '305', '307', '315'],
    text: 'Voor Geboortedatum geldt dat DatumGebruik en Datum met elkaar in overeenstemming moeten zijn.',
    check: (v) => {
      // COD170: 1 dag onbekend (dag 01), 2 dag en maand onbekend (01-01), 3 geheel onbekend (01-01-1900).
      const datum = str(v.Datum) ?? ''
      const gebruik = str(v.DatumGebruik)
      if (gebruik === '1' && !datum.endsWith('-01')) return { field: 'DatumGebruik', message: 'DatumGebruik 1 (dag onbekend) needs day 01 in Datum' }
      if (gebruik === '2' && !datum.endsWith('-01-01')) return { field: 'DatumGebruik', message: 'DatumGebruik 2 (dag en maand onbekend) needs 01-01 in Datum' }
      if (gebruik === '3' && datum !== '1900-01-01') return { field: 'DatumGebruik', message: 'DatumGebruik 3 (geheel onbekend) needs Datum 1900-01-01' }
      return undefined
    },
  },
  {
    code: 'CS050', element: 'Naam', messages: ['301'], text: 'Als Partnernaam gevuld is, dan NaamGebruik vullen met waarde 1, 2, 3 of 4. Anders waarde 1 of 6 vullen.',
    check: (v) => {
      if (!has(v.NaamGebruik)) return undefined
      const g = str(v.NaamGebruik)!
      if (has(v.Partnernaam)) return ['1', '2', '3', '4'].includes(g) ? undefined : { field: 'NaamGebruik', message: 'NaamGebruik must be 1, 2, 3 or 4 when Partnernaam is filled' }
      return ['1', '6'].includes(g) ? undefined : { field: 'NaamGebruik', message: 'NaamGebruik must be 1 or 6 when Partnernaam is empty' }
    },
  },
  {
    code: 'CS318', element: 'Client', messages: ['301'], text: 'NaamGebruik 6 (Niet-natuurlijk persoon) niet vullen.',
    check: (v) => (str(obj(v.Naam)?.NaamGebruik) === '6' ? { field: 'Naam/NaamGebruik', message: 'NaamGebruik 6 (niet-natuurlijk persoon) is not allowed for a client' } : undefined),
  },
  {
    code: 'CD007', element: 'Communicatie', messages: ['301'], text: 'Als Communicatie / Vorm de waarde 1 (tolk taal) heeft, dan verplicht vullen, anders leeglaten (Taal).',
    check: (v) => {
      if (str(v.Vorm) === '1' && !has(v.Taal)) return { field: 'Taal', message: 'Taal is required when Vorm is 1 (tolk taal)' }
      if (str(v.Vorm) !== '1' && has(v.Taal)) return { field: 'Taal', message: 'Taal must be empty unless Vorm is 1 (tolk taal)' }
      return undefined
    },
  },
  {
    code: 'CD025', element: 'Adres', messages: ['301'], text: 'Als Adres / LandCode de waarde NL (Nederland) heeft, dan verplicht vullen (Huis).',
    check: (v) => (str(v.LandCode) === 'NL' && !has(v.Huis) ? { field: 'Huis', message: 'Huis is required when LandCode is NL' } : undefined),
  },
  {
    code: 'CS089', element: 'Adres', messages: ['301'], text: 'Als LandCode de waarde NL (Nederland) heeft, dan moet het formaat overeenkomen met dat van een Nederlandse postcode.',
    check: (v) => (str(v.LandCode) === 'NL' && has(v.Postcode) && !/^[1-9][0-9]{3}[A-Z]{2}$/.test(str(v.Postcode)!) ? { field: 'Postcode', message: 'Postcode is not a Dutch postcode (1234AB)' } : undefined),
  },
  {
    code: 'CD005', element: 'Adres', messages: ['301'], text: 'Als Postcode gevuld is, dan verplicht vullen, anders leeg laten (LandCode).',
    check: (v) => {
      if (has(v.Postcode) && !has(v.LandCode)) return { field: 'LandCode', message: 'LandCode is required when Postcode is filled' }
      if (!has(v.Postcode) && has(v.LandCode)) return { field: 'LandCode', message: 'LandCode must be empty when Postcode is empty' }
      return undefined
    },
  },
  {
    code: 'CD034', element: 'Contact', messages: ['301'], text: 'Als Soort adres de waarde 1 (BRP-adres) of 3 (verblijfadres) heeft, dan verplicht vullen (Postcode).',
    check: (v) => (['01', '03'].includes(str(v.Soort) ?? '') && !has(obj(v.Adres)?.Postcode) ? { field: 'Adres/Postcode', message: `Postcode is required for Soort adres ${str(v.Soort)}` } : undefined),
  },
  {
    code: 'CD009', element: 'Contact', messages: ['301'], text: 'Alleen als Soort adres de waarde 04 (tijdelijk adres) heeft, is vullen toegestaan (Periode).',
    check: (v) => (has(v.Periode) && str(v.Soort) !== '04' ? { field: 'Periode', message: 'Periode may only be filled for Soort adres 04 (tijdelijk adres)' } : undefined),
  },
  einddatumNotBefore('Periode', ['301'], 'Einddatum', 'Begindatum'),
  {
    code: 'CS335', element: 'ToegewezenProduct', messages: TOEWIJZING_LIKE, text: 'RedenWijziging 13 (verwijderd) mag alleen gebruikt worden indien de ingangsdatum gelijk is aan de einddatum.',
    check: (v) => (str(v.RedenWijziging) === '13' && str(v.Ingangsdatum) !== str(v.Einddatum) ? { field: 'RedenWijziging', message: 'RedenWijziging 13 (verwijderd) needs Einddatum equal to Ingangsdatum' } : undefined),
  },
  {
    code: 'CS336', element: 'ToegewezenProduct', messages: TOEWIJZING_LIKE, text: '01 (Administratieve correctie (vervallen)) niet gebruiken (RedenWijziging).',
    check: (v) => (str(v.RedenWijziging) === '01' ? { field: 'RedenWijziging', message: 'RedenWijziging 01 is withdrawn' } : undefined),
  },
  ...PRODUCT_ELEMENTS.flatMap(productRules),
  // 317 TeWijzigenProduct has no Product: only the Budget/Omvang/Einddatum conditions apply.
  ...omvangRules({ element: 'TeWijzigenProduct', messages: ['317'], einde: 'Einddatum', ingang: 'GewensteIngangsdatum', frequentie: 'CS338' }),
  {
    code: 'CS058', element: 'StartProduct', messages: ['305'], text: '1 (eerste aanlevering) of 3 (verwijderen aanlevering) vullen (StatusAanlevering).',
    check: (v) => (['1', '3'].includes(str(v.StatusAanlevering) ?? '') ? undefined : { field: 'StatusAanlevering', message: 'StatusAanlevering must be 1 (eerste aanlevering) or 3 (verwijderen)' }),
  },
  {
    code: 'CS058', element: 'StopProduct', messages: ['307'], text: '1 (eerste aanlevering) of 3 (verwijderen aanlevering) vullen (StatusAanlevering).',
    check: (v) => (['1', '3'].includes(str(v.StatusAanlevering) ?? '') ? undefined : { field: 'StatusAanlevering', message: 'StatusAanlevering must be 1 (eerste aanlevering) or 3 (verwijderen)' }),
  },
  {
    code: 'TR018', element: 'StopProduct', messages: ['307'], text: 'Einddatum moet groter dan of gelijk zijn aan Begindatum.',
    check: (v) => (str(v.Einddatum)! < str(v.Begindatum)! ? { field: 'Einddatum', message: `Einddatum ${str(v.Einddatum)} ligt voor Begindatum ${str(v.Begindatum)}` } : undefined),
  },
  {
    code: 'CD043', element: 'AangevraagdProduct', messages: ['315'], text: 'Indien Beschikkingnummer gevuld is, verplicht vullen, anders leeg laten (BeschikkingIngangsdatum).',
    check: (v) => {
      if (has(v.BeschikkingNummer) && !has(v.BeschikkingIngangsdatum)) return { field: 'BeschikkingIngangsdatum', message: 'BeschikkingIngangsdatum is required when BeschikkingNummer is filled' }
      if (!has(v.BeschikkingNummer) && has(v.BeschikkingIngangsdatum)) return { field: 'BeschikkingIngangsdatum', message: 'BeschikkingIngangsdatum must be empty when BeschikkingNummer is empty' }
      return undefined
    },
  },
  {
    code: 'CD066', element: 'Verwijzer', messages: ['315'], text: 'Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is gevuld, dan is Naamverwijzer leeg.',
    check: (v) => (['02', '03', '04', '05'].includes(str(v.Type) ?? '') && has(v.ZorgverlenerCode) && has(v.Naam) ? { field: 'Naam', message: 'Naam must be empty when ZorgverlenerCode is filled for this Type' } : undefined),
  },
  {
    code: 'CD067', element: 'Verwijzer', messages: ['315'], text: 'Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is leeg, dan is Naamverwijzer gevuld.',
    check: (v) => (['02', '03', '04', '05'].includes(str(v.Type) ?? '') && !has(v.ZorgverlenerCode) && !has(v.Naam) ? { field: 'Naam', message: 'Naam is required when ZorgverlenerCode is empty for this Type' } : undefined),
  },
  {
    code: 'CD068', element: 'Verwijzer', messages: ['315'], text: 'Als type verwijzer ongelijk is aan 02, 03, 04 of 05, dan is ZorgverlenerCode leeg.',
    check: (v) => (!['02', '03', '04', '05'].includes(str(v.Type) ?? '') && has(v.ZorgverlenerCode) ? { field: 'ZorgverlenerCode', message: `ZorgverlenerCode must be empty for verwijzer type ${str(v.Type)}` } : undefined),
  },
  {
    code: 'CD085', element: 'Antwoord', messages: ['319'], text: 'Als VerzoekAntwoord de waarde 1 (Verzoek afgewezen) heeft, dan vullen (RedenAfwijzingVerzoek).',
    check: (v) => (str(v.VerzoekAntwoord) === '1' && !has(v.RedenAfwijzingVerzoek) ? { field: 'RedenAfwijzingVerzoek', message: 'RedenAfwijzingVerzoek is required when the request is refused (VerzoekAntwoord 1)' } : undefined),
  },
  {
    code: 'CD086', element: 'Antwoord', messages: ['319'], text: 'Als VerzoekAntwoord de waarde 2 (Aanvraag in onderzoek) heeft, dan leeg laten (RedenAfwijzingVerzoek).',
    check: (v) => (str(v.VerzoekAntwoord) === '2' && has(v.RedenAfwijzingVerzoek) ? { field: 'RedenAfwijzingVerzoek', message: 'RedenAfwijzingVerzoek must be empty when the request is in onderzoek (VerzoekAntwoord 2)' } : undefined),
  },
  from2021('Declaratie', 'DeclaratiePeriode'),
  {
    code: 'CS340', element: 'Declaratie', messages: ['323'], text: 'De periode is exact gelijk aan 1 hele kalendermaand (DeclaratiePeriode).',
    check: (v) => {
      const p = obj(v.DeclaratiePeriode)
      const begin = str(p?.Begindatum)
      const end = str(p?.Einddatum)
      if (begin === undefined || end === undefined) return undefined
      return begin.endsWith('-01') && end === monthEnd(begin) ? undefined : { field: 'DeclaratiePeriode', message: `${begin}..${end} is not exactly one calendar month` }
    },
  },
  bedragRules('TotaalIngediendBedrag', 'TotaalBedrag', ['323', '325']),
  bedragRules('TotaalToegekendBedrag', 'TotaalBedrag', ['325']),
  bedragRules('IngediendBedrag', 'Bedrag', ['323', '325']),
  from2021('Prestatie', 'ProductPeriode'),
  {
    code: 'TR137', element: 'Declaratie', messages: ['323'],
    text: 'Vullen met een waarde die groter is dan, of gelijk is aan de Begindatum van de aangeduide periode én die niet groter is dan de Dagtekening van het bericht (DeclaratieDagtekening).',
    check: (v, context) => {
      const dag = str(v.DeclaratieDagtekening)
      const begin = str(obj(v.DeclaratiePeriode)?.Begindatum)
      if (dag === undefined) return undefined
      if (begin !== undefined && dag < begin) return { field: 'DeclaratieDagtekening', message: `DeclaratieDagtekening ${dag} ligt voor het begin van de declaratieperiode ${begin}` }
      if (context.dagtekening !== undefined && dag > context.dagtekening) return { field: 'DeclaratieDagtekening', message: `DeclaratieDagtekening ${dag} ligt na de dagtekening van het bericht ${context.dagtekening}` }
      return undefined
    },
  },
  {
    // TR134 on the 323: of its dates only the ProductPeriode's Begindatum is bound by the
    // message's Dagtekening alone (the DeclaratieDagtekening has TR137; a prestatie's Einddatum
    // is bound by the DeclaratiePeriode). A prestatie cannot begin after the message was dated.
    code: 'TR134', element: 'Prestatie', messages: ['323'],
    text: 'Vullen met een bestaande datum die niet groter is dan de Dagtekening van het bericht (Begindatum van de ProductPeriode).',
    check: (v, context) => {
      const begin = str(obj(v.ProductPeriode)?.Begindatum)
      if (begin === undefined || context.dagtekening === undefined || begin <= context.dagtekening) return undefined
      return { field: 'ProductPeriode/Begindatum', message: `Begindatum ${begin} ligt na de dagtekening van het bericht ${context.dagtekening}` }
    },
  },
  {
    code: 'TR335', element: 'Prestatie', messages: ['323'], text: 'Einddatum mag niet meer dan 5 jaar voor DeclaratieDagtekening liggen.',
    check: (v, context) => {
      const end = str(obj(v.ProductPeriode)?.Einddatum)
      if (end === undefined || context.declaratieDagtekening === undefined) return undefined
      return end < yearsBefore(context.declaratieDagtekening, 5) ? { field: 'ProductPeriode/Einddatum', message: `Einddatum ${end} ligt meer dan 5 jaar voor de DeclaratieDagtekening ${context.declaratieDagtekening}` } : undefined
    },
  },
  {
    code: 'CS337', element: 'Prestatie', messages: ['323'], text: 'Einddatum in de ProductPeriode vullen met een datum die valt in dezelfde kalendermaand en jaar als de Begindatum van de ProductPeriode.',
    check: (v) => {
      const p = obj(v.ProductPeriode)
      const begin = str(p?.Begindatum)
      const end = str(p?.Einddatum)
      if (begin === undefined || end === undefined) return undefined
      if (end.slice(0, 7) !== begin.slice(0, 7)) return { field: 'ProductPeriode', message: `ProductPeriode ${begin}..${end} crosses a month boundary` }
      return end < begin ? { field: 'ProductPeriode/Einddatum', message: `Einddatum ${end} lies before Begindatum ${begin}` } : undefined
    },
  },
  {
    code: 'CD060', element: 'Prestatie', messages: ['323', '325'], text: 'Verplicht vullen indien DebetCredit bij het ingediende bedrag de waarde C (credit) heeft, anders leeg laten (VorigReferentieNummer).',
    check: (v) => {
      const credit = obj(v.IngediendBedrag)?.DebetCredit === 'C'
      const vorig = has(obj(v.ProductReferentie)?.VorigReferentieNummer)
      if (credit && !vorig) return { field: 'ProductReferentie/VorigReferentieNummer', message: 'VorigReferentieNummer is required on a credit prestatie' }
      if (!credit && vorig) return { field: 'ProductReferentie/VorigReferentieNummer', message: 'VorigReferentieNummer must be empty on a debit prestatie' }
      return undefined
    },
  },
  {
    code: 'CD087', element: 'Prestatie', messages: ['323'], text: "Als eenheid ongelijk is aan 83 (euro's) dan verplicht vullen, anders leeg laten (ProductTarief).",
    check: (v) => {
      if (v.Eenheid !== '83' && !has(v.ProductTarief)) return { field: 'ProductTarief', message: "ProductTarief is required unless Eenheid is 83 (euro's)" }
      if (v.Eenheid === '83' && has(v.ProductTarief)) return { field: 'ProductTarief', message: "ProductTarief must be empty when Eenheid is 83 (euro's)" }
      return undefined
    },
  },
  {
    code: 'CS339', element: 'Prestatie', messages: ['323'], text: "Indien Eenheid de waarde 83 (euro's) heeft, moet IngediendBedrag gelijk zijn aan GeleverdVolume.",
    check: (v) => (v.Eenheid === '83' && obj(v.IngediendBedrag)?.Bedrag !== v.GeleverdVolume ? { field: 'IngediendBedrag', message: "IngediendBedrag must equal GeleverdVolume when Eenheid is 83 (euro's)" } : undefined),
  },
]

/**
 * The rules that compare classes with each other (on the element that holds them) or with the
 * Header's Dagtekening (on the root element, Bericht).
 */
const messageWide: MessageRule[] = [
  {
    code: 'TR002', element: 'Bericht', messages: ['301', '305', '307', '315'],
    text: 'Geboortedatum mag niet meer dan 120 jaar voor de Dagtekening liggen, tenzij Geboortedatum onbekend is.',
    check: (v) => {
      const geboorte = obj(obj(v.Client)?.Geboortedatum)
      const datum = str(geboorte?.Datum)
      const dagtekening = dagtekeningOf(v)
      // Onbekend: DatumGebruik 3 and Datum 01-01-1900 (the rule's toelichting).
      if (datum === undefined || dagtekening === undefined || (str(geboorte?.DatumGebruik) === '3' && datum === '1900-01-01')) return undefined
      return datum < yearsBefore(dagtekening, 120) ? { field: 'Client/Geboortedatum', message: 'de geboortedatum ligt meer dan 120 jaar voor de dagtekening' } : undefined
    },
  },
  {
    code: 'TR134', element: 'Bericht', messages: ['301', '305', '307', '315'],
    text: 'Vullen met een bestaande datum die niet groter is dan de Dagtekening van het bericht (Geboortedatum; Begindatum van een StartProduct; Einddatum van een StopProduct).',
    check: (v) => {
      const dagtekening = dagtekeningOf(v)
      if (dagtekening === undefined) return undefined
      const client = obj(v.Client)
      if ((str(obj(client?.Geboortedatum)?.Datum) ?? '') > dagtekening) return { field: 'Client/Geboortedatum', message: 'de geboortedatum ligt na de dagtekening' }
      // OP271 and the 307's counterpart: a start or stop is reported after it happened.
      const start = classes(obj(client?.StartProducten)?.StartProduct).find((p) => str(p.Begindatum)! > dagtekening)
      if (start) return { field: 'Client/StartProducten/StartProduct/Begindatum', message: `Begindatum ${str(start.Begindatum)} ligt na de dagtekening ${dagtekening}` }
      const stop = classes(obj(client?.StopProducten)?.StopProduct).find((p) => str(p.Einddatum)! > dagtekening)
      if (stop) return { field: 'Client/StopProducten/StopProduct/Einddatum', message: `Einddatum ${str(stop.Einddatum)} ligt na de dagtekening ${dagtekening}` }
      return undefined
    },
  },
  // TR101, per berichtklasse by its parent's element; the keys are the Sleutelelement column of
  // "Condities, constraints, restricties per data-element". StatusAanlevering is no part of a
  // key (IV008: a correction outside the key goes in a separate message).
  uniqueKeys('StartProducten', 'StartProduct', ['305'], (p) => keyText(p.ToewijzingNummer, productKey(p), p.Begindatum)),
  uniqueKeys('StopProducten', 'StopProduct', ['307'], (p) => keyText(p.ToewijzingNummer, productKey(p), p.Begindatum, p.Einddatum, p.RedenBeeindiging)),
  uniqueKeys('OngewijzigdeProducten', 'OngewijzigdProduct', ['317'], (p) => keyText(p.ToewijzingNummer)),
  uniqueKeys('TeWijzigenProducten', 'TeWijzigenProduct', ['317'], (p) => keyText(p.ToewijzingNummer)),
  uniqueKeys('NieuweProducten', 'NieuwProduct', ['317'], (p) => keyText(productKey(p), p.GewensteIngangsdatum)),
  {
    code: 'TR383', element: 'AangevraagdeProducten', messages: ['315'], text: 'ReferentieAanbieder is uniek voor elk AangevraagdProduct binnen het bericht.',
    check: (v) => {
      const refs = classes(v.AangevraagdProduct).map((p) => str(p.ReferentieAanbieder))
      const twice = refs.find((r, i) => refs.indexOf(r) !== i)
      return twice === undefined ? undefined : { field: 'AangevraagdProduct/ReferentieAanbieder', message: `ReferentieAanbieder ${twice} komt twee keer voor` }
    },
  },
  {
    code: 'TR386', element: 'AangevraagdeProducten', messages: ['315'], text: 'Een Product mag alleen vaker in een verzoek om toewijzing voorkomen indien de zorgperiodes elkaar niet overlappen.',
    check: (v) => overlapIn(classes(v.AangevraagdProduct).map((p) => requested(p, 'ToewijzingIngangsdatum', 'ToewijzingEinddatum')), 'AangevraagdProduct'),
  },
  {
    code: 'TR410', element: 'NieuweProducten', messages: ['317'], text: 'Een Product mag alleen vaker in de berichtklassen NieuwProduct voorkomen als de zorgperiodes elkaar niet overlappen.',
    check: (v) => overlapIn(classes(v.NieuwProduct).map((p) => requested(p, 'GewensteIngangsdatum', 'Einddatum')), 'NieuwProduct'),
  },
  {
    code: 'TR352', element: 'Verzoek', messages: ['317'], text: 'Bij een verzoek om wijziging komt minstens 1 OngewijzigdProduct of TeWijzigenProduct voor.',
    check: (v) => (has(v.OngewijzigdeProducten) || has(v.TeWijzigenProducten) ? undefined : { message: 'een verzoek om wijziging noemt minstens één actuele toewijzing, als OngewijzigdProduct of TeWijzigenProduct' }),
  },
  {
    code: 'TR353', element: 'Verzoek', messages: ['317'], text: 'Bij een verzoek om wijziging komt minstens 1 TeWijzigenProduct of NieuwProduct voor.',
    check: (v) => (has(v.TeWijzigenProducten) || has(v.NieuweProducten) ? undefined : { message: 'een verzoek om wijziging vraagt minstens één wijziging: een TeWijzigenProduct of een NieuwProduct' }),
  },
  {
    code: 'TR380', element: 'Bericht', messages: ['317'], text: 'Vullen met een datum die groter is dan de dagtekening van het bericht (Einddatum van een TeWijzigenProduct).',
    check: (v) => {
      const dagtekening = dagtekeningOf(v)
      // A toewijzing is shortened or extended from now on: its new Einddatum lies after the Dagtekening.
      const p = classes(obj(obj(obj(v.Client)?.Verzoek)?.TeWijzigenProducten)?.TeWijzigenProduct).find((x) => dagtekening !== undefined && has(x.Einddatum) && str(x.Einddatum)! <= dagtekening)
      return p ? { field: 'Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Einddatum', message: `Einddatum ${str(p.Einddatum)} ligt niet na de dagtekening ${dagtekening}` } : undefined
    },
  },
]

/** TR101 for the classes `item` inside `group`. */
function uniqueKeys(group: string, item: string, messages: readonly MessageCode[], key: (p: MessageObject) => string): MessageRule {
  return {
    code: 'TR101', element: group, messages,
    text: 'Binnen een bericht zijn dubbele regels niet toegestaan: voor iedere berichtklasse is de logische sleutel, met die van de bovenliggende klassen, uniek.',
    check: (v) => {
      const keys = classes(v[item]).map(key)
      return new Set(keys).size < keys.length ? { field: item, message: `twee keer een ${item} met dezelfde logische sleutel (een correctie van een element buiten de sleutel gaat in een apart bericht, IV008)` } : undefined
    },
  }
}

/** A requested product and its period, for the overlap rules TR386, TR410 (level 2) and TR361 (level 3). */
export interface RequestedPeriod {
  categorie?: string
  code?: string
  from: string
  /** Open when absent. */
  to?: string
}

/**
 * TR361/TR386/TR410: two requested products clash when their periods overlap and they are the
 * same product — by code, or by categorie when either has no code; a product without a
 * categorie clashes with every other one.
 */
export function productsClash(a: RequestedPeriod, b: RequestedPeriod): boolean {
  const overlap = a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31')
  if (!overlap) return false
  if (a.categorie === undefined || b.categorie === undefined) return true
  if (a.categorie !== b.categorie) return false
  return a.code === undefined || b.code === undefined || a.code === b.code
}

function requested(p: MessageObject, from: string, to: string): RequestedPeriod {
  const product = obj(p.Product)
  return { categorie: str(product?.Categorie), code: str(product?.Code), from: str(p[from]) ?? '', to: str(p[to]) }
}

function overlapIn(items: RequestedPeriod[], name: string): RuleProblem | undefined {
  for (const [i, a] of items.entries()) {
    if (items.slice(i + 1).some((b) => productsClash(a, b))) return { field: name, message: `het product ${a.categorie ?? '(generiek)'}${a.code ? `/${a.code}` : ''} komt vaker voor met overlappende periodes` }
  }
  return undefined
}

const dagtekeningOf = (v: MessageObject) => str(obj(obj(v.Header)?.BerichtIdentificatie)?.Dagtekening)
const classes = (v: MessageValue | undefined): MessageObject[] => (v === undefined ? [] : ((Array.isArray(v) ? v : [v]) as MessageObject[]))
const productKey = (p: MessageObject) => keyText(obj(p.Product)?.Categorie, obj(p.Product)?.Code)
const keyText = (...parts: Array<MessageValue | undefined>) => parts.map((x) => (x === undefined ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x))).join('|')
/** `YYYY-MM-DD` minus whole years (29 February stays a valid string to compare). */
function yearsBefore(date: string, years: number): string {
  // Every prestatie of a 323 asks with the same DeclaratieDagtekening (TR335): answer from the last.
  const last = lastYearsBefore.get(years)
  if (last !== undefined && last.date === date) return last.result
  const result = `${String(Number(date.slice(0, 4)) - years).padStart(4, '0')}${date.slice(4)}`
  lastYearsBefore.set(years, { date, result })
  return result
}
const lastYearsBefore = new Map<number, { date: string; result: string }>()

const byCode = new Map<MessageCode, Map<string, MessageRule[]>>()

/** The rules of one message, by the element that triggers them. */
export function rulesFor(code: MessageCode): Map<string, MessageRule[]> {
  let map = byCode.get(code)
  if (!map) {
    map = new Map()
    for (const rule of [...allRules, ...messageWide]) {
      if (!rule.messages.includes(code)) continue
      const list = map.get(rule.element) ?? []
      list.push(rule)
      map.set(rule.element, list)
    }
    byCode.set(code, map)
  }
  return map
}

/** Every level-2 rule, for documentation and tests. */
export const messageRules: readonly MessageRule[] = [...allRules, ...messageWide]
