import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type HeenCode, type MessageKind, isHeen, laws, messageName } from '../message-catalog.ts'
import { type MessageObject, parseMessage } from './read-message.ts'
import { NIET_BEOORDEELD, buildDeclaratieAntwoord, buildRetour, headerRetour } from './retour.ts'
import { MessageWriteError, serializeMessage, writeMessage } from './write-message.ts'
import { messageArbitrary } from '../testing/message-arbitrary.ts'
import { allKinds, exampleFiles } from '../testing/seeds.ts'
import { xsdVerdict } from '../testing/xsd-oracle.ts'

const kindOf = (name: string, law: MessageKind['law']): MessageKind => ({ law, code: name.replace(/\D/g, '') as MessageKind['code'] })

describe('writing the standard’s examples back', () => {
  for (const law of laws) {
    for (const file of exampleFiles(law)) {
      it(`${file.name}: read → write → the XSD accepts it → read gives the same content`, () => {
        const kind = kindOf(file.name, law)
        const read = parseMessage(readFileSync(file.path))
        // The JW317 example breaks CS003; write it without the level-2 check to test level 1.
        const xml = writeMessage(kind, read.body!, { checkRules: file.name !== 'JW317' })
        expect(xsdVerdict(law, kind.code, xml)).toEqual({ valid: true, messages: [] })
        expect(parseMessage(xml).body).toEqual(read.body)
      })
    }
  }
})

describe('writing generated messages of every type (property-based)', () => {
  for (const kind of allKinds) {
    /**
     * Mutation that fails it (tried): `escapeText` without `&` → `&amp;` (28 of the message types
     * fail: those with free text).
     */
    it(`${messageName(kind)}: write → XSD-valid → read → equal; writer and reader agree on the CD/CS rules`, () => {
      fc.assert(
        fc.property(messageArbitrary(kind), (body) => {
          const xml = writeMessage(kind, body, { checkRules: false })
          const oracle = xsdVerdict(kind.law, kind.code, xml)
          expect(oracle.messages).toEqual([])
          const levelOne = parseMessage(xml, { levelOneOnly: true })
          expect(levelOne.violations).toEqual([])
          expect(levelOne.body).toEqual(body)
          const readerRules = parseMessage(xml).violations.map((v) => v.rule)
          let writerRule: string | undefined
          try {
            writeMessage(kind, body)
          } catch (error) {
            if (!(error instanceof MessageWriteError)) throw error
            writerRule = error.rule
          }
          expect(writerRule === undefined, `writer ${writerRule}, reader ${readerRules.join(',')}`).toBe(readerRules.length === 0)
          if (writerRule) expect(readerRules).toContain(writerRule)
        }),
        { numRuns: 20, seed: 2027 },
      )
    })
  }
})

