/**
 * A 323 in, a 325 out: one declaration message read in one streaming pass, every prestatie
 * checked (prestatie.rules.ts), all lines written with COPY, the realisation kept up to date,
 * and the answer queued — in one transaction, so a crash anywhere leaves the database as it was.
 *
 * The header goes through the inbox's checks (src/exchange/admit.ts); the 325 has the forms of IV087:
 * - Level 1 (not XML, not the XSD): nothing is stored and no 325 is possible — also when the
 *   header alone would have been answered (S300, 9056): the whole file is read first.
 * - A header fault (S300, 9056, TR135 8848), a level-2 fault (a CD/CS rule, or TR358: a
 *   TotaalIngediendBedrag that is not the sum of its prestaties): the 325 is its Header with
 *   the code (0001 for level 2) and no line is kept.
 * - A DeclaratieNummer used before by the provider (TR333): Header 0200, DeclaratieAntwoord
 *   9333, nothing granted.
 * - Otherwise every prestatie is approved or rejected on its own; the 325 carries the granted
 *   total and only the rejected prestaties with their codes (TR342), or DeclaratieAntwoord
 *   8001 when all were granted.
 *
 * Memory stays flat in the number of prestaties: lines go to the database in COPY chunks as
 * they are read; what is held is the provider's toewijzingen and approved lines for this
 * gemeente (compactly, toewijzing-store.ts), the approved lines of the toewijzingen in hand
 * (the ledger) and the rejected prestaties the 325 must repeat.
 */
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { budgetSignalsChanged, figuresChanged } from '../budgets/follow-up.ts'
import { bookRealisation } from '../budgets/realisation.queries.ts'
import { CopyText, copyRows, copyValue } from '../db/copy.ts'
import type { Database } from '../db/database.ts'
import { type ScopedDb, inTransaction } from '../db/scope.ts'
import { type Law, type MessageKind, messageName } from '../istandaarden/message-catalog.ts'
import { type MessageItem, type MessageObject, byteSource, readMessage } from '../istandaarden/messages/read-message.ts'
import { type DeclaratieAntwoordInput, type PrestatieOordeel, VOLLEDIG_TOEGEKEND, buildDeclaratieAntwoord } from '../istandaarden/messages/retour.ts'
import { TECHNICAL_REJECTION, type Violation } from '../istandaarden/messages/violations.ts'
import { AppError } from '../shared/errors.ts'
import { addDays, addMonths, monthStart } from '../shared/dates.ts'
import { faultPoint } from '../shared/fault-point.ts'
import { formatEuroCents } from '../shared/format-nl.ts'
import { type Moment, momentOf } from '../shared/moment.ts'
import type { MessageProblem } from '../exchange/handler.ts'
import { type Party, nextIdentificatie, queueOutgoing, wetOf } from '../exchange/outbox.ts'
import { type Envelope, type ReceiveOptions, type ReceiveResult, admit, envelopeOf, futureDagtekening, isAdmitted, problemOf, sendHeaderRetour, unreadable } from '../exchange/admit.ts'
import { type ApprovedLine, type CheckContext, type Prestatie, PrestatieLedger, RETOUR, type ToewijzingFact, checkPrestatie, creditsFirst } from './prestatie.rules.ts'
import { type DeclarationScope, firstDayWithCare, knownReferenties, loadContractTariffs } from './prestatie.queries.ts'
import type { PricedPeriod } from '../toewijzingen/verplichting.ts'
import { retourcodeTekst } from '../istandaarden/retourcodes.ts'
import { ToewijzingStore } from './toewijzing-store.ts'
import { prestatieConverter } from './prestatie-record.ts'
import { withinMessageFaults } from './declaratie-inhoud.queries.ts'

export interface DeclarationResult extends ReceiveResult {
  declaratie: NonNullable<ReceiveResult['declaratie']> | null
}

export interface DeclarationOptions extends ReceiveOptions {
  /** Keep the 323's bytes in the message archive up to this size (default 32 MB); larger ones are kept as their lines. */
  keepContentUpTo?: number
  /** Rows per COPY (default 10,000). */
  chunkRows?: number
  /** Toewijzingen held in memory before the ledger forgets them (default 20,000). */
  heldToewijzingen?: number
}

