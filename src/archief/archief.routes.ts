/**
 * Observer mode over HTTP (issue 23, ADR 0028): the region's mode, the archive import and the
 * list of what an import could not match. Only the region's team imports and switches.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { assertCan } from '../auth/permissions.ts'
import { formatQuery, listResponse } from '../http/export-response.ts'
import { getRoute, getRouteWithQuery, postAction } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor, requireActor } from '../http/scoped.ts'
import { AppError } from '../shared/errors.ts'
import { importeerArchief } from './archief-import.ts'
import { redenen } from './archief.rules.ts'
import { berichtenModus, zetBerichtenModus } from './berichtenrol.queries.ts'
import type { ScopedDb } from '../db/scope.ts'
import { antwoordFeiten, regelFeiten, retourFeiten, termijnAntwoordFeiten } from './tweede-mening.queries.ts'
import { type BevindingSoort, type RegelBevinding, type RetourBevinding, type TweedeMeningRij, bevindingSoorten, regelBevindingen, retourBevindingen, tweedeMening } from './tweede-mening.rules.ts'

/** Largest archive taken over HTTP: a month of a region's traffic as a zip. A year goes in with `koers archief importeer`. */
export const ARCHIEF_UPLOAD_LIMIT_BYTES = 256 << 20

const modusSchema = z.object({ modus: z.enum(['antwoordend', 'waarnemend']) })
const onverwerktSchema = z.object({
  bron: z.string(),
  bericht: z.string(),
  identificatie: z.string(),
  redenCode: z.enum(Object.keys(redenen) as [keyof typeof redenen, ...(keyof typeof redenen)[]]),
  reden: z.string(),
  vastgelegdOp: z.string(),
})

const tweedeMeningSchema = z.object({
  providerId: z.number(),
  maand: z.string(),
  declaraties: z.number(),
  tenOnrechteAfgewezenRegels: z.number(),
  tenOnrechteAfgewezenCents: z.number(),
  tenOnrechteToegekendRegels: z.number(),
  tenOnrechteToegekendCents: z.number(),
  teLaat: z.number(),
  verzoeken: z.number(),
  verzoekenTeLaat: z.number(),
  retours: z.number(),
  retoursTeLaat: z.number(),
  andereCodes: z.number(),
  retoursAndereCodes: z.number(),
}) satisfies z.ZodType<TweedeMeningRij>

const codeUitlegSchema = z.object({ code: z.string(), betekenis: z.string(), regels: z.array(z.object({ code: z.string(), titel: z.string() })), doorStandaardGegeven: z.boolean() })
const wetSchema = z.enum(['jeugdwet', 'wmo'])

const regelBevindingSchema = z.object({
  declaratieId: z.number(),
  gemeenteId: z.number(),
  providerId: z.number(),
  wet: wetSchema,
  maand: z.string(),
  declaratieNummer: z.string(),
  referentieNummer: z.string().nullable(),
  pseudoniem: z.string().nullable(),
  productcategorie: z.string(),
  productcode: z.string().nullable(),
  begindatum: z.string(),
  einddatum: z.string(),
  bedragCents: z.number(),
  goedgekeurd: z.boolean(),
  retourCodes: z.array(z.string()),
  koersGoedgekeurd: z.boolean(),
  koersRetourCodes: z.array(z.string()),
  soort: z.enum(Object.keys(bevindingSoorten) as [BevindingSoort, ...BevindingSoort[]]),
  codes: z.array(codeUitlegSchema),
  toelichting: z.string(),
}) satisfies z.ZodType<RegelBevinding>

const retourBevindingSchema = z.object({
  gemeenteId: z.number(),
  providerId: z.number(),
  wet: wetSchema,
  maand: z.string(),
  heenCode: z.enum(['305', '307', '315', '317']),
  identificatie: z.string(),
  ontvangen: z.string(),
  beantwoord: z.string(),
  retourCode: z.string(),
  retourCodes: z.array(z.string()),
  koersRetourCodes: z.array(z.string()),
  codes: z.array(codeUitlegSchema),
  toelichting: z.string(),
}) satisfies z.ZodType<RetourBevinding>

/** The drill-down's filter: one provider, one month (`2026-03`), and the file format. */
const bevindingenQuery = formatQuery.extend({
  providerId: z.coerce.number().int().positive().optional(),
  maand: z.string().regex(/^\d{4}-\d{2}$/, 'een maand als 2026-03').optional(),
})

const inFilter = (q: { providerId?: number | undefined; maand?: string | undefined }) => (r: { providerId: number; maand: string }) => (q.providerId === undefined || r.providerId === q.providerId) && (q.maand === undefined || r.maand.startsWith(q.maand))
const codeKolom = (codes: readonly { code: string; betekenis: string }[]) => codes.map((c) => `${c.code} ${c.betekenis}`).join(' | ')
const regelKolom = (codes: readonly { regels: readonly { code: string; titel: string }[] }[]) => [...new Map(codes.flatMap((c) => c.regels).map((r) => [r.code, `${r.code}: ${r.titel}`])).values()].join(' | ')

