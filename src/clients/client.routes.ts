import { z } from 'zod'
import { newRouter } from '../http/router.ts'
import { answer, getRoute, getRouteWithId, postAction, postRoute, postRouteWithId } from '../http/openapi.ts'
import { type ClientFile, type ClientSummary, clientFile, findClientByBsn } from './client-file.queries.ts'
import { clientSearchSchema, gezagInputSchema } from './client.schema.ts'
import { asActor } from '../http/scoped.ts'
import { AppError } from '../shared/errors.ts'
import { type ClientCount, type RegisteredClient, auditRefusedRegistration, clientInputSchema, countClientsPerGemeente, registerClient } from './client.queries.ts'
import { type Gezag, readGezag, setGezag } from './gezag.queries.ts'

const wet = z.enum(['jeugdwet', 'wmo'])

/** Counts under 5 are null (suppressed). */
export const clientCountSchema = z.object({ gemeenteId: z.number(), clients: z.number().int().nullable() }) satisfies z.ZodType<ClientCount>

/** A registered client: the pseudonym by which other pages name it. */
const registeredClientSchema = z.object({ id: z.number(), pseudonym: z.string() }) satisfies z.ZodType<RegisteredClient>

const clientSummarySchema = z.object({ id: z.number(), pseudonym: z.string(), name: z.string(), birthDate: answer.date }) satisfies z.ZodType<ClientSummary>

const goalSchema = z.object({ description: z.string(), domain: z.string(), t1: z.number() })

/** Who the client is (never the BSN), and everything the lokaal team decided and the providers reported. */
const clientFileSchema = z.object({
  client: clientSummarySchema.extend({ gender: z.enum(['0', '1', '2']), wijkCode: z.string().nullable(), gemeenteId: z.number() }),
  beschikkingen: z.array(
    z.object({
      id: z.number(),
      nummer: z.number(),
      wet,
      perspective: z.enum(['ontwikkeling', 'stabiliteit']),
      complexity: z.enum(['enkelvoudig', 'meervoudig', 'complex']),
      intensity: z.enum(['licht', 'middel', 'zwaar']),
      goals: z.array(goalSchema),
      justification: z.string(),
      issuedOn: answer.date,
    }),
  ),
  toewijzingen: z.array(
    z.object({
      id: z.number(),
      nummer: z.number(),
      wet,
      status: z.enum(['wacht_op_akkoord', 'actief', 'afgewezen']),
      product: z.string(),
      providerId: z.number(),
      providerName: z.string(),
      segmentName: z.string(),
      ingangsdatum: answer.date,
      einddatum: answer.date,
      omvang: z.object({ volume: z.number(), eenheid: z.string().nullable(), frequentie: z.string().nullable() }).nullable(),
      budgetCents: answer.cents.nullable(),
      verplichtingCents: answer.cents,
      redenWijziging: z.string().nullable(),
      weergave: z.enum(['actief', 'beeindigd', 'nog_niet_begonnen', 'ingetrokken', 'wacht_op_akkoord', 'afgewezen']).openapi({ description: 'The status as shown on the day asked: from the stored status, the last change and the dates (clients/toewijzing-status.ts)' }),
      version: z.number().int(),
      exceptionReason: z.string().nullable(),
      exceptionRequestedBy: z.number().nullable(),
      referentieAanbieder: z.string().nullable(),
      started: z.boolean(),
      stopped: z.boolean(),
    }),
  ),
  pgbs: z.array(
    z.object({ id: z.number(), wet, productcategorie: z.string(), productcode: z.string().nullable(), ingangsdatum: answer.date, einddatum: answer.date, budgetCents: answer.cents.nullable(), toelichting: z.string() }),
  ),
  requests: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['315', '317']),
      referentieAanbieder: z.string(),
      status: z.enum(['open', 'in_onderzoek', 'toegewezen', 'afgewezen']),
      receivedOn: answer.date,
      providerName: z.string(),
      redenAfwijzing: z.string().nullable(),
    }),
  ),
  timeline: z.array(z.object({ date: answer.date, kind: z.enum(['beschikking', 'toewijzing', 'wijziging', 'verzoek', 'start', 'stop', 'bericht', 'uitkomst', 'pgb']), text: z.string() })),
}) satisfies z.ZodType<ClientFile>

const gezagSchema = z.object({
  gezagBijClient: z.boolean(),
  gezagsdragers: z.array(
    z.object({
      nummer: z.number().int(),
      soort: z.enum(['10', '11']),
      achternaam: z.string(),
      voorvoegsel: z.string(),
      voorletters: z.string(),
      organisatie: z.boolean(),
      postcode: z.string().nullable(),
      huisnummer: z.number().int().nullable(),
      telefoon: z.string().nullable(),
    }),
  ),
}) satisfies z.ZodType<Gezag>

export function clientRoutes() {
  const app = newRouter()
  // The BSN travels in the body, never in the URL (DOMAIN.md); the answer carries the pseudonym.
  app.openapi(postRoute('/clients', 'clients', 'Register a client in the own gemeente', clientInputSchema, registeredClientSchema), async (c) => {
    const body = c.req.valid('json')
    try {
      const client = await asActor(c, 'client.register', (trx, actor) => registerClient(trx, actor, body))
      return c.json(client, 201)
    } catch (error) {
      // "Already your gemeente's client" is itself a look at personal data: audited, after the refusal's rollback.
      if (error instanceof AppError && error.reason === 'client.bsn_taken') await asActor(c, 'client.register', (trx, actor) => auditRefusedRegistration(trx, actor, body))
      throw error
    }
  })
  app.openapi(getRoute('/clients/counts', 'clients', 'Clients per gemeente (counts under 5 suppressed)', z.array(clientCountSchema)), async (c) =>
    c.json(await asActor(c, 'client.count', (trx, actor) => countClientsPerGemeente(trx, actor)), 200),
  )
  // Search by BSN: in the body, so it never appears in a URL or an access log.
  app.openapi(postAction('/clients/search', 'clients', 'Find a client of the own gemeente by BSN (audited)', clientSearchSchema, z.object({ client: clientSummarySchema.nullable() })), async (c) => {
    const body = c.req.valid('json')
    return c.json({ client: await asActor(c, 'client.read', (trx, actor) => findClientByBsn(trx, actor, body)) }, 200)
  })
  app.openapi(getRouteWithId('/clients/{id}/file', 'clients', 'The client file: beschikkingen, toewijzingen with versions, starts, stops, timeline (audited)', clientFileSchema), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'client.read', (trx, actor) => clientFile(trx, actor, id)), 200)
  })
  app.openapi(getRouteWithId('/clients/{id}/gezag', 'clients', 'Who holds authority over the client (OP001)', gezagSchema), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'client.read', (trx, actor) => readGezag(trx, actor, id)), 200)
  })
  app.openapi(postRouteWithId('/clients/{id}/gezag', 'clients', 'Record who holds authority over the client (OP001); the iJw 301 carries it (OP002)', gezagInputSchema, gezagSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'client.register', (trx, actor) => setGezag(trx, actor, id, body)), 200)
  })
  return app
}
