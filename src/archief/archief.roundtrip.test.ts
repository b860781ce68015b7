/**
 * Issue 23, "Done when": a region's traffic run through Koers in answering mode, exported in
 * both directions as an archive (a zip in shuffled order, plus a directory repeating some
 * messages), imported into an empty installation in observer mode, gives the same ledger,
 * budgets and KPIs — and Koers, observing, sends nothing. Then archives whose back office
 * answered otherwise: its 325 followed per prestatie, its 306/308/316 per class.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import type { Database } from '../db/database.ts'
import { withActor } from '../db/scope.ts'
import { yearFigures } from '../budgets/figures.queries.ts'
import { providerMessage } from '../exchange/provider-message.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { kpiRows, loadKpiFacts } from '../kpis/kpi.queries.ts'
import { zipArchive } from '../shared/zip.ts'
import { asArray } from '../exchange/handler.ts'
import { retourOf } from '../istandaarden/message-catalog.ts'
import { type MessageObject, parseMessage } from '../istandaarden/messages/read-message.ts'
import { buildRetour } from '../istandaarden/messages/retour.ts'
import { writeMessage } from '../istandaarden/messages/write-message.ts'
import { BSN2, answeringTraffic, at, client2, exportBothDirections } from '../test/archief-scenario.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'
import { type ArchiefLezer, archiefLezer, bronVan } from './archief-bestanden.ts'
import { type ArchiefSamenvatting, importeerArchief } from './archief-import.ts'
import { zetBerichtenModus } from './berichtenrol.queries.ts'
import { newUser } from '../test/factory.ts'
import { httpSessions } from '../test/http-sessions.ts'
import { antwoordFeiten, regelFeiten, retourFeiten, termijnAntwoordFeiten } from './tweede-mening.queries.ts'
import { regelBevindingen, retourBevindingen, tweedeMening } from './tweede-mening.rules.ts'

/** The ledger by natural keys (no ids, no pseudonyms, no beschikking: the traffic does not carry it). */
async function ledger(db: Database, s: ToegangScenario) {
  return withActor(db, s.team, async (trx) => ({
    toewijzingen: await trx
      .selectFrom('toewijzing as t').innerJoin('client as c', 'c.id', 't.client_id').innerJoin('provider as p', 'p.id', 't.provider_id').innerJoin('product as pr', 'pr.id', 't.product_id')
      .select(['t.toewijzing_nummer', 'c.bsn', 'p.agb_code', 'pr.productcode', 't.version', 't.toewijzing_datum', 't.toewijzing_tijd', 't.ingangsdatum', 't.einddatum', 't.volume', 't.eenheid', 't.frequentie', 't.budget_cents', 't.reden_wijziging', 't.verplichting_cents', 't.status', 't.sent_version', 't.referentie_aanbieder'])
      .orderBy('t.toewijzing_nummer').execute(),
    versies: await trx.selectFrom('toewijzing_version as v').innerJoin('toewijzing as t', 't.id', 'v.toewijzing_id').select(['t.toewijzing_nummer', 'v.version', 'v.toewijzing_datum', 'v.toewijzing_tijd', 'v.einddatum', 'v.verplichting_cents', 'v.reden_wijziging']).orderBy('t.toewijzing_nummer').orderBy('v.version').execute(),
    starts: await trx.selectFrom('care_start as s').innerJoin('toewijzing as t', 't.id', 's.toewijzing_id').select(['t.toewijzing_nummer', 's.begindatum', 's.removed_by_message_id']).orderBy('t.toewijzing_nummer').execute(),
    stops: await trx.selectFrom('care_stop as s').innerJoin('toewijzing as t', 't.id', 's.toewijzing_id').select(['t.toewijzing_nummer', 's.einddatum', 's.reden_beeindiging']).orderBy('t.toewijzing_nummer').execute(),
    verzoeken: await trx.selectFrom('care_request').select(['referentie_aanbieder', 'kind', 'status', 'reden_afwijzing', 'bsn', 'received_on']).orderBy('referentie_aanbieder').execute(),
    clienten: await trx.selectFrom('client').select(['bsn', 'birth_date', 'family_name', 'initials', 'gender', 'postcode', 'huisnummer']).orderBy('bsn').execute(),
    declaraties: await trx.selectFrom('declaratie').select(['declaratie_nummer', 'periode_begin', 'ingediend_cents', 'toegekend_cents', 'regels', 'goedgekeurd', 'afgewezen']).orderBy('declaratie_nummer').execute(),
    regels: await trx.selectFrom('declaratie_regel').select(['referentie_nummer', 'toewijzing_nummer', 'bedrag_cents', 'goedgekeurd', 'retour_codes']).orderBy('referentie_nummer').execute(),
  }))
}

