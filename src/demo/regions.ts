/**
 * The demo regions and their segments, as their strategy documents (shared seeds) describe
 * them. Figures that are not in the seeds (tariffs, KPI targets) are plausible examples,
 * marked as such in docs/demo-data.md.
 */
import type { Instruments, Variant } from '../segments/instruments.schema.ts'
import type { Eenheid, Wet } from '../istandaarden/codelists.ts'
import { defaultScorecard } from '../kpis/kpi.rules.ts'

export interface DemoProduct {
  productcategorie: string
  productcode: string | null
  name: string
  eenheid: Eenheid | null
  variant: Variant
  /** Tariff in the first contract year, cents per unit (per traject for output 82/83). */
  tariffCents: number
}

export interface DemoSegment {
  wet: Wet
  code: string
  name: string
  description: string
  parentCode?: string
  /** Iv3 taakvelden whose 2023 realisation sizes this segment's budget, with the share taken. */
  taakvelden: Record<string, number>
  perspective: 'ontwikkeling' | 'stabiliteit' | 'beide'
  variants: Variant[]
  maxProviders: number | null
  openToNewProviders: boolean
  availabilityFunding: boolean
  products: DemoProduct[]
}

export interface DemoRegionSpec {
  code: string
  /** Short prefix for demo usernames. */
  slug: string
  name: string
  gemeenteCodes: string[]
  contract: { start: string; initialYears: number; extensionOptions: number[]; reference: string; name: string }
  previousContract?: { start: string; initialYears: number; extensionOptions: number[]; reference: string; name: string }
  segments: DemoSegment[]
  providerCount: number
}

const p = (productcategorie: string, productcode: string | null, name: string, eenheid: Eenheid | null, variant: Variant, tariffCents: number): DemoProduct => ({
  productcategorie,
  productcode,
  name,
  eenheid,
  variant,
  tariffCents,
})

