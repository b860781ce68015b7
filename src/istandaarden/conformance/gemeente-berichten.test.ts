/**
 * Rules on the 325 that hold because Koers builds it from the 323 it answers (TR337, TR366,
 * TR367, TR371, TR376, OP355): shown on the official example JW323, so that docs/conformance.md
 * can point at a test that fails when the builder stops copying what the rules ask.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type MessageObject, parseMessage } from '../messages/read-message.ts'
import { buildDeclaratieAntwoord } from '../messages/retour.ts'
import { writeMessage } from '../messages/write-message.ts'
import { exampleFiles } from '../testing/seeds.ts'

const list = (v: unknown): MessageObject[] => (Array.isArray(v) ? v : [v]) as MessageObject[]

describe('the 325 Koers writes on a 323', () => {
  const file = exampleFiles('ijw').find((f) => f.name === 'JW323')!
  const heen = parseMessage(readFileSync(file.path)).body!
  const header = heen.Header as MessageObject
  const declaratie = heen.Declaratie as MessageObject
  const clients = list((declaratie.Clienten as MessageObject).Client)
  const rejected = clients.flatMap((c) => list((c.Prestaties as MessageObject).Prestatie).slice(0, 1).map((prestatie) => ({ bsn: c.Bsn as string, prestatie, codes: ['9338'] })))
  const { kind, body } = buildDeclaratieAntwoord({ law: 'ijw', header, declaratie, identificatie: 'KOERS000009', dagtekening: '2026-05-08', answer: { toegekend: 0, afgewezen: rejected, volledig: false } })
  const answer = parseMessage(writeMessage(kind, body)).body!
  const antwoordHeader = answer.Header as MessageObject
  const antwoord = answer.DeclaratieAntwoord as MessageObject

  it('names the 323 it answers by its BerichtIdentificatie and XsdVersie (TR337, TR371, OP355)', () => {
    expect(antwoordHeader.DeclaratieIdentificatie).toEqual(header.BerichtIdentificatie)
    expect(antwoordHeader.XsdVersieDeclaratie).toEqual(header.XsdVersie)
  })

  it('repeats the DeclaratieNummer of the 323 (TR376)', () => {
    expect(antwoord.DeclaratieNummer).toBe(declaratie.DeclaratieNummer)
  })

  it('repeats each rejected prestatie with the ProductReferentie and values of the 323 (TR366, TR367)', () => {
    const repeated = list(antwoord.Clienten && (antwoord.Clienten as MessageObject).Client).flatMap((c) => list((c.Prestaties as MessageObject).Prestatie))
    expect(repeated).toHaveLength(rejected.length)
    for (const [i, p] of repeated.entries()) {
      const { RetourCodes, ...values } = p
      expect(RetourCodes).toEqual({ RetourCode: ['9338'] })
      expect(values).toEqual(rejected[i]!.prestatie)
    }
  })
})
