import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type MessageKind, laws, messageName, xsdFolder } from '../message-catalog.ts'
import { messageRules } from './message-rules.ts'
import { type MessageItem, type MessageObject, type ReadOptions, parseMessage, readMessage, validateMessage } from './read-message.ts'
import { MessageWriteError, writeMessage } from './write-message.ts'
import { allKinds, exampleFiles, seedMessages } from '../testing/seeds.ts'
import { fromTree, mutate, prng, toTree } from '../testing/mutate.ts'
import { istandaardenDir } from '../testing/shared-dir.ts'

const example = (law: MessageKind['law'], name: string): Buffer => readFileSync(join(istandaardenDir(), xsdFolder[law], 'examples', `${name}.xml`))
const body = (law: MessageKind['law'], name: string): MessageObject => structuredClone(parseMessage(example(law, name)).body!)

describe('reading the standard’s examples', () => {
  for (const law of laws) {
    for (const file of exampleFiles(law)) {
      it(`${file.name} reads as ${law} ${file.name.replace(/\D/g, '')} and meets the XSD`, () => {
        const parsed = parseMessage(readFileSync(file.path))
        expect(parsed.message).toEqual({ law, code: file.name.replace(/\D/g, '') })
        expect(parsed.violations.filter((v) => v.level === 1)).toEqual([])
      })
    }
  }

  it('all examples but JW317 also meet the CD/CS rules; JW317 breaks CS003', () => {
    for (const law of laws) {
      for (const file of exampleFiles(law)) {
        const level2 = parseMessage(readFileSync(file.path)).violations.map((v) => `${v.rule} ${v.path}`)
        // The standard's JW317 example has Einddatum 2024-02-28 before GewensteIngangsdatum 2026-11-01.
        expect(level2, file.name).toEqual(file.name === 'JW317' ? ['CS003 Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum'] : [])
      }
    }
  })

  it('refuses examples/invalid/JW315.xml for its impossible date 2027-06-31', () => {
    const { violations } = parseMessage(readFileSync(join(istandaardenDir(), 'ijw-3.2/examples/invalid/JW315.xml')))
    expect(violations.length).toBeGreaterThan(0)
    expect(violations.every((v) => v.rule === 'XSD-TYPE' && v.retourcode === '0001' && v.message.includes('2027-06-31'))).toBe(true)
    expect(violations[0]!.path).toBe('Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum')
  })

  it('refuses examples/invalid/JW318.xml for the RetourCode directly under Verzoek', () => {
    const { violations } = parseMessage(readFileSync(join(istandaardenDir(), 'ijw-3.2/examples/invalid/JW318.xml')))
    expect(violations).toHaveLength(1)
    expect(violations[0]).toMatchObject({ level: 1, rule: 'XSD-UNEXPECTED', retourcode: '0001', line: 33, path: 'Bericht/Client/Verzoek/RetourCode' })
  })
})

