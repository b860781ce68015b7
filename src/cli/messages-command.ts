/**
 * `koers messages validate PATH...` and `koers messages show FILE`: the iJw/iWmo 3.2 reader
 * and validator on files from the command line. Exit codes: 0 all valid, 1 any invalid,
 * 2 usage (including a path that does not exist). Personal data never reaches the output:
 * clients are counted, not listed, and values of personal elements are not repeated.
 */
import { readdirSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { join } from 'node:path'
import { messageName, messageTitles, senderRole } from '../istandaarden/message-catalog.ts'
import { type MessageItem, type MessageObject, type ReadSummary, readMessage } from '../istandaarden/messages/read-message.ts'
import { formatViolation } from '../istandaarden/messages/violations.ts'
import { formatEuroCents } from '../shared/format-nl.ts'
import { UsageError } from './usage-error.ts'

export const MESSAGES_HELP = `Usage: koers messages <validate|show|import|export> ...

  koers messages validate PATH...   validate files, or every .xml file under directories
  koers messages show FILE          summarise one message: sender, receiver, counts, totals
  koers messages import PATH... [--region CODE]
                                    receive providers' messages (302, 305, 307, 315, 317,
                                    320, and declarations 323 of any size, read as a
                                    stream) into the database, each in one transaction,
                                    and queue the retour or 325; the same message twice
                                    changes nothing
  koers messages export DIR [--region CODE] [--provider AGB]
                                    write every waiting outgoing message (301, 306, 308, 316,
                                    318, 319) to DIR/<AGB>/ and mark it downloaded
  --region CODE is needed when the database holds more than one region.

validate prints, per message, "ok" or each violation as
  line:column RULE (retourcode NNNN) path: what is wrong
with level 1 (XML and XSD) and level 2 (the CD/CS rules of the regelrapport).
Exit codes: 0 every message is valid (import: every message processed without
rejection; export: done), 1 any is invalid or rejected, 2 usage error.
Large files show a progress bar when the output is a terminal.
`

type Out = (s: string) => void

export async function messagesCommand(args: string[], out: Out, err: Out): Promise<number> {
  const [sub, ...rest] = args
  if (sub === undefined || sub === '--help' || sub === '-h') {
    out(MESSAGES_HELP)
    return sub === undefined ? 2 : 0
  }
  if (rest.includes('--help') || rest.includes('-h')) return (out(MESSAGES_HELP), 0)
  if (sub === 'import' || sub === 'export') return exchangeCommand(sub, rest, out)
  const unknown = rest.find((a) => a.startsWith('-'))
  if (unknown) throw new UsageError(`unknown option '${unknown}'`)
  if (sub === 'validate') {
    if (rest.length === 0) throw new UsageError("'messages validate' needs at least one file or directory")
    const { files, skipped } = expandPaths(rest)
    for (const s of skipped) out(`${s.path}: skipped — ${s.why}\n`)
    return validateFiles(files, out, err)
  }
  if (sub === 'show') {
    if (rest.length !== 1) throw new UsageError("'messages show' takes exactly one file")
    const [file] = expandPaths(rest).files
    if (!file || rest[0] !== file) throw new UsageError(`'${rest[0]}' is not a file`)
    return showFile(file, out, err)
  }
  throw new UsageError(`unknown command 'messages ${sub}'`)
}

interface Expanded {
  files: string[]
  /** Entries of a directory that are not read, with why (a broken link, a link to a directory). */
  skipped: { path: string; why: string }[]
}

/** The files named, and the .xml files under the directories named (symbolic links followed to files). */
function expandPaths(paths: string[]): Expanded {
  const files: string[] = []
  const skipped: Expanded['skipped'] = []
  for (const path of paths) {
    let stat
    try {
      stat = statSync(path)
    } catch {
      throw new UsageError(`no such file or directory: ${path}`)
    }
    if (!stat.isDirectory()) {
      files.push(path)
      continue
    }
    const found: string[] = []
    for (const d of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (!d.name.toLowerCase().endsWith('.xml')) continue
      const full = join(d.parentPath, d.name)
      if (d.isFile()) found.push(full)
      else if (d.isSymbolicLink()) {
        // A link is followed to its file; one that leads nowhere, or to a directory, is named.
        let target
        try {
          target = statSync(full)
        } catch {
          skipped.push({ path: full, why: 'a symbolic link that leads nowhere' })
          continue
        }
        if (target.isFile()) found.push(full)
        else skipped.push({ path: full, why: 'a symbolic link to a directory, not followed' })
      }
    }
    files.push(...found.sort())
  }
  return { files, skipped }
}

/** A progress bar on stderr when it is a terminal and the file is large; otherwise nothing. */
function progress(file: string, size: number, err: Out): { update(bytes: number): void; done(): void } {
  const tty = process.stderr.isTTY === true && size >= 8 << 20
  let last = 0
  const started = performance.now()
  return {
    update(bytes) {
      if (!tty) return
      const now = performance.now()
      if (now - last < 100) return
      last = now
      const share = Math.min(1, bytes / size)
      const width = 30
      const filled = Math.round(share * width)
      const rate = bytes / 1e6 / ((now - started) / 1000)
      err(`\r${file} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${rate.toFixed(0)} MB/s`)
    },
    done() {
      if (tty) err('\r\x1b[2K')
    },
  }
}

/**
 * Reads a file the library's way (two cores for a large one), with a progress bar. Without
 * `onItems` nobody looks at the records, so the reader only checks and counts them.
 */
async function readWithProgress(file: string, err: Out, onItems?: (items: MessageItem[]) => void): Promise<ReadSummary> {
  const bar = progress(file, statSync(file).size, err)
  const it = readMessage(file, { onProgress: (bytes) => bar.update(bytes), discardRecords: onItems === undefined })
  try {
    for (;;) {
      const step = await it.next()
      if (step.done) return step.value
      onItems?.(step.value)
    }
  } finally {
    bar.done()
  }
}

async function validateFiles(files: string[], out: Out, err: Out): Promise<number> {
  if (files.length === 0) {
    out('no .xml files found\n')
    return 0
  }
  let invalid = 0
  for (const file of files) {
    const summary = await readWithProgress(file, err)
    const name = summary.message ? messageName(summary.message) : 'unknown message'
    if (summary.violations.length === 0) {
      const counts = Object.entries(summary.recordCounts).map(([element, n]) => `${n} × ${element}`)
      out(`${file}: ok (${[name, ...counts].join(', ')})\n`)
      continue
    }
    invalid++
    const levels = new Set(summary.violations.map((v) => v.level))
    out(`${file}: invalid (${name}; ${summary.violations.length} violation${summary.violations.length === 1 ? '' : 's'}, level ${[...levels].sort().join(' and ')})\n`)
    for (const v of summary.violations) out(`  ${formatViolation(v)}\n`)
  }
  if (files.length > 1) out(`${files.length - invalid} of ${files.length} messages valid\n`)
  return invalid > 0 ? 1 : 0
}

const get = (o: MessageObject | undefined, ...path: string[]): MessageObject[keyof MessageObject] | undefined => {
  let v: unknown = o
  for (const p of path) v = v && typeof v === 'object' && !Array.isArray(v) ? (v as MessageObject)[p] : undefined
  return v as MessageObject[keyof MessageObject] | undefined
}

async function showFile(file: string, out: Out, err: Out): Promise<number> {
  let debit = 0
  let credit = 0
  const summary = await readWithProgress(file, err, (items) => {
    for (const item of items) {
      if (item.kind !== 'record' || item.element !== 'Prestatie') continue
      const bedrag = get(item.value, 'IngediendBedrag', 'Bedrag')
      if (typeof bedrag === 'number') {
        if (get(item.value, 'IngediendBedrag', 'DebetCredit') === 'C') credit += bedrag
        else debit += bedrag
      }
    }
  })
  if (!summary.message || !summary.body) {
    out(`${file}: not a readable iJw/iWmo 3.2 message\n`)
    for (const v of summary.violations) out(`  ${formatViolation(v)}\n`)
    return 1
  }
  const kind = summary.message
  const header = summary.body.Header as MessageObject | undefined
  const role = senderRole[kind.code]
  const code = (k: string) => String(get(header, k) ?? '?')
  const lines: Array<[string, string]> = [
    ['message', `${messageName(kind)} — ${messageTitles[kind.code]} (${kind.law === 'ijw' ? 'iJw, Jeugdwet' : 'iWmo, Wmo'} 3.2)`],
    ['sender', `${role === 'gemeente' ? 'gemeente' : 'aanbieder AGB'} ${code('Afzender')}`],
    ['receiver', `${role === 'gemeente' ? 'aanbieder AGB' : 'gemeente'} ${code('Ontvanger')}`],
    ['identification', `${String(get(header, 'BerichtIdentificatie', 'Identificatie') ?? '?')} of ${String(get(header, 'BerichtIdentificatie', 'Dagtekening') ?? '?')}`],
    ['size', `${(summary.bytes / 1e6).toFixed(summary.bytes < 1e6 ? 3 : 1)} MB`],
  ]
  const declaratie = summary.body.Declaratie as MessageObject | undefined
  if (declaratie) {
    lines.push(['declaratie', `${String(declaratie.DeclaratieNummer)} over ${String(get(declaratie, 'DeclaratiePeriode', 'Begindatum'))} – ${String(get(declaratie, 'DeclaratiePeriode', 'Einddatum'))}`])
    const totaal = get(declaratie, 'TotaalIngediendBedrag', 'TotaalBedrag')
    const dc = get(declaratie, 'TotaalIngediendBedrag', 'DebetCredit')
    if (typeof totaal === 'number') lines.push(['total declared', `${formatEuroCents(dc === 'C' ? -totaal : totaal)} (header)`])
    lines.push(['sum of prestaties', `${formatEuroCents(debit - credit)} (debit ${formatEuroCents(debit)}, credit ${formatEuroCents(credit)})`])
  }
  // A declaration hands its clients out as records; other messages hold one client.
  const clients = summary.recordCounts.Client ?? (summary.body.Client ? 1 : 0)
  if (clients > 0) lines.push(['clients', String(clients)])
  for (const [element, n] of Object.entries(summary.recordCounts)) if (element !== 'Client') lines.push([element, String(n)])
  const retour = get(header, 'RetourCodes', 'RetourCode')
  if (Array.isArray(retour)) lines.push(['retourcodes (header)', retour.join(', ')])
  lines.push(['valid', summary.violations.length === 0 ? 'yes' : `no: ${summary.violations.length} violation${summary.violations.length === 1 ? '' : 's'} (run 'koers messages validate')`])
  const width = Math.max(...lines.map(([k]) => k.length))
  for (const [k, v] of lines) out(`${k.padEnd(width)}  ${v}\n`)
  return summary.violations.length === 0 ? 0 : 1
}

async function exchangeCommand(sub: 'import' | 'export', args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { region: { type: 'string' }, provider: { type: 'string' } }, strict: true, allowPositionals: true })
  if (sub === 'import' && values.provider !== undefined) throw new UsageError("'messages import' takes no --provider: the sender is in each message")
  if (sub === 'import' && positionals.length === 0) throw new UsageError("'messages import' needs at least one file or directory")
  if (sub === 'export' && positionals.length !== 1) throw new UsageError("'messages export' takes exactly one directory")
  if (values.provider !== undefined && !/^[0-9]{8}$/.test(values.provider)) throw new UsageError('--provider is an 8-digit AGB code')
  const { files, skipped } = sub === 'import' ? expandPaths(positionals) : { files: [], skipped: [] }
  const { withDatabase } = await import('./with-database.ts')
  return withDatabase(async ({ db }) => {
    const { migrateToLatest } = await import('../db/migrate.ts')
    await migrateToLatest(db)
    const regionId = await chooseRegion(db, values.region)
    if (sub === 'export') {
      const { exportOutbox } = await import('../exchange/mailbox.queries.ts')
      const written = await exportOutbox(db, regionId, positionals[0]!, { agbCode: values.provider })
      for (const path of written) out(`${path}\n`)
      out(`${written.length} message(s) exported\n`)
      return 0
    }
    const { receiveMessage } = await import('../inbox/receive.ts')
    const { AppError } = await import('../shared/errors.ts')
    let failed = 0
    for (const s of skipped) out(`${s.path}: skipped — ${s.why}\n`)
    const outcomes = new Map<string, number>()
    const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
    for (const file of files) {
      try {
        // Given the path, the inbox reads a declaration from the file as a stream.
        const r = await receiveMessage(db, regionId, file)
        const codes = r.retourCodes.length > 0 ? `retourcodes ${r.retourCodes.join(' ')}` : 'no retourcodes'
        out(`${file}: ${r.message ?? 'unreadable file'} ${r.identificatie ?? ''} ${r.outcome.replace('_', ' ')} (${codes}) — ${r.summary}\n`)
        for (const p of r.problems.slice(0, SHOWN_PROBLEMS)) out(`  ${p.rule} (${p.retourcode})${p.path ? ` ${p.path}` : ''}: ${p.message}\n`)
        if (r.problems.length > SHOWN_PROBLEMS) out(`  … and more: the 325 and the declaration's lines hold every code\n`)
        if (r.outcome === 'afgekeurd' || r.outcome === 'onleesbaar') failed++
        count(r.outcome.replace('_', ' '))
      } catch (error) {
        // One message's failure is that message's answer: the next file is read all the same.
        // Each message had its own transaction, so a failed one changed nothing.
        if (error instanceof AppError) {
          out(`${file}: refused — ${error.message} [${error.reason}]\n`)
          count('refused')
        } else {
          out(`${file}: not processed, nothing stored — ${(error as Error)?.message ?? String(error)}\n`)
          count('not processed')
        }
        failed++
      }
    }
    if (files.length + skipped.length > 1) {
      const parts = [...outcomes].map(([outcome, n]) => `${n} ${outcome}`)
      if (skipped.length > 0) parts.push(`${skipped.length} skipped`)
      out(`${files.length} message file(s): ${parts.join(', ')}\n`)
    }
    return failed > 0 ? 1 : 0
  })
}

const SHOWN_PROBLEMS = 20

/** The region a command works on: the one named, or the only one. */
export async function chooseRegion(db: import('../db/database.ts').Database, code: string | undefined): Promise<number> {
  const { listRegions } = await import('../regions/region.queries.ts')
  const regions = await listRegions(db)
  const region = code === undefined ? (regions.length === 1 ? regions[0] : undefined) : regions.find((r) => r.code === code)
  if (region) return region.id
  if (code !== undefined) throw new UsageError(`no region '${code}' (there are: ${regions.map((r) => r.code).join(', ') || 'none'})`)
  throw new UsageError(regions.length === 0 ? 'the database holds no region yet: run koers demo or koers start first' : `choose a region with --region (${regions.map((r) => r.code).join(', ')})`)
}
