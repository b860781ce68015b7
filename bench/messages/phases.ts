/**
 * Where `koers messages validate` spends its time, in one process: the XML reader alone (a
 * handler that does nothing), the validator at level 1, and levels 1 and 2 with records
 * discarded (what the command does) or handed out. The file is read into memory first and fed
 * in 1 MiB chunks; each phase runs `--runs` times, alternating, and the processor time
 * (user+sys) of each pass is printed with the minimum and median.
 *
 *   node --import tsx bench/messages/phases.ts FILE [--runs 6] [--phases tokenize,level1,validate,records]
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { MessageReader, type ReadOptions } from '../../src/istandaarden/messages/read-message.ts'
import { type XmlHandler, XmlReader } from '../../src/istandaarden/xml/xml-reader.ts'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '6' }, phases: { type: 'string', default: 'tokenize,level1,validate,records' } } })
const file = positionals[0]
if (!file) {
  console.error('usage: phases.ts FILE [--runs N] [--phases tokenize,level1,validate,records]')
  process.exit(2)
}
const data = readFileSync(file)
const nothing: XmlHandler = { wantsWhitespace: false, startElement() {}, text() {}, endElement() {} }
const readers: Record<string, () => { write(chunk: Uint8Array): unknown; end(): unknown }> = {
  tokenize: () => new XmlReader(nothing),
  level1: () => new MessageReader({ levelOneOnly: true, discardRecords: true } satisfies ReadOptions),
  validate: () => new MessageReader({ discardRecords: true }),
  records: () => new MessageReader({}),
}
const phases = values.phases.split(',')
const times: Record<string, number[]> = {}
for (let run = 0; run < Number(values.runs); run++) {
  for (const phase of phases) {
    const reader = readers[phase]!()
    const before = process.cpuUsage()
    for (let i = 0; i < data.length; i += 1 << 20) reader.write(data.subarray(i, i + (1 << 20)))
    reader.end()
    const used = process.cpuUsage(before)
    ;(times[phase] ??= []).push((used.user + used.system) / 1000)
  }
}
for (const phase of phases) {
  const sorted = [...times[phase]!].sort((a, b) => a - b)
  console.log(`${phase.padEnd(9)} min ${sorted[0]!.toFixed(0)} ms, median ${sorted[sorted.length >> 1]!.toFixed(0)} ms (${times[phase]!.map((t) => t.toFixed(0)).join(' ')})`)
}
