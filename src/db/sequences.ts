/** Numbers handed out per region and scope (ToewijzingNummer per gemeente and law, message Identificatie per sender and type). */
import { sql } from 'kysely'
import type { ScopedDb } from './scope.ts'

/** The next number in `scope`, starting at `first`; the row lock serialises concurrent callers. */
export async function nextNumber(trx: ScopedDb, regionId: number, scope: string, first = 1): Promise<number> {
  const { rows } = await sql<{ last: number }>`
    insert into number_sequence (region_id, scope, last) values (${regionId}, ${scope}, ${first})
    on conflict (region_id, scope) do update set last = number_sequence.last + 1
    returning last`.execute(trx)
  return Number(rows[0]!.last)
}

/** Raises `scope` to at least `n`, so `nextNumber` does not hand out a number used elsewhere (observer mode: the back office's numbers). */
export async function raiseNumber(trx: ScopedDb, regionId: number, scope: string, n: number): Promise<void> {
  await sql`insert into number_sequence (region_id, scope, last) values (${regionId}, ${scope}, ${n})
    on conflict (region_id, scope) do update set last = greatest(number_sequence.last, excluded.last)`.execute(trx)
}
