/**
 * Issue 18 "Done when", the forms the other files leave: a taakgericht payment, a lawfulness
 * sample and the signal margin, each submitted wrongly, say in Dutch at the field what is wrong
 * (aria-invalid, described by the melding) — checked before sending where the form can tell, and
 * the server's refusal at its field where only the server can. Screenshots land in e2e/output/.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saysAtField } from './page-helpers.ts'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(4400)
})

afterAll(() => e2e?.stop())

describe('more forms that say in Dutch what is wrong, at the field', () => {
  it('a taakgericht payment: the provider, the month and an amount in euros', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Declaraties' }).click()
    await page.getByRole('heading', { level: 2, name: 'Taakgerichte betalingen' }).waitFor()
    const submit = page.getByRole('button', { name: 'Betaling vastleggen' })
    await submit.click()
    await saysAtField(page, page.locator('#tg-aanbieder'), /Kies een aanbieder/)
    await saysAtField(page, page.locator('#tg-maand'), /Vul de maand in/)
    // Fixed, the melding goes; an amount that is no amount is named in the words typed.
    await page.locator('#tg-aanbieder option').nth(1).waitFor({ state: 'attached' })
    await page.locator('#tg-aanbieder').selectOption({ index: 1 })
    expect(await page.locator('#tg-aanbieder').getAttribute('aria-invalid')).toBeNull()
    await page.locator('#tg-bedrag').fill('twee ton')
    await submit.click()
    await saysAtField(page, page.locator('#tg-bedrag'), /'twee ton' is geen bedrag in euro's/)
    await page.screenshot({ path: join(output, 'formulier-taakgericht.png'), fullPage: true })
    await page.close()
  })

  it('a lawfulness sample: the months and the number of draws', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Rechtmatigheid' }).click()
    await page.getByRole('heading', { level: 1, name: 'Rechtmatigheid' }).waitFor()
    await page.getByLabel('Aantal trekkingen').fill('')
    await page.getByRole('button', { name: 'Steekproef trekken' }).click()
    await saysAtField(page, page.getByLabel('Van maand'), /Vul de eerste maand in/)
    await saysAtField(page, page.getByLabel('Tot en met maand'), /Vul de laatste maand in/)
    await saysAtField(page, page.getByLabel('Aantal trekkingen'), /Vul het aantal trekkingen in/)
    await page.screenshot({ path: join(output, 'formulier-steekproef.png'), fullPage: true })
    await page.close()
  })

  it('the signal margin: the server refuses more than 100 %, at the field', async () => {
    const page = await e2e.logIn('icm.zou')
    await page.goto(`${e2e.base}/#/budgetsignalen`)
    const marge = page.locator('#marge')
    await marge.waitFor()
    await marge.fill('150')
    await page.getByRole('button', { name: 'Marge vastleggen' }).click()
    await saysAtField(page, marge, /\S/)
    await page.screenshot({ path: join(output, 'formulier-marge.png'), fullPage: true })
    await page.close()
  })
})