const KEEP_CONTENT_UP_TO = 32 << 20
const CHUNK_ROWS = 10_000
/** Toewijzingen held in memory before the ledger forgets them (they are loaded again when met). */
const HELD_TOEWIJZINGEN = 20_000
/** Lines per declaration: a line's id is the declaration's id × 2^24 + its number. */
export const MAX_REGELS = 2 ** 24 - 1
export const regelId = (declaratieId: number, volgnummer: number): number => declaratieId * 2 ** 24 + volgnummer
/** The ids of declaration `declaratieId`'s lines lie in [from, to). */
export const regelIdRange = (declaratieId: number): { from: number; to: number } => ({ from: regelId(declaratieId, 0), to: regelId(declaratieId + 1, 0) })
/** Problems listed on the message; the lines keep every code. */
const MAX_PROBLEMS = 200

/** Is this the start of a 323 (its namespace in the root element)? */
export function looksLikeDeclaration(head: Uint8Array): boolean {
  const text = Buffer.from(head.subarray(0, 4096)).toString('latin1')
  return /\/(jw|wmo)323\/schema/.test(text)
}

class Unreadable extends Error {
  constructor(readonly violations: Violation[]) {
    super('unreadable')
  }
}

/** The SHA-256 of a whole source, read for it alone (only when a resent message must be compared). */
async function digestOf(source: string | Uint8Array): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of byteSource(source)) hash.update(chunk)
  return hash.digest('hex')
}

/** Receives one 323 for region `regionId`, from a file path or bytes. */
export async function receiveDeclaration(db: Database | ScopedDb, regionId: number, source: string | Uint8Array, options: DeclarationOptions = {}): Promise<DeclarationResult> {
  const at = options.at ?? momentOf()
  const run = (trx: ScopedDb) => new DeclarationRun(trx, regionId, source, at, options).run()
  try {
    return db.isTransaction ? await run(db as ScopedDb) : await inTransaction(db as Database, run)
  } catch (error) {
    if (error instanceof Unreadable) return { ...unreadable(undefined, error.violations), declaratie: null }
    throw error
  }
}

/** The columns COPY writes, in order. */
const REGEL_COLUMNS = [
  'id', 'region_id', 'declaratie_id', 'gemeente_id', 'provider_id', 'wet', 'volgnummer', 'client_id', 'toewijzing_id', 'product_id', 'segment_id',
  'referentie_nummer', 'vorig_referentie_nummer', 'toewijzing_nummer', 'productcategorie', 'productcode', 'begindatum', 'einddatum',
  'volume', 'eenheid', 'tarief_cents', 'bedrag_cents', 'goedgekeurd', 'retour_codes', 'crediteert_regel_id',
] as const

/** What the checks of a chunk need besides the chunk. */
interface CheckState {
  store: ToewijzingStore
  tariffs: Map<number, PricedPeriod[]>
  ledger: PrestatieLedger
  periode: CheckContext['periode']
}

interface Declaratie {
  nummer: string
  begindatum: string
  einddatum: string
  dagtekening: string
  /** Signed. */
  totaalCents: number
}

class DeclarationRun {
  private kind: MessageKind | undefined
  private header: MessageObject | undefined
  private env: Envelope | undefined
  /** Set when the header was answered on its own (S300, 9056, 8848): the rest is read, not processed. */
  private headerAnswer: DeclarationResult | undefined
  private headerFault: { codes: string[]; problems: MessageProblem[]; summary: string } | undefined
  /** Chunks checked so far. */
  private chunks = 0
  private party: Party | undefined
  private actor: Actor | undefined
  private messageId = 0
  private identificatie = ''
  private declaratie: Declaratie | undefined
  private declaratieObject: MessageObject | undefined
  private declaratieId = 0
  /** Whether the provider had approved lines here before this message (else none need loading). */
  private hasPrior = true
  private scope: DeclarationScope | undefined
  /** region_id, declaratie_id, gemeente_id, provider_id and wet of every line, as COPY text: one party per message. */
  private rowScope = ''
  /** Set when the declaration as a whole is refused (9333); lines are then read but not checked. */
  private refusedWith: MessageProblem | null = null
  private ctx: CheckState | undefined
  /**
   * What the checks need (the provider's toewijzingen, the tariffs), loading while the first
   * chunk is read: set when the Declaratie is accepted, awaited by the first `flush`.
   */
  private loading: Promise<CheckState> | undefined
  /**
   * Prestaties read and not yet checked, checked and written a chunk at a time. Only their
   * compact form waits, so the reader's objects die young (cheap to collect).
   */
  private pending: Prestatie[] = []
  private readonly violations: Violation[] = []
  private readonly problems: MessageProblem[] = []
  private readonly codeCounts = new Map<string, number>()
  private readonly rejected: PrestatieOordeel[] = []
  private readonly realisatie = new Map<string, { segmentId: number; productId: number; maand: string; debet: number; credit: number; regels: number }>()
  /**
   * Approved cents (net of credits) per toewijzing × year (key id × 10,000 + year) in the chunk
   * in hand: what the toewijzing realised of its verplichting, booked behind the chunk's COPY.
   */
  private perToewijzingJaar = new Map<number, number>()
  private lines = 0
  /** Set when the message came before: reading stops, nothing more is done. */
  private done: DeclarationResult | undefined
  private approved = 0
  private sumCents = 0
  private grantedCents = 0
  private inflight: Promise<void> = Promise.resolve()
  /** What `archiving` saw: the digest so far, the size, and the bytes while they fit the archive. */
  private readonly hash = createHash('sha256')
  private size = 0
  private kept: Buffer[] | null = []