type GenoemdeRegel = RegelBevinding & { aanbieder: string }
const regelKolommen = [
  { header: 'Aanbieder', value: (r: GenoemdeRegel) => r.aanbieder },
  { header: 'Maand', value: (r: GenoemdeRegel) => r.maand.slice(0, 7) },
  { header: 'Declaratie', value: (r: GenoemdeRegel) => r.declaratieNummer },
  { header: 'Prestatie (referentie)', value: (r: GenoemdeRegel) => r.referentieNummer ?? '' },
  { header: 'Cliënt (pseudoniem)', value: (r: GenoemdeRegel) => r.pseudoniem ?? '' },
  { header: 'Product', value: (r: GenoemdeRegel) => `${r.productcategorie}${r.productcode ? `/${r.productcode}` : ''}` },
  { header: 'Begindatum', value: (r: GenoemdeRegel) => r.begindatum },
  { header: 'Einddatum', value: (r: GenoemdeRegel) => r.einddatum },
  { header: 'Bedrag', kind: 'euro' as const, value: (r: GenoemdeRegel) => r.bedragCents },
  { header: 'Bevinding', value: (r: GenoemdeRegel) => bevindingSoorten[r.soort] },
  { header: 'Codes backoffice', value: (r: GenoemdeRegel) => r.retourCodes.join(', ') },
  { header: 'Codes standaard', value: (r: GenoemdeRegel) => r.koersRetourCodes.join(', ') },
  { header: 'Betekenis', value: (r: GenoemdeRegel) => codeKolom(r.codes) },
  { header: 'Regels (regelrapport)', value: (r: GenoemdeRegel) => regelKolom(r.codes) },
  { header: 'Toelichting', value: (r: GenoemdeRegel) => r.toelichting },
]

type GenoemdeRetour = RetourBevinding & { aanbieder: string }
const retourKolommen = [
  { header: 'Aanbieder', value: (r: GenoemdeRetour) => r.aanbieder },
  { header: 'Maand', value: (r: GenoemdeRetour) => r.maand.slice(0, 7) },
  { header: 'Bericht', value: (r: GenoemdeRetour) => `${r.heenCode} ${r.identificatie}` },
  { header: 'Retour', value: (r: GenoemdeRetour) => r.retourCode },
  { header: 'Codes backoffice', value: (r: GenoemdeRetour) => r.retourCodes.join(', ') },
  { header: 'Codes standaard', value: (r: GenoemdeRetour) => r.koersRetourCodes.join(', ') },
  { header: 'Betekenis', value: (r: GenoemdeRetour) => codeKolom(r.codes) },
  { header: 'Regels (regelrapport)', value: (r: GenoemdeRetour) => regelKolom(r.codes) },
  { header: 'Toelichting', value: (r: GenoemdeRetour) => r.toelichting },
]

type Genoemd = TweedeMeningRij & { aanbieder: string }

const tweedeMeningKolommen = [
  { header: 'Aanbieder', value: (r: Genoemd) => r.aanbieder },
  { header: 'Maand', value: (r: Genoemd) => r.maand.slice(0, 7) },
  { header: 'Declaraties', kind: 'number' as const, value: (r: Genoemd) => r.declaraties },
  { header: 'Ten onrechte afgewezen (prestaties)', kind: 'number' as const, value: (r: Genoemd) => r.tenOnrechteAfgewezenRegels },
  { header: 'Ten onrechte afgewezen (bedrag)', kind: 'euro' as const, value: (r: Genoemd) => r.tenOnrechteAfgewezenCents },
  { header: 'Ten onrechte toegekend (prestaties)', kind: 'number' as const, value: (r: Genoemd) => r.tenOnrechteToegekendRegels },
  { header: 'Ten onrechte toegekend (bedrag)', kind: 'euro' as const, value: (r: Genoemd) => r.tenOnrechteToegekendCents },
  { header: 'Declaratie-antwoorden te laat (OP090x4)', kind: 'number' as const, value: (r: Genoemd) => r.teLaat },
  { header: 'Verzoeken beantwoord (301/319)', kind: 'number' as const, value: (r: Genoemd) => r.verzoeken },
  { header: 'Verzoeken te laat beantwoord (OP274/OP346/OP359)', kind: 'number' as const, value: (r: Genoemd) => r.verzoekenTeLaat },
  { header: 'Retourberichten (306/308/316/318)', kind: 'number' as const, value: (r: Genoemd) => r.retours },
  { header: 'Retourberichten te laat (OP090)', kind: 'number' as const, value: (r: Genoemd) => r.retoursTeLaat },
  { header: 'Afgewezen met een andere code (prestaties)', kind: 'number' as const, value: (r: Genoemd) => r.andereCodes },
  { header: 'Retourberichten met een andere code', kind: 'number' as const, value: (r: Genoemd) => r.retoursAndereCodes },
]

const providerNames = async (trx: ScopedDb) => new Map((await trx.selectFrom('provider').select(['id', 'name']).execute()).map((p) => [p.id, p.name]))

