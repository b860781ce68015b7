import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { samenvattingTekst } from './archief-command.ts'

const bin = join(import.meta.dirname, '../../bin/koers.mjs')
function koers(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', KOERS_FROM_SOURCE: '1', ...env }, encoding: 'utf8', timeout: 60_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('koers archief', () => {
  it('prints its help, and refuses wrong usage with exit code 2', () => {
    expect(koers(['archief', '--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('koers archief importeer PAD...') })
    expect(koers(['archief', 'importeer', '--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('waarnemend') })
    expect(koers(['archief', 'importeer'])).toMatchObject({ status: 2, stderr: expect.stringContaining('at least one file') })
    expect(koers(['archief', 'modus', 'stil'])).toMatchObject({ status: 2, stderr: expect.stringContaining("'waarnemend' or 'antwoordend'") })
    expect(koers(['archief', 'wis'])).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown command 'archief wis'") })
  })

  it('says so when the database holds no region to import into', () => {
    const r = koers(['archief', 'importeer', tmpdir()], { KOERS_DATA_DIR: mkdtempSync(join(tmpdir(), 'koers-archief-cli-')) })
    expect(r).toMatchObject({ status: 2, stderr: expect.stringContaining('holds no region') })
  }, 60_000)

  it('summarises an import in Dutch, listing every message it could not match with the reason', () => {
    const text = samenvattingTekst({
      berichten: 4,
      perUitkomst: { verwerkt: 2, afgekeurd: 0, al_ontvangen: 1, niet_gekoppeld: 1, onleesbaar: 0 },
      perBericht: { JW325: 2, JW301: 2 },
      onverwerkt: [{ bron: 'a.zip!325-9.xml', bericht: 'JW325', identificatie: '9', redenCode: 'geen_323', reden: 'geen declaratie (323) bij dit declaratie-antwoord: geen 323 met identificatie X van deze aanbieder' }],
    })
    expect(text).toBe(
      '4 bericht(en) in het archief\n' +
        '  verwerkt: 2, al eerder ingelezen: 1, niet te koppelen: 1\n' +
        '  per bericht: JW301 2, JW325 2\n' +
        'Niet verwerkt of afwijkend beantwoord (1):\n' +
        '  a.zip!325-9.xml (JW325 9): geen declaratie (323) bij dit declaratie-antwoord: geen 323 met identificatie X van deze aanbieder\n',
    )
  })
})
