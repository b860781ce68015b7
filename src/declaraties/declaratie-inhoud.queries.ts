/**
 * The level-2 rules of a 323 that compare prestaties with each other within the one message
 * ("bericht inhoud (xslt)", retourcode 0001: the 325 is its Header alone, IV087/IV088). A 323
 * is streamed, so they are checked when it has been read, in SQL over the lines this
 * transaction wrote for it — exact, in the database's memory rather than ours, and before
 * anything is committed.
 */
import { sql } from 'kysely'
import type { ScopedDb } from '../db/scope.ts'
import type { MessageProblem } from '../exchange/handler.ts'

/** The first breach of each rule among the lines with ids in [from, to); empty when none. */
export async function withinMessageFaults(trx: ScopedDb, range: { from: number; to: number }): Promise<MessageProblem[]> {
  const lines = sql`declaratie_regel where id >= ${range.from} and id < ${range.to}`
  const checks: { rule: string; query: ReturnType<typeof sql<{ ref: string }>>; message: (ref: string) => string }[] = [
    {
      // TR101: the logical key of a Prestatie (its ReferentieNummer) is unique within the message.
      rule: 'TR101',
      query: sql<{ ref: string }>`select referentie_nummer as ref from ${lines} group by referentie_nummer having count(*) > 1 limit 1`,
      message: (ref) => `ReferentieNummer ${ref} staat meer dan eens in het bericht`,
    },
    {
      // TR315: a VorigReferentieNummer is unique within the message (a debit is credited once).
      rule: 'TR315',
      query: sql<{ ref: string }>`select vorig_referentie_nummer as ref from ${lines} and vorig_referentie_nummer is not null group by vorig_referentie_nummer having count(*) > 1 limit 1`,
      message: (ref) => `VorigReferentieNummer ${ref} staat meer dan eens in het bericht`,
    },
    {
      // TR316: a debit may not be credited in the message that declares it.
      rule: 'TR316',
      query: sql<{ ref: string }>`select vorig_referentie_nummer as ref from ${lines} and vorig_referentie_nummer is not null and bedrag_cents < 0 and exists (
          select 1 from declaratie_regel d where d.id >= ${range.from} and d.id < ${range.to} and d.referentie_nummer = declaratie_regel.vorig_referentie_nummer and d.bedrag_cents >= 0) limit 1`,
      message: (ref) => `de debetprestatie ${ref} wordt in hetzelfde bericht gecrediteerd`,
    },
    {
      // TR416: one debit per ToewijzingNummer, ProductPeriode, ProductCategorie and ProductCode in the message.
      rule: 'TR416',
      query: sql<{ ref: string }>`select min(referentie_nummer) as ref from ${lines} and bedrag_cents >= 0
          group by toewijzing_nummer, begindatum, einddatum, productcategorie, coalesce(productcode, '') having count(*) > 1 limit 1`,
      message: (ref) => `twee debetprestaties voor dezelfde toewijzing, periode en product (onder meer ReferentieNummer ${ref})`,
    },
  ]
  // One statement, each rule a column: the first breach of each (or null).
  const { rows } = await sql<Record<string, string | null>>`select ${sql.join(checks.map((c) => sql`(${c.query}) as ${sql.id(c.rule)}`))}`.execute(trx)
  return checks.flatMap((check) => {
    const ref = rows[0]![check.rule]
    return ref === null || ref === undefined ? [] : [{ rule: check.rule, retourcode: '0001', message: check.message(ref) }]
  })
}
