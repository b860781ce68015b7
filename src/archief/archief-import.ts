/**
 * The archive import of observer mode (issue 23 §1–2, ADR 0028): files, directories and zips
 * holding messages in both directions, in any order, applied in the order of the exchange.
 *
 * - The providers' messages (302, 305, 307, 315, 317, 320, 323) go through the one inbox
 *   (`receiveMessage`) with `observe`: judged by the same rules, changing the ledger the same
 *   way, but answered by nobody — the back office's retour is in the archive.
 * - The gemeente's messages (301, 306, 308, 316, 318, 319, 325) are applied by `neemWaar`.
 * - Messages are applied in transactions of up to `PER_TRANSACTIE`, each message under a
 *   savepoint of its own, so one message's failure undoes that message only; the budget figures
 *   of each key are computed once at the end of a transaction, as of the last message that
 *   changed the key (`inBatch`), as they would stand had each message committed alone. The
 *   tables it fills are analyzed as they grow, the rows it updates in place vacuumed after each
 *   transaction. The same message twice has one effect (its identification and bytes, as in the
 *   inbox). What cannot be matched is parked and tried once more at the end; what still cannot
 *   is listed in `archief_onverwerkt` with its reason and returned.
 * - Two passes: the first reads each message once and keeps only its head, its SHA-256 and
 *   where it is found again; the second reads each again, in the sorted order, to apply it.
 *   Memory grows with the number of messages, not with their bytes (issue 23 §5).
 */
import { sql } from 'kysely'
import type { Database } from '../db/database.ts'
import { type ScopedDb, inBatch, leaveScope, markFollowUp, rollbackFollowUp, withActor } from '../db/scope.ts'
import { StatisticsAsItGrows, vacuumHotRows } from '../db/statistics.ts'
import { sha256 } from '../exchange/outbox.ts'
import { systemActor } from '../auth/actor.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { messageName } from '../istandaarden/message-catalog.ts'
import { parseMessage } from '../istandaarden/messages/read-message.ts'
import { AppError } from '../shared/errors.ts'
import { type ArchiefBestand, type ArchiefLezer, ArchiefOnleesbaar, type Vindplaats, archiefLezer } from './archief-bestanden.ts'
import { type Berichtkop, eigenIdentificatie, gemaaktOp, leesKop, partijen, vanGemeente, volgorde } from './archief-volgorde.rules.ts'
import { type Onverwerkt, type RedenCode, isBevinding, onverwerkt, wachtOpAnder } from './archief.rules.ts'
import { berichtenModus } from './berichtenrol.queries.ts'
import { neemWaar } from './waarneming.ts'

export type Uitkomst = 'verwerkt' | 'afgekeurd' | 'al_ontvangen' | 'niet_gekoppeld' | 'onleesbaar'

export interface OnverwerktBericht {
  bron: string
  /** e.g. `JW325`; empty when the file is no message. */
  bericht: string
  identificatie: string
  redenCode: RedenCode
  reden: string
}

export interface ArchiefSamenvatting {
  berichten: number
  perUitkomst: Record<Uitkomst, number>
  /** Messages per kind, e.g. `{ JW301: 12, JW305: 10 }`. */
  perBericht: Record<string, number>
  /** Not applied (`niet_gekoppeld`, `onleesbaar`) or applied with a finding, with the reason. */
  onverwerkt: OnverwerktBericht[]
}

export interface ImportOptions {
  /** Told after each message: how many are done, of how many. */
  onVoortgang?: (klaar: number, van: number) => void
  /** How the archive is read; the files on disk unless a test counts the reads. */
  lezer?: ArchiefLezer
  /** Messages per transaction; `PER_TRANSACTIE` unless a benchmark compares sizes. */
  perTransactie?: number
  /** Bytes after which the tables are first analyzed; `EERSTE_ANALYZE_BYTES` unless a test wants it sooner. */
  eersteAnalyzeBytes?: number
}

