/**
 * A small structured logger (JSON lines on stderr). Callers pass fields, never whole
 * requests or rows: a BSN must never reach a log (DOMAIN.md).
 */
type Level = 'debug' | 'info' | 'warn' | 'error'
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }
let threshold: Level = 'info'
let sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`)

/**
 * A BSN as people write it: nine digits in a row, or grouped 3-3-3 or 4-2-3 by dots, spaces or
 * dashes (`123456782`, `123.456.782`, `1234.56.782`, `123 456 782`, `123-456-782`), also
 * against letters (`bsn123456782`). Not when the digits run on into more digits or groups
 * (`1234567890123`, `12.345.678.901`): those are no BSN, and masking them would hide
 * amounts and identifiers a log needs.
 */
const SEP = '[ .\\-\\u00a0]'
const BSN_LIKE = new RegExp(`(?<!\\d${SEP}?)(?:\\d{9}|\\d{3}${SEP}\\d{3}${SEP}\\d{3}|\\d{4}${SEP}\\d{2}${SEP}\\d{3})(?!${SEP}?\\d)`, 'g')

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (order[level] < order[threshold]) return
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })
  // Last line of defence: whatever looks like a BSN is masked whatever its source.
  sink(line.replace(BSN_LIKE, '*********'))
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => write('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
  setLevel(level: Level) {
    threshold = level
  },
  /** For tests: capture lines instead of writing them; answers the sink it replaces. */
  setSink(next: (line: string) => void): (line: string) => void {
    const previous = sink
    sink = next
    return previous
  },
}
