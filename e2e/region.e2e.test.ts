/**
 * End to end, as a person would: the built web app served by `koers start`, driven in
 * Debian's Chromium. Screenshots land in e2e/output/.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const output = join(import.meta.dirname, 'output')
const port = 3900 + Math.floor(Math.random() * 90)
const base = `http://127.0.0.1:${port}`

let server: ChildProcess
let browser: Browser
let dataDir: string

beforeAll(async () => {
  mkdirSync(output, { recursive: true })
  dataDir = mkdtempSync(join(tmpdir(), 'koers-e2e-'))
  const env = { ...process.env, KOERS_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' }
  const demo = spawnSync(process.execPath, ['bin/koers.mjs', 'demo', '--client-scale', '0.05'], { cwd: root, env, encoding: 'utf8' })
  expect(demo.status, demo.stderr).toBe(0)
  server = spawn(process.execPath, ['bin/koers.mjs', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 60_000)
    server.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Koers serves on')) {
        clearTimeout(timer)
        resolve()
      }
    })
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
})

afterAll(async () => {
  await browser?.close()
  server?.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
})

async function logIn(username: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  await page.goto(base)
  await page.getByLabel('Gebruikersnaam').fill(username)
  await page.getByLabel('Wachtwoord').fill('koers-demo')
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByRole('heading', { level: 1, name: /Regio Zuidoost-Utrecht/ }).waitFor()
  return page
}

describe('the region page in Chromium', () => {
  it('shows a regional user the whole region, with budgets', async () => {
    const page = await logIn('icm.zou')
    await page.getByRole('heading', { name: 'Budgetten 2027' }).waitFor()
    expect(await page.getByRole('heading', { name: /Jeugdhulp ambulant/ }).count()).toBeGreaterThan(0)
    expect(await page.getByRole('cell', { name: 'Zeist' }).count()).toBeGreaterThan(0)
    await page.screenshot({ path: join(output, 'region-icm.png'), fullPage: true })
    const body = await page.textContent('body')
    expect(body).not.toMatch(/\b\d{9}\b/) // no BSN anywhere on the page
    await page.close()
  })

  it('shows a gemeente user its own budget lines only', async () => {
    const page = await logIn('gemeente.bunnik')
    await page.getByRole('table', { name: 'Budget per gemeente en segment' }).waitFor()
    const cells = await page.getByRole('table', { name: 'Budget per gemeente en segment' }).locator('tbody tr td:first-child').allTextContents()
    expect(new Set(cells)).toEqual(new Set(['Bunnik']))
    await page.screenshot({ path: join(output, 'region-gemeente-bunnik.png'), fullPage: false })
    await page.close()
  })

  it('refuses a wrong password with a clear message', async () => {
    const page = await browser.newPage()
    await page.goto(base)
    await page.getByLabel('Gebruikersnaam').fill('icm.zou')
    await page.getByLabel('Wachtwoord').fill('fout')
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Gebruikersnaam of wachtwoord klopt niet')
    await page.screenshot({ path: join(output, 'login-refused.png') })
    await page.close()
  })
})
