/**
 * The inbox and outbox as their users see them: per gemeente (the lokaal team and the
 * gemeente's roles) and per provider (its own traffic). Messages are listed without personal
 * data; the bytes are fetched one message at a time — only by a role that may read the personal
 * data in them, and audited — and a provider says with a separate POST that it fetched an
 * outgoing message (a GET changes nothing, so no other site can make a browser mark it).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Actor } from '../auth/actor.ts'
import { auditReads } from '../auth/audit.queries.ts'
import { can } from '../auth/permissions.ts'
import type { Database } from '../db/database.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import type { MessageState } from '../db/schema.ts'
import { type MessageCode, carriesPersonalData, messageName, messageTitles } from '../istandaarden/message-catalog.ts'
import { AppError } from '../shared/errors.ts'
import { lawOf } from './outbox.ts'
import { gatewayActor, regionActor } from './admit.ts'
import type { MessageProblem } from './handler.ts'

export interface MailboxItem {
  id: number
  direction: 'in' | 'out'
  name: string
  title: string
  identificatie: string
  dagtekening: string
  state: MessageState
  retourCodes: string[]
  summary: string
  problems: MessageProblem[]
  gemeenteName: string
  providerName: string
  answersMessageId: number | null
  createdAt: string
  downloadedAt: string | null
  /** Whether the actor may fetch the XML: kept whole, and without personal data or for a role that may read it. */
  xmlAvailable: boolean
}

/** How a search of the messages may be sorted (the columns of the list). */
export const messageSortKeys = ['id', 'dagtekening', 'code', 'identificatie', 'state', 'provider', 'gemeente'] as const
export type MessageSortKey = (typeof messageSortKeys)[number]

export interface MessageSearch {
  direction?: 'in' | 'out'
  state?: MessageState
  /** The message type, its three digits (315, 323 …). */
  code?: string
  provider?: number
  /** The message's identificatie, from its start (case ignored). */
  identificatie?: string
  /** Dagtekening from and to, calendar dates, both inclusive. */
  from?: string
  to?: string
  sort?: MessageSortKey
  dir?: 'asc' | 'desc'
}

const sortColumn = { id: 'm.id', dagtekening: 'm.dagtekening', code: 'm.code', identificatie: 'm.identificatie', state: 'm.state', provider: 'p.name', gemeente: 'g.name' } as const

/**
 * The messages in the actor's scope that match `filter` — a gemeente's users and lokaal team
 * their gemeente's, a provider its own, the toezichthouder the region's (row-level security says
 * it again) — sorted, with `total` counting every match and `items` one page of them.
 */
