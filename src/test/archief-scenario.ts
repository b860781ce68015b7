/**
 * Observer mode's test traffic (ADR 0028): a region's messages run through Koers in answering
 * mode, and exported in both directions as a back office's archive would hold them.
 */
import { expect } from 'vitest'
import { registerClient } from '../clients/client.queries.ts'
import type { Database } from '../db/database.ts'
import { withActor } from '../db/scope.ts'
import { providerMessage } from '../exchange/provider-message.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { approveRequest, refuseRequest } from '../requests/request.queries.ts'
import { changeToewijzing, issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { declaratie323 } from './declaratie-scenario.ts'
import { type ToegangScenario, assessment, request315, scenarioClient, startStop } from './toegang-scenario.ts'

export const at = (date: string, time = '12:00:00') => ({ date, time })
export const BSN2 = '999900018'
export const client2 = { Bsn: BSN2, Geboortedatum: { Datum: '2010-05-01' }, Geslacht: '2', Naam: { Geslachtsnaam: { Achternaam: 'Groen' }, Voorletters: 'A' } }

/** A region's traffic in answering mode: requests answered with a 301 and a 319, starts, an extension, a second client, a declaration with a rejected line. */
export async function answeringTraffic(db: Database, s: ToegangScenario): Promise<void> {
  const region = s.region.regionId
  const as = <T>(work: (trx: Parameters<Parameters<typeof withActor>[2]>[0]) => Promise<T>) => withActor(db, s.team, work)
  const ok = async (bytes: Uint8Array, date: string) => expect(await receiveMessage(db, region, bytes, { at: at(date) })).toMatchObject({ outcome: 'verwerkt' })
  const [p0, p1] = s.providers
  // A 315 approved with a 301, and a 315 of another provider refused with a 319.
  await ok(request315(s, 'R1', { ident: 'RQ1' }), '2026-11-02')
  await ok(providerMessage('ijw', '315', p1!.agb, s.zeist.cbsCode, 'RQ2', '2026-11-02', { ...scenarioClient(s), AangevraagdeProducten: { AangevraagdProduct: [{ ReferentieAanbieder: 'R2', Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: '2026-12-01', ToewijzingEinddatum: '2027-05-31', Omvang: { Volume: '2', Eenheid: '04', Frequentie: '2' }, Verwijzer: { Type: '02', ZorgverlenerCode: '01234567' } }] } }), '2026-11-02')
  const requests = await as((trx) => trx.selectFrom('care_request').select(['id', 'referentie_aanbieder']).orderBy('id').execute())
  const t1 = await as((trx) => approveRequest(trx, s.team, requests[0]!.id, { productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' }, assessment }, at('2026-11-03', '09:00:00')))
  await as((trx) => refuseRequest(trx, s.team, requests[1]!.id, { reden: '7' }, at('2026-11-04', '09:00:00')))
  // A second client, allocated without a request; the observer learns of her only from the 301.
  const { id: c2 } = await as((trx) => registerClient(trx, s.team, { bsn: BSN2, birthDate: '2010-05-01', familyName: 'Groen', initials: 'A', gender: '2', postcode: '3702CD', huisnummer: 5 }))
  const t2 = await as((trx) => issueToewijzing(trx, s.team, { clientId: c2, assessment, providerId: p1!.id, productId: s.dayProductId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '16', frequentie: '2' } }, { at: at('2026-11-25', '10:00:00') }))
  // Starts (one for each), an extension (a second version), a stop.
  await ok(startStop(s, '305', t1.toewijzingNummer, { Begindatum: '2026-12-01' }, { ident: 'ST1', dagtekening: '2026-12-03' }), '2026-12-03')
  await ok(providerMessage('ijw', '305', p1!.agb, s.zeist.cbsCode, 'ST2', '2026-12-04', { ...client2, StartProducten: { StartProduct: [{ ToewijzingNummer: String(t2.toewijzingNummer), Product: { Categorie: '45', Code: '45A53' }, ToewijzingIngangsdatum: '2026-12-01', Begindatum: '2026-12-02', StatusAanlevering: '1' }] } }), '2026-12-04')
  await as((trx) => changeToewijzing(trx, s.team, t1.id, { redenWijziging: '04', einddatum: '2027-08-31', note: 'verlengd' }, { at: at('2026-12-15', '09:00:00') }))
  await ok(providerMessage('ijw', '307', p1!.agb, s.zeist.cbsCode, 'SP2', '2027-01-20', { ...client2, StopProducten: { StopProduct: [{ ToewijzingNummer: String(t2.toewijzingNummer), Product: { Categorie: '45', Code: '45A53' }, ToewijzingIngangsdatum: '2026-12-01', Begindatum: '2026-12-02', RedenBeeindiging: '02', Einddatum: '2027-01-15', StatusAanlevering: '1' }] } }), '2027-01-20')
  // A declaration of December: one line approved, one on another provider's toewijzing (rejected by the rules).
  const regels = [
    { ref: 'D1', nummer: t1.toewijzingNummer, bsn: s.bsn, begin: '2026-12-01', eind: '2026-12-31', volume: 12, tarief: 9000 },
    { ref: 'D2', nummer: t2.toewijzingNummer, bsn: BSN2, begin: '2026-12-01', eind: '2026-12-31', volume: 1, code: '45A53', eenheid: '16', tarief: 27000 },
  ]
  expect(await receiveMessage(db, region, declaratie323({ agb: p0!.agb, cbs: s.zeist.cbsCode, ident: 'DC1', nummer: 'DN202612', maand: '2026-12', dagtekening: '2027-01-05', regels }), { at: at('2027-01-05') })).toMatchObject({ outcome: 'verwerkt', declaratie: { goedgekeurd: 1, afgewezen: 1 } })
  // January of the second client's provider: one line approved, one on a toewijzing that does not exist.
  const januari = [
    { ref: 'D3', nummer: t2.toewijzingNummer, bsn: BSN2, begin: '2027-01-01', eind: '2027-01-31', volume: 1, code: '45A53', eenheid: '16', tarief: 27810 },
    { ref: 'D4', nummer: 999, bsn: BSN2, begin: '2027-01-01', eind: '2027-01-31', volume: 1, code: '45A53', eenheid: '16', tarief: 27810 },
  ]
  expect(await receiveMessage(db, region, declaratie323({ agb: p1!.agb, cbs: s.zeist.cbsCode, ident: 'DC2', nummer: 'DN202701', maand: '2027-01', dagtekening: '2027-01-25', regels: januari }), { at: at('2027-01-25') })).toMatchObject({ outcome: 'verwerkt', declaratie: { goedgekeurd: 1, afgewezen: 1 } })
}

/** Every message of the region, both directions, as an archive would hold them: name → bytes. */
export async function exportBothDirections(db: Database, s: ToegangScenario): Promise<Map<string, Buffer>> {
  const rows = await withActor(db, s.team, (trx) => trx.selectFrom('message').select(['direction', 'code', 'identificatie', 'sender_code', 'content']).execute())
  return new Map(rows.map((r) => [`${r.sender_code}/${r.code}-${r.identificatie}.xml`, Buffer.from(r.content)]))
}

