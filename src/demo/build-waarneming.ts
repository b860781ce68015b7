/**
 * The demo's region in observer mode (issue 23, ADR 0028 "The demo's observing region"): its
 * back office's traffic is made as an answering region makes it — the same demo build, in a
 * scratch PGlite in memory — and written out as an archive of both directions, with a few of the
 * back office's answers made to differ from the standard (a prestatie rejected for a missing
 * start, one approved that the standard rejects where the history has one, a 325 sent late, a
 * start refused with a code the standard did not give). The region itself is built with the same seed but without traffic,
 * switched to observer mode, and its ledger is the import of that archive.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { Worker } from 'node:worker_threads'
import { systemActor } from '../auth/actor.ts'
import { importeerArchief } from '../archief/archief-import.ts'
import { zetBerichtenModus } from '../archief/berichtenrol.queries.ts'
import { refreshAllForecasts } from '../budgets/forecast.queries.ts'
import { type Database, openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { withActor } from '../db/scope.ts'
import { asArray } from '../exchange/handler.ts'
import type { MessageKind } from '../istandaarden/message-catalog.ts'
import { type MessageObject, parseMessage } from '../istandaarden/messages/read-message.ts'
import { type WritableObject, writeMessage } from '../istandaarden/messages/write-message.ts'
import { addDays, today } from '../shared/dates.ts'
import { type DemoOptions, type DemoResult, addDemoUsers, buildDemoRegion } from './build-demo.ts'
import { demoRegions } from './regions.ts'

/** The observing region: the smallest of the demo regions, with a small history. */
export const WAARNEMER_REGION = 'midden-limburg-west'

export interface WaarnemerResult extends DemoResult {
  /** The back office's answers made to differ from the standard, in words. */
  afwijkingen: string[]
  /** What the import did, per outcome. */
  perUitkomst: Record<string, number>
}

/** A message of the back office's archive: both directions, as the scratch database kept them. */
export interface Bericht {
  code: string
  sender: string
  identificatie: string
  content: Uint8Array
}

const obj = (v: unknown): MessageObject | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as MessageObject) : undefined)
const clone = <T>(v: T): T => structuredClone(v)

/**
 * The back office answers otherwise than the standard in four places (deterministic: the first
 * message of its kind by identification that allows it).
 */