/** What the first pass keeps of a message: no bytes. */
interface Item {
  bron: string
  kop: Berichtkop
  plaats: Vindplaats
  sha: string
  /** Its size in bytes: the work the table statistics follow. */
  bytes: number
}

/**
 * Messages per transaction in the second pass (issue 23 §5): a commit per message cost more than
 * most messages' own statements. Each message keeps its own savepoint.
 */
export const PER_TRANSACTIE = 100

/**
 * The bytes applied after which the tables are first analyzed, then each time they doubled
 * (issue 23 §5): an import fills an empty ledger within minutes, faster than autovacuum looks
 * (and PGlite has none), and a planner that believes a table empty reads all of it for each
 * look-up — more with every message.
 */
export const EERSTE_ANALYZE_BYTES = 256 * 1024

/**
 * The tables an import fills (the ledger, its messages and the facts its triggers keep): named,
 * so that ANALYZE in the batch's transaction locks no catalog and no table it does not need
 * until the commit.
 */
const GROEIENDE_TABELLEN = sql.raw(
  ['message', 'client', 'beschikking', 'care_request', 'care_start', 'care_stop', 'toewijzing', 'toewijzing_version', 'toewijzing_jaar', 'traject_feit', 'declaratie', 'declaratie_regel', 'realisatie_maand'].join(', '),
)


/** Imports an archive into region `regionId`, which must be in observer mode. */
export async function importeerArchief(db: Database, regionId: number, paths: readonly string[], options: ImportOptions = {}): Promise<ArchiefSamenvatting> {
  const regio = systemActor(regionId, 'archief')
  const modus = await withActor(db, regio, (trx) => berichtenModus(trx, regionId))
  if (modus !== 'waarnemend') throw new AppError('archief.region_answers', 'the region answers providers itself: switch it to observer mode (waarnemend) before importing an archive')
  const samenvatting: ArchiefSamenvatting = { berichten: 0, perUitkomst: { verwerkt: 0, afgekeurd: 0, al_ontvangen: 0, niet_gekoppeld: 0, onleesbaar: 0 }, perBericht: {}, onverwerkt: [] }
  const lezer = options.lezer ?? archiefLezer()
  // What earlier imports listed: a message applied now is taken off that list (only those are looked for).
  const gelijst = new Set((await withActor(db, regio, (trx) => trx.selectFrom('archief_onverwerkt').select('content_sha256').where('region_id', '=', regionId).execute())).map((r) => r.content_sha256))
  const noteer = async (in_: Database | ScopedDb, bron: string, sha: string, kop: Berichtkop | undefined, o: Onverwerkt) => {
    const row: OnverwerktBericht = { bron, bericht: kop ? messageName(kop.kind) : '', identificatie: kop ? eigenIdentificatie(kop) : '', redenCode: o.redenCode, reden: o.reden }
    samenvatting.onverwerkt.push(row)
    gelijst.add(sha)
    await withActor(in_, regio, (trx) =>
      trx
        .insertInto('archief_onverwerkt')
        .values({ region_id: regionId, content_sha256: sha, bron, code: kop?.kind.code ?? '', identificatie: row.identificatie, afzender: kop ? (vanGemeente(kop) ? partijen(kop).gemeente : partijen(kop).aanbieder) : '', reden_code: o.redenCode, reden: o.reden })
        .onConflict((oc) => oc.columns(['region_id', 'content_sha256']).doUpdateSet({ bron, reden_code: o.redenCode, reden: o.reden, created_at: new Date() }))
        .execute(),
    )
  }
  const vergeten = async (trx: ScopedDb, sha: string) => {
    if (!gelijst.delete(sha)) return
    await withActor(trx, regio, (t) => t.deleteFrom('archief_onverwerkt').where('region_id', '=', regionId).where('content_sha256', '=', sha).execute())
  }
  try {
    return await tweeRondes(db, regionId, paths, lezer, samenvatting, noteer, vergeten, options)
  } finally {
    lezer.sluit()
  }
}