/** Zuidoost-Utrecht: seed 004, "Regionale Inkoopkoers Jeugd en Wmo" (maart 2025). */
const zuidoostUtrecht: DemoRegionSpec = {
  code: 'zuidoost-utrecht',
  slug: 'zou',
  name: 'Zuidoost-Utrecht',
  gemeenteCodes: ['0312', '0310', '1581', '0352', '0355'],
  // Seed 004 §1.1: "nieuwe contracten met aanbieders die per 1 januari 2027 ingaan";
  // §5.1: "overeenkomsten voor vier jaar … met de mogelijkheid van twee keer een jaar verlenging".
  contract: { start: '2027-01-01', initialYears: 4, extensionOptions: [1, 1], reference: 'ZOU-2027', name: 'Raamovereenkomst Jeugd en Wmo Zuidoost-Utrecht 2027' },
  // Seed 004 §1.1: "De huidige contracten met aanbieders lopen eind 2026 af."
  previousContract: { start: '2021-01-01', initialYears: 4, extensionOptions: [1, 1], reference: 'ZOU-2021', name: 'Raamovereenkomst Jeugd en Wmo Zuidoost-Utrecht 2021' },
  providerCount: 40,
  segments: [
    {
      wet: 'jeugdwet', code: 'jeugd-ambulant', name: 'Jeugdhulp ambulant',
      description: 'Basis- en specialistische begeleiding samengevoegd in één product jeugdhulp (seed 004 §5.5).',
      taakvelden: { '6.72a': 1, '6.72d': 1 }, perspective: 'beide', variants: ['inspanningsgericht'],
      maxProviders: null, openToNewProviders: true, availabilityFunding: false,
      products: [p('45', '45A48', 'Jeugdhulp ambulant individueel', '04', 'inspanningsgericht', 8_950), p('45', '45A53', 'Jeugdhulp ambulant groep', '16', 'inspanningsgericht', 7_420)],
    },
    {
      wet: 'jeugdwet', code: 'jeugd-ggz', name: 'Jeugd-ggz',
      description: 'Lichtere jGGZ (angst, adhd, bepaalde vormen van autisme) anders ingekocht (seed 004 §5.5).',
      taakvelden: { '6.72b': 1, '6.74a': 1 }, perspective: 'ontwikkeling', variants: ['outputgericht', 'inspanningsgericht'],
      maxProviders: 12, openToNewProviders: false, availabilityFunding: false,
      products: [p('54', '54001', 'Jeugd-ggz traject licht', '82', 'outputgericht', 285_000), p('54', '54002', 'Jeugd-ggz behandeling', '01', 'inspanningsgericht', 205)],
    },
    {
      wet: 'jeugdwet', code: 'jeugd-dagbehandeling', name: 'Dagbehandeling en jeugdhulp in onderwijstijd',
      description: 'Duidelijke afspraken over onderwijszorgarrangementen en jeugdhulp tijdens onderwijstijd (seed 004 §5.5).',
      taakvelden: { '6.72c': 1 }, perspective: 'ontwikkeling', variants: ['inspanningsgericht'],
      maxProviders: 8, openToNewProviders: false, availabilityFunding: false,
      products: [p('41', '41A05', 'Dagbehandeling', '16', 'inspanningsgericht', 13_800)],
    },
    {
      wet: 'jeugdwet', code: 'jeugd-verblijf', name: 'Jeugdhulp met verblijf en gezinsvormen',
      description: 'Pleegzorg, gezinshuizen en residentiële jeugdhulp; zo thuis mogelijk.',
      taakvelden: { '6.73a': 1, '6.73b': 1, '6.73c': 1, '6.74c': 1 }, perspective: 'stabiliteit', variants: ['inspanningsgericht'],
      maxProviders: 6, openToNewProviders: false, availabilityFunding: false,
      products: [p('43', '43A01', 'Verblijf inclusief behandeling', '14', 'inspanningsgericht', 39_500), p('35', '35A01', 'Pleegzorg', '14', 'inspanningsgericht', 4_450)],
    },
    {
      wet: 'jeugdwet', code: 'jeugd-crisis', name: 'Crisis',
      description: 'Crisisopvang en ambulante crisishulp, deels met beschikbaarheidsfinanciering.',
      taakvelden: { '6.74b': 1 }, perspective: 'ontwikkeling', variants: ['inspanningsgericht'],
      maxProviders: 3, openToNewProviders: false, availabilityFunding: true,
      products: [p('46', '46A01', 'Crisisverblijf', '14', 'inspanningsgericht', 52_000)],
    },
    {
      wet: 'wmo', code: 'wmo-begeleiding', name: 'Wmo-begeleiding individueel',
      description: 'Duidelijk onderscheid tussen activeren (ontwikkelperspectief) en stabiliseren (seed 004 §5.3).',
      taakvelden: { '6.71b': 1 }, perspective: 'beide', variants: ['inspanningsgericht'],
      maxProviders: null, openToNewProviders: true, availabilityFunding: false,
      products: [p('02', '02A01', 'Begeleiding activerend', '04', 'inspanningsgericht', 6_950), p('02', '02A02', 'Begeleiding stabiliserend', '04', 'inspanningsgericht', 6_450)],
    },
    {
      wet: 'wmo', code: 'wmo-dagbesteding', name: 'Dagbesteding en groepsaanbod',
      description: 'Laagdrempelige dagbesteding, inloophuizen en digitale dagbesteding (seed 004 §5.3, §5.5).',
      taakvelden: { '6.71c': 1 }, perspective: 'stabiliteit', variants: ['inspanningsgericht'],
      maxProviders: null, openToNewProviders: true, availabilityFunding: false,
      products: [p('07', '07A01', 'Dagbesteding', '16', 'inspanningsgericht', 6_100)],
    },
    {
      wet: 'wmo', code: 'wmo-huishoudelijke-hulp', name: 'Hulp bij het huishouden',
      description: 'Taakgericht bekostigd per aanbieder en periode.',
      taakvelden: { '6.71a': 1 }, perspective: 'stabiliteit', variants: ['taakgericht'],
      maxProviders: 4, openToNewProviders: false, availabilityFunding: false,
      products: [p('01', '01A01', 'Hulp bij het huishouden', null, 'taakgericht', 0)],
    },
  ],
}