export async function searchMessages(trx: ScopedDb, actor: Actor, filter: MessageSearch, page: { limit: number; offset: number }): Promise<{ total: number; items: MailboxItem[] }> {
  let q = trx.selectFrom('message as m').innerJoin('gemeente as g', 'g.id', 'm.gemeente_id').innerJoin('provider as p', 'p.id', 'm.provider_id').where('m.region_id', '=', actor.regionId)
  if (actor.gemeenteId !== null) q = q.where('m.gemeente_id', '=', actor.gemeenteId)
  if (actor.providerId !== null) q = q.where('m.provider_id', '=', actor.providerId)
  if (filter.direction) q = q.where('m.direction', '=', filter.direction)
  if (filter.state) q = q.where('m.state', '=', filter.state)
  if (filter.code) q = q.where('m.code', '=', filter.code)
  if (filter.provider !== undefined) q = q.where('m.provider_id', '=', filter.provider)
  if (filter.identificatie) q = q.where('m.identificatie', 'ilike', `${filter.identificatie.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)
  if (filter.from) q = q.where('m.dagtekening', '>=', filter.from)
  if (filter.to) q = q.where('m.dagtekening', '<=', filter.to)
  const dir = filter.dir ?? 'desc'
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(['m.id', 'm.direction', 'm.wet', 'm.code', 'm.identificatie', 'm.dagtekening', 'm.state', 'm.retour_codes', 'm.summary', 'm.problems', 'm.answers_message_id', 'm.created_at', 'm.downloaded_at', 'm.content_kept', 'g.name as gemeente_name', 'p.name as provider_name'])
      .orderBy(sortColumn[filter.sort ?? 'id'], dir)
      // The id last: a stable order, so paging neither repeats nor skips a message.
      .orderBy('m.id', dir)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ])
  const personalData = can(actor, 'personal_data.read')
  return {
    total: Number(count.n),
    items: rows.map((r) => {
      const kind = { law: lawOf(r.wet), code: r.code as MessageCode }
      return {
        id: r.id,
        direction: r.direction,
        name: messageName(kind),
        title: messageTitles[kind.code],
        identificatie: r.identificatie,
        dagtekening: r.dagtekening,
        state: r.state,
        retourCodes: r.retour_codes,
        summary: r.summary,
        problems: r.problems,
        gemeenteName: r.gemeente_name,
        providerName: r.provider_name,
        answersMessageId: r.answers_message_id,
        createdAt: new Date(r.created_at).toISOString(),
        downloadedAt: r.downloaded_at ? new Date(r.downloaded_at).toISOString() : null,
        xmlAvailable: r.content_kept && (personalData || !carriesPersonalData[kind.code]),
      }
    }),
  }
}

export interface MessageFile {
  fileName: string
  content: Uint8Array
}

const fileNameOf = (m: { wet: 'jeugdwet' | 'wmo'; code: string; sender_code: string; identificatie: string }) =>
  `${messageName({ law: lawOf(m.wet), code: m.code as MessageCode })}_${m.sender_code}_${m.identificatie}.xml`

const markDownloaded = (trx: ScopedDb, id: number) => trx.updateTable('message').set({ state: 'opgehaald', downloaded_at: new Date() }).where('id', '=', id).execute()

/**
 * One message's XML, in the actor's scope: a gemeente's users and lokaal team their own
 * gemeente's messages, a provider what it sent and what was sent to it, the toezichthouder the
 * region's. A message that names a client (all but the 319/320) only for a role that may read
 * personal data; every read is audited in the same transaction. Changes nothing else.
 */
export async function fetchMessage(trx: ScopedDb, actor: Actor, id: number): Promise<MessageFile> {
  let q = trx
    .selectFrom('message')
    .select(['id', 'wet', 'code', 'sender_code', 'identificatie', 'content', 'content_kept', 'content_size', 'gemeente_id'])
    .where('id', '=', id)
    .where('region_id', '=', actor.regionId)
  if (actor.gemeenteId !== null) q = q.where('gemeente_id', '=', actor.gemeenteId)
  if (actor.providerId !== null) q = q.where('provider_id', '=', actor.providerId)
  const m = await q.executeTakeFirst()
  if (!m) throw new AppError('message.not_found', 'message not found')
  if (carriesPersonalData[m.code as MessageCode] && !can(actor, 'personal_data.read')) {
    throw new AppError('message.personal_data', `a ${m.code} names a client: its XML is for roles that may read personal data, not for ${actor.role}`)
  }
  // A large 323 is archived as its lines and digest (docs/declaraties.md), not as its bytes.
  if (!m.content_kept) throw new AppError('message.archived', `this message (${Math.round((m.content_size ?? 0) / 1e6)} MB) was archived as its declaration lines, not as its bytes: see the declaration and its export`)
  await auditReads(trx, actor, [{ action: 'message.xml', subjectType: 'message', subjectId: m.id, gemeenteId: m.gemeente_id, subjectLabel: `${m.code} ${m.identificatie}` }])
  return { fileName: fileNameOf(m), content: m.content }
}

export interface FetchedMessage {
  id: number
  state: MessageState
  downloadedAt: string | null
}

/** The provider says it fetched a message the gemeente sent it: klaar becomes opgehaald (a second time changes nothing). */
export async function markFetched(trx: ScopedDb, actor: Actor, id: number): Promise<FetchedMessage> {
  if (actor.providerId === null) throw new AppError('role.not_permitted', 'only the provider a message was sent to fetches it')
  const m = await trx
    .selectFrom('message')
    .select(['id', 'direction', 'state', 'downloaded_at'])
    .where('id', '=', id)
    .where('region_id', '=', actor.regionId)
    .where('provider_id', '=', actor.providerId)
    .executeTakeFirst()
  if (!m) throw new AppError('message.not_found', 'message not found')
  if (m.direction !== 'out') throw new AppError('message.not_outgoing', 'only a message the gemeente sent can be fetched')
  if (m.state !== 'klaar') return { id: m.id, state: m.state, downloadedAt: m.downloaded_at ? new Date(m.downloaded_at).toISOString() : null }
  const at = new Date()
  await trx.updateTable('message').set({ state: 'opgehaald', downloaded_at: at }).where('id', '=', m.id).execute()
  return { id: m.id, state: 'opgehaald', downloadedAt: at.toISOString() }
}

/**
 * Writes every outgoing message still waiting (state klaar) to `dir/<AGB>/`, marks it
 * opgehaald, and returns the files written. Runs per gemeente as its message processing.
 */
export async function exportOutbox(db: Database, regionId: number, dir: string, filter: { agbCode?: string } = {}): Promise<string[]> {
  const gemeenten = await withActor(db, regionActor(regionId), (trx) => trx.selectFrom('gemeente').select(['id', 'cbs_code']).execute())
  const written: string[] = []
  for (const g of gemeenten) {
    await withActor(db, gatewayActor(regionId, g), async (trx) => {
      let q = trx
        .selectFrom('message as m')
        .innerJoin('provider as p', 'p.id', 'm.provider_id')
        .select(['m.id', 'm.wet', 'm.code', 'm.sender_code', 'm.identificatie', 'm.content', 'p.agb_code'])
        .where('m.direction', '=', 'out')
        .where('m.state', '=', 'klaar')
        .orderBy('m.id')
      if (filter.agbCode) q = q.where('p.agb_code', '=', filter.agbCode)
      for (const m of await q.execute()) {
        const folder = join(dir, m.agb_code)
        mkdirSync(folder, { recursive: true })
        const path = join(folder, fileNameOf(m))
        writeFileSync(path, m.content)
        written.push(path)
        await markDownloaded(trx, m.id)
      }
    })
  }
  return written
}