describe('streaming a 323', () => {
  it('hands out the header first, then each prestatie with its client, each client after its prestaties, and keeps the rest', async () => {
    const items: MessageItem[] = []
    const it = readMessage(example('ijw', 'JW323'))
    let step = await it.next()
    while (!step.done) {
      items.push(...step.value)
      step = await it.next()
    }
    const summary = step.value
    expect(items[0]!.kind).toBe('header')
    const all = items.filter((i) => i.kind === 'record')
    expect(all.map((r) => r.element)).toEqual(['Prestatie', 'Prestatie', 'Client', 'Prestatie', 'Prestatie', 'Prestatie', 'Client'])
    expect(all.filter((r) => r.element === 'Client').map((r) => r.value.Bsn)).toEqual(['999900006', '999900018'])
    const records = all.filter((r) => r.element === 'Prestatie')
    expect(records.map((r) => (r.value.ProductReferentie as MessageObject).ReferentieNummer)).toEqual(['RN001', 'RN002', 'RN003', 'RN004', 'RN004'])
    expect(records.map((r) => r.ancestors.find((a) => 'Bsn' in a)!.Bsn)).toEqual(['999900006', '999900006', '999900018', '999900018', '999900018'])
    expect(records[0]).toMatchObject({ element: 'Prestatie', line: 33, column: 6 })
    expect(summary.recordCounts).toEqual({ Prestatie: 5, Client: 2 })
    const declaratie = summary.body!.Declaratie as MessageObject
    expect(declaratie.DeclaratieNummer).toBe('DN001')
    // Nothing that grows with the file stays behind.
    expect(declaratie.Clienten).toEqual({})
    expect(declaratie.TotaalIngediendBedrag).toEqual({ TotaalBedrag: 79000, DebetCredit: 'D' })
  })

  it('reads the same in chunks of any size', async () => {
    const bytes = example('ijw', 'JW301')
    const whole = parseMessage(bytes)
    for (const size of [1, 5, 333]) {
      const chunks = async function* () {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
      }
      const summary = await validateMessage(chunks(), { keepRecords: true })
      expect(summary.body).toEqual(whole.body)
      expect(summary.violations).toEqual([])
    }
  })

  it('validating only (records counted, not handed out) gives the verdict of reading every record, on mutated messages of every kind', async () => {
    const violations = async (xml: string, options: ReadOptions) => {
      const it = readMessage(Buffer.from(xml), options)
      for (;;) {
        const step = await it.next()
        if (step.done) return { violations: step.value.violations, recordCounts: step.value.recordCounts }
      }
    }
    let refused = 0
    for (const kind of allKinds) {
      const seeds = seedMessages(kind, 2).map((xml) => toTree(kind, xml))
      const random = prng(11)
      for (let i = 0; i < 40; i++) {
        const { tree, what } = mutate(kind, seeds[i % seeds.length]!, random)
        const xml = fromTree(kind, tree)
        const all = await violations(xml, {})
        expect(await violations(xml, { discardRecords: true }), `${messageName(kind)} #${i} ${what}`).toEqual(all)
        if (all.violations.length > 0) refused++
      }
    }
    // The mutations must reach both verdicts, or the comparison says little.
    expect(refused).toBeGreaterThan(28 * 40 * 0.5)
    expect(refused).toBeLessThan(28 * 40)
  })
})

describe('refusing bad messages with a clear reason', () => {
  const jw301 = example('ijw', 'JW301').toString('utf8')
  const refuse = (xml: string) => parseMessage(xml).violations

  it('a message of one law in the other law’s namespace', () => {
    const mixed = jw301.replace('xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema"', 'xmlns:ijw="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"')
    const violations = refuse(mixed)
    expect(violations[0]).toMatchObject({ rule: 'XSD-UNEXPECTED', retourcode: '0001' })
    expect(violations[0]!.message).toMatch(/in namespace http:\/\/www.istandaarden.nl\/iwmo/)
  })

  it('a malformed BSN, without showing it', () => {
    const violations = refuse(jw301.replace('<jw301:Bsn>999900006</jw301:Bsn>', '<jw301:Bsn>99990000</jw301:Bsn>'))
    expect(violations[0]).toMatchObject({ rule: 'XSD-PATTERN', path: 'Bericht/Client/Bsn' })
    expect(JSON.stringify(violations)).not.toContain('99990000')
  })

  it('an unknown message namespace', () => {
    expect(refuse('<x:Bericht xmlns:x="urn:other"/>')[0]).toMatchObject({ rule: 'XSD-NAMESPACE', line: 1, column: 1 })
  })

  it('a BOM inside the message, as text where only elements belong', () => {
    expect(refuse(jw301.replace('<jw301:Header>', '\ufeff<jw301:Header>'))[0]).toMatchObject({ rule: 'XSD-TEXT', path: 'Bericht' })
  })

  it('a truncated file, with the position where it ends', () => {
    const violations = refuse(jw301.slice(0, 500))
    expect(violations.at(-1)).toMatchObject({ rule: 'XML', retourcode: '0001' })
    expect(violations.at(-1)!.message).toMatch(/unexpected end of file/)
  })

  it('a value longer than the reader accepts', () => {
    const long = jw301.replace('Commentaar client', 'x'.repeat(2 << 20))
    expect(refuse(long).map((v) => v.rule)).toContain('XSD-VALUE-SIZE')
  })

  it('mixed line endings change no value and keep line numbers right', () => {
    const mixed = jw301.replace(/\r?\n/g, (_m, offset: number) => (offset % 2 ? '\r\n' : '\r'))
    const parsed = parseMessage(mixed)
    expect(parsed.violations).toEqual([])
    expect(parsed.body).toEqual(parseMessage(jw301).body)
  })

  it('stops after 100 violations instead of listing a million', () => {
    const many = jw301.replace(/<jw301:Commentaar>[^<]*<\/jw301:Commentaar>/, `<jw301:Commentaar>x</jw301:Commentaar>${'<jw301:X/>'.repeat(500)}`)
    const violations = refuse(many)
    expect(violations).toHaveLength(101)
    expect(violations.at(-1)!.message).toMatch(/more than 100 violations/)
  })
})