describe('the writer refuses what would not validate', () => {
  const jw301 = () => structuredClone(parseMessage(readFileSync(exampleFiles('ijw').find((f) => f.name === 'JW301')!.path)).body!)
  const kind: MessageKind = { law: 'ijw', code: '301' }

  it.each([
    ['a missing required element', (b: MessageObject) => delete (b.Client as MessageObject).Bsn, /Bericht\/Client\/Bsn: <Bsn> is required \(XSD-MISSING\)/],
    ['an unknown element', (b: MessageObject) => ((b.Client as MessageObject).Bijnaam = 'x'), /<Bijnaam> is not an element of <Client> \(XSD-UNEXPECTED\)/],
    ['a code outside its list', (b: MessageObject) => ((b.Client as MessageObject).Geslacht = '7'), /Geslacht: '7' is not one of the allowed codes.*XSD-ENUMERATION/],
    ['an amount out of range', (b: MessageObject) => (((b.Client as MessageObject).ToegewezenProducten as MessageObject).ToegewezenProduct as MessageObject[])[0]!.Omvang = { Volume: 100000000, Eenheid: '04', Frequentie: '2' }, /Volume: 100000000 is outside 0..99999999 \(XSD-RANGE\)/],
    ['an impossible date, without repeating a personal value', (b: MessageObject) => (((b.Client as MessageObject).Geboortedatum as MessageObject).Datum = '2026-02-30'), /Datum: the value does not meet its type \(type\); it is not shown because it is personal data \(XSD-TYPE\)/],
    ['an impossible date', (b: MessageObject) => ((((b.Client as MessageObject).ToegewezenProducten as MessageObject).ToegewezenProduct as MessageObject[])[0]!.Ingangsdatum = '2026-02-30'), /'2026-02-30' is not a date.*XSD-TYPE/],
  ])('%s', (_what, change, message) => {
    const body = jw301()
    change(body)
    expect(() => writeMessage(kind, body)).toThrow(message)
  })

  it('escapes &, < and > in values', () => {
    const body = jw301()
    ;(body.Client as MessageObject).Commentaar = 'a < b & c > d'
    const xml = writeMessage(kind, body)
    expect(xml).toContain('<jw301:Commentaar>a &lt; b &amp; c &gt; d</jw301:Commentaar>')
    expect((parseMessage(xml).body!.Client as MessageObject).Commentaar).toBe('a < b & c > d')
  })

  it('streams a long 325 from a generator without building it whole', () => {
    function* prestaties() {
      for (let i = 0; i < 5000; i++) {
        yield {
          bsn: '999900006',
          prestatie: { ProductReferentie: { ReferentieNummer: `R${i}` }, ToewijzingNummer: 1, ProductCategorie: '45', ProductCode: '45A03', ProductPeriode: { Begindatum: '2026-04-01', Einddatum: '2026-04-30' }, GeleverdVolume: 1, Eenheid: '04', ProductTarief: 100, IngediendBedrag: { Bedrag: 100, DebetCredit: 'D' } },
          codes: ['9308'],
        }
      }
    }
    const header = parseMessage(readFileSync(exampleFiles('ijw').find((f) => f.name === 'JW323')!.path)).body!
    const { kind: k, body } = buildDeclaratieAntwoord({ law: 'ijw', header: header.Header as MessageObject, declaratie: header.Declaratie as MessageObject, identificatie: 'A1', dagtekening: '2026-05-08', answer: { toegekend: 0, afgewezen: prestaties(), volledig: false } })
    let pieces = 0
    let xml = ''
    for (const piece of serializeMessage(k, body, { chunkChars: 1 << 14 })) {
      pieces++
      xml += piece
    }
    expect(pieces).toBeGreaterThan(10)
    expect(xsdVerdict('ijw', '325', xml).valid).toBe(true)
  })
})

