/**
 * The declaring provider's toewijzingen in one gemeente and law, held compactly for the checks
 * of a 323: loaded in pages of 50,000 in ToewijzingNummer order (each page one text value built
 * by the database, so a million rows cost no million result objects), kept in typed arrays
 * (about 50 bytes a toewijzing, off the JavaScript heap), and found by binary search. A lookup materialises the fact.
 * Their clients are held the same way, BSN → client (loadClients), so that a line's client is
 * known without joining every toewijzing to its client. And the region's products of the law
 * by categorie and code: what a declared ProductCode is priced and counted in (an aspecific
 * toewijzing is declared with any code of its categorie; TR341, TR381, TR418).
 *
 * Loading every toewijzing once is cheaper than looking up each chunk's numbers: lookups are
 * random reads, a page in number order is a range scan of the TR332 index.
 */
import { sql } from 'kysely'
import type { ScopedDb } from '../db/scope.ts'
import type { Party } from '../exchange/outbox.ts'
import type { DeclaredProduct, ToewijzingFact } from './prestatie.rules.ts'

const PAGE = 50_000
/** Below this many toewijzingen the store reads only their clients, not every resident of the gemeente. */
const FEW_TOEWIJZINGEN = 5_000

interface ProductInfo {
  productcategorie: string
  productcode: string | null
  /** A generic toewijzing's catalogue entry: the toewijzing carries no Product (IV075). */
  generiek: boolean
}

export class ToewijzingStore {
  private n = 0
  private nummers = new Float64Array(0)
  private ids = new Int32Array(0)
  private clients = new Int32Array(0)
  private products = new Int32Array(0)
  private segments = new Int32Array(0)
  private volumes = new Float64Array(0)
  private budgets = new Float64Array(0)
  /** Text fields as indices into one table of the distinct values ('' for none). */
  private ingang = new Uint16Array(0)
  private eind = new Uint16Array(0)
  private eenheid = new Uint16Array(0)
  private frequentie = new Uint16Array(0)
  private status = new Uint16Array(0)
  private reden = new Uint16Array(0)
  private readonly texts: string[] = ['']
  private readonly textIndex = new Map<string, number>([['', 0]])

  private constructor(
    private readonly productInfo: ReadonlyMap<number, ProductInfo>,
    /** This law's products by `categorie|code` ('' for no code). */
    private readonly declarable: ReadonlyMap<string, DeclaredProduct>,
  ) {}

  get size(): number {
    return this.n
  }

