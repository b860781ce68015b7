import { z } from 'zod'
import { answer, getRouteWithQuery, idAnswer, okAnswer, postRoute, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import {
  type Bestedingsruimte,
  type Clientenstop,
  type InzetRegelMetNaam,
  type Melding,
  inzetQuerySchema,
  liftClientenstop,
  listBestedingsruimte,
  listClientenstops,
  onvoldoendeInzetLijst,
  recordBesluit,
  recordOverleg,
  sendMelding,
  setBestedingsruimte,
  setClientenstop,
} from './bestedingsruimte.queries.ts'
import { besluitInputSchema, bestedingsruimteInputSchema, clientenstopInputSchema, meldingInputSchema, opheffenInputSchema, overlegInputSchema } from './bestedingsruimte.schema.ts'

const signaal = z.enum(['zeventig_procent', 'overschrijding_dreigt'])

const klokkenSchema = z.object({
  overlegUiterlijk: answer.date,
  overlegTeLaat: z.boolean(),
  besluitUiterlijk: answer.date,
  besluitTeLaat: z.boolean(),
  fase: z.enum(['overleg', 'besluit', 'besloten']),
})

export const meldingSchema = z
  .object({
    id: z.number(),
    soort: signaal,
    gemeldOp: answer.date,
    brief: z.string().openapi({ description: 'The written notice of art. 1.5.7 as Koers composed it, in Dutch' }),
    benutCents: answer.cents,
    prognoseCents: answer.cents,
    bedragCents: answer.cents,
    overlegGeplandOp: answer.date.nullable(),
    overlegGehoudenOp: answer.date.nullable(),
    overlegNotitie: z.string().nullable(),
    besluitOp: answer.date.nullable(),
    besluit: z.enum(['ongewijzigd', 'verhoogd', 'clientenstop']).nullable(),
    besluitNotitie: z.string().nullable(),
    nieuwBedragCents: answer.cents.nullable(),
    klokken: klokkenSchema,
  })
  .openapi('BestedingsruimteMelding') satisfies z.ZodType<Melding>

export const clientenstopSchema = z
  .object({
    id: z.number(),
    providerId: z.number(),
    aanbieder: z.string(),
    segmentId: z.number().nullable(),
    segment: z.string(),
    van: answer.date,
    tot: answer.date.nullable(),
    reden: z.string(),
    ingesteldOp: answer.moment,
    opheffingNotitie: z.string().nullable(),
    actief: z.boolean(),
  })
  .openapi('Clientenstop') satisfies z.ZodType<Clientenstop>

export const bestedingsruimteSchema = z
  .object({
    id: z.number(),
    providerId: z.number(),
    aanbieder: z.string(),
    segmentId: z.number().nullable(),
    segment: z.string(),
    jaar: z.number().int(),
    ingangsdatum: answer.date,
    einddatum: answer.date,
    bedragCents: answer.cents,
    toelichting: z.string(),
    voornemenGemeldOp: answer.date.nullable(),
    besluitGemeldOp: answer.date.nullable(),
    aankondiging: z.object({
      voornemenUiterlijk: answer.date,
      besluitUiterlijk: answer.date,
      voornemenOpTijd: z.boolean().nullable(),
      besluitOpTijd: z.boolean().nullable(),
      bevindingen: z.array(z.string()),
    }),
    gerealiseerdCents: answer.cents,
    openCents: answer.cents,
    prognoseCents: answer.cents,
    status: z.object({
      benutCents: answer.cents,
      benutPct: z.number(),
      drempelCents: answer.cents,
      resterendCents: answer.cents,
      signalen: z.array(signaal),
      bereikt: z.boolean(),
    }),
    melding: meldingSchema.nullable(),
    stops: z.array(clientenstopSchema),
  })
  .openapi('Bestedingsruimte') satisfies z.ZodType<Bestedingsruimte>

const inzetSchema = z
  .object({
    providerId: z.number(),
    aanbieder: z.string(),
    contractStart: answer.date,
    periodeVan: answer.date,
    periodeTot: answer.date,
    gerealiseerdCents: answer.cents,
    gemiddeldCents: answer.cents,
    aandeelPct: z.number().nullable(),
    opzeggingPer: answer.date,
  })
  .openapi('OnvoldoendeInzet') satisfies z.ZodType<InzetRegelMetNaam>

const listQuery = z.object({ jaar: z.coerce.number().int().min(2000).max(2100).optional(), providerId: z.coerce.number().int().positive().optional() })

export function bestedingsruimteRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/bestedingsruimte', 'bestedingsruimte', 'The bestedingsruimtes (art. 1.5) with usage, signal, written notice and its clocks, and stops; a provider gets its own', listQuery, z.array(bestedingsruimteSchema)), async (c) => {
    const query = c.req.valid('query')
    return c.json(await asActor(c, 'bestedingsruimte.read', (trx, actor) => listBestedingsruimte(trx, actor, query, today())), 200)
  })
  app.openapi(postRoute('/bestedingsruimte', 'bestedingsruimte', "Set a provider's bestedingsruimte for a year (optionally one segment) with its announcement dates", bestedingsruimteInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'bestedingsruimte.write', (trx, actor) => setBestedingsruimte(trx, actor, body)), 201)
  })
  app.openapi(postRouteWithId('/bestedingsruimte/{id}/melding', 'bestedingsruimte', 'Send the written notice of art. 1.5.7 (70 % used or an overrun expected); the provider reads it in its portal', meldingInputSchema, meldingSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'bestedingsruimte.write', (trx, actor) => sendMelding(trx, actor, id, body, today())), 200)
  })
  app.openapi(postRouteWithId('/bestedingsruimte/meldingen/{id}/overleg', 'bestedingsruimte', 'Plan the consultation, or record that it was held (within 2 weeks of the notice)', overlegInputSchema, meldingSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'bestedingsruimte.write', (trx, actor) => recordOverleg(trx, actor, id, body, today())), 200)
  })
  app.openapi(postRouteWithId('/bestedingsruimte/meldingen/{id}/besluit', 'bestedingsruimte', 'Record the decision whether the room is adjusted (within 2 weeks of the consultation)', besluitInputSchema, meldingSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'bestedingsruimte.write', (trx, actor) => recordBesluit(trx, actor, id, body, today())), 200)
  })
  app.openapi(getRouteWithQuery('/bestedingsruimte/clientenstops', 'bestedingsruimte', 'The cliëntenstops (art. 1.5.9); a provider gets its own', z.object({ providerId: z.coerce.number().int().positive().optional() }), z.array(clientenstopSchema)), async (c) => {
    const query = c.req.valid('query')
    return c.json(await asActor(c, 'bestedingsruimte.read', (trx, actor) => listClientenstops(trx, actor, query, today())), 200)
  })
  app.openapi(postRoute('/bestedingsruimte/clientenstops', 'bestedingsruimte', 'Set a cliëntenstop for a provider, in a segment or its whole agreement: from–to and why', clientenstopInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'bestedingsruimte.write', (trx, actor) => setClientenstop(trx, actor, body)), 201)
  })
  app.openapi(postRouteWithId('/bestedingsruimte/clientenstops/{id}/opheffen', 'bestedingsruimte', 'Lift a cliëntenstop from a day (art. 1.5.10)', opheffenInputSchema, okAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await asActor(c, 'bestedingsruimte.write', (trx, actor) => liftClientenstop(trx, actor, id, body))
    return c.json({ ok: true }, 200)
  })
  app.openapi(getRouteWithQuery('/bestedingsruimte/inzet', 'bestedingsruimte', 'Art. 1.6: providers contracted over the last 12 whole calendar months with no or too little realisation in them, with the 6-month notice term', inzetQuerySchema, z.array(inzetSchema)), async (c) => {
    const query = c.req.valid('query')
    return c.json(await asActor(c, 'bestedingsruimte.inzet.read', (trx, actor) => onvoldoendeInzetLijst(trx, actor, query.peildatum ?? today(), query.normPct)), 200)
  })
  return app
}
