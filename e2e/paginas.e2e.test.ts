/**
 * Issue 18 §3 and §4: every page of every demo role (the menu's, a segment's and the second opinion's drill-down), at 1366 px and at 320 px (WCAG 1.4.10,
 * reflow), has no axe-core violation, no horizontal scroll of the page itself at 320 px (wide
 * tables scroll inside their own box), a title of its own, and a skip link that moves focus to
 * the content. Screenshots of every page at both widths land in e2e/output/paginas-*.png.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type E2eServer, output, startServer } from './server.ts'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(3720)
})

afterAll(() => e2e?.stop())

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** Logs in on a context that may inject axe-core despite the app's Content-Security-Policy. */
async function logIn(username: string, width: number): Promise<Page> {
  const context = await e2e.browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } })
  const page = await context.newPage()
  await page.goto(e2e.base)
  await page.getByLabel('Gebruikersnaam').fill(username)
  await page.getByLabel('Wachtwoord').fill('koers-demo')
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor()
  return page
}

/** Opens a page and waits until its data has arrived (no "Laden…" left in the content). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${e2e.base}/#/${path}`)
  await page.getByRole('heading', { level: 1 }).first().waitFor()
  await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('Laden…'), undefined, { timeout: 30_000 })
  // Recharts measures its container once the layout has settled.
  await page.waitForTimeout(300)
}

async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource })
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }))
  })
}

const users = ['icm.zou', 'gemeente.zeist', 'lokaalteam.zeist', 'aanbieder1.zou', 'toezicht.zou']

describe('every page of every role, wide and at 320 px', () => {
  it.each(users)('%s: no axe violation, no page-wide scroll at 320 px, a title of its own, a working skip link', async (username) => {
    const problems: string[] = []
    for (const width of [1366, 320]) {
      const page = await logIn(username, width)
      const menu = await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.replace(/^#\//, '')))
      // The pages of one thing that the menu leads to: a segment page, for every role that has Segmenten.
      // … and the second opinion's drill-down, for every role that has the second opinion.
      const paths = [...menu, ...(menu.includes('segmenten') ? ['segmenten/1'] : []), ...(menu.includes('integriteitssignalen') ? ['integriteit/1'] : []), ...(menu.includes('tweede-mening') ? ['tweede-mening/bevindingen'] : [])]
      // An account and a conversation (the demo's), for the region's team and a provider.
      if (menu.includes('contractmanagement') || menu.includes('mijn-account')) {
        const accounts = await page.evaluate(async () => (await (await fetch('/api/accounts')).json()) as { providerId: number }[])
        const held = await page.evaluate(async (ids) => {
          for (const id of ids) {
            const a = (await (await fetch(`/api/accounts/${id}`)).json()) as { conversations: { id: number }[] }
            if (a.conversations.length > 0) return { account: id, conversation: a.conversations[0]!.id }
          }
          return null
        }, accounts.map((a) => a.providerId))
        if (held && menu.includes('contractmanagement')) paths.push(`accounts/${held.account}`)
        if (held) paths.push(`gesprekken/${held.conversation}`)
      }
      const titles = new Map<string, string>()
      for (const path of paths) {
        await open(page, path)
        const title = await page.title()
        const other = [...titles].find(([, t]) => t === title)
        if (other) problems.push(`${path}: title "${title}" is also the title of ${other[0]}`)
        titles.set(path, title)
        if (title === 'Koers' || !title.endsWith(' — Koers')) problems.push(`${path}: title "${title}"`)
        if (width === 320) {
          const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
          if (scroll > 320) problems.push(`${path} at 320 px: the page is ${scroll} px wide`)
        } else {
          await page.getByRole('link', { name: 'Naar de inhoud' }).focus()
          await page.keyboard.press('Enter')
          if ((await page.evaluate(() => document.activeElement?.id)) !== 'main') problems.push(`${path}: the skip link does not move focus to the content`)
          if (new URL(page.url()).hash !== `#/${path}`) problems.push(`${path}: the skip link leaves the page`)
        }
        for (const v of await axe(page)) problems.push(`${path} at ${width} px: axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
        await page.screenshot({ path: join(output, `paginas-${username}-${path.replaceAll('/', '-')}-${width}.png`), fullPage: true })
      }
      await page.context().close()
    }
    expect(problems).toEqual([])
  }, 900_000)
})

describe("the region's huisstijl", () => {
  it('is set on the Regio page by the region’s team, refused when too light for white text, and worn by every user of the region', async () => {
    const page = await logIn('icm.zou', 1366)
    await open(page, 'regio')
    await page.getByLabel('Kleur van de balk').fill('#ffcc00')
    await page.getByRole('button', { name: 'Huisstijl opslaan' }).click()
    await page.locator('#huisstijl-balk-fout').filter({ hasText: 'heeft met wit een contrast van 1,' }).waitFor()
    await page.getByLabel('Kleur van de balk').fill('#5a1e5c')
    await page.getByLabel('Hoofdkleur').fill('#1d5e20')
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48"><rect width="160" height="48" rx="8" fill="#5a1e5c"/></svg>'
    await page.locator('#huisstijl-logo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) })
    await page.getByRole('img', { name: 'Logo Zuidoost-Utrecht (voorbeeld)' }).waitFor()
    await page.getByRole('button', { name: 'Huisstijl opslaan' }).click()
    await page.getByText('De huisstijl is opgeslagen').waitFor()
    await page.context().close()

    const other = await logIn('gemeente.zeist', 320)
    await open(other, 'dashboard')
    await other.getByRole('img', { name: 'Logo Zuidoost-Utrecht' }).waitFor()
    const link = await other.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Segmenten' }).evaluate((a) => getComputedStyle(a).color)
    expect(link).toBe('rgb(29, 94, 32)')
    expect(await other.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    await other.screenshot({ path: join(output, 'paginas-huisstijl-320.png') })
    await other.context().close()
  })
})
