/**
 * One measured run: read and validate a message file the way `koers messages validate` does,
 * then print a JSON line with the time inside the process, the counts and the peak RSS.
 *
 *   node --import tsx bench/messages/read-file.ts FILE [two-cores|one-core]
 */
import { readMessage } from '../../src/istandaarden/messages/read-message.ts'

const file = process.argv[2]
if (!file) {
  console.error('usage: read-file.ts FILE')
  process.exit(2)
}
const started = performance.now()
let records = 0
// Two cores whatever the size, or one: the table shows both.
const it = readMessage(file, process.argv[3] === 'one-core' ? { parallel: false } : { parallelMinBytes: 0 })
let step = await it.next()
while (!step.done) {
  for (const item of step.value) if (item.kind === 'record' && item.element === 'Prestatie') records++
  step = await it.next()
}
const ms = performance.now() - started
const summary = step.value
console.log(JSON.stringify({ ms, bytes: summary.bytes, records, violations: summary.violations.length, maxRssKb: process.resourceUsage().maxRSS }))
