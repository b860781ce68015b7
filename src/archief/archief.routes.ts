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
import { antwoordFeiten, termijnAntwoordFeiten } from './tweede-mening.queries.ts'
import { type TweedeMeningRij, tweedeMening } from './tweede-mening.rules.ts'

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
}) satisfies z.ZodType<TweedeMeningRij>

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
]

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
      rows: tweedeMening(await antwoordFeiten(trx), await termijnAntwoordFeiten(trx)),
      names: new Map((await trx.selectFrom('provider').select(['id', 'name']).execute()).map((p) => [p.id, p.name])),
    }))
    if (format === undefined) return c.json(rows, 200)
    return listResponse(c, format, 'tweede-mening', tweedeMeningKolommen, rows.map((r) => ({ ...r, aanbieder: names.get(r.providerId) ?? String(r.providerId) })))
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
