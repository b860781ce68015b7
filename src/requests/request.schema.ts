/** The bodies of the work queue's routes (ADR 0032): approving a 315, and refusing or answering a request. Pure, so the web forms check them too. */
import { z } from 'zod'
import { huisnummerSchema, postcodeSchema } from '../clients/client.schema.ts'
import { codeKeys, redenenAfwijzingVerzoek } from '../istandaarden/codelists.ts'
import { note } from '../shared/request.schema.ts'
import { assessmentSchema, toewijzingFieldsSchema } from '../toewijzingen/toewijzing.schema.ts'

export const approveRequestSchema = toewijzingFieldsSchema
  .pick({ productId: true, ingangsdatum: true, einddatum: true, omvang: true, budgetCents: true, justification: true, exceptionReason: true })
  .extend({
    assessment: assessmentSchema,
    /** The client's BRP address when it is not on file yet (a 315 carries none; the 301 needs it, CD034). */
    postcode: postcodeSchema.optional(),
    huisnummer: huisnummerSchema.optional(),
    /** IV047: the address is a briefadres (the BRP holds no other): the 301 sends it as correspondentie-adres (02). */
    briefadres: z.boolean().optional(),
  })
export type ApproveRequestInput = z.input<typeof approveRequestSchema>

export const answerSchema = z.object({
  reden: z.enum(codeKeys(redenenAfwijzingVerzoek)).optional(),
  /** TR377: with reden 8 (woonplaatsbeginsel, iJw) the CBS code of the responsible gemeente. */
  woonplaatsGemeente: z.string().regex(/^\d{4}$/, 'een CBS-gemeentecode heeft 4 cijfers').optional(),
  note,
})

/** The body of answering "in onderzoek": a note only. */
export const investigateSchema = answerSchema.pick({ note: true })
