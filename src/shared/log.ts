/**
 * A small structured logger (JSON lines on stderr). Callers pass fields, never whole
 * requests or rows: a BSN must never reach a log (DOMAIN.md).
 */
type Level = 'debug' | 'info' | 'warn' | 'error'
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }
let threshold: Level = 'info'
let sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`)

const BSN_LIKE = /\b\d{9}\b/g

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (order[level] < order[threshold]) return
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })
  // Last line of defence: nine digits in a row are masked whatever their source.
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
  /** For tests: capture lines instead of writing them. */
  setSink(next: (line: string) => void) {
    sink = next
  },
}