/** Breaks one rule in a valid example and expects the reader and the writer to name it. */
interface RuleCase {
  rule: string
  law: MessageKind['law']
  example: string
  breakIt: (b: MessageObject) => void
}

const client = (b: MessageObject) => b.Client as MessageObject
const first = (b: MessageObject, list: string, item: string) => ((client(b)[list] as MessageObject)[item] as MessageObject[])[0]!
const toegewezen = (b: MessageObject) => first(b, 'ToegewezenProducten', 'ToegewezenProduct')
const aangevraagd = (b: MessageObject) => first(b, 'AangevraagdeProducten', 'AangevraagdProduct')
const verzoek = (b: MessageObject) => client(b).Verzoek as MessageObject
const nieuw = (b: MessageObject) => ((verzoek(b).NieuweProducten as MessageObject).NieuwProduct as MessageObject[])[0]!
const teWijzigen = (b: MessageObject) => ((verzoek(b).TeWijzigenProducten as MessageObject).TeWijzigenProduct as MessageObject[])[0]!
const declaratie = (b: MessageObject) => b.Declaratie as MessageObject
const prestatie = (b: MessageObject) => (((declaratie(b).Clienten as MessageObject).Client as MessageObject[])[0]!.Prestaties as MessageObject).Prestatie as MessageObject[]
const contact = (b: MessageObject) => ((client(b).Contactgegevens as MessageObject).Contact as MessageObject[])[0]!