  static async load(trx: ScopedDb, regionId: number, party: Party, wet: 'jeugdwet' | 'wmo', options = { fewToewijzingen: FEW_TOEWIJZINGEN }): Promise<ToewijzingStore> {
    const products = await trx.selectFrom('product').select(['id', 'wet', 'productcategorie', 'productcode', 'eenheid', 'generiek']).where('region_id', '=', regionId).execute()
    const store = new ToewijzingStore(
      new Map(products.map((p) => [p.id, { productcategorie: p.productcategorie, productcode: p.productcode, generiek: p.generiek }])),
      new Map(products.filter((p) => p.wet === wet).map((p) => [productKey(p.productcategorie, p.productcode), { id: p.id, eenheid: p.eenheid }])),
    )
    const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from toewijzing t
      where t.sent_version is not null and t.region_id = ${regionId} and t.provider_id = ${party.providerId} and t.gemeente_id = ${party.gemeenteId} and t.wet = ${wet}`.execute(trx)
    store.grow(counted[0]!.n)
    await store.loadClients(trx, regionId, party, wet, counted[0]!.n < options.fewToewijzingen)
    let after = -1
    for (;;) {
      const { rows } = await sql<{ n: number; last: string | number | null; text: string | null }>`
        select count(*)::int as n, max(nummer) as last, string_agg(line, E'\\n' order by nummer) as text from (
          select t.toewijzing_nummer as nummer,
                 concat_ws(',', t.toewijzing_nummer, t.id, t.client_id, t.product_id, t.segment_id, b.ingangsdatum, b.einddatum,
                   coalesce(b.volume::text, ''), coalesce(b.eenheid, ''), coalesce(b.frequentie, ''), coalesce(b.budget_cents::text, ''), b.status, coalesce(b.reden_wijziging, '')) as line
          -- OP095: as the provider's last accepted 301 carried it (exchange/known-to-provider.ts); one never sent is unknown to it.
          from toewijzing t join toewijzing_version b on b.toewijzing_id = t.id and b.version = t.sent_version
          where t.region_id = ${regionId} and t.gemeente_id = ${party.gemeenteId} and t.wet = ${wet}
            and t.provider_id = ${party.providerId} and t.toewijzing_nummer > ${after}
          order by t.toewijzing_nummer limit ${PAGE}) page`.execute(trx)
      const page = rows[0]!
      if (page.n === 0 || page.text === null) break
      store.pushPage(page.text)
      after = Number(page.last)
      if (page.n < PAGE) break
    }
    return store
  }

  /**
   * Clients by BSN (sorted, for binary search): a line names its client by BSN, and all a check
   * asks is whether that BSN is its toewijzing's client (TR304, 8187). A provider with few
   * toewijzingen here gets only their clients — a small declaration then reads tens of rows, not
   * the gemeente's thousands of residents (the demo's 2,402 declarations spent 36 s on that);
   * one with many gets every resident in one scan, cheaper than finding each client by its id.
   * Either way a BSN that is not the toewijzing's client is not its client id.
   */
  private clientBsns = new Int32Array(0)
  private clientIds = new Int32Array(0)

  private async loadClients(trx: ScopedDb, regionId: number, party: Party, wet: 'jeugdwet' | 'wmo', onlyTheirs: boolean): Promise<void> {
    const theirs = onlyTheirs
      ? sql`and id in (select t.client_id from toewijzing t where t.sent_version is not null and t.region_id = ${regionId}
          and t.gemeente_id = ${party.gemeenteId} and t.wet = ${wet} and t.provider_id = ${party.providerId})`
      : sql``
    const { rows } = await sql<{ n: number; text: string | null }>`
      select count(*)::int as n, string_agg(bsn || ',' || id, E'\n' order by bsn) as text
      from client where region_id = ${regionId} and gemeente_id = ${party.gemeenteId} ${theirs}`.execute(trx)
    const { n, text } = rows[0]!
    this.clientBsns = new Int32Array(n)
    this.clientIds = new Int32Array(n)
    let i = 0
    for (const line of text?.split('\n') ?? []) {
      const comma = line.indexOf(',')
      this.clientBsns[i] = Number(line.slice(0, comma))
      this.clientIds[i++] = Number(line.slice(comma + 1))
    }
  }

  /** The client with this BSN in the gemeente, or undefined. */
  clientOf(bsn: string): number | undefined {
    const i = binarySearch(this.clientBsns, this.clientBsns.length, Number(bsn))
    return i < 0 ? undefined : this.clientIds[i]
  }

  private grow(capacity: number): void {
    if (capacity <= this.nummers.length) return
    const copy = <T extends Float64Array | Int32Array | Uint16Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity)
      next.set(old.subarray(0, this.n) as never)
      return next
    }
    this.nummers = copy(this.nummers, (n) => new Float64Array(n))
    this.ids = copy(this.ids, (n) => new Int32Array(n))
    this.clients = copy(this.clients, (n) => new Int32Array(n))
    this.products = copy(this.products, (n) => new Int32Array(n))
    this.segments = copy(this.segments, (n) => new Int32Array(n))
    this.volumes = copy(this.volumes, (n) => new Float64Array(n))
    this.budgets = copy(this.budgets, (n) => new Float64Array(n))
    for (const field of ['ingang', 'eind', 'eenheid', 'frequentie', 'status', 'reden'] as const) this[field] = copy(this[field], (n) => new Uint16Array(n))
  }

  private intern(s: string): number {
    let i = this.textIndex.get(s)
    if (i === undefined) {
      if (this.texts.length > 0xffff) throw new Error('more distinct values than a toewijzing store holds')
      i = this.texts.push(s) - 1
      this.textIndex.set(s, i)
    }
    return i
  }

  private text(i: number): string | null {
    return i === 0 ? null : this.texts[i]!
  }

  /**
   * Adds a page: lines of `nummer,id,client,product,segment,ingang,eind,volume,eenheid,frequentie,budget,status,reden`
   * separated by newlines. Read in place, field by field, without a string or array per field
   * (a million toewijzingen would make fourteen million): numbers are read from their digits, and
   * a text field equal to the line before's takes its index.
   */
  private pushPage(text: string): void {
    const fields = new Int32Array(FIELDS + 1)
    const last = new Array<string>(FIELDS).fill('')
    const lastIndex = new Uint16Array(FIELDS)
    const intern = (f: number): number => {
      const from = fields[f]!
      const to = fields[f + 1]! - 1
      const previous = last[f]!
      if (to - from === previous.length && text.startsWith(previous, from)) return lastIndex[f]!
      const value = text.slice(from, to)
      last[f] = value
      return (lastIndex[f] = this.intern(value))
    }
    const number = (f: number): number => numberAt(text, fields[f]!, fields[f + 1]! - 1)
    let start = 0
    while (start < text.length) {
      let end = text.indexOf('\n', start)
      if (end < 0) end = text.length
      // fields[k] is where field k starts; fields[k + 1] - 1 where it ends (as split(',') cuts them).
      fields[0] = start
      let k = 1
      for (let j = start; j < end && k < FIELDS; j++) if (text.charCodeAt(j) === 44) fields[k++] = j + 1
      const stop = k < FIELDS ? end : text.indexOf(',', fields[FIELDS - 1]!)
      for (; k <= FIELDS; k++) fields[k] = (stop < 0 || stop > end ? end : stop) + 1
      if (this.n === this.nummers.length) this.grow(Math.max(16, this.n * 2))
      const i = this.n++
      this.nummers[i] = number(0)
      this.ids[i] = number(1)
      this.clients[i] = number(2)
      this.products[i] = number(3)
      this.segments[i] = number(4)
      this.ingang[i] = intern(5)
      this.eind[i] = intern(6)
      this.volumes[i] = fields[8]! - 1 === fields[7]! ? NaN : number(7)
      this.eenheid[i] = intern(8)
      this.frequentie[i] = intern(9)
      this.budgets[i] = fields[11]! - 1 === fields[10]! ? NaN : number(10)
      this.status[i] = intern(11)
      this.reden[i] = intern(12)
      start = end + 1
    }
  }

  private marks = new Uint8Array(0)

  /** Marks toewijzing `nummer` (the checks mark those that got an approved line in this message). */
  mark(nummer: number): void {
    const i = this.indexOf(nummer)
    if (i < 0) return
    if (this.marks.length < this.n) {
      const next = new Uint8Array(this.n)
      next.set(this.marks)
      this.marks = next
    }
    this.marks[i] = 1
  }

  marked(nummer: number): boolean {
    const i = this.indexOf(nummer)
    return i >= 0 && i < this.marks.length && this.marks[i] === 1
  }

  /** The product of this law with this categorie and code, or undefined when the region's list has none. */
  product(productcategorie: string, productcode: string | null): DeclaredProduct | undefined {
    return this.declarable.get(productKey(productcategorie, productcode))
  }

  /** The toewijzing with this number, or undefined when the provider holds none here. */
  get(nummer: number): ToewijzingFact | undefined {
    const i = this.indexOf(nummer)
    return i < 0 ? undefined : this.fact(i)
  }

  private indexOf(nummer: number): number {
    return binarySearch(this.nummers, this.n, nummer)
  }

  private fact(i: number): ToewijzingFact {
    const product = this.productInfo.get(this.products[i]!)
    return {
      id: this.ids[i]!,
      nummer: this.nummers[i]!,
      clientId: this.clients[i]!,
      productId: this.products[i]!,
      segmentId: this.segments[i]!,
      productcategorie: product?.generiek ? null : (product?.productcategorie ?? ''),
      productcode: product?.generiek ? null : (product?.productcode ?? null),
      ingangsdatum: this.text(this.ingang[i]!)!,
      einddatum: this.text(this.eind[i]!)!,
      volume: Number.isNaN(this.volumes[i]) ? null : this.volumes[i]!,
      eenheid: this.text(this.eenheid[i]!),
      frequentie: this.text(this.frequentie[i]!),
      budgetCents: Number.isNaN(this.budgets[i]) ? null : this.budgets[i]!,
      status: this.text(this.status[i]!)!,
      redenWijziging: this.text(this.reden[i]!),
    }
  }
}

/** Fields per line of a page (`pushPage`). */
const FIELDS = 13

/** `Number(text.slice(from, to))`, read from the digits when they are only digits. */
function numberAt(text: string, from: number, to: number): number {
  if (to - from > 15 || to === from) return Number(text.slice(from, to))
  let n = 0
  for (let j = from; j < to; j++) {
    const d = text.charCodeAt(j) - 48
    if (d < 0 || d > 9) return Number(text.slice(from, to))
    n = n * 10 + d
  }
  return n
}

const productKey = (productcategorie: string, productcode: string | null) => `${productcategorie}|${productcode ?? ''}`

/** The index of `key` among the first `n` values of ascending `sorted`, or -1. */
function binarySearch(sorted: ArrayLike<number>, n: number, key: number): number {
  let lo = 0
  let hi = n - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const v = sorted[mid]!
    if (v < key) lo = mid + 1
    else if (v > key) hi = mid - 1
    else return mid
  }
  return -1
}