async function tweeRondes(
  db: Database,
  regionId: number,
  paths: readonly string[],
  lezer: ArchiefLezer,
  samenvatting: ArchiefSamenvatting,
  noteer: (in_: Database | ScopedDb, bron: string, sha: string, kop: Berichtkop | undefined, o: Onverwerkt) => Promise<void>,
  vergeten: (trx: ScopedDb, sha: string) => Promise<unknown>,
  options: ImportOptions,
): Promise<ArchiefSamenvatting> {
  // First the heads: an archive is sorted before anything is applied; of each message only its head is kept.
  const items: Item[] = []
  for await (const f of leesArchiefOf(lezer, paths)) {
    samenvatting.berichten++
    const sha = sha256(f.bytes)
    const kop = leesKop(headOf(f))
    if (!kop) {
      samenvatting.perUitkomst.onleesbaar++
      await noteer(db, f.bron, sha, undefined, onverwerkt('onleesbaar', 'de Header is niet te lezen (geen bericht van iJw of iWmo 3.2)'))
      continue
    }
    items.push({ bron: f.bron, kop, plaats: f.plaats, sha, bytes: f.bytes.length })
  }
  const geparkeerd: Item[] = []
  let klaar = 0
  const van = items.length
  const tel = (uitkomst: Uitkomst, item: Item) => {
    samenvatting.perUitkomst[uitkomst]++
    const name = messageName(item.kop.kind)
    samenvatting.perBericht[name] = (samenvatting.perBericht[name] ?? 0) + 1
  }
  const toepassen = async (trx: ScopedDb, item: Item, laatsteKans: boolean) => {
    const r = await leesEnPasToe(trx, regionId, lezer, item)
    if (r.uitkomst === 'niet_gekoppeld' && !laatsteKans && wachtOpAnder.has(r.bevinding.redenCode)) {
      geparkeerd.push(item)
      return
    }
    tel(r.uitkomst, item)
    if (r.bevinding) await noteer(trx, item.bron, item.sha, item.kop, r.bevinding)
    else if (r.uitkomst !== 'al_ontvangen') await vergeten(trx, item.sha)
  }
  // The statistics follow the ledger as it grows: analyzed in the batch's transaction, which counts its own rows.
  const statistieken = new StatisticsAsItGrows(options.eersteAnalyzeBytes ?? EERSTE_ANALYZE_BYTES)
  const inPartijen = async (lijst: readonly Item[], laatsteKans: boolean) => {
    const n = options.perTransactie ?? PER_TRANSACTIE
    for (let i = 0; i < lijst.length; i += n) {
      await inBatch(db, async (trx) => {
        for (const item of lijst.slice(i, i + n)) {
          await toepassen(trx, item, laatsteKans)
          if (statistieken.due(item.bytes)) {
            // As the tables' owner, not the message's scope.
            await leaveScope(trx)
            await sql`analyze ${GROEIENDE_TABELLEN}`.execute(trx)
          }
          options.onVoortgang?.(laatsteKans ? Math.min(++klaar, van) : ++klaar - geparkeerd.length, van)
        }
      })
      await vacuumHotRows(db)
    }
  }
  await inPartijen(volgorde(items), false)
  await inPartijen(geparkeerd.splice(0), true)
  return samenvatting
}

/** The archive's messages; a path that is no file, directory or readable zip refuses the import before anything changed. */
async function* leesArchiefOf(lezer: ArchiefLezer, paths: readonly string[]): AsyncGenerator<ArchiefBestand> {
  try {
    yield* lezer.alle(paths)
  } catch (error) {
    if (error instanceof ArchiefOnleesbaar) throw new AppError('archief.unreadable', error.message)
    throw error
  }
}

const headOf = (f: ArchiefBestand): string => Buffer.from(f.bytes.subarray(0, 8192)).toString('utf8')

class NietGekoppeld extends Error {
  constructor(readonly bevinding: Onverwerkt) {
    super(bevinding.reden)
  }
}

