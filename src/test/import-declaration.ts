/**
 * For the kill tests (src/declaraties/kill.test.ts): receives one 323 file in a process of its
 * own, in chunks of one client, so that each fault point (KOERS_FAULT_POINT) is reached.
 *
 *   node --import tsx src/test/import-declaration.ts (DATA_DIR | postgres://URL) REGION_ID FILE DATE
 */
import { openDatabase } from '../db/database.ts'
import { receiveDeclaration } from '../declaraties/declaratie.receive.ts'

const [target, regionId, file, date] = process.argv.slice(2) as [string, string, string, string]
const database = await openDatabase(target.startsWith('postgres') ? { url: target } : { dataDir: target })
try {
  const r = await receiveDeclaration(database.db, Number(regionId), file, { chunkRows: 1, at: { date, time: '10:00:00' } })
  process.stdout.write(JSON.stringify({ outcome: r.outcome, regels: r.declaratie?.regels ?? null }))
} finally {
  await database.close()
}
