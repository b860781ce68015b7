/**
 * The bodies of the integrity register's routes (issue 21, ADR 0035), pure (ADR 0032): the
 * routes check them and the web app checks its forms with the same schemas before it sends.
 */
import { z } from 'zod'
import { calendarDate } from '../shared/request.schema.ts'
import { RVT_GRENS_MET_VERBLIJF, RVT_GRENS_ZONDER_VERBLIJF, rvtVereist, toezichtBronnen } from './integriteit.rules.ts'

const tekst = (max: number) => z.string().trim().min(1).max(max)
const base = {
  providerId: z.number().int().positive(),
  /** A subcontractor (onderaannemer) of the provider or of its combination; empty for the provider itself. */
  onderaannemer: tekst(200).optional(),
  datum: calendarDate,
  /** A reference to the document: a name, URL or kenmerk (no file is stored). */
  document: tekst(500).optional(),
}

export const registratieSchema = z.discriminatedUnion('soort', [
  z.object({
    ...base,
    soort: z.literal('ubo'),
    gegevens: z.object({
      identiteitVastgesteld: z.boolean(),
      personen: z.array(z.object({ naam: tekst(200), geboortedatum: calendarDate })).max(50),
    }),
  }),
  z.object({
    ...base,
    soort: z.literal('bibob'),
    gegevens: z.object({
      lbbAdvies: z.enum(['niet_gevraagd', 'geen_gevaar', 'mindere_mate', 'ernstige_mate']),
      uitkomst: z.enum(['lopend', 'positief', 'negatief']),
      zienswijze: z.string().trim().max(4000).default(''),
    }),
  }),
  z.object({ ...base, soort: z.literal('vog'), gegevens: z.object({ aanwezig: z.boolean(), toelichting: z.string().trim().max(2000).default('') }) }),
  z.object({
    ...base,
    soort: z.literal('toezicht'),
    gegevens: z
      .object({
        bron: z.enum(toezichtBronnen),
        maatregelDatum: calendarDate,
        /** When the provider reported it; empty when the region learned of it otherwise. */
        gemeldOp: calendarDate.nullable(),
        bevinding: tekst(4000),
        maatregel: z.string().trim().max(4000).default(''),
      })
      .refine((g) => g.gemeldOp === null || g.gemeldOp >= g.maatregelDatum, { message: 'reported before the measure', path: ['gemeldOp'], params: { melding: 'De melding kan niet voor de datum van de maatregel liggen.' } }),
  }),
  z.object({ ...base, soort: z.literal('keurmerk'), gegevens: z.object({ naam: tekst(200), geldigTot: calendarDate.nullable() }) }),
  z.object({
    ...base,
    soort: z.literal('rvt'),
    gegevens: z
      .object({
        vereist: z.boolean(),
        aanwezig: z.boolean(),
        /** Youth care with residence (verblijf) or not, and the number of jeugdhulpverleners: what `vereist` follows from (Wvbj). */
        verblijf: z.boolean().optional(),
        jeugdhulpverleners: z.number().int().min(0).max(100_000).optional(),
      })
      .refine((g) => g.verblijf === undefined || g.jeugdhulpverleners === undefined || g.vereist === rvtVereist(g.verblijf, g.jeugdhulpverleners), {
        message: 'required follows from the threshold',
        path: ['vereist'],
        params: { melding: `Intern toezicht is vereist bij meer dan ${RVT_GRENS_MET_VERBLIJF} jeugdhulpverleners met verblijf of meer dan ${RVT_GRENS_ZONDER_VERBLIJF} zonder verblijf, en anders niet.` },
      }),
  }),
  z.object({ ...base, soort: z.literal('toelating'), gegevens: z.object({ toets: tekst(200), resultaat: z.enum(['voldaan', 'niet_voldaan', 'nvt']) }) }),
])
export type RegistratieInput = z.input<typeof registratieSchema>

export const jaarcijfersSchema = z.object({
  providerId: z.number().int().positive(),
  jaar: z.number().int().min(2000).max(2100),
  omzetCents: z.number().int().min(0),
  omzetRegioCents: z.number().int().min(0),
  personeelskostenCents: z.number().int().min(0),
  inhuurCents: z.number().int().min(0),
  resultaatCents: z.number().int(),
  eigenVermogenCents: z.number().int(),
  balanstotaalCents: z.number().int().min(0),
  vlottendeActivaCents: z.number().int().min(0),
  kortlopendeSchuldenCents: z.number().int().min(0),
  dividendCents: z.number().int().min(0),
  verbondenPartijenCents: z.number().int().min(0),
  ingediendOp: calendarDate,
  bron: tekst(200),
})
export type JaarcijfersInput = z.infer<typeof jaarcijfersSchema>

export const instellingSchema = z.object({
  maxWinstPct: z.number().min(0).max(100),
  minSolvabiliteitPct: z.number().min(0).max(100),
  minCurrentRatio: z.number().min(0).max(100),
  maxInhuurPct: z.number().min(0).max(100),
})

export const onderzoekInputSchema = z
  .object({
    providerId: z.number().int().positive(),
    titel: z.string().trim().min(1).max(200),
    signaalId: z.number().int().positive().optional(),
    steekproefRegelId: z.number().int().positive().optional(),
    /** What the provider must answer; the only text of the case the provider sees. */
    vraagAanAanbieder: z.string().trim().min(1).max(4000),
    declaratieIds: z.array(z.number().int().positive()).max(500).default([]),
  })
  .refine((o) => (o.signaalId === undefined) !== (o.steekproefRegelId === undefined), { message: 'a signal or a sample finding, one of them', path: ['signaalId'] })

export const stapInputSchema = z
  .object({
    soort: z.enum(['stap', 'bevinding', 'maatregel']),
    tekst: z.string().trim().min(1).max(4000),
    /** A measure's recovery of an amount, in cents. */
    terugvorderingCents: z.number().int().positive().optional(),
  })
  .refine((s) => s.terugvorderingCents === undefined || s.soort === 'maatregel', { message: 'only a measure recovers an amount', path: ['terugvorderingCents'] })

export const afrondenSchema = z.object({ conclusie: z.string().trim().min(1, 'a conclusion says how it ended').max(4000) })

export const acknowledgeSchema = z.object({ notitie: z.string().trim().min(1, 'a note says what will be done').max(2000), eigenaarId: z.number().int().positive() })

export const closeSchema = z.object({ notitie: z.string().trim().min(1, 'a note says how it ended').max(2000) })