type Resultaat = { uitkomst: Exclude<Uitkomst, 'niet_gekoppeld'>; bevinding?: Onverwerkt | undefined } | { uitkomst: 'niet_gekoppeld'; bevinding: Onverwerkt }

/** The second pass: one message read again and applied; bytes that changed since the first pass are not applied. */
async function leesEnPasToe(trx: ScopedDb, regionId: number, lezer: ArchiefLezer, item: Item): Promise<Resultaat> {
  let bytes: Uint8Array
  try {
    bytes = await lezer.lees(item.plaats)
  } catch (error) {
    return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt('niet_verwerkt', `het bericht is niet opnieuw te lezen (${(error as Error)?.message ?? String(error)})`) }
  }
  if (sha256(bytes) !== item.sha) return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt('niet_verwerkt', 'het bestand veranderde tijdens de import') }
  // One message under a savepoint: what it did is undone alone when it is not applied, and so is
  // the follow-up it asked for. Its figures are computed at the end of the batch (inBatch).
  const mark = markFollowUp(trx)
  await sql`savepoint bericht`.execute(trx)
  let r: Resultaat
  try {
    r = await pasToe(trx, regionId, item, bytes)
  } catch (error) {
    r = { uitkomst: 'niet_gekoppeld', bevinding: error instanceof NietGekoppeld ? error.bevinding : error instanceof AppError ? onverwerkt('geweigerd', error.message) : onverwerkt('niet_verwerkt', (error as Error)?.message ?? String(error)) }
    await sql`rollback to savepoint bericht`.execute(trx)
    await sql`release savepoint bericht`.execute(trx)
    rollbackFollowUp(trx, mark)
    return r
  }
  await sql`release savepoint bericht`.execute(trx)
  return r
}

/** One message, in the batch's transaction; throws when nothing of it may stay (the caller rolls back to its savepoint). */
async function pasToe(trx: ScopedDb, regionId: number, item: Item, bytes: Uint8Array): Promise<Resultaat> {
  const at = { date: gemaaktOp(item.kop), time: '12:00:00' }
  if (!vanGemeente(item.kop)) {
    const r = await receiveMessage(trx, regionId, bytes, { observe: true, at })
    if (r.outcome === 'onleesbaar') return { uitkomst: 'onleesbaar', bevinding: onverwerkt('onleesbaar', r.problems.slice(0, 3).map((p) => `${p.rule} ${p.message}`).join('; ')) }
    // A 302/320 on a 301/319 not in the ledger: the inbox stored it and lists the problem (TR063).
    const onbekend = r.problems.find((p) => p.rule === 'TR063')
    if (onbekend && r.outcome === 'afgekeurd') return { uitkomst: 'afgekeurd', bevinding: onverwerkt('geen_heenbericht', onbekend.message) }
    if (r.outcome === 'afgekeurd' && r.messageId === null) return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt(r.retourCodes.includes('9056') ? 'dubbele_identificatie' : 'geweigerd', r.summary) }
    return { uitkomst: r.outcome }
  }
  const parsed = parseMessage(bytes, { maxViolations: 20 })
  const levelOne = parsed.violations.filter((v) => v.level === 1)
  if (!parsed.body || levelOne.length > 0) return { uitkomst: 'onleesbaar', bevinding: onverwerkt('onleesbaar', levelOne.slice(0, 3).map((v) => `${v.rule} ${v.message}`).join('; ')) }
  const w = await neemWaar(trx, regionId, item.kop, parsed.body, bytes)
  // Not matched: whatever was done on the way (a client registered) is rolled back. One
  // message's failure is that message's: the next is read all the same.
  if (w.uitkomst === 'niet_gekoppeld') throw new NietGekoppeld(w.bevinding)
  return { uitkomst: w.uitkomst, bevinding: w.bevinding && isBevinding(w.bevinding.redenCode) ? w.bevinding : undefined }
}