/** Keys in one order: yearFigures gives them in the order its reads found them, which the planner decides. */
const byKey = <K extends { gemeenteId: number; providerId: number; wet: string; segmentId: number }>(keys: K[]) =>
  [...keys].sort((x, y) => x.gemeenteId - y.gemeenteId || x.providerId - y.providerId || x.wet.localeCompare(y.wet) || x.segmentId - y.segmentId)

/** Budgets and KPIs as the region sees them. */
async function figures(db: Database, s: ToegangScenario) {
  const regio: Actor = s.region.actor('regio')
  return withActor(db, regio, async (trx) => {
    const facts = await loadKpiFacts(trx, regio, '2027-01-31', '2026-11-01')
    return {
      budget2026: byKey((await yearFigures(trx, regio, 2026, '2027-01-31')).keys),
      budget2027: byKey((await yearFigures(trx, regio, 2027, '2027-01-31')).keys),
      realisatie: await trx.selectFrom('realisatie_maand').select(['provider_id', 'segment_id', 'product_id', 'maand', 'debet_cents', 'credit_cents', 'regels']).orderBy('provider_id').orderBy('product_id').orderBy('maand').execute(),
      // The figures as stored after each change, with their "as of" date (the import computes them once per batch).
      opgeslagen: await trx.selectFrom('budget_prognose').selectAll().orderBy('jaar').orderBy('gemeente_id').orderBy('provider_id').orderBy('segment_id').orderBy('wet').execute(),
      opgeslagenMaanden: await trx.selectFrom('budget_prognose_maand').selectAll().orderBy('jaar').orderBy('gemeente_id').orderBy('segment_id').orderBy('maand').execute(),
      kpis: kpiRows(facts, { from: '2026-11-01', to: '2027-01-31' }, ['provider']),
    }
  })
}

/** The archive on disk, noting each read of a message's bytes: which pass, which message. */
function tellendeLezer(reads: { pass: 1 | 2; bron: string }[]): ArchiefLezer {
  const lezer = archiefLezer()
  return {
    async *alle(paths) {
      for await (const f of lezer.alle(paths)) {
        reads.push({ pass: 1, bron: f.bron })
        yield f
      }
    },
    lees: async (plaats) => {
      reads.push({ pass: 2, bron: bronVan(plaats) })
      return lezer.lees(plaats)
    },
    sluit: () => lezer.sluit(),
  }
}

describe.each(engines)('an archive of answered traffic imported in observer mode on %s', (engine) => {
  let answering: TestDatabase
  let observing: TestDatabase
  let a: ToegangScenario
  let b: ToegangScenario
  let dir: string
  let paths: string[]
  let archive: Map<string, Buffer>

  beforeAll(async () => {
    answering = await freshDatabase(engine)
    observing = await freshDatabase(engine)
    a = await toegangScenario(answering.db)
    b = await toegangScenario(observing.db)
    await answeringTraffic(answering.db, a)
    archive = await exportBothDirections(answering.db, a)
    // Any order: the zip holds the messages in reverse order of their names; a directory repeats some.
    dir = mkdtempSync(join(tmpdir(), 'koers-archief-'))
    const names = [...archive.keys()].sort().reverse()
    writeFileSync(join(dir, 'archief.zip'), zipArchive(new Map(names.map((n) => [n, archive.get(n)!])), 8))
    mkdirSync(join(dir, 'nogmaals'))
    for (const n of names.filter((n) => /\/(301|325|305)-/.test(n))) writeFileSync(join(dir, 'nogmaals', n.replace('/', '-')), archive.get(n)!)
    paths = [join(dir, 'archief.zip'), join(dir, 'nogmaals')]
  }, 120_000)
  afterAll(async () => {
    await answering?.dispose()
    await observing?.dispose()
  })

  it('refuses to import while the region answers providers itself', async () => {
    await expect(importeerArchief(observing.db, b.region.regionId, paths)).rejects.toMatchObject({ reason: 'archief.region_answers' })
    expect((await ledger(observing.db, b)).toewijzingen).toEqual([])
  })

  it('builds the same ledger, budgets and KPIs from the archive, matching every message', async () => {
    await withActor(observing.db, b.region.actor('regio'), (trx) => zetBerichtenModus(trx, b.region.actor('regio'), 'waarnemend'))
    const reads: { pass: 1 | 2; bron: string }[] = []
    // The tables analyzed as the ledger grows, from the first message on (a region's archive does from 256 kB).
    const summary = await importeerArchief(observing.db, b.region.regionId, paths, { lezer: tellendeLezer(reads), eersteAnalyzeBytes: 1 })
    expect(summary.onverwerkt).toEqual([])
    // Two passes: every message read once for its head, then, after all heads, once more to apply it; nothing held in between.
    const eerste = reads.filter((r) => r.pass === 1).map((r) => r.bron)
    expect(reads.slice(0, eerste.length).every((r) => r.pass === 1)).toBe(true)
    expect(new Set(eerste).size).toBe(summary.berichten)
    expect(reads.slice(eerste.length).map((r) => r.bron).sort()).toEqual([...eerste].sort())
    const repeated = [...archive.keys()].filter((n) => /\/(301|325|305)-/.test(n)).length
    expect(summary.berichten).toBe(archive.size + repeated)
    expect(summary.perUitkomst.al_ontvangen).toBe(repeated)
    expect(summary.perBericht).toMatchObject({ JW301: 3 + 3, JW305: 2 + 2, JW315: 2, JW319: 1, JW323: 2, JW325: 2 + 2 })
    const expected = await ledger(answering.db, a)
    expect(expected.toewijzingen).toHaveLength(2)
    expect(expected.regels.map((r) => r.goedgekeurd)).toEqual([true, false, true, false])
    expect(await ledger(observing.db, b)).toEqual(expected)
    const answered = await figures(answering.db, a)
    // Not an empty comparison: the approved December line is realised, the toewijzingen committed.
    expect(answered.realisatie).toMatchObject([{ maand: '2026-12-01', debet_cents: 108000, regels: 1 }, { maand: '2027-01-01', debet_cents: 27810, regels: 1 }])
    expect(answered.budget2027.length).toBeGreaterThan(0)
    expect(answered.opgeslagen.length).toBeGreaterThan(0)
    expect(await figures(observing.db, b)).toEqual(answered)
  })

  it('sent nothing and recorded every message as observed', async () => {
    const rows = await withActor(observing.db, b.team, (trx) => trx.selectFrom('message').select(['direction', 'state', 'modus']).execute())
    expect(rows).toHaveLength(archive.size)
    expect(rows.filter((r) => r.state === 'klaar')).toEqual([])
    expect(new Set(rows.map((r) => r.modus))).toEqual(new Set(['waarnemend']))
    const answered = await withActor(answering.db, a.team, (trx) => trx.selectFrom('message').select('modus').execute())
    expect(new Set(answered.map((r) => r.modus))).toEqual(new Set(['antwoordend']))
  })

  it('changes nothing when the same archive is imported again', async () => {
    const before = await ledger(observing.db, b)
    const summary = await importeerArchief(observing.db, b.region.regionId, paths)
    expect(summary.perUitkomst).toMatchObject({ verwerkt: 0, al_ontvangen: summary.berichten, niet_gekoppeld: 0 })
    expect(await ledger(observing.db, b)).toEqual(before)
  })
})