const ruleCases: RuleCase[] = [
  { rule: 'CS002', law: 'ijw', example: 'JW301', breakIt: (b) => (client(b).Bsn = '123456789') },
  { rule: 'CS002', law: 'ijw', example: 'JW323', breakIt: (b) => (((declaratie(b).Clienten as MessageObject).Client as MessageObject[])[1]!.Bsn = '999900007') },
  { rule: 'CS139', law: 'ijw', example: 'JW305', breakIt: (b) => (client(b).Geboortedatum = { Datum: '2010-02-14', DatumGebruik: '2' }) },
  { rule: 'CS050', law: 'ijw', example: 'JW301', breakIt: (b) => ((client(b).Naam as MessageObject).NaamGebruik = '2') },
  { rule: 'CS318', law: 'ijw', example: 'JW301', breakIt: (b) => ((client(b).Naam as MessageObject).NaamGebruik = '6') },
  { rule: 'CD007', law: 'ijw', example: 'JW301', breakIt: (b) => (client(b).Communicatie = { Vorm: '1' }) },
  { rule: 'CD025', law: 'ijw', example: 'JW301', breakIt: (b) => delete (contact(b).Adres as MessageObject).Huis },
  { rule: 'CS089', law: 'ijw', example: 'JW301', breakIt: (b) => ((contact(b).Adres as MessageObject).Postcode = '12345') },
  { rule: 'CD005', law: 'ijw', example: 'JW301', breakIt: (b) => delete (contact(b).Adres as MessageObject).LandCode },
  { rule: 'CD034', law: 'ijw', example: 'JW301', breakIt: (b) => delete (contact(b).Adres as MessageObject).Postcode },
  { rule: 'CD009', law: 'ijw', example: 'JW301', breakIt: (b) => (contact(b).Periode = { Begindatum: '2026-01-01' }) },
  { rule: 'CS003', law: 'ijw', example: 'JW301', breakIt: (b) => (toegewezen(b).Einddatum = '2000-01-01') },
  { rule: 'CS335', law: 'ijw', example: 'JW301', breakIt: (b) => (toegewezen(b).RedenWijziging = '13') },
  { rule: 'CS336', law: 'ijw', example: 'JW301', breakIt: (b) => (toegewezen(b).RedenWijziging = '01') },
  { rule: 'CD079', law: 'ijw', example: 'JW301', breakIt: (b) => (delete toegewezen(b).Product, delete toegewezen(b).Omvang) },
  { rule: 'CD075', law: 'ijw', example: 'JW301', breakIt: (b) => (delete toegewezen(b).Omvang, delete toegewezen(b).Einddatum, (toegewezen(b).Product = { Categorie: '45' }), (toegewezen(b).Budget = 1000)) },
  { rule: 'CD076', law: 'iwmo', example: 'WMO317', breakIt: (b) => (delete nieuw(b).Einddatum, ((nieuw(b).Omvang as MessageObject).Frequentie = '2')) },
  { rule: 'CD041', law: 'ijw', example: 'JW301', breakIt: (b) => delete toegewezen(b).Omvang },
  { rule: 'CD077', law: 'iwmo', example: 'WMO317', breakIt: (b) => (teWijzigen(b).Omvang = { Volume: 1, Eenheid: '04', Frequentie: '2' }, (teWijzigen(b).Budget = 500)) },
  { rule: 'CD078', law: 'iwmo', example: 'WMO317', breakIt: (b) => (teWijzigen(b).Omvang = { Volume: 1, Eenheid: '04', Frequentie: '2' }, (teWijzigen(b).Budget = 500)) },
  { rule: 'CD080', law: 'ijw', example: 'JW301', breakIt: (b) => delete (toegewezen(b).Product as MessageObject).Code },
  { rule: 'CD095', law: 'iwmo', example: 'WMO315', breakIt: (b) => delete (aangevraagd(b).Product as MessageObject).Code },
  { rule: 'CD096', law: 'iwmo', example: 'WMO317', breakIt: (b) => delete (nieuw(b).Product as MessageObject).Code },
  { rule: 'CS338', law: 'iwmo', example: 'WMO317', breakIt: (b) => ((nieuw(b).Omvang as MessageObject).Frequentie = '1') },
  { rule: 'CS343', law: 'iwmo', example: 'WMO315', breakIt: (b) => ((aangevraagd(b).Omvang as MessageObject).Frequentie = '1') },
  { rule: 'CS058', law: 'ijw', example: 'JW305', breakIt: (b) => (first(b, 'StartProducten', 'StartProduct').StatusAanlevering = '2') },
  { rule: 'CS058', law: 'ijw', example: 'JW307', breakIt: (b) => (first(b, 'StopProducten', 'StopProduct').StatusAanlevering = '9') },
  { rule: 'CD043', law: 'iwmo', example: 'WMO315', breakIt: (b) => delete aangevraagd(b).BeschikkingIngangsdatum },
  { rule: 'CD066', law: 'iwmo', example: 'WMO315', breakIt: (b) => ((aangevraagd(b).Verwijzer as MessageObject).ZorgverlenerCode = '12345678') },
  { rule: 'CD067', law: 'iwmo', example: 'WMO315', breakIt: (b) => delete (aangevraagd(b).Verwijzer as MessageObject).Naam },
  { rule: 'CD068', law: 'iwmo', example: 'WMO315', breakIt: (b) => (aangevraagd(b).Verwijzer = { Type: '01', ZorgverlenerCode: '12345678' }) },
  { rule: 'CD085', law: 'ijw', example: 'JW319', breakIt: (b) => delete (b.Antwoord as MessageObject).RedenAfwijzingVerzoek },
  { rule: 'CD086', law: 'ijw', example: 'JW319', breakIt: (b) => ((b.Antwoord as MessageObject).VerzoekAntwoord = '2') },
  { rule: 'CS100', law: 'ijw', example: 'JW323', breakIt: (b) => (prestatie(b)[0]!.ProductPeriode = { Begindatum: '2020-12-01', Einddatum: '2020-12-31' }) },
  { rule: 'CS340', law: 'ijw', example: 'JW323', breakIt: (b) => (declaratie(b).DeclaratiePeriode = { Begindatum: '2026-04-01', Einddatum: '2026-05-31' }) },
  { rule: 'CS325', law: 'ijw', example: 'JW323', breakIt: (b) => (prestatie(b)[0]!.IngediendBedrag = { Bedrag: 0, DebetCredit: 'C' }, ((prestatie(b)[0]!.ProductReferentie as MessageObject).VorigReferentieNummer = 'RN000')) },
  { rule: 'CS337', law: 'ijw', example: 'JW323', breakIt: (b) => (prestatie(b)[0]!.ProductPeriode = { Begindatum: '2026-04-01', Einddatum: '2026-05-02' }) },
  { rule: 'CD060', law: 'ijw', example: 'JW323', breakIt: (b) => ((prestatie(b)[0]!.IngediendBedrag as MessageObject).DebetCredit = 'C') },
  { rule: 'CD087', law: 'ijw', example: 'JW323', breakIt: (b) => delete prestatie(b)[0]!.ProductTarief },
  // The TR rules of level 2 (their own tests: message-rules.test.ts).
  { rule: 'TR002', law: 'ijw', example: 'JW305', breakIt: (b) => (client(b).Geboortedatum = { Datum: '1906-04-14' }) },
  { rule: 'TR134', law: 'ijw', example: 'JW305', breakIt: (b) => (client(b).Geboortedatum = { Datum: '2026-04-16' }) },
  { rule: 'TR018', law: 'ijw', example: 'JW307', breakIt: (b) => (first(b, 'StopProducten', 'StopProduct').Einddatum = '2026-04-02') },
  { rule: 'TR101', law: 'ijw', example: 'JW305', breakIt: (b) => { const list = (client(b).StartProducten as MessageObject).StartProduct as MessageObject[]; list[1] = { ...list[0]!, StatusAanlevering: '3', ToewijzingIngangsdatum: '2026-01-01' } } },
  { rule: 'TR383', law: 'iwmo', example: 'WMO315', breakIt: (b) => { const list = (client(b).AangevraagdeProducten as MessageObject).AangevraagdProduct as MessageObject[]; list.push({ ...list[0]!, Product: { Categorie: '03', Code: 'CDEFG' } }) } },
  { rule: 'TR386', law: 'iwmo', example: 'WMO315', breakIt: (b) => { const list = (client(b).AangevraagdeProducten as MessageObject).AangevraagdProduct as MessageObject[]; list.push({ ...list[0]!, ReferentieAanbieder: 'TWEEDE' }) } },
  { rule: 'TR410', law: 'iwmo', example: 'WMO317', breakIt: (b) => { const list = ((client(b).Verzoek as MessageObject).NieuweProducten as MessageObject).NieuwProduct as MessageObject[]; list.push({ ...list[0]!, GewensteIngangsdatum: '2023-06-01', Einddatum: '2024-12-31' }) } },
  { rule: 'TR352', law: 'iwmo', example: 'WMO317', breakIt: (b) => (delete (client(b).Verzoek as MessageObject).OngewijzigdeProducten, delete (client(b).Verzoek as MessageObject).TeWijzigenProducten) },
  { rule: 'TR353', law: 'iwmo', example: 'WMO317', breakIt: (b) => { const v = client(b).Verzoek as MessageObject; const nummer = ((v.TeWijzigenProducten as MessageObject).TeWijzigenProduct as MessageObject[])[0]!.ToewijzingNummer!; delete v.TeWijzigenProducten; delete v.NieuweProducten; v.OngewijzigdeProducten = { OngewijzigdProduct: [{ ToewijzingNummer: nummer }] } } },
  { rule: 'TR380', law: 'iwmo', example: 'WMO317', breakIt: (b) => (((client(b).Verzoek as MessageObject).TeWijzigenProducten as MessageObject).TeWijzigenProduct as MessageObject[])[0]!.Einddatum = '2023-04-02' },
  { rule: 'TR137', law: 'ijw', example: 'JW323', breakIt: (b) => (declaratie(b).DeclaratieDagtekening = '2026-05-07') },
  { rule: 'TR335', law: 'ijw', example: 'JW323', breakIt: (b) => ((declaratie(b).DeclaratieDagtekening = '2031-04-01'), (((b.Header as MessageObject).BerichtIdentificatie as MessageObject).Dagtekening = '2031-04-01')) },
  { rule: 'CS339', law: 'ijw', example: 'JW323', breakIt: (b) => (delete prestatie(b)[0]!.ProductTarief, (prestatie(b)[0]!.Eenheid = '83')) },
]

