/**
 * A region ready for toegang: a Jeugdwet segment with an hourly product, a contract with two
 * providers awarded (a third not), tariffs per year, a client in Zeist, and the provider
 * messages that go with it — all built through the real code.
 */
import type { Actor } from '../auth/actor.ts'
import { registerClient } from '../clients/client.queries.ts'
import { awardLot, createContract, listContracts } from '../contracts/contract.queries.ts'
import type { Database } from '../db/database.ts'
import { withActor } from '../db/scope.ts'
import { berichtCodes } from '../istandaarden/message-catalog.ts'
import { type WritableObject, writeMessage, xsdVersieOf } from '../istandaarden/messages/write-message.ts'
import { providerMessage as writeProviderMessage } from '../exchange/provider-message.ts'
import { createProduct, createTariff } from '../products/product.queries.ts'
import { createProvider } from '../providers/provider.queries.ts'
import { type TestRegion, defaultInstruments, newRegion, newSegment } from './factory.ts'

export interface ToegangScenario {
  region: TestRegion
  zeist: { id: number; cbsCode: string }
  segmentId: number
  productId: number
  dayProductId: number
  providers: { id: number; agb: string }[]
  clientId: number
  bsn: string
  team: Actor
  /** A second lokaal team member, for "nee, tenzij" approvals. */
  colleague: Actor
}

export async function toegangScenario(db: Database): Promise<ToegangScenario> {
  const region = await newRegion(db)
  const zeist = region.gemeenten[0]!
  const segmentId = await newSegment(db, region)
  const regio = region.actor('regio')
  const { productId, dayProductId, providers } = await withActor(db, regio, async (trx) => {
    const productId = await createProduct(trx, region.regionId, { segmentId, productcategorie: '45', productcode: '45A48', name: 'Jeugdhulp ambulant individueel', eenheid: '04', variant: 'inspanningsgericht' })
    const dayProductId = await createProduct(trx, region.regionId, { segmentId, productcategorie: '45', productcode: '45A53', name: 'Jeugdhulp ambulant groep', eenheid: '16', variant: 'inspanningsgericht' })
    const providers = []
    for (const [i, agb] of ['41000001', '41000002', '41000003'].entries()) {
      providers.push({ id: await createProvider(trx, region.regionId, { agbCode: agb, kvkNumber: `1234567${i}`, name: `Aanbieder ${i + 1}`, legalForm: 'stichting' }), agb })
    }
    const contractId = await createContract(trx, region.regionId, { reference: 'T-2026', name: 'Testcontract', startDate: '2026-01-01', initialYears: 2, extensionOptions: [], segmentIds: [segmentId] })
    const [contract] = await listContracts(trx, { providerId: null })
    const lotId = contract!.lots[0]!.id
    for (const p of providers.slice(0, 2)) await awardLot(trx, region.regionId, { lotId, providerId: p.id, gemeenteIds: [zeist.id], validFrom: '2026-01-01', validTo: null })
    for (const [year, cents] of [[2026, 9000], [2027, 9270]] as const) {
      await createTariff(trx, region.regionId, { productId, contractId, validFrom: `${year}-01-01`, validTo: `${year}-12-31`, amountCents: cents })
      await createTariff(trx, region.regionId, { productId: dayProductId, contractId, validFrom: `${year}-01-01`, validTo: `${year}-12-31`, amountCents: cents * 3 })
    }
    return { productId, dayProductId, providers }
  })
  const team: Actor = { ...region.actor('lokaal_team', { gemeenteId: zeist.id }), userId: 9001 }
  const colleague: Actor = { ...team, userId: 9002, name: 'collega' }
  const bsn = '999900006'
  const { id: clientId } = await withActor(db, team, (trx) => registerClient(trx, team, { bsn, birthDate: '2012-02-14', familyName: 'Wit', namePrefix: 'de', initials: 'T', gender: '1', postcode: '3701AB', huisnummer: 12 }))
  return { region, zeist, segmentId, productId, dayProductId, providers, clientId, bsn, team, colleague }
}

/** A plain assessment for a toewijzing in tests. */
export const assessment = { perspective: 'ontwikkeling' as const, complexity: 'enkelvoudig' as const, intensity: 'middel' as const, goals: [{ description: 'Doel', domain: 'ontwikkeling' as const, t1: 2 }] }

let identificatie = 0

/** A provider message (iJw) from `agb` to gemeente `cbs`. */
export function providerMessage(code: '305' | '307' | '315' | '317', agb: string, cbs: string, client: WritableObject, dagtekening = '2026-11-02', ident = `T${++identificatie}`): Uint8Array {
  return writeProviderMessage('ijw', code, agb, cbs, ident, dagtekening, client)
}

