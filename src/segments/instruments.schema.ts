/**
 * The four instruments of a segment as structured data (seed 001: "per segment is … een
 * keuze gemaakt voor hoe de inkoopinstrumenten (toegang, bekostiging, leveranciersmanagement
 * en contract) worden ingezet"). One Zod schema each serves the API, the CLI and the
 * database column (jsonb), so a bad config value is refused by name wherever it enters.
 */
import { z } from 'zod'
import { calendarDate } from '../shared/request.schema.ts'
import { nonNegativeCents } from '../shared/money.ts'
import { kpiCodes } from '../kpis/kpi.rules.ts'

/** COD327 Verwijzer type (RULES.md). */
export const verwijzerTypes = {
  '01': 'Gemeente',
  '02': 'Huisarts',
  '03': 'Jeugdarts',
  '04': 'Gecertificeerde instelling',
  '05': 'Medisch specialist',
  '06': 'Zelfverwijzer',
  '08': 'Justitie',
} as const
export const verwijzerType = z.enum(Object.keys(verwijzerTypes) as [keyof typeof verwijzerTypes])

export const variants = ['inspanningsgericht', 'outputgericht', 'taakgericht'] as const
export const variantSchema = z.enum(variants)
export type Variant = z.infer<typeof variantSchema>

export const toegangSchema = z.object({
  /** Who may refer into this segment (COD327). */
  allowedReferrers: z.array(verwijzerType).min(1),
  /** Who issues the toewijzing. */
  allocatedBy: z.enum(['lokaal_team', 'regionaal_team']),
  /**
   * Maximum allocation length in months per perspective. Seed 004 §5.4: "We verkorten de
   * beschikkingstermijn voor inwoners waarbij sprake is van ontwikkelingsperspectief naar
   * 9 maanden tenzij"; stabilising help "kan … voor een langere beschikkingstermijn".
   */
  maxMonths: z.object({
    ontwikkeling: z.number().int().min(1).max(120),
    stabiliteit: z.number().int().min(1).max(120),
  }),
  /** Whether a recorded justification may exceed the ontwikkeling maximum ("tenzij"). */
  longerWithJustification: z.boolean(),
  /** Whether allocations in this segment use client profiles (seed 002) instead of products. */
  usesProfiles: z.boolean(),
  /** Triage notes for the lokaal team, in the strategy's words. */
  triage: z.string().max(2000),
})
export type Toegang = z.infer<typeof toegangSchema>

export const bekostigingSchema = z.object({
  /** The uitvoeringsvarianten this segment's products may use. */
  variants: z.array(variantSchema).min(1),
  /** Budgetplafond / bestedingsruimte per year, in cents; null when there is none. */
  budgetCeilingCentsPerYear: nonNegativeCents.nullable(),
  /** Beschikbaarheidsfinanciering per year (crisis, scarce places), in cents; null when none. */
  availabilityFundingCentsPerYear: nonNegativeCents.nullable(),
  notes: z.string().max(2000),
})
export type Bekostiging = z.infer<typeof bekostigingSchema>

export const contractTermsSchema = z.object({
  startDate: calendarDate,
  initialYears: z.number().int().min(1).max(10),
  /** Years per extension option, in order: 4+1+1 is `initialYears: 4, extensionOptions: [1, 1]`. */
  extensionOptions: z.array(z.number().int().min(1).max(5)).max(5),
  openToNewProviders: z.boolean(),
  maxProviders: z.number().int().min(1).nullable(),
  /** Acceptatieplicht: a contracted provider must accept a client the toegang sends. */
  acceptanceDuty: z.boolean(),
})
export type ContractTerms = z.infer<typeof contractTermsSchema>

export const leveranciersmanagementSchema = z.object({
  /**
   * The KPIs the provider scorecard and the account conversations of this segment cover
   * (src/kpis/kpi.rules.ts). Targets on them are strategy targets (src/targets), with a baseline.
   */
  scorecard: z.array(z.enum(kpiCodes)).min(1).refine((codes) => new Set(codes).size === codes.length, 'a KPI is named once'),
  conversationCadence: z.enum(['maandelijks', 'per_kwartaal', 'halfjaarlijks', 'jaarlijks']),
  /** Months after a traject ended that its T3 outcome measurement is due (seed 002: "eventueel na afloopt (T3)"). */
  t3Months: z.number().int().min(1).max(36).default(6),
  notes: z.string().max(2000),
})
export type Leveranciersmanagement = z.infer<typeof leveranciersmanagementSchema>

export const instrumentsSchema = z
  .object({
    toegang: toegangSchema,
    bekostiging: bekostigingSchema,
    contract: contractTermsSchema,
    leveranciersmanagement: leveranciersmanagementSchema,
  })
  .refine((i) => i.toegang.maxMonths.ontwikkeling <= i.toegang.maxMonths.stabiliteit, {
    message: 'the maximum for ontwikkeling may not exceed the maximum for stabiliteit',
    path: ['toegang', 'maxMonths'],
  })
export type Instruments = z.infer<typeof instrumentsSchema>

export const cadenceLabels: Record<Leveranciersmanagement['conversationCadence'], string> = {
  maandelijks: 'maandelijks',
  per_kwartaal: 'per kwartaal',
  halfjaarlijks: 'halfjaarlijks',
  jaarlijks: 'jaarlijks',
}