export function archiefRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/archief/modus', 'archief', "The region's mode: Koers answers providers (antwoordend) or watches the back office do it (waarnemend)", modusSchema), async (c) =>
    c.json({ modus: await asActor(c, 'archief.read', (trx, actor) => berichtenModus(trx, actor.regionId)) }, 200),
  )
  app.openapi(postAction('/archief/modus', 'archief', "Set the region's mode; messages taken in before keep the mode they were taken in", modusSchema, modusSchema), async (c) => {
    const { modus } = c.req.valid('json')
    return c.json({ modus: await asActor(c, 'archief.write', (trx, actor) => zetBerichtenModus(trx, actor, modus)) }, 200)
  })
  app.openapi(getRoute('/archief/onverwerkt', 'archief', 'What archive imports could not match, or the back office answered otherwise than the standard, with the reason', z.array(onverwerktSchema)), async (c) => {
    const rows = await asActor(c, 'archief.onverwerkt.read', (trx) =>
      trx.selectFrom('archief_onverwerkt').select(['bron', 'code', 'identificatie', 'reden_code', 'reden', 'created_at']).orderBy('id').execute(),
    )
    return c.json(rows.map((r) => ({ bron: r.bron, bericht: r.code === '' ? '' : `${r.code}`, identificatie: r.identificatie, redenCode: r.reden_code as keyof typeof redenen, reden: r.reden, vastgelegdOp: new Date(r.created_at).toISOString() })), 200)
  })
  app.openapi(getRouteWithQuery('/archief/tweede-mening', 'archief', "The second opinion on the back office's 325s per provider and month: prestaties rejected that the standard approves, approved that it rejects (with amounts), 325s later than OP090x4, answers to requests (301/319) later than OP274/OP346/OP359 and retours later than OP090", formatQuery, z.array(tweedeMeningSchema)), async (c) => {
    const { format } = c.req.valid('query')
    const { rows, names } = await asActor(c, 'archief.tweede_mening.read', async (trx) => ({
      rows: tweedeMening(await antwoordFeiten(trx), await termijnAntwoordFeiten(trx), regelBevindingen(await regelFeiten(trx)), retourBevindingen(await retourFeiten(trx))),
      names: await providerNames(trx),
    }))
    if (format === undefined) return c.json(rows, 200)
    return listResponse(c, format, 'tweede-mening', tweedeMeningKolommen, rows.map((r) => ({ ...r, aanbieder: names.get(r.providerId) ?? String(r.providerId) })))
  })
  app.openapi(getRouteWithQuery('/archief/tweede-mening/regels', 'archief', "The second opinion per prestatie (for one provider and month if asked): rejected by the back office and approved by the standard (its codes, their meaning and the rules that show they do not apply), approved against the standard (the standard's codes and rules), or rejected with codes the standard does not give. The client only as a pseudonym, for a gemeente and a provider", bevindingenQuery, z.array(regelBevindingSchema)), async (c) => {
    const q = c.req.valid('query')
    const { rows, names } = await asActor(c, 'archief.tweede_mening.read', async (trx) => ({ rows: regelBevindingen(await regelFeiten(trx)).filter(inFilter(q)), names: await providerNames(trx) }))
    if (q.format === undefined) return c.json(rows, 200)
    return listResponse(c, q.format, 'tweede-mening-prestaties', regelKolommen, rows.map((r) => ({ ...r, aanbieder: names.get(r.providerId) ?? String(r.providerId) })))
  })
  app.openapi(getRouteWithQuery('/archief/tweede-mening/retours', 'archief', "The back office's retours (306/308/316/318) with codes the standard's rules did not give on that message, each code with its meaning and the rules for the message that give it, if any", bevindingenQuery, z.array(retourBevindingSchema)), async (c) => {
    const q = c.req.valid('query')
    const { rows, names } = await asActor(c, 'archief.tweede_mening.read', async (trx) => ({ rows: retourBevindingen(await retourFeiten(trx)).filter(inFilter(q)), names: await providerNames(trx) }))
    if (q.format === undefined) return c.json(rows, 200)
    return listResponse(c, q.format, 'tweede-mening-retours', retourKolommen, rows.map((r) => ({ ...r, aanbieder: names.get(r.providerId) ?? String(r.providerId) })))
  })
  // The archive as the raw body: a zip of messages, or one message's XML.
  app.post('/archief/import', async (c) => {
    const actor = requireActor(c)
    assertCan(actor, 'archief.write')
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.length === 0) throw new AppError('message.empty', 'stuur het archief (zip) of een bericht (XML) als inhoud van het verzoek')
    // The reader takes files: the body is written to a directory of its own and removed after.
    const dir = mkdtempSync(join(tmpdir(), 'koers-archief-upload-'))
    try {
      const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b
      const file = join(dir, isZip ? 'archief.zip' : 'bericht.xml')
      writeFileSync(file, bytes)
      const summary = await importeerArchief(c.get('deps').db, actor.regionId, [file])
      // Name entries by their place in the upload, not by the server's temporary path.
      for (const o of summary.onverwerkt) o.bron = o.bron.startsWith(dir) ? o.bron.slice(dir.length + 1) : o.bron
      return c.json(summary, 200)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
  return app
}