/** A 315 for one hourly product from `ingangsdatum`, with a verwijzer of `type`. */
export function request315(s: ToegangScenario, ref: string, options: { provider?: number; ingangsdatum?: string; einddatum?: string; verwijzer?: string; ident?: string } = {}): Uint8Array {
  const provider = s.providers[options.provider ?? 0]!
  return providerMessage(
    '315',
    provider.agb,
    s.zeist.cbsCode,
    {
      Bsn: s.bsn,
      Geboortedatum: { Datum: '2012-02-14' },
      Geslacht: '1',
      Naam: { Geslachtsnaam: { Achternaam: 'Wit', Voorvoegsel: 'de' }, Voorletters: 'T' },
      AangevraagdeProducten: {
        AangevraagdProduct: [
          {
            ReferentieAanbieder: ref,
            Product: { Categorie: '45', Code: '45A48' },
            ToewijzingIngangsdatum: options.ingangsdatum ?? '2026-12-01',
            ToewijzingEinddatum: options.einddatum ?? '2027-05-31',
            Omvang: { Volume: '3', Eenheid: '04', Frequentie: '2' },
            Verwijzer: { Type: options.verwijzer ?? '02', ZorgverlenerCode: '01234567' },
          },
        ],
      },
    },
    '2026-11-02',
    options.ident,
  )
}

export function startStop(s: ToegangScenario, code: '305' | '307', nummer: number, fields: WritableObject, options: { provider?: number; ident?: string; dagtekening?: string } = {}): Uint8Array {
  const provider = s.providers[options.provider ?? 0]!
  const key = code === '305' ? 'StartProducten' : 'StopProducten'
  const item = code === '305' ? 'StartProduct' : 'StopProduct'
  return providerMessage(code, provider.agb, s.zeist.cbsCode, {
    Bsn: s.bsn,
    Geboortedatum: { Datum: '2012-02-14' },
    Geslacht: '1',
    Naam: { Geslachtsnaam: { Achternaam: 'Wit', Voorvoegsel: 'de' }, Voorletters: 'T' },
    [key]: { [item]: [{ ToewijzingNummer: String(nummer), Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: '2026-12-01', StatusAanlevering: '1', ...fields }] },
  }, options.dagtekening ?? '2026-12-10', options.ident)
}

/** The client block of the scenario's client, as a provider's 305/307/315 carries it. */
export const scenarioClient = (s: ToegangScenario): WritableObject => ({
  Bsn: s.bsn,
  Geboortedatum: { Datum: '2012-02-14' },
  Geslacht: '1',
  Naam: { Geslachtsnaam: { Achternaam: 'Wit', Voorvoegsel: 'de' }, Voorletters: 'T' },
})

/** A 305 or 307 with these StartProduct / StopProduct classes exactly as given (no defaults), for the scenario's client. */
export function deliveryMessage(s: ToegangScenario, code: '305' | '307', classes: WritableObject[], options: { provider?: number; ident?: string; dagtekening?: string } = {}): Uint8Array {
  const provider = s.providers[options.provider ?? 0]!
  const [key, item] = code === '305' ? ['StartProducten', 'StartProduct'] : ['StopProducten', 'StopProduct']
  return providerMessage(code, provider.agb, s.zeist.cbsCode, { ...scenarioClient(s), [key]: { [item]: classes } }, options.dagtekening ?? '2026-12-10', options.ident)
}

/** A 317 for the scenario's client (or `bsn`) with this Verzoek. */
export function changeRequest317(s: ToegangScenario, verzoek: WritableObject, options: { provider?: number; ident?: string; dagtekening?: string; bsn?: string } = {}): Uint8Array {
  const provider = s.providers[options.provider ?? 0]!
  return providerMessage('317', provider.agb, s.zeist.cbsCode, { Bsn: options.bsn ?? s.bsn, Verzoek: { RedenVerzoek: '1', ...verzoek } }, options.dagtekening ?? '2026-12-14', options.ident)
}

/**
 * A provider message (iJw) written without the level-2 rules, as a provider's faulty software
 * might send it: for testing that the inbox refuses it with 0001.
 */
export function uncheckedProviderMessage(code: '305' | '307' | '315' | '317', agb: string, cbs: string, client: WritableObject, dagtekening = '2026-12-10', ident = `T${++identificatie}`): Uint8Array {
  const header = { BerichtCode: berichtCodes.ijw[code], BerichtVersie: '3', BerichtSubversie: '2', Afzender: agb, Ontvanger: cbs, BerichtIdentificatie: { Identificatie: ident, Dagtekening: dagtekening }, XsdVersie: xsdVersieOf({ law: 'ijw', code }) }
  return new TextEncoder().encode(writeMessage({ law: 'ijw', code }, { Header: header, Client: client }, { checkRules: false }))
}

/** A taakgericht product (no toewijzing, IV096) in a segment of its own, in the scenario's region. */
export async function taakgerichtProduct(db: Database, s: ToegangScenario, code = '45T01'): Promise<number> {
  const segmentId = await newSegment(db, s.region, { instruments: { ...defaultInstruments, bekostiging: { ...defaultInstruments.bekostiging, variants: ['taakgericht'] } } })
  return withActor(db, s.region.actor('regio'), (trx) => createProduct(trx, s.region.regionId, { segmentId, productcategorie: '45', productcode: code, name: 'Jeugdhulp taakgericht', eenheid: null, variant: 'taakgericht' }))
}