  constructor(
    private readonly trx: ScopedDb,
    private readonly regionId: number,
    private readonly source: string | Uint8Array,
    private readonly at: Moment,
    private readonly options: DeclarationOptions,
  ) {}

  async run(): Promise<DeclarationResult> {
    try {
      return await this.read()
    } catch (error) {
      // Let a running COPY or load end before the transaction rolls back under it.
      await this.inflight.catch(() => {})
      await this.loading?.catch(() => {})
      throw error
    }
  }

  /**
   * The source's bytes as the reader reads them, hashed on the way and kept for the archive
   * while they fit: the file is read once.
   */
  private async *archiving(): AsyncGenerator<Uint8Array> {
    const limit = this.options.keepContentUpTo ?? KEEP_CONTENT_UP_TO
    for await (const chunk of byteSource(this.source)) {
      this.hash.update(chunk)
      this.size += chunk.length
      if (this.kept !== null && this.size <= limit) this.kept.push(Buffer.from(chunk))
      else this.kept = null
      yield chunk
    }
  }

  private async read(): Promise<DeclarationResult> {
    // One core: the database needs the other for the COPYs (a million prestaties on the server
    // took 21.4 s and 418 MB this way against 23.8 s and 515 MB reading on two; docs/benchmarks.md).
    // The record path: prestaties are read into reused objects and made into their compact form at once.
    const reader = readMessage(this.archiving(), { maxViolations: 50, parallel: false, convert: { Prestatie: prestatieConverter() } })
    let summary
    for (;;) {
      const step = await reader.next()
      if (step.done) {
        summary = step.value
        break
      }
      for (const item of step.value) {
        await this.item(item)
        if (this.done) break
      }
      if (this.done) {
        await reader.return(undefined as never)
        return this.done
      }
    }
    const levelOne = summary.violations.filter((v) => v.level === 1)
    if (levelOne.length > 0 || !this.kind) throw new Unreadable(levelOne.length > 0 ? levelOne : summary.violations)
    if (!this.header) throw new Unreadable(summary.violations)
    if (this.headerAnswer) return this.headerAnswer
    const result = await this.finish()
    faultPoint('declaratie.commit')
    return result
  }

  private async item(item: MessageItem): Promise<void> {
    if (item.kind === 'violation') {
      if (item.violation.level === 1) throw new Unreadable([item.violation])
      this.violations.push(item.violation)
      return
    }
    if (item.kind === 'header') return this.start(item.message, item.header)
    if (item.kind !== 'converted' || this.headerAnswer || this.headerFault) return
    if (!this.declaratie) await this.open(item.ancestors)
    if (this.violations.length > 0 || this.refusedWith !== null || !this.loading) return
    const p = item.value as Prestatie
    // A chunk closes only between clients, so that a toewijzing's prestaties are judged
    // together (OP366 orders them per client; TR101 keeps a client to one Client element).
    if (this.pending.length >= (this.options.chunkRows ?? CHUNK_ROWS) && this.pending.at(-1)!.bsn !== p.bsn) await this.flush()
    if (this.lines >= MAX_REGELS) throw new AppError('declaratie.too_many_lines', `a declaration holds at most ${MAX_REGELS} prestaties; split this one into more messages`)
    p.volgnummer = ++this.lines
    this.pending.push(p)
  }