describe('retour messages', () => {
  const heenExamples = laws.flatMap((law) => exampleFiles(law).map((f) => ({ law, ...f, kind: kindOf(f.name, law) }))).filter((e) => isHeen(e.kind.code) && e.kind.code !== '323')

  it.each(heenExamples)('$name approved whole is answered with its Header alone, without retourcodes (IV028)', ({ law, path, kind }) => {
    const heen = parseMessage(readFileSync(path)).body!
    const { kind: retourKind, body } = buildRetour({ law, code: kind.code as Exclude<HeenCode, '323'>, heen, identificatie: 'KOERS000001', dagtekening: '2026-11-22', classCodes: new Map() })
    const xml = writeMessage(retourKind, body)
    expect(xsdVerdict(law, retourKind.code, xml)).toEqual({ valid: true, messages: [] })
    const read = parseMessage(xml).body!
    expect(Object.keys(read)).toEqual(['Header'])
    const header = read.Header as MessageObject
    const heenHeader = heen.Header as MessageObject
    expect(header).toMatchObject({ Afzender: heenHeader.Afzender, Ontvanger: heenHeader.Ontvanger, BerichtIdentificatie: heenHeader.BerichtIdentificatie, IdentificatieRetour: 'KOERS000001', DagtekeningRetour: '2026-11-22' })
    expect(header.RetourCodes).toBeUndefined()
  })

  it('answers a fault in one class (IV028 example, TR063) with Header 0200, the client 0200 and the class its code', () => {
    const file = exampleFiles('ijw').find((f) => f.name === 'JW305')!
    const heen = parseMessage(readFileSync(file.path)).body!
    const client = heen.Client as MessageObject
    const product = asList((client.StartProducten as MessageObject).StartProduct)[0]!
    const { kind, body } = buildRetour({ law: 'ijw', code: '305', heen, identificatie: 'R1', dagtekening: '2026-11-22', classCodes: new Map([[product, ['9063']]]) })
    const xml = writeMessage(kind, body)
    expect(xsdVerdict('ijw', '306', xml).valid).toBe(true)
    const read = parseMessage(xml).body!
    expect((read.Header as MessageObject).RetourCodes).toEqual({ RetourCode: ['0200'] })
    const readClient = read.Client as MessageObject
    expect(readClient.RetourCodes).toEqual({ RetourCode: ['0200'] })
    expect(asList((readClient.StartProducten as MessageObject).StartProduct)[0]!.RetourCodes).toEqual({ RetourCode: ['9063'] })
  })

  it('marks the classes below a rejected client 0233: not assessed', () => {
    const file = exampleFiles('ijw').find((f) => f.name === 'JW305')!
    const heen = parseMessage(readFileSync(file.path)).body!
    const { kind, body } = buildRetour({ law: 'ijw', code: '305', heen, identificatie: 'R3', dagtekening: '2026-11-22', classCodes: new Map([[heen.Client as MessageObject, ['9019']]]) })
    const read = parseMessage(writeMessage(kind, body)).body!
    const client = read.Client as MessageObject
    expect(client.RetourCodes).toEqual({ RetourCode: ['9019'] })
    expect(asList((client.StartProducten as MessageObject).StartProduct)[0]!.RetourCodes).toEqual({ RetourCode: [NIET_BEOORDEELD] })
  })

  it('answers a level-2 fault with the Header alone and 0001, without the client (IV028)', () => {
    const file = exampleFiles('ijw').find((f) => f.name === 'JW305')!
    const heen = parseMessage(readFileSync(file.path)).body!
    const { kind, body } = headerRetour({ kind: { law: 'ijw', code: '305' }, header: heen.Header as MessageObject, identificatie: 'R2', dagtekening: '2026-11-22', codes: ['0001'] })
    const xml = writeMessage(kind, body)
    expect(xsdVerdict('ijw', '306', xml).valid).toBe(true)
    const read = parseMessage(xml).body!
    expect(Object.keys(read)).toEqual(['Header'])
    expect((read.Header as MessageObject).RetourCodes).toEqual({ RetourCode: ['0001'] })
  })

  it('writes every line ended with CR/LF and no byte-order mark (OP192)', () => {
    const file = exampleFiles('ijw').find((f) => f.name === 'JW305')!
    const heen = parseMessage(readFileSync(file.path)).body!
    const xml = writeMessage({ law: 'ijw', code: '305' }, heen)
    expect(xml.charCodeAt(0)).toBe('<'.charCodeAt(0))
    expect(xml.split('\r\n').length).toBeGreaterThan(10)
    expect(xml.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
  })

  const jw323 = () => {
    const read = parseMessage(readFileSync(exampleFiles('ijw').find((f) => f.name === 'JW323')!.path)).body!
    return { header: read.Header as MessageObject, declaratie: read.Declaratie as MessageObject }
  }

  it('answers a 323 granted whole with Header 0200 and DeclaratieAntwoord 8001, the whole amount granted (IV087)', () => {
    const { header, declaratie } = jw323()
    const ingediend = (declaratie.TotaalIngediendBedrag as MessageObject).TotaalBedrag as number
    const { kind, body } = buildDeclaratieAntwoord({ law: 'ijw', header, declaratie, identificatie: 'A3', dagtekening: '2026-05-08', answer: { toegekend: ingediend, afgewezen: [], volledig: true } })
    const xml = writeMessage(kind, body)
    expect(xsdVerdict('ijw', '325', xml).valid).toBe(true)
    const answer = parseMessage(xml).body!
    expect((answer.Header as MessageObject).RetourCodes).toEqual({ RetourCode: ['0200'] })
    expect(answer.DeclaratieAntwoord).toMatchObject({ RetourCodes: { RetourCode: ['8001'] }, TotaalToegekendBedrag: { TotaalBedrag: ingediend } })
    expect((answer.DeclaratieAntwoord as MessageObject).Clienten).toBeUndefined()
  })

  it('answers a DeclaratieNummer used before with Header 0200, DeclaratieAntwoord 9333 and nothing granted (IV087)', () => {
    const { header, declaratie } = jw323()
    const { kind, body } = buildDeclaratieAntwoord({ law: 'ijw', header, declaratie, identificatie: 'A4', dagtekening: '2026-05-08', answer: { declaratie: ['9333'] } })
    const answer = parseMessage(writeMessage(kind, body)).body!
    expect((answer.Header as MessageObject).RetourCodes).toEqual({ RetourCode: ['0200'] })
    expect(answer.DeclaratieAntwoord).toMatchObject({ RetourCodes: { RetourCode: ['9333'] }, TotaalToegekendBedrag: { TotaalBedrag: 0, DebetCredit: 'D' } })
  })

  it('answers a level-2 fault in a 323 with the 325 Header alone and 0001 (IV087)', () => {
    const { header } = jw323()
    const { kind, body } = headerRetour({ kind: { law: 'ijw', code: '323' }, header, identificatie: 'A5', dagtekening: '2026-05-08', codes: ['0001'] })
    const xml = writeMessage(kind, body)
    expect(xsdVerdict('ijw', '325', xml).valid).toBe(true)
    const answer = parseMessage(xml).body!
    expect(Object.keys(answer)).toEqual(['Header'])
    expect((answer.Header as MessageObject).RetourCodes).toEqual({ RetourCode: ['0001'] })
  })

  it('answers a 323 with a 325 that carries only the rejected prestaties', () => {
    const file = exampleFiles('ijw').find((f) => f.name === 'JW323')!
    const read = parseMessage(readFileSync(file.path)).body!
    const declaratie = read.Declaratie as MessageObject
    const client = ((declaratie.Clienten as MessageObject).Client as MessageObject[])[1]!
    const rejected = ((client.Prestaties as MessageObject).Prestatie as MessageObject[])[2]!
    const { kind, body } = buildDeclaratieAntwoord({ law: 'ijw', header: read.Header as MessageObject, declaratie, identificatie: 'A2', dagtekening: '2026-05-08', answer: { toegekend: 58000, afgewezen: [{ bsn: client.Bsn as string, prestatie: rejected, codes: ['8187'] }], volledig: false } })
    const xml = writeMessage(kind, body)
    expect(xsdVerdict('ijw', '325', xml).valid).toBe(true)
    const answer = parseMessage(xml).body!
    expect((answer.Header as MessageObject).Afzender).toBe('0384')
    expect((answer.Header as MessageObject).RetourCodes).toEqual({ RetourCode: ['0200'] })
    expect((answer.DeclaratieAntwoord as MessageObject).RetourCodes).toEqual({ RetourCode: ['0200'] })
    const prestaties = ((((answer.DeclaratieAntwoord as MessageObject).Clienten as MessageObject).Client as MessageObject[])[0]!.Prestaties as MessageObject).Prestatie as MessageObject[]
    expect(prestaties).toHaveLength(1)
    expect(prestaties[0]!.RetourCodes).toEqual({ RetourCode: ['8187'] })
  })
})

const asList = (v: unknown): MessageObject[] => (Array.isArray(v) ? v : [v]) as MessageObject[]