/** Replaces the Identificatie inside the first `block` element of a message's XML. */
const withIdent = (xml: string, block: string, ident: string) => xml.replace(new RegExp(`(<\\w+:${block}>\\s*<\\w+:Identificatie>)[^<]*`), `$1${ident}`)

describe.each(engines)('an archive whose back office answered otherwise, or that holds what cannot be matched, on %s', (engine) => {
  let answering: TestDatabase
  let observing: TestDatabase
  let a: ToegangScenario
  let b: ToegangScenario
  let summary: ArchiefSamenvatting
  let names: Map<string, string>

  beforeAll(async () => {
    answering = await freshDatabase(engine)
    observing = await freshDatabase(engine)
    a = await toegangScenario(answering.db)
    b = await toegangScenario(observing.db)
    await answeringTraffic(answering.db, a)
    const archive = await exportBothDirections(answering.db, a)
    const find = (code: string, pred: (xml: string) => boolean = () => true) => [...archive.keys()].find((n) => n.includes(`/${code}-`) && pred(archive.get(n)!.toString('utf8')))!
    names = new Map([['325', find('325', (x) => x.includes('>DC1<'))], ['325b', find('325', (x) => x.includes('>DC2<'))], ['306', find('306', (x) => x.includes('>ST1<'))], ['319', find('319')]])
    const dir = mkdtempSync(join(tmpdir(), 'koers-archief-'))
    // The back office rejected D1, which the standard approves, for a start message it lacks (9069, which OP364 does not allow on a
    // prestatie): the 325 repeats D2's client with D1's reference and that code.
    const x325 = archive.get(names.get('325')!)!.toString('utf8')
    const client = /<(\w+):Client>[\s\S]*?<\/\1:Client>/.exec(x325)![0]
    const d1 = client.replace(BSN2, a.bsn).replace(/(ReferentieNummer>)D2</, '$1D1<').replace(/(RetourCode>)9338</, '$19069<')
    // … and answered late: 2027-02-01 is more than 10 working days after the 323 of 2027-01-05 (OP090x4).
    const altered = x325.replace(client, d1 + client).replace(/(<\w+:TotaalToegekendBedrag>\s*<\w+:TotaalBedrag>)\d+/, '$10').replace(/(<\w+:BerichtIdentificatie>\s*<\w+:Identificatie>[^<]*<\/\w+:Identificatie>\s*<\w+:Dagtekening>)[^<]*/, '$12027-02-01')
    // The back office granted DC2 whole, D4 too, which the standard rejects (no such toewijzing), in time.
    const x325b = archive.get(names.get('325b')!)!.toString('utf8')
    const ingediend = /<\w+:TotaalIngediendBedrag>\s*<\w+:TotaalBedrag>(\d+)/.exec(x325b)![1]!
    const grantedWhole = x325b
      .replace(/<(\w+):Clienten>[\s\S]*<\/\1:Clienten>/, '')
      .replace(/(<\w+:TotaalToegekendBedrag>\s*<\w+:TotaalBedrag>)\d+/, `$1${ingediend}`)
      .replace(/(<\w+:RetourCode>)0200(<\/\w+:RetourCode>\s*<\/\w+:RetourCodes>\s*<\/\w+:DeclaratieAntwoord>)/, '$18001$2')
    // A 306 that refuses the start ST1 whole, which the standard approves.
    // … and late: 2026-12-10 is more than 3 working days after the 305 of 2026-12-03 (OP090).
    const x306 = archive.get(names.get('306')!)!.toString('utf8').replace(/(<\/(\w+):XsdVersieRetour>)/, '$1<$2:RetourCodes><$2:RetourCode>9074</$2:RetourCode></$2:RetourCodes>').replace(/(<\w+:DagtekeningRetour>)[^<]*/, '$12026-12-10')
    // The refusal of RQ2 (of 2026-11-02) sent on 2026-11-20: later than 5 working days (OP274).
    const x319 = archive.get(names.get('319')!)!.toString('utf8').replace(/(<\w+:BerichtIdentificatie>\s*<\w+:Identificatie>[^<]*<\/\w+:Identificatie>\s*<\w+:Dagtekening>)[^<]*/, '$12026-11-20')
    // A 325 on a 323 that is not in the archive.
    const orphan = withIdent(withIdent(x325, 'DeclaratieIdentificatie', 'ONBEKEND'), 'BerichtIdentificatie', '9999')
    for (const [n, bytes] of archive) {
      const file = join(dir, n.replace('/', '-'))
      writeFileSync(file, n === names.get('325') ? altered : n === names.get('325b') ? grantedWhole : n === names.get('306') ? x306 : n === names.get('319') ? x319 : bytes)
    }
    writeFileSync(join(dir, 'wees-325.xml'), orphan)
    writeFileSync(join(dir, 'kapot.xml'), '<geen bericht/>')
    await withActor(observing.db, b.region.actor('regio'), (trx) => zetBerichtenModus(trx, b.region.actor('regio'), 'waarnemend'))
    summary = await importeerArchief(observing.db, b.region.regionId, [dir])
  }, 120_000)
  afterAll(async () => {
    await answering?.dispose()
    await observing?.dispose()
  })

  it('follows the 325 of the back office per prestatie and keeps the verdict of the standard beside it', async () => {
    const regels = await withActor(observing.db, b.team, (trx) => trx.selectFrom('declaratie_regel').select(['referentie_nummer', 'goedgekeurd', 'koers_goedgekeurd', 'retour_codes', 'koers_retour_codes']).orderBy('referentie_nummer').execute())
    expect(regels).toEqual([
      { referentie_nummer: 'D1', goedgekeurd: false, koers_goedgekeurd: true, retour_codes: ['9069'], koers_retour_codes: [] },
      { referentie_nummer: 'D2', goedgekeurd: false, koers_goedgekeurd: false, retour_codes: ['9338'], koers_retour_codes: ['9338'] },
      { referentie_nummer: 'D3', goedgekeurd: true, koers_goedgekeurd: true, retour_codes: [], koers_retour_codes: [] },
      { referentie_nummer: 'D4', goedgekeurd: true, koers_goedgekeurd: false, retour_codes: [], koers_retour_codes: ['9338'] },
    ])
    const d = await withActor(observing.db, b.team, (trx) => trx.selectFrom('declaratie').select(['declaratie_nummer', 'toegekend_cents', 'goedgekeurd', 'afgewezen']).orderBy('declaratie_nummer').execute())
    expect(d).toEqual([
      { declaratie_nummer: 'DN202612', toegekend_cents: 0, goedgekeurd: 0, afgewezen: 2 },
      { declaratie_nummer: 'DN202701', toegekend_cents: 2 * 27810, goedgekeurd: 2, afgewezen: 0 },
    ])
    // The budgets follow: nothing of December is realised, where answering mode realised € 1.080.
    const realised = await withActor(observing.db, b.region.actor('regio'), (trx) => trx.selectFrom('realisatie_maand').select(['maand', 'debet_cents', 'regels']).orderBy('maand').execute())
    expect(realised).toEqual([{ maand: '2026-12-01', debet_cents: 0, regels: 0 }, { maand: '2027-01-01', debet_cents: 27810, regels: 1 }])
    const tj = await withActor(observing.db, b.region.actor('regio'), (trx) => trx.selectFrom('toewijzing_jaar').select((eb) => eb.fn.sum<number>('gerealiseerd_cents').as('cents')).executeTakeFirstOrThrow())
    expect(Number(tj.cents)).toBe(27810)
  })

  it('gives a second opinion that finds exactly what was altered: a line wrongly rejected, a line wrongly granted, answers too late', async () => {
    const regio = b.region.actor('regio')
    const rows = await withActor(observing.db, regio, async (trx) => tweedeMening(await antwoordFeiten(trx), await termijnAntwoordFeiten(trx), regelBevindingen(await regelFeiten(trx)), retourBevindingen(await retourFeiten(trx))))
    const [p0, p1] = b.providers.map((p) => p.id)
    const geen = { declaraties: 0, tenOnrechteAfgewezenRegels: 0, tenOnrechteAfgewezenCents: 0, tenOnrechteToegekendRegels: 0, tenOnrechteToegekendCents: 0, teLaat: 0, verzoeken: 0, verzoekenTeLaat: 0, retours: 0, retoursTeLaat: 0, andereCodes: 0, retoursAndereCodes: 0 }
    expect(rows).toEqual([
      // RQ1 answered with a 301 the next day, its 316 in time.
      { ...geen, providerId: p0, maand: '2026-11-01', verzoeken: 1, retours: 1 },
      // The 325 on DC1 late (OP090x4), the 306 on ST1 late (OP090).
      { ...geen, providerId: p0, maand: '2026-12-01', declaraties: 1, tenOnrechteAfgewezenRegels: 1, tenOnrechteAfgewezenCents: 108000, teLaat: 1, retours: 1, retoursTeLaat: 1, retoursAndereCodes: 1 },
      // RQ2 refused after 14 working days (OP274).
      { ...geen, providerId: p1, maand: '2026-11-01', verzoeken: 1, verzoekenTeLaat: 1, retours: 1 },
      { ...geen, providerId: p1, maand: '2026-12-01', retours: 1 },
      { ...geen, providerId: p1, maand: '2027-01-01', declaraties: 1, tenOnrechteToegekendRegels: 1, tenOnrechteToegekendCents: 27810, retours: 1 },
    ])
    // A provider sees its own row only.
    const aanbieder = b.region.actor('aanbieder', { providerId: b.providers[1]!.id })
    const eigen = await withActor(observing.db, aanbieder, async (trx) => tweedeMening(await antwoordFeiten(trx), await termijnAntwoordFeiten(trx)))
    expect(eigen.map((r) => r.providerId)).toEqual([p1, p1, p1])
  })

  it('names per prestatie and per retour the codes of both, their meaning and the rules of the regelrapport, without the client for the region', async () => {
    const [p0, p1] = b.providers.map((p) => p.id)
    const regels = await withActor(observing.db, b.region.actor('regio'), async (trx) => regelBevindingen(await regelFeiten(trx)))
    expect(regels.map((r) => ({ providerId: r.providerId, maand: r.maand, referentie: r.referentieNummer, pseudoniem: r.pseudoniem, soort: r.soort, bedrag: r.bedragCents, backoffice: r.retourCodes, standaard: r.koersRetourCodes, codes: r.codes.map((c) => [c.code, c.regels.map((x) => x.code)]) }))).toEqual([
      // D1: rejected for a missing start (9069), which OP364 forbids on a prestatie; TR382 gives 9069 on a stop only.
      { providerId: p0, maand: '2026-12-01', referentie: null, pseudoniem: null, soort: 'ten_onrechte_afgewezen', bedrag: 108000, backoffice: ['9069'], standaard: [], codes: [['9069', ['OP364']]] },
      // D4: granted, where the standard rejects it for want of a toewijzing (TR338, 9338).
      { providerId: p1, maand: '2027-01-01', referentie: null, pseudoniem: null, soort: 'ten_onrechte_toegekend', bedrag: 27810, backoffice: [], standaard: ['9338'], codes: [['9338', ['TR338']]] },
    ])
    expect(regels[0]!.codes[0]!.betekenis).toBe('Er is geen actueel startbericht met dezelfde sleutel.')
    expect(regels[0]!.codes[0]!.doorStandaardGegeven).toBe(false)
    expect(regels[0]!.toelichting).toContain('OP364')
    expect(regels[1]!.codes[0]!.regels[0]!.titel).toMatch(/ToegewezenProduct/)
    // The gemeente sees the prestatie's reference and the client's pseudonym, never the BSN.
    const gemeente = await withActor(observing.db, b.region.actor('gemeente', { gemeenteId: b.zeist.id }), async (trx) => regelBevindingen(await regelFeiten(trx)))
    expect(gemeente.map((r) => r.referentieNummer)).toEqual(['D1', 'D4'])
    // D1's client is known (its pseudonym); D4 matched no toewijzing, so no client either.
    expect(gemeente.map((r) => (r.pseudoniem === null ? null : typeof r.pseudoniem))).toEqual(['string', null])
    expect(JSON.stringify(gemeente)).not.toContain(a.bsn)
    // A provider its own.
    const eigen = await withActor(observing.db, b.region.actor('aanbieder', { providerId: p1! }), async (trx) => regelBevindingen(await regelFeiten(trx)))
    expect(eigen.map((r) => r.referentieNummer)).toEqual(['D4'])
    // The 306 that refused ST1 with 9074, where the standard gave nothing: a code the standard did not give on that 305 (TR074 gives it where it applies).
    const retours = await withActor(observing.db, b.region.actor('regio'), async (trx) => retourBevindingen(await retourFeiten(trx)))
    expect(retours.map((r) => ({ providerId: r.providerId, heen: r.heenCode, retour: r.retourCode, backoffice: r.retourCodes, codes: r.codes.map((c) => [c.code, c.regels.map((x) => x.code), c.doorStandaardGegeven]) }))).toEqual([
      { providerId: p0, heen: '305', retour: '306', backoffice: ['9074'], codes: [['9074', ['TR074'], true]] },
    ])
    // Over HTTP (each answer held against its OpenAPI schema): the drill-down of one provider and month, and the files.
    const http = httpSessions(observing.db)
    await http.login('regio', await newUser(observing.db, b.region, 'regio'))
    const drill = (await (await http.get('regio', `/api/archief/tweede-mening/regels?providerId=${p0}&maand=2026-12`)).json()) as { soort: string }[]
    expect(drill.map((r) => r.soort)).toEqual(['ten_onrechte_afgewezen'])
    expect(await (await http.get('regio', `/api/archief/tweede-mening/regels?providerId=${p1}&maand=2026-12`)).json()).toEqual([])
    expect((await http.get('regio', '/api/archief/tweede-mening/regels?maand=december')).status).toBe(422)
    const csv = await (await http.get('regio', '/api/archief/tweede-mening/regels?format=csv')).text()
    expect(csv).toContain('OP364: Regieberichten worden niet voorwaardelijk gesteld aan declaratie')
    expect(csv).toContain(';1080,00;')
    const retourCsv = await (await http.get('regio', '/api/archief/tweede-mening/retours?format=csv')).text()
    expect(retourCsv).toContain('TR074')
    expect((await (await http.get('regio', '/api/archief/tweede-mening/retours')).json()) as unknown[]).toHaveLength(1)
  })

  it('lists what it could not match or that the back office answered otherwise, with the reason, and drops nothing', async () => {
    const listed = summary.onverwerkt.map((o) => [o.bron.replace(/.*\//, ''), o.redenCode])
    expect(listed).toEqual(expect.arrayContaining([
      ['kapot.xml', 'onleesbaar'],
      ['wees-325.xml', 'geen_323'],
      [names.get('306')!.replace('/', '-'), 'retour_wijkt_af'],
    ]))
    expect(listed).toHaveLength(3)
    expect(summary.perUitkomst).toMatchObject({ onleesbaar: 1, niet_gekoppeld: 1 })
    const rows = await withActor(observing.db, b.region.actor('regio'), (trx) => trx.selectFrom('archief_onverwerkt').select(['reden_code', 'code', 'identificatie']).orderBy('reden_code').execute())
    expect(rows).toEqual([
      { reden_code: 'geen_323', code: '325', identificatie: '9999' },
      { reden_code: 'onleesbaar', code: '', identificatie: '' },
      { reden_code: 'retour_wijkt_af', code: '306', identificatie: expect.any(String) as string },
    ])
    // Messages the reasons name carry no personal data.
    expect(JSON.stringify(rows) + JSON.stringify(summary.onverwerkt)).not.toContain(a.bsn)
  })
})

describe.each(engines)('a back office whose retours decide starts, stops and requests otherwise than the standard, on %s', (engine) => {
  let answering: TestDatabase
  let observing: TestDatabase
  let a: ToegangScenario
  let b: ToegangScenario
  let dir: string
  let summary: ArchiefSamenvatting
  let names: Map<string, string>

  beforeAll(async () => {
    answering = await freshDatabase(engine)
    observing = await freshDatabase(engine)
    a = await toegangScenario(answering.db)
    b = await toegangScenario(observing.db)
    await answeringTraffic(answering.db, a)
    const p1 = a.providers[1]!
    const t2 = await withActor(answering.db, a.team, (trx) => trx.selectFrom('toewijzing').select('toewijzing_nummer').where('provider_id', '=', p1.id).executeTakeFirstOrThrow())
    // A second, definitive stop on the second client's start: the standard rejects it (TR415).
    const sp3 = await receiveMessage(answering.db, a.region.regionId, providerMessage('ijw', '307', p1.agb, a.zeist.cbsCode, 'SP3', '2027-01-22', { ...client2, StopProducten: { StopProduct: [{ ToewijzingNummer: String(t2.toewijzing_nummer), Product: { Categorie: '45', Code: '45A53' }, ToewijzingIngangsdatum: '2026-12-01', Begindatum: '2026-12-02', RedenBeeindiging: '31', Einddatum: '2027-01-18', StatusAanlevering: '1' }] } }), { at: at('2027-01-22') })
    expect(sp3).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['9415'] })
    // A request for the second client that the standard takes in.
    const rq3 = await receiveMessage(answering.db, a.region.regionId, providerMessage('ijw', '315', p1.agb, a.zeist.cbsCode, 'RQ3', '2027-01-22', { ...client2, AangevraagdeProducten: { AangevraagdProduct: [{ ReferentieAanbieder: 'R3', Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: '2027-02-01', ToewijzingEinddatum: '2027-05-31', Omvang: { Volume: '2', Eenheid: '04', Frequentie: '2' }, Verwijzer: { Type: '02', ZorgverlenerCode: '01234567' } }] } }), { at: at('2027-01-22') })
    expect(rq3).toMatchObject({ outcome: 'verwerkt' })
    const archive = await exportBothDirections(answering.db, a)
    const find = (code: string, ident: string) => [...archive.keys()].find((n) => n.includes(`/${code}-`) && archive.get(n)!.toString('utf8').includes(`>${ident}<`))!
    /** The back office's retour on heen message `heenIdent`, under the identification of the one Koers sent: rejecting the classes `pick` names, or none. */
    const retourOp = (code: '305' | '307' | '315', heenIdent: string, pick: (client: MessageObject) => MessageObject[], retourcode: string) => {
      const heen = parseMessage(archive.get(find(code, heenIdent))!).body!
      const sent = parseMessage(archive.get(find(retourOf[code], heenIdent))!).body!.Header as MessageObject
      const classCodes = new Map(pick(heen.Client as MessageObject).map((cls) => [cls, [retourcode]] as const))
      const retour = buildRetour({ law: 'ijw', code, heen, identificatie: String(sent.IdentificatieRetour), dagtekening: String(sent.DagtekeningRetour), classCodes })
      return writeMessage(retour.kind, retour.body)
    }
    names = new Map([['306', find('306', 'ST1')], ['308', find('308', 'SP3')], ['316', find('316', 'RQ3')]])
    const replaced = new Map([
      // The start ST1, which the standard takes in, rejected; the stop SP3, which it rejects, taken in; the request R3 rejected.
      [names.get('306')!, retourOp('305', 'ST1', (c) => asArray((c.StartProducten as MessageObject).StartProduct), '9326')],
      [names.get('308')!, retourOp('307', 'SP3', () => [], '')],
      [names.get('316')!, retourOp('315', 'RQ3', (c) => asArray((c.AangevraagdeProducten as MessageObject).AangevraagdProduct), '9374')],
    ])
    dir = mkdtempSync(join(tmpdir(), 'koers-archief-'))
    for (const [n, bytes] of archive) writeFileSync(join(dir, n.replace('/', '-')), replaced.get(n) ?? bytes)
    await withActor(observing.db, b.region.actor('regio'), (trx) => zetBerichtenModus(trx, b.region.actor('regio'), 'waarnemend'))
    summary = await importeerArchief(observing.db, b.region.regionId, [dir])
  }, 180_000)
  afterAll(async () => {
    await answering?.dispose()
    await observing?.dispose()
  })

  const starts = (db: Database, s: ToegangScenario) => withActor(db, s.team, (trx) => trx.selectFrom('care_start as s').innerJoin('toewijzing as t', 't.id', 's.toewijzing_id').innerJoin('provider as p', 'p.id', 't.provider_id').select(['p.agb_code', 's.begindatum', 's.removed_by_message_id']).orderBy('s.begindatum').execute())
  const feiten = (db: Database, s: ToegangScenario) => withActor(db, s.team, (trx) => trx.selectFrom('traject_feit as f').innerJoin('provider as p', 'p.id', 'f.provider_id').select(['p.agb_code', 'f.gestart_op', 'f.eind_datum', 'f.reden']).orderBy('p.agb_code').execute())

  it('takes out of the ledger, and out of the KPIs\' facts, a start the back office rejected and the standard accepted', async () => {
    const [p0, p1] = b.providers
    expect(await starts(answering.db, a)).toEqual([
      { agb_code: p0!.agb, begindatum: '2026-12-01', removed_by_message_id: null },
      { agb_code: p1!.agb, begindatum: '2026-12-02', removed_by_message_id: null },
    ])
    // Removed by the back office's 306 on ST1.
    const retour306 = await withActor(observing.db, b.team, (trx) => trx.selectFrom('message as r').innerJoin('message as h', 'h.id', 'r.answers_message_id').select('r.id').where('r.code', '=', '306').where('h.identificatie', '=', 'ST1').executeTakeFirstOrThrow())
    expect(await starts(observing.db, b)).toEqual([
      { agb_code: p0!.agb, begindatum: '2026-12-01', removed_by_message_id: retour306.id },
      { agb_code: p1!.agb, begindatum: '2026-12-02', removed_by_message_id: null },
    ])
    const answered = await feiten(answering.db, a)
    expect(answered.find((f) => f.agb_code === p0!.agb)).toMatchObject({ gestart_op: '2026-12-01' })
    expect((await feiten(observing.db, b)).find((f) => f.agb_code === p0!.agb)).toMatchObject({ gestart_op: null })
  })

  it('adds a stop the back office accepted and the standard rejected', async () => {
    const stops = (db: Database, s: ToegangScenario) => withActor(db, s.team, (trx) => trx.selectFrom('care_stop').select(['einddatum', 'reden_beeindiging', 'removed_by_message_id']).orderBy('einddatum').execute())
    expect(await stops(answering.db, a)).toEqual([{ einddatum: '2027-01-15', reden_beeindiging: '02', removed_by_message_id: null }])
    expect(await stops(observing.db, b)).toEqual([
      { einddatum: '2027-01-15', reden_beeindiging: '02', removed_by_message_id: null },
      { einddatum: '2027-01-18', reden_beeindiging: '31', removed_by_message_id: null },
    ])
    // The stop is the provider's (its 307), not the retour's.
    const sp3 = await withActor(observing.db, b.team, (trx) => trx.selectFrom('care_stop as x').innerJoin('message as m', 'm.id', 'x.message_id').select(['m.code', 'm.identificatie', 'm.state']).where('x.einddatum', '=', '2027-01-18').executeTakeFirstOrThrow())
    expect(sp3).toEqual({ code: '307', identificatie: 'SP3', state: 'afgekeurd' })
    const p1 = b.providers[1]!
    expect((await feiten(answering.db, a)).find((f) => f.agb_code === p1.agb)).toMatchObject({ eind_datum: '2027-01-15', reden: '02' })
    expect((await feiten(observing.db, b)).find((f) => f.agb_code === p1.agb)).toMatchObject({ eind_datum: '2027-01-18', reden: '31' })
  })

  it('closes a request the back office rejected with its 316', async () => {
    const verzoek = (db: Database, s: ToegangScenario) => withActor(db, s.team, (trx) => trx.selectFrom('care_request').select(['status', 'reden_afwijzing', 'answer_message_id']).where('referentie_aanbieder', '=', 'R3').executeTakeFirstOrThrow())
    expect(await verzoek(answering.db, a)).toMatchObject({ status: 'open', answer_message_id: null })
    const answer = await verzoek(observing.db, b)
    expect(answer).toMatchObject({ status: 'afgewezen', reden_afwijzing: null })
    const m = await withActor(observing.db, b.team, (trx) => trx.selectFrom('message').select(['code', 'modus']).where('id', '=', answer.answer_message_id!).executeTakeFirstOrThrow())
    expect(m).toEqual({ code: '316', modus: 'waarnemend' })
  })

  it('lists each retour that differs, naming the class and both verdicts, without a client', async () => {
    const listed = new Map(summary.onverwerkt.map((o) => [o.bron.replace(/.*\//, ''), o]))
    expect(summary.onverwerkt).toHaveLength(3)
    expect(listed.get(names.get('306')!.replace('/', '-'))).toMatchObject({ redenCode: 'retour_wijkt_af', reden: expect.stringMatching(/start per 2026-12-01, toewijzing \d+: de backoffice afgekeurd \(9326\), de regels van de standaard goedgekeurd; teruggedraaid/) as string })
    expect(listed.get(names.get('308')!.replace('/', '-'))).toMatchObject({ redenCode: 'retour_wijkt_af', reden: expect.stringMatching(/stop per 2027-01-18 \(reden 31\) op de start van 2026-12-02, toewijzing \d+: de backoffice goedgekeurd, de regels van de standaard afgekeurd; alsnog verwerkt/) as string })
    expect(listed.get(names.get('316')!.replace('/', '-'))).toMatchObject({ redenCode: 'retour_wijkt_af', reden: expect.stringContaining('aangevraagd product R3: de backoffice afgekeurd (9374)') as string })
    expect(JSON.stringify(summary.onverwerkt)).not.toContain(BSN2)
    expect(JSON.stringify(summary.onverwerkt)).not.toContain(a.bsn)
  })

  it('has one effect when the same archive is imported twice', async () => {
    const before = await ledger(observing.db, b)
    const again = await importeerArchief(observing.db, b.region.regionId, [dir])
    expect(again.perUitkomst).toMatchObject({ verwerkt: 0, niet_gekoppeld: 0 })
    expect(await ledger(observing.db, b)).toEqual(before)
    expect(await starts(observing.db, b)).toHaveLength(2)
    const stops = await withActor(observing.db, b.team, (trx) => trx.selectFrom('care_stop').select('id').execute())
    expect(stops).toHaveLength(2)
  })
})
