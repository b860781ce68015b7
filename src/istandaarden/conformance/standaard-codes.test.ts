import { describe, expect, it } from 'vitest'
import { istandaardenDir } from '../testing/shared-dir.ts'
import { readRegelrapport } from './regelrapport.ts'
import { type CodeBericht, regelTitels, regieCodes, standaardCodes } from './standaard-codes.ts'

const rules = readRegelrapport(istandaardenDir())
const berichten: CodeBericht[] = ['323', '305', '307', '315', '317']

describe('the retourcodes the regelrapport gives per message', () => {
  it.each(['ijw', 'iwmo'] as const)('%s: every code of every rule for the message, and only those', (law) => {
    for (const bericht of berichten) {
      const expected: Record<string, string[]> = {}
      for (const r of rules[law]) if (r.retourcode !== null && r.berichttypen.some((b) => b.endsWith(bericht))) (expected[r.retourcode] ??= []).push(r.code)
      expect(standaardCodes[law][bericht], `${law} ${bericht}`).toEqual(expected)
    }
  })

  it('words every rule it names as the regelrapport does', () => {
    const named = new Set(Object.values(standaardCodes).flatMap((perBericht) => Object.values(perBericht).flatMap((perCode) => Object.values(perCode).flat())))
    for (const code of named) expect(regelTitels[code], code).toBeDefined()
    for (const [code, title] of Object.entries(regelTitels)) expect(title, code).toBe((rules.ijw.find((r) => r.code === code) ?? rules.iwmo.find((r) => r.code === code))?.title)
  })

  it('counts the codes of the start and stop rules that no rule for the 323 gives as OP364 codes', () => {
    expect([...regieCodes].sort()).toEqual(['9019', '9063', '9069', '9071', '9074', '9326', '9413', '9414', '9415'])
  })
})