describe('level 2: each CD/CS rule refuses with its code and retourcode 0001', () => {
  it.each(ruleCases)('$rule in $example', ({ rule, law, example: name, breakIt }) => {
    const kind: MessageKind = { law, code: name.replace(/\D/g, '') as MessageKind['code'] }
    const broken = body(law, name)
    breakIt(broken)
    const xml = writeMessage(kind, broken, { checkRules: false })
    const violations = parseMessage(xml).violations
    expect(violations.map((v) => v.rule)).toContain(rule)
    const v = violations.find((x) => x.rule === rule)!
    expect(v).toMatchObject({ level: 2, retourcode: '0001' })
    expect(v.line).toBeGreaterThan(0)
    // The writer refuses to write it at all.
    expect(() => writeMessage(kind, broken)).toThrow(MessageWriteError)
  })

  it('has a refusal test for every rule it knows', () => {
    const tested = new Set(ruleCases.map((c) => c.rule))
    const untested = [...new Set(messageRules.map((r) => r.code))].filter((c) => !tested.has(c))
    expect(untested).toEqual([])
  })

  it('refuses the withdrawn RedenWijziging 01 (CS336)', () => {
    // The 3.2 code list still has 01; the regelrapport withdraws it (level 2).
    const b = body('ijw', 'JW301')
    toegewezen(b).RedenWijziging = '01'
    expect(() => writeMessage({ law: 'ijw', code: '301' }, b)).toThrow(/RedenWijziging: RedenWijziging 01 is withdrawn \(CS336\)/)
  })

  it('names every message by its standard name', () => {
    expect(messageName({ law: 'iwmo', code: '323' })).toBe('WMO323')
  })
})

describe('the documentation', () => {
  it('lists every CD/CS rule Koers checks in docs/messages.md', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/messages.md'), 'utf8')
    const missing = [...new Set(messageRules.map((r) => r.code))].filter((code) => !doc.includes(`| ${code} |`))
    expect(missing).toEqual([])
  })
})
