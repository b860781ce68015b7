/**
 * Issue 20 §5 as people do it (contractstandaard Wmo art. 1.5): the region sets a provider's
 * bestedingsruimte in a segment, sees the 70 % signal, sends the written notice, records the
 * consultation and the decision, and sets a cliëntenstop; the provider reads the notice in its
 * portal; the lokaal team's new toewijzing to that provider in that segment is refused with the
 * Dutch explanation (TG-STOP). Screenshots land in e2e/output/bestedingsruimte-*.png.
 */
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type E2eServer, output, startServer } from './server.ts'
import { getJson, saysAtField } from './page-helpers.ts'
import { addDays, today } from '../src/shared/dates.ts'
import { formatEuroPlain } from '../src/shared/format-nl.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(4850)
})

afterAll(() => e2e?.stop())

const shot = (page: Page, name: string) => page.screenshot({ path: join(output, `bestedingsruimte-${name}.png`), fullPage: true })

async function fillDate(field: Locator, iso: string) {
  const [y, m, d] = iso.split('-')
  await field.fill(`${d}-${m}-${y}`)
}

interface RegionData {
  gemeenten: { id: number; cbsCode: string }[]
  products: { id: number; segmentId: number; productcategorie: string }[]
  contracts: { lots: { segmentId: number; awards: { providerId: number; gemeenteIds: number[] }[] }[] }[]
}