  /** The header: the inbox's checks (sender, S300, 9056, received before), then TR135 (8848). */
  private async start(kind: MessageKind, header: MessageObject): Promise<void> {
    if (kind.code !== '323') throw new AppError('declaratie.wrong_message', `${messageName(kind)} is geen declaratie (323)`)
    this.kind = kind
    this.header = header
    const env = (this.env = envelopeOf(kind, header))
    this.identificatie = env.identificatie
    const admitted = await admit(this.trx, this.regionId, env, this.options, this.at, { bytes: null, digest: () => digestOf(this.source) })
    if (!isAdmitted(admitted)) {
      if (admitted.outcome === 'al_ontvangen') {
        this.done = { ...admitted, declaratie: null }
        // Received before: its follow-up may have been cut off by a crash after its commit (the
        // signals come after it); sending it again repairs that.
        budgetSignalsChanged(this.trx, this.regionId, Number(this.at.date.slice(0, 4)), this.at.date)
      }
      else this.headerAnswer = { ...admitted, declaratie: null }
      return
    }
    this.party = admitted.party
    this.actor = admitted.actor
    this.messageId = admitted.messageId
    const late = futureDagtekening(env, this.at)
    if (late) this.headerFault = { codes: [late.retourcode], problems: [late], summary: 'dagtekening in de toekomst' }
    await sql`savepoint regels`.execute(this.trx)
  }

