/**
 * The integrity register over HTTP (issue 21): the register and annual accounts per provider,
 * their import, the sanctions list and settings, the signals with their lifecycle, the
 * lawfulness investigations, and the section's export for the account dossier.
 */
import { sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import { assertCan, can } from '../auth/permissions.ts'
import { type ScopedDb, afterCommit } from '../db/scope.ts'
import { listResponse, formatQuery } from '../http/export-response.ts'
import { answer, getRoute, getRouteWithId, getRouteWithIdAndQuery, getRouteWithQuery, idAnswer, postAction, postRoute, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor, requireActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import type { ExportColumn } from '../shared/export.ts'
import { uploadedRows } from '../shared/spreadsheet.ts'
import { acknowledgeSchema, afrondenSchema, closeSchema, instellingSchema, onderzoekInputSchema, registratieSchema, stapInputSchema } from './integriteit.schema.ts'
import { spreadsheetUploadSchema } from '../shared/request.schema.ts'
import { type IntegriteitSignaalSoort } from '../db/schema.ts'
import { signaalSoorten } from './integriteit.rules.ts'
import { importJaarrekeningen, importSanctielijst } from './jaarrekening-import.ts'
import { addStap, listOnderzoeken, onderzoekDetail, openOnderzoek, rondOnderzoekAf } from './onderzoek.queries.ts'
import { integriteitInstelling, listJaarrekeningen, recordRegistratie, sanctielijstStand, setIntegriteitInstelling } from './register.queries.ts'
import { type SectieRegel, integriteitSectie, sectieRegels } from './sectie.queries.ts'
import { acknowledgeIntegriteitSignaal, betalingOpgeschort, closeIntegriteitSignaal, integriteitSignaalFilterSchema, listIntegriteitSignalen, refreshIntegriteitSignalen, signaalEigenaren } from './signaal.queries.ts'

const soortEnum = z.enum(signaalSoorten as [IntegriteitSignaalSoort, ...IntegriteitSignaalSoort[]])
const ratiosSchema = z.object({ marge: z.number().nullable(), solvabiliteit: z.number().nullable(), currentRatio: z.number().nullable(), aandeelRegio: z.number().nullable(), aandeelInhuur: z.number().nullable() })
const registratieAnswer = z.object({
  id: z.number(),
  providerId: z.number(),
  onderaannemer: z.string().nullable(),
  soort: z.enum(['ubo', 'bibob', 'vog', 'toezicht', 'keurmerk', 'rvt', 'toelating']),
  datum: answer.date,
  gegevens: z.record(z.string(), z.unknown()),
  document: z.string().nullable(),
  vastgelegdDoor: z.string(),
  vastgelegdOp: answer.moment,
})
const jaarrekeningAnswer = z.object({
  providerId: z.number(),
  jaar: z.number().int(),
  omzetCents: answer.cents,
  omzetRegioCents: answer.cents,
  personeelskostenCents: answer.cents,
  inhuurCents: answer.cents,
  resultaatCents: answer.cents,
  eigenVermogenCents: answer.cents,
  balanstotaalCents: answer.cents,
  vlottendeActivaCents: answer.cents,
  kortlopendeSchuldenCents: answer.cents,
  dividendCents: answer.cents,
  verbondenPartijenCents: answer.cents,
  ingediendOp: answer.date,
  bron: z.string(),
  vastgelegdDoor: z.string(),
  ratios: ratiosSchema,
})
const signaalAnswer = z
  .object({
    id: z.number(),
    soort: soortEnum,
    providerId: z.number(),
    aanbieder: z.string(),
    sleutel: z.string(),
    status: z.enum(['open', 'erkend', 'gesloten']),
    titel: z.string(),
    bewijs: z.record(z.string(), z.union([z.number(), z.string()])),
    actueel: z.boolean(),
    betalingOpschorten: z.boolean(),
    geopendOp: answer.moment,
    bijgewerktOp: answer.moment,
    eigenaar: z.string().nullable(),
    eigenaarId: z.number().nullable(),
    erkendDoor: z.string().nullable(),
    erkendOp: answer.moment.nullable(),
    erkendNotitie: z.string().nullable(),
    geslotenDoor: z.string().nullable(),
    geslotenOp: answer.moment.nullable(),
    geslotenNotitie: z.string().nullable(),
  })
  .openapi('IntegriteitSignaal')
const maxWinstAnswer = z.object({ maxWinstPct: z.number(), bron: z.enum(['regio', 'contract']), contract: z.string().optional(), tekst: z.string(), boven: z.boolean() })
const sectieAnswer = z
  .object({
    provider: z.object({ id: z.number(), name: z.string(), kvkNumber: z.string() }),
    registraties: z.array(registratieAnswer),
    jaarrekeningen: z.array(jaarrekeningAnswer.extend({ maxWinst: maxWinstAnswer })),
    vergelijking: z.array(z.object({ jaar: z.number().int(), segmentId: z.number(), segment: z.string(), aanbieders: z.number().int(), gemiddeld: ratiosSchema })),
    signalen: z.array(signaalAnswer),
    betalingOpschorten: z.boolean(),
  })
  .openapi('IntegriteitSectie')
const overzichtAnswer = z.object({
  id: z.number(),
  naam: z.string(),
  agbCode: z.string(),
  registraties: z.number().int(),
  laatsteJaar: z.number().int().nullable(),
  ratios: ratiosSchema.nullable(),
  lopendeSignalen: z.number().int().nullable(),
  betalingOpschorten: z.boolean(),
})
const sectieRegelAnswer = z.object({ onderdeel: z.string(), datum: z.string(), omschrijving: z.string(), waarde: z.string(), bron: z.string() })
const sectieKolommen: ExportColumn<SectieRegel>[] = [
  { header: 'Onderdeel', value: (r) => r.onderdeel },
  { header: 'Datum of jaar', value: (r) => r.datum },
  { header: 'Omschrijving', value: (r) => r.omschrijving },
  { header: 'Waarde of document', value: (r) => r.waarde },
  { header: 'Vastgelegd door / bron', value: (r) => r.bron },
]
const signaalKolommen: ExportColumn<z.infer<typeof signaalAnswer>>[] = [
  { header: 'Aanbieder', value: (r) => r.aanbieder },
  { header: 'Soort', value: (r) => r.soort },
  { header: 'Signaal', value: (r) => r.titel },
  { header: 'Status', value: (r) => r.status },
  { header: 'Geldt nog', value: (r) => (r.actueel ? 'ja' : 'nee') },
  { header: 'Betaling opschorten', value: (r) => (r.betalingOpschorten ? 'ja' : 'nee') },
  { header: 'Geopend op', value: (r) => r.geopendOp.slice(0, 10) },
  { header: 'Eigenaar', value: (r) => r.eigenaar },
]
const onderzoekAnswer = z.object({
  id: z.number(),
  providerId: z.number(),
  vraagAanAanbieder: z.string(),
  status: z.enum(['lopend', 'afgerond']),
  geopendOp: answer.moment,
  aanbieder: z.string().optional(),
  titel: z.string().optional(),
  aanleiding: z.enum(['signaal', 'steekproef']).optional(),
  signaalId: z.number().nullable().optional(),
  steekproefRegelId: z.number().nullable().optional(),
  geopendDoor: z.string().optional(),
  afgerondOp: answer.moment.nullable().optional(),
  terugvorderingCents: answer.cents.optional(),
})
const onderzoekDetailAnswer = onderzoekAnswer.extend({
  stappen: z.array(z.object({ id: z.number(), soort: z.enum(['stap', 'bevinding', 'maatregel']), tekst: z.string(), terugvorderingCents: answer.cents.nullable(), vastgelegdDoor: z.string(), vastgelegdOp: answer.moment })).optional(),
  declaraties: z.array(z.object({ id: z.number(), declaratieNummer: z.string(), gemeenteId: z.number(), ingediendCents: answer.cents, toegekendCents: answer.cents })).optional(),
})
const instellingAnswer = instellingSchema.extend({ sanctielijst: z.object({ regels: z.number().int(), bron: z.string().nullable(), geimporteerdOp: answer.moment.nullable() }) })

/** After a change to what the signals read: evaluate them again once it committed. */
function refreshAfter(trx: ScopedDb, actor: Actor): void {
  afterCommit(trx, `integriteitssignalen|${actor.regionId}`, async (db) => {
    await refreshIntegriteitSignalen(db, actor.regionId, today())
  })
}

async function overzicht(trx: ScopedDb, actor: Actor): Promise<z.infer<typeof overzichtAnswer>[]> {
  let q = trx
    .selectFrom('provider as p')
    .select(['p.id', 'p.name', 'p.agb_code', sql<number>`(select count(*)::int from integriteit_registratie r where r.region_id = p.region_id and r.provider_id = p.id)`.as('registraties')])
    .where('p.region_id', '=', actor.regionId)
    .orderBy('p.name')
  if (actor.providerId !== null) q = q.where('p.id', '=', actor.providerId)
  const [providers, accounts, suspended] = [await q.execute(), await listJaarrekeningen(trx, actor), await betalingOpgeschort(trx, actor)]
  const internal = can(actor, 'integriteitsignaal.read')
  const running = internal ? await trx.selectFrom('integriteit_signaal').select(['provider_id', sql<number>`count(*)::int`.as('n')]).where('region_id', '=', actor.regionId).where('status', '<>', 'gesloten').groupBy('provider_id').execute() : []
  const runningBy = new Map(running.map((r) => [r.provider_id, r.n]))
  return providers.map((p) => {
    const last = accounts.filter((j) => j.providerId === p.id).at(-1)
    return { id: p.id, naam: p.name, agbCode: p.agb_code, registraties: p.registraties, laatsteJaar: last?.jaar ?? null, ratios: last?.ratios ?? null, lopendeSignalen: internal ? (runningBy.get(p.id) ?? 0) : null, betalingOpschorten: suspended.has(p.id) }
  })
}

export function integriteitRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/integriteit/providers', 'integriteit', 'The providers in scope with their latest annual account, running signals and payment flag', z.array(overzichtAnswer)), async (c) => {
    return c.json(await asActor(c, 'integriteit.read', (trx, actor) => overzicht(trx, actor)), 200)
  })
  app.openapi(getRouteWithId('/integriteit/providers/{id}', 'integriteit', "A provider's integrity and financial-health section: register, annual accounts with ratios, the same-segment comparison, signals", sectieAnswer), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'integriteit.read', (trx, actor) => integriteitSectie(trx, actor, id)), 200)
  })
  app.openapi(getRouteWithIdAndQuery('/integriteit/providers/{id}/export', 'integriteit', "The section as lines, or as a CSV or XLSX file for the account dossier", formatQuery, z.array(sectieRegelAnswer)), async (c) => {
    const { id } = c.req.valid('param')
    const { format } = c.req.valid('query')
    const rows = await asActor(c, 'integriteit.read', async (trx, actor) => sectieRegels(await integriteitSectie(trx, actor, id)))
    return listResponse(c, format, `integriteit-${id}`, sectieKolommen, rows)
  })
  app.openapi(postRoute('/integriteit/entries', 'integriteit', 'Record an entry of a provider’s register (append-only)', registratieSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    const result = await asActor(c, 'integriteit.write', async (trx, actor) => {
      refreshAfter(trx, actor)
      return recordRegistratie(trx, actor, body)
    })
    return c.json(result, 201)
  })
  app.openapi(postAction('/integriteit/jaarrekeningen/import', 'integriteit', 'Import annual accounts from CSV text or an XLSX file (base64): all rows or none', spreadsheetUploadSchema, z.object({ rows: z.number().int(), providers: z.array(z.number()) })), async (c) => {
    const body = c.req.valid('json')
    const rows = await uploadedRows(body)
    const result = await asActor(c, 'integriteit.write', async (trx, actor) => {
      refreshAfter(trx, actor)
      return importJaarrekeningen(trx, actor, rows, body.bestandsnaam)
    })
    return c.json(result, 200)
  })
  app.openapi(postAction('/integriteit/sanctielijst/import', 'integriteit', "Replace the region's sanctions list by a CSV or XLSX file: all rows or none", spreadsheetUploadSchema, z.object({ regels: z.number().int() })), async (c) => {
    const body = c.req.valid('json')
    const rows = await uploadedRows(body)
    const result = await asActor(c, 'integriteit.beheer', async (trx, actor) => {
      refreshAfter(trx, actor)
      return importSanctielijst(trx, actor, rows, body.bestandsnaam)
    })
    return c.json(result, 200)
  })
  app.openapi(getRoute('/integriteit/settings', 'integriteit', "The region's floors and ceilings of the integrity signals, and the sanctions list's state", instellingAnswer), async (c) => {
    return c.json(await asActor(c, 'integriteitsignaal.read', async (trx, actor) => ({ ...(await integriteitInstelling(trx, actor.regionId)), sanctielijst: await sanctielijstStand(trx, actor.regionId) })), 200)
  })
  app.openapi(postAction('/integriteit/settings', 'integriteit', "Set the region's floors and ceilings of the integrity signals", instellingSchema, instellingSchema), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'integriteit.beheer', async (trx, actor) => {
      refreshAfter(trx, actor)
      return setIntegriteitInstelling(trx, actor, body)
    }), 200)
  })
  app.openapi(getRouteWithQuery('/integriteit/signals', 'integriteit', 'The integrity signals of the region, newest first', integriteitSignaalFilterSchema.extend(formatQuery.shape), z.array(signaalAnswer)), async (c) => {
    const { format, ...filter } = c.req.valid('query')
    const rows = await asActor(c, 'integriteitsignaal.read', (trx, actor) => listIntegriteitSignalen(trx, actor, filter))
    return listResponse(c, format, 'integriteitssignalen', signaalKolommen, rows)
  })
  app.openapi(postAction('/integriteit/signals/refresh', 'integriteit', 'Evaluate every provider as of today and raise the signals', z.object({}), z.object({ raised: z.number().int(), current: z.number().int() })), async (c) => {
    const actor = requireActor(c)
    assertCan(actor, 'integriteit.beheer')
    return c.json(await refreshIntegriteitSignalen(c.get('deps').db, actor.regionId, today()), 200)
  })
  app.openapi(getRoute('/integriteit/owners', 'integriteit', 'Who may own an integrity signal', z.array(z.object({ id: z.number(), name: z.string() }))), async (c) => {
    return c.json(await asActor(c, 'integriteit.beheer', (trx, actor) => signaalEigenaren(trx, actor)), 200)
  })
  app.openapi(postRouteWithId('/integriteit/signals/{id}/acknowledge', 'integriteit', 'Acknowledge an integrity signal: a note and an owner', acknowledgeSchema, idAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await asActor(c, 'integriteit.beheer', (trx, actor) => acknowledgeIntegriteitSignaal(trx, actor, id, body))
    return c.json({ id }, 200)
  })
  app.openapi(postRouteWithId('/integriteit/signals/{id}/close', 'integriteit', 'Close an acknowledged integrity signal with a note', closeSchema, idAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await asActor(c, 'integriteit.beheer', (trx, actor) => closeIntegriteitSignaal(trx, actor, id, body))
    return c.json({ id }, 200)
  })
  app.openapi(getRoute('/integriteit/onderzoeken', 'integriteit', 'Lawfulness investigations: the case for the region and the toezichthouder, the question for a provider', z.array(onderzoekAnswer)), async (c) => {
    return c.json(await asActor(c, 'onderzoek.read', (trx, actor) => listOnderzoeken(trx, actor)), 200)
  })
  app.openapi(postRoute('/integriteit/onderzoeken', 'integriteit', 'Open a lawfulness investigation from a signal or a sample finding', onderzoekInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'onderzoek.write', (trx, actor) => openOnderzoek(trx, actor, body)), 201)
  })
  app.openapi(getRouteWithId('/integriteit/onderzoeken/{id}', 'integriteit', 'One investigation with its steps and declarations (a provider: its question)', onderzoekDetailAnswer), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'onderzoek.read', (trx, actor) => onderzoekDetail(trx, actor, id)), 200)
  })
  app.openapi(postRouteWithId('/integriteit/onderzoeken/{id}/stappen', 'integriteit', 'Add a step, a finding or a measure (with a recovery in cents)', stapInputSchema, idAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'onderzoek.write', (trx, actor) => addStap(trx, actor, id, body)), 200)
  })
  app.openapi(postRouteWithId('/integriteit/onderzoeken/{id}/afronden', 'integriteit', 'Close an investigation with its conclusion', afrondenSchema, idAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await asActor(c, 'onderzoek.write', (trx, actor) => rondOnderzoekAf(trx, actor, id, body))
    return c.json({ id }, 200)
  })
  return app
}
