/** Starts `koers start` on a copy of the demo region's embedded database (built once, global-setup.ts), and Debian's Chromium, for one e2e file. */
import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, type Page, chromium } from 'playwright-core'
import { inject } from 'vitest'

export const root = join(import.meta.dirname, '..')
export const output = join(import.meta.dirname, 'output')

export interface E2eServer {
  base: string
  browser: Browser
  dataDir: string
  /** A new page, logged in as a demo user (password koers-demo), on the first page after login. */
  logIn(username: string): Promise<Page>
  stop(): Promise<void>
}

/**
 * The ports Chromium refuses to open a page on (net::ERR_UNSAFE_PORT), between 1024 and 10080:
 * its restricted list (net/base/port_util.cc). A random port of the e2e ranges hit 4045 once.
 */
const UNSAFE_PORTS = new Set([1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080])

/**
 * Serves on a random port from `portBase` up to (not including) `portBase + span`, none that
 * Chromium refuses. A port another program holds (the machines of this kind run NATS on 4222, in
 * the range of one file) makes `koers start` stop with `server.port_in_use`: then another port is
 * tried, on a fresh copy of the database.
 */
export async function startServer(portBase: number, span = 90): Promise<E2eServer> {
  mkdirSync(output, { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'koers-e2e-'))
  let started: { server: ChildProcess; port: number } | undefined
  for (let attempt = 1; !started; attempt++) {
    let port: number
    do port = portBase + Math.floor(Math.random() * span)
    while (UNSAFE_PORTS.has(port))
    rmSync(dataDir, { recursive: true, force: true })
    cpSync(inject('demoTemplate'), dataDir, { recursive: true })
    try {
      started = { server: await serve(dataDir, port), port }
    } catch (error) {
      if (!(error instanceof PortInUse) || attempt === 5) throw error
    }
  }
  const { server, port } = started
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  const base = `http://127.0.0.1:${port}`
  return {
    base,
    browser,
    dataDir,
    async logIn(username) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
      await page.goto(base)
      await page.getByLabel('Gebruikersnaam').fill(username)
      await page.getByLabel('Wachtwoord').fill('koers-demo')
      await page.getByRole('button', { name: 'Inloggen' }).click()
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor()
      return page
    },
    async stop() {
      await browser.close()
      server.kill('SIGTERM')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

class PortInUse extends Error {}

/** Starts `koers start` on `port` and resolves once it serves. */
async function serve(dataDir: string, port: number): Promise<ChildProcess> {
  const env = { ...process.env, KOERS_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' }
  const server = spawn(process.execPath, ['bin/koers.mjs', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 60_000)
    server.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Koers serves on')) {
        clearTimeout(timer)
        resolve()
      }
    })
    let stderr = ''
    server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    server.once('exit', (code) => {
      clearTimeout(timer)
      reject(stderr.includes('[server.port_in_use]') ? new PortInUse(`port ${port} is in use`) : new Error(`server exited with ${code}: ${stderr.slice(-500)}`))
    })
  })
  return server
}