/** Lekstroom: seed 003, "Verslag vragenuren Inkoopstrategie Jeugdhulp 2022". */
const lekstroom: DemoRegionSpec = {
  code: 'lekstroom',
  slug: 'lek',
  name: 'Lekstroom',
  gemeenteCodes: ['0321', '0353', '0331', '0356', '1961'],
  // Seed 003: "Wel gaan alle contracten per 1 januari 2023 in."; Gezinsvormen "minimaal 4 jaar en daarna 2x2 jaar".
  contract: { start: '2023-01-01', initialYears: 4, extensionOptions: [2, 2], reference: 'LEK-2023', name: 'Inkoop Jeugdhulp Lekstroom 2023' },
  providerCount: 30,
  segments: [
    {
      wet: 'jeugdwet', code: 'gezinsvormen', name: 'Gezinsvormen',
      description: '"Het doel is dat één opdrachtnemer (samenwerking van aanbieders) verantwoordelijk is voor de opgave" (seed 003).',
      taakvelden: { '6.73a': 1, '6.73b': 1, '6.73c': 1 }, perspective: 'stabiliteit', variants: ['taakgericht'],
      maxProviders: 1, openToNewProviders: false, availabilityFunding: false,
      products: [p('36', '36A01', 'Gezinsvormen (taakgericht)', null, 'taakgericht', 0)],
    },
    {
      wet: 'jeugdwet', code: 'onderwijstijd', name: 'Jeugdhulp in onderwijstijd',
      description: 'Jeugdhulp tijdens onderwijstijd, in samenhang met het onderwijs.',
      taakvelden: { '6.72c': 1 }, perspective: 'ontwikkeling', variants: ['inspanningsgericht'],
      maxProviders: 6, openToNewProviders: false, availabilityFunding: false,
      products: [p('41', '41A05', 'Dagbehandeling onderwijstijd', '16', 'inspanningsgericht', 13_200)],
    },
    {
      wet: 'jeugdwet', code: 'ambulant-enkelvoudig', name: 'Ambulant enkelvoudig',
      description: 'Enkelvoudige ambulante jeugdhulp.',
      taakvelden: { '6.72a': 1, '6.74a': 0.5 }, perspective: 'ontwikkeling', variants: ['outputgericht'],
      maxProviders: null, openToNewProviders: true, availabilityFunding: false,
      products: [p('45', '45T01', 'Ambulant traject enkelvoudig', '82', 'outputgericht', 240_000)],
    },
    {
      wet: 'jeugdwet', code: 'ambulant-meervoudig', name: 'Ambulant meervoudig',
      description: 'Meervoudige ambulante jeugdhulp.',
      taakvelden: { '6.72b': 1, '6.74a': 0.5 }, perspective: 'beide', variants: ['outputgericht'],
      maxProviders: 10, openToNewProviders: false, availabilityFunding: false,
      products: [p('45', '45T02', 'Ambulant traject meervoudig', '82', 'outputgericht', 520_000)],
    },
    {
      wet: 'jeugdwet', code: 'crisis', name: 'Crisis',
      description: 'Crisishulp, kortdurend per definitie.',
      taakvelden: { '6.74b': 1 }, perspective: 'ontwikkeling', variants: ['inspanningsgericht'],
      maxProviders: 2, openToNewProviders: false, availabilityFunding: true,
      products: [p('46', '46A01', 'Crisisverblijf', '14', 'inspanningsgericht', 51_000)],
    },
  ],
}

