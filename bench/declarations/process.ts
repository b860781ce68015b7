/**
 * Bench processing (a child process of run.ts, so that its peak RSS is its own): receives
 * the 323 file as the inbox does — read, validate, check, persist, write the 325 — and
 * prints the timings as JSON.
 *
 *   tsx bench/declarations/process.ts FILE (--data-dir DIR | --url URL)
 *
 * run.ts runs it compiled as the `koers` command is (scripts/server-build-options.mjs), by plain node.
 */
import { parseArgs } from 'node:util'
import { openDatabase } from '../../src/db/database.ts'
import { receiveDeclaration } from '../../src/declaraties/declaratie.receive.ts'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'data-dir': { type: 'string' }, url: { type: 'string' } } })
const { db, close } = await openDatabase(values.url ? { url: values.url } : { dataDir: values['data-dir']! })
const region = await db.selectFrom('region').select('id').where('code', '=', 'zuidoost-utrecht').executeTakeFirstOrThrow()
const started = performance.now()
const result = await receiveDeclaration(db, region.id, positionals[0]!, { at: { date: '2026-05-07', time: '09:00:00' } })
const seconds = (performance.now() - started) / 1000
console.log(JSON.stringify({ seconds, outcome: result.outcome, declaratie: result.declaratie, codes: result.retourCodes }))
await close()