export function laatBackofficeAfwijken(berichten: Bericht[]): string[] {
  const afwijkingen: string[] = []
  const byId = (a: Bericht, b: Bericht) => a.sender.localeCompare(b.sender) || a.identificatie.localeCompare(b.identificatie, 'nl', { numeric: true })
  const read = (b: Bericht) => parseMessage(b.content).body!
  const write = (b: Bericht, body: MessageObject) => {
    const kind: MessageKind = parseMessage(b.content).message!
    b.content = new TextEncoder().encode(writeMessage(kind, body as WritableObject))
  }
  const heen323 = (m325: MessageObject) => {
    const ident = String(obj(obj(m325.Header)?.DeclaratieIdentificatie)?.Identificatie)
    const agb = String(obj(m325.Header)?.Ontvanger)
    return berichten.find((b) => b.code === '323' && b.sender === agb && b.identificatie === ident)
  }
  const all325 = berichten.filter((b) => b.code === '325').sort(byId)
  // 1. A prestatie the standard rejected, approved by the back office (when the history has one).
  const metAfwijzing = all325.find((b) => obj(read(b).DeclaratieAntwoord)?.Clienten !== undefined)
  if (metAfwijzing) {
    const body = read(metAfwijzing)
    const antwoord = obj(body.DeclaratieAntwoord)!
    const clients = asArray(obj(antwoord.Clienten)!.Client)
    const first = clients[0]!
    const prestaties = asArray(obj(first.Prestaties)!.Prestatie)
    const ref = String(obj(prestaties[0]!.ProductReferentie)?.ReferentieNummer)
    if (prestaties.length > 1) obj(first.Prestaties)!.Prestatie = prestaties.slice(1)
    else if (clients.length > 1) obj(antwoord.Clienten)!.Client = clients.slice(1)
    else delete antwoord.Clienten
    write(metAfwijzing, body)
    afwijkingen.push(`325 ${metAfwijzing.identificatie}: prestatie ${ref} goedgekeurd, die de standaard afwijst`)
  }
  // 4. The last 325 sent three weeks late (OP090x4).
  const laat = all325.at(-1)
  if (laat) {
    const body = read(laat)
    const ident = obj(obj(body.Header)!.BerichtIdentificatie)!
    ident.Dagtekening = addDays(String(ident.Dagtekening), 21)
    write(laat, body)
    afwijkingen.push(`325 ${laat.identificatie}: drie weken later verstuurd dan de standaard toestaat`)
  }
  // 2. A prestatie the standard approved, rejected by the back office for want of a start message (OP364 forbids that).
  for (const b of all325) {
    if (b === metAfwijzing) continue
    const body = read(b)
    const antwoord = obj(body.DeclaratieAntwoord)!
    if (antwoord.Clienten !== undefined) continue
    const heen = heen323(body)
    if (!heen) continue
    const declaratie = read(heen)
    const client = asArray(obj(obj(declaratie.Declaratie)?.Clienten)?.Client ?? obj(declaratie.Clienten)?.Client)[0]
    if (!client) continue
    const prestatie = clone(asArray(obj(client.Prestaties)!.Prestatie)[0]!)
    if (obj(prestatie.IngediendBedrag)?.DebetCredit === 'C') continue
    prestatie.RetourCodes = { RetourCode: ['9069'] }
    antwoord.Clienten = { Client: [{ Bsn: client.Bsn!, Prestaties: { Prestatie: [prestatie] }, RetourCodes: { RetourCode: ['0200'] } } as MessageObject] }
    const totaal = obj(antwoord.TotaalToegekendBedrag)!
    totaal.TotaalBedrag = Math.max(0, Number(totaal.TotaalBedrag) - Number(obj(prestatie.IngediendBedrag)?.Bedrag ?? 0))
    write(b, body)
    afwijkingen.push(`325 ${b.identificatie}: prestatie ${String(obj(prestatie.ProductReferentie)?.ReferentieNummer)} afgewezen met 9069 (geen startbericht), die de standaard goedkeurt`)
    break
  }
  // 3. A start the standard took in, refused whole by the back office with 9074.
  const start = berichten.filter((b) => b.code === '306').sort(byId)[0]
  if (start) {
    const body = read(start)
    obj(body.Header)!.RetourCodes = { RetourCode: ['9074'] }
    write(start, body)
    afwijkingen.push(`306 ${start.identificatie}: startbericht afgewezen met 9074, dat de standaard goedkeurt`)
  }
  return afwijkingen
}

/** What the observing region is built with: the seed, scale and today of both its traffic and the region itself. */
export type WaarnemerOpties = Pick<DemoOptions, 'seed' | 'clientScale' | 'historyClientsPerGemeente' | 'today' | 'budgetYears'>

function waarnemerOpties(options: DemoOptions): WaarnemerOpties {
  return { seed: options.seed ?? 2027, clientScale: options.clientScale ?? 0.01, historyClientsPerGemeente: options.historyClientsPerGemeente ?? 20, today: options.today ?? today(), ...(options.budgetYears ? { budgetYears: options.budgetYears } : {}) }
}

/** The back office's traffic: the region built as an answering region in a scratch PGlite in memory, its messages read out. */
export async function maakWaarnemerVerkeer(opties: WaarnemerOpties): Promise<Bericht[]> {
  const scratch = await openDatabase({ memory: true })
  try {
    await migrateToLatest(scratch.db)
    await buildDemoRegion(scratch.db, WAARNEMER_REGION, opties)
    // On the builder's system connection: the archive holds both directions of every party.
    return (await scratch.db.selectFrom('message').select(['code', 'sender_code', 'identificatie', 'content']).orderBy('id').execute()).map((m) => ({ code: m.code, sender: m.sender_code, identificatie: m.identificatie, content: m.content }))
  } finally {
    await scratch.close()
  }
}

