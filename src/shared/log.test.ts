import { describe, expect, it } from 'vitest'
import { log } from './log.ts'

/** The message as the log writes it (the test setup's sink is put back after). */
function written(message: string): string {
  let line = ''
  const previous = log.setSink((l) => (line = l))
  try {
    log.info(message)
  } finally {
    log.setSink(previous)
  }
  return JSON.parse(line).message as string
}

describe('the log', () => {
  it('masks a BSN however it is written', () => {
    for (const bsn of ['123456782', '1234.56.782', '123.456.782', '123 456 782', '123-456-782', '1234 56 782', '1234-56-782', 'bsn123456782', 'bsn_123456782', '123\u00a0456\u00a0782']) {
      expect(written(`client ${bsn} niet gevonden`), bsn).not.toMatch(/\d{2,}/)
    }
  })

  it('leaves numbers that are no BSN alone', () => {
    for (const text of [
      'took 1234 ms',
      '2025-06-15T12:34:56.789Z',
      'bedrag 1.234.567,89',
      'AGB 41000001',
      'KvK 12345678',
      'order 1234567890123',
      'declaratie 1234 regel 56 bedrag 782',
      'ref 12.345.678.901',
    ]) {
      expect(written(text), text).toBe(text)
    }
  })
})