  /** The Declaratie's own fields, at its first prestatie: check the number, load what the checks need. */
  private async open(ancestors: readonly MessageObject[]): Promise<void> {
    const d = ancestors.find((a) => a.DeclaratieNummer !== undefined)!
    this.declaratieObject = d
    const periode = d.DeclaratiePeriode as MessageObject
    const totaal = d.TotaalIngediendBedrag as MessageObject
    this.declaratie = {
      nummer: String(d.DeclaratieNummer),
      begindatum: String(periode.Begindatum),
      einddatum: String(periode.Einddatum),
      dagtekening: String(d.DeclaratieDagtekening),
      totaalCents: (totaal.DebetCredit === 'C' ? -1 : 1) * Number(totaal.TotaalBedrag),
    }
    if (this.violations.length > 0) return
    const party = this.party!
    const wet = wetOf(this.kind!.law)
    const taken = await this.trx.selectFrom('declaratie').select('id').where('gemeente_id', '=', party.gemeenteId).where('provider_id', '=', party.providerId).where('wet', '=', wet).where('declaratie_nummer', '=', this.declaratie.nummer).executeTakeFirst()
    if (taken) {
      this.refusedWith = { rule: 'TR333', retourcode: RETOUR.declaratieNummer, message: `DeclaratieNummer ${this.declaratie.nummer}: ${retourcodeTekst(RETOUR.declaratieNummer)}` }
      return
    }
    // TR318 (8214), with OP284: "Indien iedere DeclaratiePeriode zorg is geleverd, moet
    // DeclaratiePeriode de kalendermaand volgend op voorgaande DeclaratiePeriode zijn." A
    // correction may repeat the last period declared; a declaration never goes back before it,
    // and skips a month only when no care ran in it by the provider's own 305s and 307s (OP095).
    const last = await this.trx.selectFrom('declaratie').select((eb) => eb.fn.max('periode_begin').as('begin')).where('gemeente_id', '=', party.gemeenteId).where('provider_id', '=', party.providerId).where('wet', '=', wet).executeTakeFirst()
    const lastBegin = last?.begin ? String(last.begin) : null
    if (lastBegin !== null && lastBegin > this.declaratie.begindatum) {
      this.refusedWith = { rule: 'TR318', retourcode: RETOUR.periodeTerug, message: `DeclaratiePeriode ${this.declaratie.begindatum.slice(0, 7)} ligt voor de laatst gedeclareerde periode ${lastBegin.slice(0, 7)}` }
      return
    }
    const next = lastBegin === null ? null : addMonths(lastBegin, 1)
    if (next !== null && next < this.declaratie.begindatum) {
      const cared = await firstDayWithCare(this.trx, { regionId: this.regionId, gemeenteId: party.gemeenteId, providerId: party.providerId, wet }, next, addDays(this.declaratie.begindatum, -1))
      if (cared !== null) {
        this.refusedWith = { rule: 'TR318', retourcode: RETOUR.periodeTerug, message: `DeclaratiePeriode ${this.declaratie.begindatum.slice(0, 7)} volgt niet op de laatst gedeclareerde periode ${lastBegin!.slice(0, 7)}, terwijl volgens de start- en stopberichten in ${cared.slice(0, 7)} zorg werd geleverd: declareer eerst die maand` }
        return
      }
    }
    const row = await this.trx
      .insertInto('declaratie')
      .values({
        region_id: this.regionId,
        gemeente_id: party.gemeenteId,
        provider_id: party.providerId,
        wet,
        message_id: this.messageId,
        declaratie_nummer: this.declaratie.nummer,
        periode_begin: this.declaratie.begindatum,
        periode_eind: this.declaratie.einddatum,
        dagtekening: this.declaratie.dagtekening,
        ingediend_cents: this.declaratie.totaalCents,
        toegekend_cents: 0,
        regels: 0,
        goedgekeurd: 0,
        afgewezen: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    this.declaratieId = row.id
    this.rowScope = [this.regionId, row.id, party.gemeenteId, party.providerId, wet].join('\t')
    const prior = await this.trx.selectFrom('declaratie').select('id').where('provider_id', '=', party.providerId).where('gemeente_id', '=', party.gemeenteId).where('wet', '=', wet).where('goedgekeurd', '>', 0).limit(1).executeTakeFirst()
    this.hasPrior = prior !== undefined
    this.scope = { regionId: this.regionId, gemeenteId: party.gemeenteId, providerId: party.providerId, wet }
    // Loaded while the first chunk is read (on a server the database builds the pages meanwhile);
    // no other statement is sent before the first flush awaits it.
    const scope = this.scope
    const declared = { begindatum: this.declaratie.begindatum, einddatum: this.declaratie.einddatum }
    const loading = (this.loading = (async () => ({ store: await ToewijzingStore.load(this.trx, this.regionId, party, wet), tariffs: await loadContractTariffs(this.trx, scope), ledger: new PrestatieLedger(), periode: declared }))())
    // Awaited by the first flush (or before the transaction ends); until then a failure must not count as unhandled.
    loading.catch(() => {})
  }

  /**
   * Checks the pending prestaties and starts their COPY, which runs while the next chunk is
   * read. Before that, the previous COPY must end: the toewijzingen met now are loaded with
   * every line approved so far, this message's included.
   */
  private async flush(): Promise<void> {
    if (this.pending.length === 0) return
    faultPoint(this.chunks === 0 ? 'declaratie.eerste-chunk' : 'declaratie.tussen-chunks')
    this.chunks++
    await this.inflight
    const ctx = (this.ctx ??= await this.loading!)
    if (ctx.ledger.size > (this.options.heldToewijzingen ?? HELD_TOEWIJZINGEN)) ctx.ledger.forget()
    // The chunk's toewijzingen, looked up once.
    const facts = new Map<number, ToewijzingFact | undefined>()
    for (const p of this.pending) if (!facts.has(p.toewijzingNummer)) facts.set(p.toewijzingNummer, ctx.store.get(p.toewijzingNummer))
    // Approved lines to load: earlier messages' (when there are any) and this message's own
    // after the ledger forgot them (the store marks which toewijzingen got one).
    const unheld = new Set<number>()
    for (const t of facts.values()) {
      if (!t || ctx.ledger.holds(t.id)) continue
      if (this.hasPrior || ctx.store.marked(t.nummer)) unheld.add(t.id)
      else ctx.ledger.hold(t.id)
    }
    await loadApproved(this.trx, [...unheld], ctx.ledger)
    // TR314: the chunk's ReferentieNummers the provider used before (earlier messages and chunks), and each line checked since.
    const referenties = await knownReferenties(this.trx, this.scope!, this.pending.map((p) => p.referentieNummer))
    const check: CheckContext = { toewijzingen: facts as ReadonlyMap<number, ToewijzingFact>, clientOf: (bsn) => ctx.store.clientOf(bsn), tariffs: ctx.tariffs, ledger: ctx.ledger, periode: ctx.periode, products: ctx.store, referenties }
    const rows = new CopyText(this.pending.length * 200)
    for (const p of creditsFirst(this.pending)) {
      this.check(p, regelId(this.declaratieId, p.volgnummer), check, rows)
      referenties.add(p.referentieNummer)
    }
    this.pending = []
    // The chunk's realisation is booked behind its COPY, so both run while the next chunk is read.
    const realised = this.perToewijzingJaar
    this.perToewijzingJaar = new Map()
    this.inflight = copyRows(this.trx, 'declaratie_regel', REGEL_COLUMNS, rows.bytes()).then(() => this.realise(realised))
    // Awaited before the next statement; until then a failure must not count as unhandled.
    this.inflight.catch(() => {})
    faultPoint('declaratie.copy')
  }

  /** Checks one prestatie, books it, and writes its COPY row to `out`. */
  private check(p: Prestatie, id: number, ctx: CheckContext, out: CopyText): void {
    const signed = p.credit ? -p.bedragCents : p.bedragCents
    this.sumCents += signed
    const verdict = checkPrestatie(p, ctx)
    const t = verdict.toewijzing
    const ok = verdict.codes.length === 0
    if (ok) {
      this.approved++
      this.grantedCents += signed
      this.ctx!.store.mark(t!.nummer)
      ctx.ledger.add({ id, referentieNummer: p.referentieNummer, toewijzingId: t!.id, clientId: t!.clientId, productcode: p.productcode, begindatum: p.begindatum, einddatum: p.einddatum, volume: p.volume, eenheid: p.eenheid, bedragCents: p.bedragCents, credit: p.credit, credited: false })
      if (verdict.reverses) ctx.ledger.reverse(verdict.reverses)
      const maand = monthStart(p.begindatum)
      const key = `${t!.productId}|${maand}`
      const r = this.realisatie.get(key) ?? { segmentId: t!.segmentId, productId: t!.productId, maand, debet: 0, credit: 0, regels: 0 }
      if (p.credit) r.credit += p.bedragCents
      else r.debet += p.bedragCents
      r.regels++
      this.realisatie.set(key, r)
      const tj = t!.id * 10_000 + Number(p.begindatum.slice(0, 4))
      this.perToewijzingJaar.set(tj, (this.perToewijzingJaar.get(tj) ?? 0) + signed)
    } else {
      this.rejected.push({ prestatie: asMessagePrestatie(p), bsn: p.bsn, codes: verdict.codes })
      for (const code of verdict.codes) {
        this.codeCounts.set(code, (this.codeCounts.get(code) ?? 0) + 1)
        if (this.problems.length < MAX_PROBLEMS) this.problems.push({ rule: code, retourcode: code, message: `prestatie ${p.volgnummer} (ReferentieNummer ${p.referentieNummer}): ${retourcodeTekst(code)}`, path: `Prestatie ${p.referentieNummer}` })
      }
    }
    // One COPY row in text format, column by column as REGEL_COLUMNS lists them.
    out.number(id).tab().raw(this.rowScope).tab().number(p.volgnummer).tab().value(t?.clientId).tab().value(t?.id).tab().value(t?.productId).tab().value(t?.segmentId).tab()
    out.value(p.referentieNummer).tab().value(p.vorigReferentieNummer).tab().number(p.toewijzingNummer).tab().value(p.productcategorie).tab().value(p.productcode).tab()
    out.raw(p.begindatum).tab().raw(p.einddatum).tab().number(p.volume).tab().value(p.eenheid).tab().value(p.tariefCents).tab().number(signed).tab().raw(ok ? 't' : 'f').tab()
    out.raw(ok ? '{}' : copyValue(verdict.codes)).tab().raw(ok ? copyValue(verdict.reverses?.id) : '\\N').newline()
  }

  private async finish(): Promise<DeclarationResult> {
    const kind = this.kind!
    const name = messageName(kind)
    const base = { message: name, identificatie: this.identificatie }
    // The last chunk is checked before the totals are compared: the sum counts every prestatie.
    if (this.violations.length === 0 && this.refusedWith === null && !this.headerFault && this.loading) await this.flush()
    await this.inflight
    await this.loading
    // IV087: a level-2 fault (IV088) or a header fault is answered with the Header alone.
    let whole = this.headerFault
    if (this.violations.length > 0) whole = { codes: [TECHNICAL_REJECTION], problems: this.violations.slice(0, MAX_PROBLEMS).map(problemOf), summary: 'technisch afgekeurd (regels binnen het bericht)' }
    else if (!whole && this.declaratie && this.refusedWith === null && this.sumCents !== this.declaratie.totaalCents) {
      whole = { codes: [TECHNICAL_REJECTION], problems: [{ rule: 'TR358', retourcode: TECHNICAL_REJECTION, message: `TotaalIngediendBedrag ${this.declaratie.totaalCents} is niet de som van de prestaties (${this.sumCents}, debet min credit)` }], summary: 'totaalbedrag klopt niet met de prestaties' }
    } else if (!whole && this.declaratie && this.refusedWith === null && this.lines > 0) {
      // TR101, TR315, TR316, TR416: prestaties compared with each other, over the lines just written.
      const inner = await withinMessageFaults(this.trx, regelIdRange(this.declaratieId))
      if (inner.length > 0) whole = { codes: [TECHNICAL_REJECTION], problems: inner, summary: 'technisch afgekeurd (prestaties in strijd met elkaar)' }
    }
    if (whole) {
      await sql`rollback to savepoint regels`.execute(this.trx)
      // Observer mode (ADR 0028): the back office answers; Koers sends nothing.
      const retourId = this.options.observe === true ? null : await sendHeaderRetour(this.trx, this.actor!, this.party!, this.env!, this.at, this.messageId, whole.codes)
      await this.mark('afgekeurd', whole.codes, whole.problems, whole.summary)
      return { ...base, outcome: 'afgekeurd', messageId: this.messageId, retourId, retourCodes: whole.codes, problems: whole.problems, summary: whole.summary, declaratie: null }
    }
    if (this.refusedWith !== null || !this.declaratie) {
      // IV087: a fault in the Declaratie — Header 0200, DeclaratieAntwoord with the code, nothing granted.
      const refused = this.refusedWith ?? { rule: 'TR333', retourcode: RETOUR.declaratieNummer, message: 'DeclaratieNummer ontbreekt' }
      const summary = refused.rule === 'TR318' ? 'declaratieperiode voor de vorige: niets toegekend' : 'declaratienummer al gebruikt: niets toegekend'
      const retourId = await this.send325({ declaratie: [refused.retourcode] }, [refused.retourcode], `${summary} (${refused.retourcode})`)
      await this.mark('afgekeurd', [refused.retourcode], [refused], summary)
      return { ...base, outcome: 'afgekeurd', messageId: this.messageId, retourId, retourCodes: [refused.retourcode], problems: [refused], summary, declaratie: null }
    }
    const party = this.party!
    const wet = wetOf(kind.law)
    // The toewijzingen' share was booked per chunk (`realise`); the months once.
    await bookRealisation(this.trx, { regionId: this.regionId, gemeenteId: party.gemeenteId, providerId: party.providerId, wet }, [...this.realisatie.values()], [])
    // The live budget figures of this provider in this gemeente (forecast.queries.ts).
    const years = new Set([...this.realisatie.values()].map((r) => Number(r.maand.slice(0, 4))))
    if (years.size > 0) await figuresChanged(this.trx, this.actor!, [...years, Number(this.at.date.slice(0, 4))], this.at.date, { gemeenteId: party.gemeenteId, providerId: party.providerId })
    const afgewezen = this.lines - this.approved
    // What the message and its 325 are listed with: 8001, or the codes of the rejected prestaties.
    const listed = afgewezen === 0 ? [VOLLEDIG_TOEGEKEND] : [...this.codeCounts.keys()]
    const retourId = await this.send325({ toegekend: this.grantedCents, afgewezen: this.rejected, volledig: afgewezen === 0 }, listed, `toegekend ${formatEuroCents(this.grantedCents)}`)
    await this.trx
      .updateTable('declaratie')
      .set({ toegekend_cents: this.grantedCents, regels: this.lines, goedgekeurd: this.approved, afgewezen, answer_message_id: retourId })
      .where('id', '=', this.declaratieId)
      .execute()
    const summary = `declaratie ${this.declaratie.nummer} (${this.declaratie.begindatum.slice(0, 7)}): ${this.approved} van ${this.lines} prestaties goedgekeurd` + (afgewezen > 0 ? `, ${afgewezen} afgewezen (${[...this.codeCounts].map(([c, n]) => `${c}: ${n}`).join(', ')})` : '')
    const outcome = this.approved === 0 && this.lines > 0 ? 'afgekeurd' : 'verwerkt'
    await this.mark(outcome, listed, this.problems, summary)
    return {
      ...base,
      outcome,
      messageId: this.messageId,
      retourId,
      retourCodes: listed,
      problems: this.problems,
      summary,
      declaratie: { id: this.declaratieId, regels: this.lines, goedgekeurd: this.approved, afgewezen, ingediendCents: this.declaratie.totaalCents, toegekendCents: this.grantedCents },
    }
  }

  /**
   * Adds a chunk's approved cents to its toewijzingen' realisation (koers_realiseer). Chunk by
   * chunk adds up to the same as once at the end: the open commitment each booking moves is the
   * difference of the open amount before and after it. A whole-message rejection rolls it back
   * with the lines (savepoint `regels`).
   */
  private async realise(perToewijzingJaar: ReadonlyMap<number, number>): Promise<void> {
    if (perToewijzingJaar.size === 0) return
    const party = this.party!
    await bookRealisation(this.trx, { regionId: this.regionId, gemeenteId: party.gemeenteId, providerId: party.providerId, wet: wetOf(this.kind!.law) }, [],
      [...perToewijzingJaar].map(([k, cents]) => ({ toewijzingId: Math.floor(k / 10_000), jaar: k % 10_000, cents })))
  }

  /** Completes the message row: its outcome, and the bytes (when they fit), size and digest of what was read. */
  private async mark(state: 'verwerkt' | 'afgekeurd', codes: string[], problems: MessageProblem[], summary: string): Promise<void> {
    const content = this.kept === null ? new Uint8Array(0) : Buffer.concat(this.kept)
    await this.trx
      .updateTable('message')
      .set({ state, retour_codes: codes, problems: JSON.stringify(problems.slice(0, MAX_PROBLEMS)), summary, content, content_kept: this.kept !== null, content_size: this.size, content_sha256: this.hash.digest('hex') })
      .where('id', '=', this.messageId)
      .execute()
  }

  /** Writes and queues the 325 judged on the Declaratie or per prestatie (IV087); `listed` is what the outbox lists it with. */
  private async send325(answer: Exclude<DeclaratieAntwoordInput['answer'], { header: readonly string[] }>, listed: string[], what: string): Promise<number | null> {
    // Observer mode (ADR 0028): the back office's own 325 is read from the archive instead.
    if (this.options.observe === true) return null
    const party = this.party!
    const law: Law = this.kind!.law
    const { body } = buildDeclaratieAntwoord({
      law,
      header: this.header!,
      declaratie: this.declaratieObject ?? {},
      identificatie: await nextIdentificatie(this.trx, this.regionId, party.cbsCode, '325'),
      dagtekening: this.at.date,
      answer,
    })
    return queueOutgoing(this.trx, this.actor!, {
      wet: wetOf(law),
      code: '325',
      party,
      body,
      answersMessageId: this.messageId,
      retourCodes: listed,
      summary: `declaratie-antwoord op ${messageName(this.kind!)} ${this.identificatie}: ${what}`,
    })
  }
}

/** A prestatie as the 323 had it, for the 325 that repeats it with its codes. */
function asMessagePrestatie(p: Prestatie): MessageObject {
  const out: MessageObject = {
    ProductReferentie: p.vorigReferentieNummer === null ? { ReferentieNummer: p.referentieNummer } : { ReferentieNummer: p.referentieNummer, VorigReferentieNummer: p.vorigReferentieNummer },
    ToewijzingNummer: p.toewijzingNummer,
    ProductCategorie: p.productcategorie,
  }
  if (p.productcode !== null) out.ProductCode = p.productcode
  out.ProductPeriode = { Begindatum: p.begindatum, Einddatum: p.einddatum }
  out.GeleverdVolume = p.volume
  out.Eenheid = p.eenheid
  if (p.tariefCents !== null) out.ProductTarief = p.tariefCents
  out.IngediendBedrag = { Bedrag: p.bedragCents, DebetCredit: p.credit ? 'C' : 'D' }
  return out
}

/** Adds the approved lines of these toewijzingen to the ledger, credits reversing their debits. */
async function loadApproved(trx: ScopedDb, toewijzingIds: number[], ledger: PrestatieLedger): Promise<void> {
  for (const id of toewijzingIds) ledger.hold(id)
  if (toewijzingIds.length === 0) return
  const rows = await trx
    .selectFrom('declaratie_regel as r')
    .select(['r.id', 'r.referentie_nummer', 'r.toewijzing_id', 'r.client_id', 'r.productcode', 'r.begindatum', 'r.einddatum', 'r.volume', 'r.eenheid', 'r.bedrag_cents', 'r.crediteert_regel_id'])
    .where('r.toewijzing_id', '=', sql<number>`any(${toewijzingIds}::int[])`)
    .where('r.goedgekeurd', '=', true)
    .orderBy('r.id')
    .execute()
  const byId = new Map<number, ApprovedLine>()
  for (const r of rows) {
    const line: ApprovedLine = { id: Number(r.id), referentieNummer: r.referentie_nummer, toewijzingId: r.toewijzing_id!, clientId: r.client_id!, productcode: r.productcode, begindatum: r.begindatum, einddatum: r.einddatum, volume: Number(r.volume), eenheid: r.eenheid, bedragCents: Math.abs(Number(r.bedrag_cents)), credit: Number(r.bedrag_cents) < 0 || r.crediteert_regel_id !== null, credited: false }
    ledger.add(line)
    byId.set(line.id, line)
    if (r.crediteert_regel_id !== null) {
      const debit = byId.get(Number(r.crediteert_regel_id))
      if (debit) ledger.reverse(debit)
    }
  }
}
