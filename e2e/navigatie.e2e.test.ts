/**
 * Issue 18 §1, §3, §6 as people meet them: each role starts at its work, every page has its own
 * title, an unknown address says so, the skip link goes to the content without leaving the page,
 * a wrong form says in Dutch what is wrong at the field (and forgets it once fixed), and an
 * upload that is no message gets a Dutch answer with its retourcode instead of a blank screen.
 * Screenshots land in e2e/output/.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type E2eServer, output, startServer } from './server.ts'
import { providerMessage } from '../src/exchange/provider-message.ts'
import { addDays, today } from '../src/shared/dates.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(3700)
})

afterAll(() => e2e?.stop())

describe('finding one’s way in Chromium', () => {
  it.each([
    ['lokaalteam.zeist', 'werkvoorraad', 'Werkvoorraad'],
    ['aanbieder1.zou', 'berichten', 'Berichten'],
    ['toezicht.zou', 'rechtmatigheid', 'Rechtmatigheid'],
    ['gemeente.zeist', 'dashboard', 'Dashboard'],
  ])('starts %s at its work (#/%s)', async (username, path, title) => {
    const page = await e2e.logIn(username)
    await page.waitForURL(`**/#/${path}`)
    await page.getByRole('heading', { level: 1 }).first().waitFor()
    expect(await page.title()).toBe(`${title} — Koers`)
    const current = page.getByRole('navigation', { name: 'Hoofdmenu' }).locator('a[aria-current="page"]')
    expect(await current.getAttribute('href')).toBe(`#/${path}`)
    await page.screenshot({ path: join(output, `start-${username}.png`) })
    await page.close()
  })

  it('says so at an unknown address, and titles each page', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    await page.goto(`${e2e.base}/#/bestaat-niet`)
    await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor()
    expect(await page.title()).toBe('Pagina niet gevonden — Koers')
    // A page the role may not open is not in its menu, and says so when typed in.
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Cliënt zoeken' }).count()).toBe(0)
    await page.goto(`${e2e.base}/#/clienten`)
    await page.getByText('Deze pagina is niet voor uw rol').waitFor()
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Declaraties' }).click()
    await page.getByRole('heading', { level: 1, name: 'Declaraties' }).waitFor()
    expect(await page.title()).toBe('Declaraties — Koers')
    // After navigating, focus is on the new page's heading, not on <body>.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1')
    await page.screenshot({ path: join(output, 'niet-gevonden.png') })
    await page.close()
  })

  it('has a skip link that moves focus to the content and keeps the page', async () => {
    const page = await e2e.logIn('lokaalteam.zeist')
    await page.waitForURL('**/#/werkvoorraad')
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor()
    await page.getByRole('link', { name: 'Naar de inhoud' }).focus()
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    expect(new URL(page.url()).hash).toBe('#/werkvoorraad')
    await page.close()
  })

  it('says at the field, in Dutch, what is wrong with a form, and forgets it once the field changes', async () => {
    const page = await e2e.logIn('lokaalteam.zeist')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Cliënt zoeken' }).click()
    const bsn = page.getByLabel('BSN')
    await page.getByRole('button', { name: 'Zoeken' }).click()
    // Checked before sending: the required field is marked, and says so.
    await page.getByText('Vul een BSN in.').first().waitFor()
    expect(await bsn.getAttribute('aria-invalid')).toBe('true')
    await bsn.fill('123456789')
    expect(await bsn.getAttribute('aria-invalid')).toBeNull()
    await page.getByRole('button', { name: 'Zoeken' }).click()
    // The route's schema refuses it before sending (ADR 0032), with the server's Dutch melding, at the field it is about.
    await page.locator('#bsn-fout').filter({ hasText: 'elfproef' }).waitFor()
    expect(await bsn.getAttribute('aria-describedby')).toBe('bsn-fout')
    expect(await bsn.getAttribute('aria-invalid')).toBe('true')
    const alert = (await page.getByRole('alert').textContent()) ?? ''
    expect(alert).toContain('Eén veld is nog niet goed ingevuld.')
    expect(alert).not.toMatch(/bsn:|fails|expected/)
    await page.screenshot({ path: join(output, 'formulier-fout.png') })
    await bsn.fill('12345678')
    expect(await page.getByRole('alert').count()).toBe(0)
    await page.close()
  })

  it('answers an upload that is no message in Dutch, with its retourcode, instead of a blank screen', async () => {
    const page = await e2e.logIn('aanbieder1.zou')
    const file = join(e2e.dataDir, 'notitie.xml')
    writeFileSync(file, 'Dit is een notitie, geen bericht.\n')
    await page.locator('#bestand').setInputFiles(file)
    const answer = page.getByRole('status').filter({ hasText: 'notitie.xml' })
    await answer.waitFor()
    const text = (await answer.textContent()) ?? ''
    expect(text).toContain('Niet te lezen: dit bestand is geen XML')
    expect(text).toContain('Retourcode 0001: Bericht is afgekeurd om technische redenen.')
    await page.getByRole('heading', { level: 1, name: 'Berichten' }).waitFor()
    await page.screenshot({ path: join(output, 'upload-geen-xml.png') })
    await page.close()
  })

  it('answers a message for a gemeente outside the region with S300 and its meaning', async () => {
    const page = await e2e.logIn('aanbieder1.zou')
    const agb = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { providerId: number }
      const region = (await (await fetch('/api/region')).json()) as { providers: { id: number; agbCode: string }[] }
      return region.providers.find((p) => p.id === me.providerId)!.agbCode
    })
    const day = addDays(today(), -7)
    const client = { Bsn: '999990019', Geboortedatum: { Datum: '2013-03-21' }, Geslacht: '2', Naam: { Geslachtsnaam: { Achternaam: 'Veldhuis' }, Voorletters: 'S' } }
    const xml = providerMessage('ijw', '315', agb, '0363', `S300${Date.now() % 100_000}`, today(), {
      ...client,
      AangevraagdeProducten: { AangevraagdProduct: [{ ReferentieAanbieder: 'S300TEST', Product: { Categorie: '45' }, ToewijzingIngangsdatum: day, Verwijzer: { Type: '01' } }] },
    })
    const file = join(e2e.dataDir, 'buiten-de-regio.xml')
    writeFileSync(file, xml)
    await page.locator('#bestand').setInputFiles(file)
    const answer = page.getByRole('status').filter({ hasText: 'buiten-de-regio.xml' })
    await answer.waitFor()
    const text = (await answer.textContent()) ?? ''
    await page.screenshot({ path: join(output, 'upload-buiten-regio.png') })
    expect(text).toContain('Retourcode S300: Gemeentecode komt niet voor in de lijst van CBS.')
    expect(text).toContain('Retourbericht downloaden')
    await page.getByRole('heading', { level: 1, name: 'Berichten' }).waitFor()
    await page.close()
  })

  it('lets the toezichthouder draw a sample from a gemeente it chooses', async () => {
    const page = await e2e.logIn('toezicht.zou')
    await page.getByRole('button', { name: 'Steekproef trekken' }).click()
    await page.getByText('Kies de gemeente.').first().waitFor()
    await page.getByLabel('Gemeente').selectOption({ label: 'Zeist' })
    await page.getByLabel('Van maand').fill('1-2020')
    await page.getByLabel('Tot en met maand').fill('december 2030')
    await page.getByRole('button', { name: 'Steekproef trekken' }).click()
    const result = page.getByRole('status').filter({ hasText: 'Steekproef' })
    await result.waitFor()
    expect(await result.textContent()).toMatch(/prestaties getrokken/)
    await page.screenshot({ path: join(output, 'steekproef-toezicht.png') })
    await page.close()
  })

  it('links a client’s file only for who may open it, and opens it for the toezichthouder', async () => {
    const gemeente = await e2e.logIn('gemeente.zeist')
    await gemeente.goto(`${e2e.base}/#/signalen`)
    await gemeente.getByRole('heading', { level: 1, name: 'Signalen toegang' }).waitFor()
    expect(await gemeente.locator('a[href^="#/client/"]').count()).toBe(0)
    await gemeente.close()
    const toezicht = await e2e.logIn('toezicht.zou')
    await toezicht.goto(`${e2e.base}/#/signalen`)
    await toezicht.getByRole('heading', { level: 1, name: 'Signalen toegang' }).waitFor()
    const links = toezicht.locator('a[href^="#/client/"]')
    if ((await links.count()) > 0) {
      await links.first().click()
      await toezicht.getByRole('heading', { level: 1, name: /^Dossier / }).waitFor()
      // The toezichthouder reads the file; it changes nothing in it.
      expect(await toezicht.getByRole('button', { name: 'Toewijzing vastleggen' }).count()).toBe(0)
      await toezicht.screenshot({ path: join(output, 'dossier-toezicht.png') })
    }
    await toezicht.close()
  })

  it('asks for a reason, none chosen beforehand, before a request is refused', async () => {
    // A provider asks for care in Zeist; the lokaal team opens the request.
    const provider = await e2e.logIn('aanbieder1.zou')
    const { agb, cbs } = await provider.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { providerId: number }
      const region = (await (await fetch('/api/region')).json()) as { providers: { id: number; agbCode: string }[]; gemeenten: { name: string; cbsCode: string }[] }
      return { agb: region.providers.find((p) => p.id === me.providerId)!.agbCode, cbs: region.gemeenten.find((g) => g.name === 'Zeist')!.cbsCode }
    })
    const ref = `AFW${Date.now() % 100_000}`
    const client = { Bsn: '999990020', Geboortedatum: { Datum: '2013-03-21' }, Geslacht: '2', Naam: { Geslachtsnaam: { Achternaam: 'Jansen' }, Voorletters: 'K' } }
    const file = join(e2e.dataDir, 'verzoek-afwijzen.xml')
    writeFileSync(file, providerMessage('ijw', '315', agb, cbs, `E315${ref}`, today(), { ...client, AangevraagdeProducten: { AangevraagdProduct: [{ ReferentieAanbieder: ref, Product: { Categorie: '45' }, ToewijzingIngangsdatum: addDays(today(), -7), Verwijzer: { Type: '01' } }] } }))
    await provider.locator('#bestand').setInputFiles(file)
    const answer = provider.getByRole('status').filter({ hasText: 'verzoek-afwijzen.xml' })
    await answer.waitFor()
    expect(await answer.textContent()).toContain('Verwerkt')
    await provider.close()

    const team = await e2e.logIn('lokaalteam.zeist')
    await team.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor()
    await team.getByRole('row').filter({ hasText: ref }).getByRole('button', { name: 'Beoordelen' }).click()
    await team.getByRole('button', { name: 'Afwijzen…' }).click()
    expect(await team.getByLabel('Reden van afwijzing').inputValue()).toBe('')
    await team.getByRole('button', { name: 'Afwijzing versturen' }).click()
    await team.getByText('Kies de reden van afwijzing.').first().waitFor()
    expect(await team.getByLabel('Reden van afwijzing').getAttribute('aria-invalid')).toBe('true')
    await team.screenshot({ path: join(output, 'afwijzen-bevestigen.png') })
    await team.getByRole('button', { name: 'Annuleren' }).click()
    expect(await team.getByRole('button', { name: 'Afwijzing versturen' }).count()).toBe(0)
    await team.close()
  })
})
