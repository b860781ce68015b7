/**
 * Issue 18 §1 for the forms beside the main work: a strategy target, an outcome measurement and
 * a gezagsdrager, each submitted wrongly, say in Dutch at the field what is wrong (aria-invalid,
 * described by the melding), before sending where the form can tell and after the server's
 * refusal where only it can. Screenshots land in e2e/output/.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Segment } from '../src/segments/segment.queries.ts'
import { getJson, providerWithT2Due, saysAtField } from './page-helpers.ts'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(3730)
})

afterAll(() => e2e?.stop())


describe('forms that say in Dutch what is wrong, at the field', () => {
  it('a strategy target: checked before sending, and the server’s refusal at its field', async () => {
    const page = await e2e.logIn('icm.zou')
    const segment = (await getJson<Segment[]>(page, '/api/segments'))[0]!
    await page.goto(`${e2e.base}/#/segmenten/${segment.id}`)
    await page.getByRole('heading', { level: 1, name: segment.name }).waitFor()
    await page.getByText('Doel toevoegen', { exact: true }).click()
    const form = page.getByRole('form', { name: 'Doel toevoegen' })
    const naam = form.getByLabel(/^Naam/)
    await form.getByRole('button', { name: 'Doel vastleggen' }).click()
    await saysAtField(page, naam, /Geef het doel een naam/)
    // Fixed, the melding goes.
    await naam.fill('Minder instroom')
    expect(await naam.getAttribute('aria-invalid')).toBeNull()
    // A change the server refuses (a decrease of more than 100 %): its melding at the field.
    const pct = form.getByLabel(/^Verandering/)
    await pct.fill('-150')
    await form.getByRole('button', { name: 'Doel vastleggen' }).click()
    await saysAtField(page, pct, /\S/)
    await page.screenshot({ path: join(output, 'formulier-doel.png'), fullPage: true })
    await page.close()
  })

  it('an outcome measurement: every goal needs its result', async () => {
    const { page, due } = await providerWithT2Due(e2e)
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitkomsten' }).click()
    await page.getByRole('heading', { level: 1, name: 'Uitkomsten meten' }).waitFor()
    await page.getByRole('button', { name: `Meting vastleggen voor toewijzing ${due.toewijzingNummer} in ${due.gemeente}`, exact: true }).click()
    const form = page.getByRole('form', { name: 'Meting vastleggen' })
    await form.getByLabel('Moment').selectOption('T2')
    await form.getByRole('button', { name: 'Meting opslaan' }).click()
    const first = form.getByLabel(/^Doel 1:/)
    await saysAtField(page, first, /Geef het resultaat/)
    await first.selectOption('behaald')
    expect(await first.getAttribute('aria-invalid')).toBeNull()
    await page.screenshot({ path: join(output, 'formulier-meting.png'), fullPage: true })
    await page.close()
  })

  it('a gezagsdrager: a name, and an address or a telephone number (OP130)', async () => {
    const page = await e2e.logIn('lokaalteam.zeist')
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor()
    const hrefs = [...new Set(await page.locator('a[href^="#/client/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)))]
    expect(hrefs.length).toBeGreaterThan(0)
    // The first client file with a gezag section (a client in the Jeugdwet).
    let found = false
    for (const href of hrefs.slice(0, 10)) {
      await page.goto(`${e2e.base}/${href}`)
      await page.getByRole('heading', { level: 1, name: /^Dossier/ }).waitFor()
      if (await page.getByRole('button', { name: 'Gezagsdrager toevoegen' }).isVisible({ timeout: 3_000 }).catch(() => false)) {
        found = true
        break
      }
    }
    expect(found, 'a client file where a gezagsdrager can be added').toBe(true)
    await page.getByRole('button', { name: 'Gezagsdrager toevoegen' }).click()
    await saysAtField(page, page.getByLabel(/^Achternaam of naam organisatie/), /Vul de achternaam/)
    await saysAtField(page, page.getByLabel(/^Telefoon/), /adres .* telefoonnummer/)
    await page.getByLabel(/^Achternaam of naam organisatie/).fill('Visser')
    await page.getByLabel(/^Postcode/).fill('37o1ab')
    await page.getByRole('button', { name: 'Gezagsdrager toevoegen' }).click()
    await saysAtField(page, page.getByLabel(/^Postcode/), /vier cijfers en twee letters/)
    await saysAtField(page, page.getByLabel(/^Huisnummer/), /huisnummer/)
    await page.screenshot({ path: join(output, 'formulier-gezag.png'), fullPage: true })
    await page.close()
  })
})