/** Midden-Limburg West: seed 001, "Verwervingsstrategie sociaal domein 2022 en verder". */
const middenLimburgWest: DemoRegionSpec = {
  code: 'midden-limburg-west',
  slug: 'mlw',
  name: 'Midden-Limburg West',
  gemeenteCodes: ['1640', '0946', '0988'],
  contract: { start: '2022-01-01', initialYears: 3, extensionOptions: [1, 1], reference: 'MLW-2022', name: 'Verwerving sociaal domein Midden-Limburg West 2022' },
  providerCount: 30,
  segments: [
    { wet: 'jeugdwet', code: 'verblijf-met-behandeling', name: 'Verblijf met behandeling', description: '"Voor verblijf met behandeling wordt een beperkt aantal aanbieders gecontracteerd" (seed 001).', taakvelden: { '6.73c': 1, '6.74c': 1 }, perspective: 'stabiliteit', variants: ['inspanningsgericht'], maxProviders: 5, openToNewProviders: false, availabilityFunding: false, products: [p('43', '43A01', 'Verblijf inclusief behandeling', '14', 'inspanningsgericht', 41_000)] },
    { wet: 'jeugdwet', code: 'wonen', name: 'Wonen', description: 'Pleegzorg, gezinshuizen, woongroepen en kamertrainingen (seed 001).', taakvelden: { '6.73a': 1, '6.73b': 1 }, perspective: 'stabiliteit', variants: ['inspanningsgericht'], maxProviders: 6, openToNewProviders: false, availabilityFunding: false, products: [p('35', '35A01', 'Pleegzorg', '14', 'inspanningsgericht', 4_300)] },
    { wet: 'jeugdwet', code: 'dagbesteding-dagbehandeling', name: 'Dagbesteding en dagbehandeling', description: '"We gaan uit van drie sub segmenten" (seed 001).', taakvelden: { '6.72c': 1 }, perspective: 'ontwikkeling', variants: ['inspanningsgericht'], maxProviders: 8, openToNewProviders: false, availabilityFunding: false, products: [p('41', '41A05', 'Dagbehandeling', '16', 'inspanningsgericht', 13_500)] },
    { wet: 'jeugdwet', code: 'jonge-kind', parentCode: 'dagbesteding-dagbehandeling', name: 'Jonge kind meervoudig complex', description: 'Sub-segment (seed 001).', taakvelden: {}, perspective: 'ontwikkeling', variants: ['inspanningsgericht'], maxProviders: 3, openToNewProviders: false, availabilityFunding: false, products: [] },
    { wet: 'jeugdwet', code: 'uitval-onderwijs', parentCode: 'dagbesteding-dagbehandeling', name: 'Jeugdigen die uit onderwijs dreigen te vallen', description: 'Sub-segment (seed 001).', taakvelden: {}, perspective: 'ontwikkeling', variants: ['inspanningsgericht'], maxProviders: 3, openToNewProviders: false, availabilityFunding: false, products: [] },
    { wet: 'jeugdwet', code: 'naschoolse-opvang', parentCode: 'dagbesteding-dagbehandeling', name: 'Jeugdigen die na school opvang nodig hebben', description: 'Sub-segment (seed 001).', taakvelden: {}, perspective: 'ontwikkeling', variants: ['inspanningsgericht'], maxProviders: 3, openToNewProviders: false, availabilityFunding: false, products: [] },
    { wet: 'jeugdwet', code: 'ambulant', name: 'Ambulant', description: '"Hoogste volume aan cliënten tegen de laagste gemiddelde prijs per cliënt" (seed 001).', taakvelden: { '6.72a': 1, '6.72b': 1, '6.74a': 1 }, perspective: 'ontwikkeling', variants: ['inspanningsgericht'], maxProviders: 15, openToNewProviders: false, availabilityFunding: false, products: [p('45', '45A48', 'Jeugdhulp ambulant', '04', 'inspanningsgericht', 9_100)] },
    { wet: 'jeugdwet', code: 'crisis', name: 'Crisis', description: '"Crisis is per definitie kortdurend" (seed 001).', taakvelden: { '6.74b': 1 }, perspective: 'ontwikkeling', variants: ['inspanningsgericht'], maxProviders: 2, openToNewProviders: false, availabilityFunding: true, products: [p('46', '46A01', 'Crisisopvang', '14', 'inspanningsgericht', 50_000)] },
    { wet: 'wmo', code: 'multiproblematiek', name: 'Multiproblematiek', description: 'Segment 1a; beperkt aantal aanbieders (seed 001).', taakvelden: { '6.71d': 1 }, perspective: 'stabiliteit', variants: ['inspanningsgericht'], maxProviders: 4, openToNewProviders: false, availabilityFunding: false, products: [p('02', '02M01', 'Begeleiding multiproblematiek', '04', 'inspanningsgericht', 7_800)] },
    { wet: 'wmo', code: 'volwassenen-verbetering', name: 'Volwassenen verbetering', description: '"Profielen … voor een korte periode" (seed 001).', taakvelden: { '6.71b': 0.5 }, perspective: 'ontwikkeling', variants: ['outputgericht'], maxProviders: 6, openToNewProviders: false, availabilityFunding: false, products: [p('02', '02P01', 'Profiel verbetering', '82', 'outputgericht', 310_000)] },
    { wet: 'wmo', code: 'volwassenen-stabiliteit', name: 'Volwassenen stabiliteit', description: 'Langdurige ondersteuning, zo zelfredzaam mogelijk (seed 001).', taakvelden: { '6.71b': 0.5, '6.71c': 1 }, perspective: 'stabiliteit', variants: ['inspanningsgericht'], maxProviders: null, openToNewProviders: true, availabilityFunding: false, products: [p('02', '02S01', 'Begeleiding stabiliteit', '04', 'inspanningsgericht', 6_300)] },
    { wet: 'wmo', code: 'ouderen', name: 'Ouderen', description: 'Ondersteuning van ouderen (seed 001).', taakvelden: { '6.71a': 1 }, perspective: 'stabiliteit', variants: ['taakgericht'], maxProviders: 4, openToNewProviders: false, availabilityFunding: false, products: [p('01', '01A01', 'Hulp bij het huishouden', null, 'taakgericht', 0)] },
  ],
}