describe('bestedingsruimte and cliëntenstop in Chromium', () => {
  it('goes from the 70 % signal through notice, consultation and decision to a stop the toegang rules respect', async () => {
    const year = Number(today().slice(0, 4))
    // The lokaal team of Zeist in the file of a client of its own; the products its form offers.
    const team = await e2e.logIn('lokaalteam.zeist')
    await team.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor()
    const href = await team.locator('a[href^="#/client/"]').first().getAttribute('href')
    expect(href, 'a client in the work queue').toBeTruthy()
    await team.goto(`${e2e.base}/${href}`)
    const form = team.getByRole('region', { name: 'Nieuwe toewijzing' })
    await form.waitFor()
    const offered = new Set((await form.getByLabel(/^Product/).locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v !== '').map(Number))

    // A demo provider with a login, contracted for Zeist in a segment of one of those products, with usage this year.
    const region = await e2e.logIn('icm.zou')
    const data = await getJson<RegionData>(region, '/api/region')
    const zeist = data.gemeenten.find((g) => g.cbsCode === '0355')!
    let chosen: { username: string; providerId: number; segmentId: number; productId: number; usedCents: number } | undefined
    for (const username of ['aanbieder1.zou', 'aanbieder2.zou', 'aanbieder3.zou']) {
      const provider = await e2e.logIn(username)
      const providerId = (await getJson<{ providerId: number }>(provider, '/api/auth/me')).providerId
      await provider.close()
      for (const product of data.products.filter((p) => offered.has(p.id) && !['46', '17'].includes(p.productcategorie))) {
        const awarded = data.contracts.some((c) => c.lots.some((l) => l.segmentId === product.segmentId && l.awards.some((a) => a.providerId === providerId && a.gemeenteIds.includes(zeist.id))))
        if (!awarded) continue
        const rows = await getJson<{ realisedCents: number; openCents: number }[]>(region, `/api/budgets/figures?year=${year}&level=aanbieder&provider=${providerId}&segment=${product.segmentId}`)
        const usedCents = rows.reduce((s, r) => s + r.realisedCents + r.openCents, 0)
        if (usedCents > 100_00) {
          chosen = { username, providerId, segmentId: product.segmentId, productId: product.id, usedCents }
          break
        }
      }
      if (chosen) break
    }
    if (!chosen) throw new Error('no demo provider with a login has usage in a segment the lokaal team of Zeist can allocate')

    // The region sets the room so that 80 % of it is used.
    await region.goto(`${e2e.base}/#/bestedingsruimte`)
    await region.getByRole('heading', { level: 1, name: 'Bestedingsruimte' }).waitFor()
    const vaststellen = region.getByRole('form', { name: 'Bestedingsruimte vaststellen' })
    // Sent empty, the form says what is missing at its fields, in Dutch.
    await vaststellen.getByRole('button', { name: 'Vaststellen' }).click()
    await saysAtField(region, vaststellen.getByLabel(/^Aanbieder/), /^Vul de aanbieder in\.$/)
    await saysAtField(region, vaststellen.getByLabel(/^Bedrag/), /^Vul het bedrag in\.$/)
    await vaststellen.getByLabel(/^Aanbieder/).selectOption(String(chosen.providerId))
    await vaststellen.getByLabel(/^Segment/).selectOption(String(chosen.segmentId))
    await vaststellen.getByLabel(/^Bedrag/).fill(formatEuroPlain(Math.round(chosen.usedCents / 0.8)))
    await fillDate(vaststellen.getByLabel(/^Voornemen aangekondigd op/), `${year - 1}-06-20`)
    await fillDate(vaststellen.getByLabel(/^Besluit gemeld op/), `${year - 1}-09-25`)
    await vaststellen.getByRole('button', { name: 'Vaststellen' }).click()
    await region.getByText('De bestedingsruimte is vastgesteld.').waitFor()

    const rooms = await getJson<{ id: number; providerId: number; segmentId: number | null; aanbieder: string; segment: string; status: { signalen: string[]; benutPct: number } }[]>(region, `/api/bestedingsruimte?jaar=${year}`)
    const room = rooms.find((r) => r.providerId === chosen.providerId && r.segmentId === chosen.segmentId)!
    expect(room.status.signalen).toContain('zeventig_procent')
    const card = region.getByRole('region', { name: `${room.aanbieder}, ${room.segment}` })
    await card.getByText('Melding versturen').waitFor()
    await shot(region, 'signaal')

    // The written notice, then the consultation and the decision.
    await card.getByRole('button', { name: 'Melding versturen' }).click()
    await card.getByText(/De schriftelijke melding is verstuurd/).waitFor()
    await card.getByRole('button', { name: 'Overleg vastleggen' }).click()
    await saysAtField(region, card.getByLabel(/^Overleg gehouden op/), /^Vul de datum van het overleg in\.$/)
    await fillDate(card.getByLabel(/^Overleg gehouden op/), today())
    await card.getByLabel(/^Afspraken uit het overleg/).fill('Plan uit artikel 1.5.5 besproken; geen nieuwe cliënten tot het besluit.')
    await card.getByRole('button', { name: 'Overleg vastleggen' }).click()
    await card.getByText('Het overleg is vastgelegd.').waitFor()
    await card.locator('select[id$="-besluit"]').selectOption('clientenstop')
    await card.getByLabel(/^Onderbouwing/).fill('De ruimte wordt niet verhoogd; een cliëntenstop voor dit segment.')
    await card.getByRole('button', { name: 'Besluit vastleggen' }).click()
    await card.getByText('Het besluit is vastgelegd.').waitFor()
    await card.getByText(/Besloten .*: Cliëntenstop/).waitFor()

    // The cliëntenstop from today, in that segment.
    const stopForm = region.getByRole('form', { name: 'Cliëntenstop instellen' })
    await stopForm.getByLabel(/^Aanbieder/).selectOption(String(chosen.providerId))
    await stopForm.getByLabel(/^Segment/).selectOption(String(chosen.segmentId))
    await stopForm.getByRole('button', { name: 'Stop instellen' }).click()
    await saysAtField(region, stopForm.getByLabel(/^Reden/), /^Vul de reden in\.$/)
    await stopForm.getByLabel(/^Reden/).fill('Bestedingsruimte bijna bereikt (besluit na overleg).')
    await stopForm.getByRole('button', { name: 'Stop instellen' }).click()
    await region.getByText('De cliëntenstop is ingesteld.').waitFor()
    await shot(region, 'regio')

    // The provider reads the notice in its portal.
    const provider = await e2e.logIn(chosen.username)
    await provider.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bestedingsruimte' }).click()
    await provider.getByRole('heading', { level: 1, name: 'Bestedingsruimte' }).waitFor()
    const own = provider.getByRole('region', { name: `${room.aanbieder}, ${room.segment}` })
    await own.getByText(/Schriftelijke melding van/).waitFor()
    await own.getByText('De brief').click()
    await own.getByText(/Onderwerp: melding bestedingsruimte/).waitFor()
    expect(await provider.locator('main').getByRole('form').count()).toBe(0)
    await shot(provider, 'aanbieder')

    // The lokaal team's toewijzing to the provider under the stop, filled in (before and after the stop is lifted).
    const vulToewijzing = async () => {
      await team.reload()
      await form.waitFor()
      await form.getByLabel(/^Product/).selectOption(String(chosen.productId))
      await form.getByLabel(/^Aanbieder/).selectOption(String(chosen.providerId))
      await fillDate(form.getByLabel(/^Ingangsdatum/), addDays(today(), 1))
      await fillDate(form.getByLabel(/^Einddatum/), addDays(today(), 60))
      await form.getByLabel(/^Doel/).fill('Weer zelfstandig wonen')
    }

    // The lokaal team's new toewijzing to that provider in that segment is refused, in Dutch.
    await vulToewijzing()
    await form.getByText(/een cliëntenstop in .* en neemt geen nieuwe cliënten aan/).waitFor({ timeout: 30_000 })
    await form.getByRole('button', { name: 'Toewijzing vastleggen' }).click()
    await team.getByText(/Kies een andere aanbieder; crisishulp valt buiten de stop\./).first().waitFor()
    await shot(team, 'toewijzing')

    // There is room again (art. 1.5.10): the region lifts the stop from today; the team's check no longer names it.
    const lift = region.getByRole('form', { name: 'Cliëntenstop opheffen' })
    await lift.getByRole('button', { name: 'Stop opheffen' }).click()
    await saysAtField(region, lift.getByLabel(/^Cliëntenstop/), /^Kies de cliëntenstop die u opheft\.$/)
    const stopKeuze = lift.getByLabel(/^Cliëntenstop/)
    await stopKeuze.selectOption((await stopKeuze.locator('option', { hasText: room.aanbieder }).first().getAttribute('value'))!)
    await lift.getByRole('button', { name: 'Stop opheffen' }).click()
    await saysAtField(region, lift.getByLabel(/^Toelichting/), /^Vul de toelichting in\.$/)
    await lift.getByLabel(/^Toelichting/).fill('Ruimte verhoogd na de jaarafspraak.')
    await lift.getByRole('button', { name: 'Stop opheffen' }).click()
    await region.getByText('De cliëntenstop is opgeheven.').waitFor()
    await region.getByRole('cell', { name: 'Ruimte verhoogd na de jaarafspraak.' }).waitFor()
    await vulToewijzing()
    // The live check's findings show once it has answered; the stop is no longer among them.
    await form.locator('.koers-findings').waitFor({ timeout: 30_000 })
    await expect.poll(() => form.getByText(/een cliëntenstop in .* en neemt geen nieuwe cliënten aan/).count(), { timeout: 30_000 }).toBe(0)
    await shot(region, 'opgeheven')
  })
})
