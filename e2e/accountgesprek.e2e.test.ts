/**
 * Issue 20 §1–§4 in Chromium: the region's team finds an account on its Contractmanagement work
 * list, plans a conversation, reads the agenda Koers assembled, records the conversation with
 * notes and agreements, closes an agreement with a note and downloads the dossier PDF; the
 * provider sees its own account, marks its part of an agreement done, and gets 404 for
 * another's. Screenshots (and the dossier with its pages as PNG) land in e2e/output/.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountLine } from '../src/accounts/account.queries.ts'
import { getJson } from './page-helpers.ts'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(4800)
})

afterAll(() => e2e?.stop())

const today = new Date()
const pad = (n: number) => String(n).padStart(2, '0')
const typed = (d: Date) => `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`
const later = new Date(today.getFullYear(), today.getMonth() + 1, 15)

describe('account conversations in Chromium', () => {
  it('the region plans, prepares, records and follows up a conversation, and downloads the dossier; the provider sees only its own', async () => {
    const provider = await e2e.logIn('aanbieder1.zou')
    const me = await getJson<{ providerId: number }>(provider, '/api/auth/me')
    const page = await e2e.logIn('icm.zou')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Contractmanagement' }).click()
    await page.getByRole('heading', { level: 1, name: 'Contractmanagement' }).waitFor()
    const accounts = await getJson<AccountLine[]>(page, '/api/accounts')
    const ours = accounts.find((a) => a.providerId === me.providerId)!
    const theirs = accounts.find((a) => a.providerId !== me.providerId)!
    await page.getByRole('table', { name: 'Alle accounts' }).getByRole('link', { name: ours.name, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: `Account ${ours.name}` }).waitFor()
    await page.screenshot({ path: join(output, 'accountgesprek-1-werklijst-account.png'), fullPage: true })

    // Plan: empty, each required date says so at its field; then the form sends us to the conversation's page, with its agenda.
    await page.getByRole('button', { name: 'Gesprek plannen' }).click()
    await page.locator('#gesprek-datum[aria-invalid="true"]').waitFor()
    await page.getByText('Vul de datum in.').first().waitFor()
    await page.getByLabel('Gesprek op').fill(typed(today))
    await page.getByLabel('Cijfers van').fill(`01-01-${today.getFullYear()}`)
    await page.getByLabel('Cijfers tot en met').fill(typed(today))
    await page.getByRole('button', { name: 'Gesprek plannen' }).click()
    await page.getByRole('heading', { level: 1, name: `Accountgesprek ${ours.name}` }).waitFor()
    for (const title of ['Prestaties en doelen', 'Budget en prognose', 'Signalen en opvolging', 'Declaraties', 'Wachttijden', 'Uitkomsten', 'Afspraken van eerdere gesprekken']) await page.getByRole('heading', { level: 2, name: title }).waitFor()
    await page.screenshot({ path: join(output, 'accountgesprek-2-agenda.png'), fullPage: true })

    // Record: present, a note, two agreements (one for the region to close, one for the provider).
    await page.getByLabel('Aanwezig').fill('Accounthouder regio; directeur aanbieder')
    await page.getByLabel('Notitie bij Budget en prognose').fill('Prognose tegen budget besproken')
    await page.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    await page.locator('#afspraak-wat[aria-invalid="true"]').waitFor()
    for (const [what, party] of [['Cijfers over wachttijden delen', 'regio'], ['Verbeterplan wachttijden opstellen', 'aanbieder']] as const) {
      await page.getByLabel('Wat').fill(what)
      await page.locator('#afspraak-wie').selectOption(party)
      await page.getByLabel('Uiterlijk').fill(typed(later))
      await page.getByRole('button', { name: 'Afspraak toevoegen' }).click()
      await page.getByRole('list', { name: 'Toegevoegde afspraken' }).getByText(what).waitFor()
    }
    await page.getByRole('button', { name: 'Gesprek vastleggen' }).click()
    await page.getByText('Het gesprek is vastgelegd.').waitFor()
    const made = page.getByRole('table', { name: 'Afspraken uit dit gesprek' })
    await made.getByText('Verbeterplan wachttijden opstellen').waitFor()
    await page.getByRole('heading', { level: 2, name: 'Notities (intern)' }).waitFor()

    // Closing needs a note; then it closes.
    await page.locator('#gemaakte-afspraken-afspraak').selectOption({ label: `Cijfers over wachttijden delen (uiterlijk ${later.getDate()}-${later.getMonth() + 1}-${later.getFullYear()})` })
    await page.getByRole('button', { name: 'Afspraak sluiten' }).click()
    await page.locator('#gemaakte-afspraken-notitie-fout, [id$="notitie-fout"]').filter({ hasText: 'Schrijf een toelichting.' }).first().waitFor()
    await page.getByLabel('Toelichting').fill('Cijfers gedeeld in het gesprek')
    await page.getByRole('button', { name: 'Afspraak sluiten' }).click()
    await page.getByText('De afspraak is gesloten.').waitFor()
    await page.screenshot({ path: join(output, 'accountgesprek-3-vastgelegd.png'), fullPage: true })

    // The dossier, from the account page.
    await page.goto(`${e2e.base}/#/accounts/${ours.providerId}`)
    await page.getByRole('heading', { level: 1, name: `Account ${ours.name}` }).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Dossier downloaden/ }).click()])
    const file = join(output, 'accountgesprek-dossier.pdf')
    await download.saveAs(file)
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    expect(text).toContain(ours.name)
    expect(text).toContain('Verbeterplan wachttijden opstellen')
    expect(text).toContain('Budget en prognose')
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', file, join(output, 'accountgesprek-dossier')])
    await page.close()

    // The provider: its own account, its part done with a note, nothing of another's.
    await provider.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn account' }).click()
    await provider.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor()
    await provider.getByRole('table', { name: 'Afspraken' }).getByText('Verbeterplan wachttijden opstellen').waitFor()
    await provider.locator('#mijn-afspraken-afspraak').selectOption({ index: 1 })
    await provider.getByRole('button', { name: 'Gereed melden' }).click()
    await provider.locator('#mijn-afspraken-notitie[aria-invalid="true"]').waitFor()
    await provider.getByLabel('Toelichting').fill('Plan gestuurd aan de accounthouder')
    await provider.getByRole('button', { name: 'Gereed melden' }).click()
    await provider.getByText('Uw deel van de afspraak is gereed gemeld.').waitFor()
    expect(await provider.getByText('Prognose tegen budget besproken').count()).toBe(0)
    await provider.screenshot({ path: join(output, 'accountgesprek-4-mijn-account.png'), fullPage: true })
    const status = (path: string) => provider.evaluate(async (p) => (await fetch(p)).status, path)
    expect(await status(`/api/accounts/${theirs.providerId}`)).toBe(404)
    expect(await status(`/api/accounts/${theirs.providerId}/dossier?van=${today.getFullYear()}-01&tot=${today.getFullYear()}-01`)).toBe(404)
    expect((await getJson<AccountLine[]>(provider, '/api/accounts')).map((a) => a.providerId)).toEqual([me.providerId])
    await provider.close()
  }, 600_000)
})