export const demoRegions = { 'zuidoost-utrecht': zuidoostUtrecht, lekstroom, 'midden-limburg-west': middenLimburgWest } as const
export type DemoRegionCode = keyof typeof demoRegions

/** Builds a segment's four instruments from the compact demo description. */
export function instrumentsFor(spec: DemoSegment, contract: DemoRegionSpec['contract'], budgetCents: number): Instruments {
  return {
    toegang: {
      allowedReferrers: spec.wet === 'jeugdwet' ? ['01', '02', '03', '04', '05', '08'] : ['01'],
      allocatedBy: 'lokaal_team',
      // Seed 004 §5.4: ontwikkeling 9 months "tenzij"; stabiliserende hulp may be longer.
      maxMonths: { ontwikkeling: 9, stabiliteit: spec.perspective === 'ontwikkeling' ? 12 : 36 },
      longerWithJustification: true,
      usesProfiles: spec.variants.includes('outputgericht'),
      triage: spec.perspective === 'ontwikkeling' ? 'Eerst voorliggende voorzieningen en groepsaanbod; na 9 maanden herbeoordelen en afschalen.' : 'Stabiliseren: leren leven met; kritisch op afhankelijkheid.',
    },
    bekostiging: {
      variants: spec.variants,
      budgetCeilingCentsPerYear: spec.maxProviders !== null ? Math.round(budgetCents * 1.05) : null,
      availabilityFundingCentsPerYear: spec.availabilityFunding ? Math.round(budgetCents * 0.35) : null,
      notes: spec.variants.includes('taakgericht') ? 'Taakgericht: vaste som per aanbieder per periode, geen declaratie per cliënt.' : '',
    },
    contract: {
      startDate: contract.start,
      initialYears: contract.initialYears,
      extensionOptions: contract.extensionOptions,
      openToNewProviders: spec.openToNewProviders,
      maxProviders: spec.maxProviders,
      acceptanceDuty: spec.maxProviders !== null,
    },
    leveranciersmanagement: {
      scorecard: defaultScorecard,
      conversationCadence: spec.maxProviders !== null && spec.maxProviders <= 6 ? 'per_kwartaal' : 'halfjaarlijks',
      t3Months: 6,
      notes: 'Accountgesprekken op basis van data; geraamd budget per aanbieder (seed 004 §5.6).',
    },
  }
}