/**
 * The back office's traffic made on another core, in a worker thread (issue 19 §4): it reads
 * nothing of the database being built, so `koers start` makes it while Zuidoost-Utrecht is
 * built, and the observing region then only imports it. The same function and options as
 * `maakWaarnemerVerkeer`, so the same messages. `stop` ends the worker when the build it was
 * made for failed.
 */
export function waarnemerVerkeerErnaast(options: DemoOptions = {}): { opties: WaarnemerOpties; berichten: Promise<Bericht[]>; stop: () => Promise<void> } {
  const opties = waarnemerOpties(options)
  // Beside this file: in the sources a starter that loads the worker through tsx, in the compiled build (dist/) the worker itself.
  const worker = new Worker(new URL('./waarnemer-verkeer-worker.mjs', import.meta.url), { workerData: opties })
  const berichten = new Promise<Bericht[]>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the observing region's traffic stopped before it was made (exit code ${code})`)))
  })
  // Awaited only when the observing region is built: a failure before then is not unhandled.
  berichten.catch(() => {})
  return { opties, berichten, stop: async () => void (await worker.terminate()) }
}

/**
 * Builds the observing region: its traffic made in a scratch database in answering mode (or
 * given, made beside: `waarnemerVerkeerErnaast`), the region itself from the back office's archive.
 */
export async function buildWaarnemerDemoRegion(db: Database, options: DemoOptions = {}, verkeer?: { opties: WaarnemerOpties; berichten: Promise<Bericht[]> }): Promise<WaarnemerResult> {
  if (verkeer) {
    // The traffic was made with its own options: the region must be built with the same.
    for (const key of ['seed', 'clientScale', 'historyClientsPerGemeente', 'today', 'budgetYears'] as const) {
      if (options[key] !== undefined && !isDeepStrictEqual(options[key], verkeer.opties[key])) {
        throw new Error(`buildWaarnemerDemoRegion: ${key} is ${JSON.stringify(options[key])} here, but the traffic was made with ${JSON.stringify(verkeer.opties[key])}`)
      }
    }
  }
  const opties: DemoOptions = verkeer?.opties ?? waarnemerOpties(options)
  const until = opties.today!
  const spec = demoRegions[WAARNEMER_REGION]
  options.onProgress?.(`${spec.name} (observer mode): the back office's traffic, answered in a scratch database`)
  const berichten = await (verkeer?.berichten ?? maakWaarnemerVerkeer(opties))
  const afwijkingen = laatBackofficeAfwijken(berichten)
  options.onProgress?.(`${spec.name} (observer mode): the region, and its ledger from the archive of ${berichten.length} messages`)
  const region = await buildDemoRegion(db, WAARNEMER_REGION, { ...opties, zonderVerkeer: true })
  const regio = systemActor(region.regionId, 'demo')
  await withActor(db, regio, (trx) => zetBerichtenModus(trx, regio, 'waarnemend'))
  const dir = mkdtempSync(join(tmpdir(), 'koers-demo-archief-'))
  try {
    for (const b of berichten) writeFileSync(join(dir, `${b.sender}-${b.code}-${b.identificatie}.xml`), b.content)
    const summary = await importeerArchief(db, region.regionId, [dir])
    const aanbieders = await db.transaction().execute(async (tx) => {
      const users = await addDemoUsers(tx, region.regionId, spec, [], 'aanbieders')
      await refreshAllForecasts(tx, until, [region.regionId])
      return users
    })
    const counts = await db.selectFrom('message').where('region_id', '=', region.regionId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return { ...region, users: [...region.users, ...aanbieders], counts: { ...region.counts, messages: Number(counts.n) }, afwijkingen, perUitkomst: summary.perUitkomst }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
