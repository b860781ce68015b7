/**
 * `koers archief`: observer mode (issue 23, ADR 0028). `modus` shows or sets whether Koers
 * answers providers itself or watches the region's back office do it; `importeer` reads an
 * archive of messages in both directions. Exit codes: 0 every message applied (or already
 * there), 1 any message not matched or unreadable, 2 usage. No personal data on the terminal:
 * messages are named by file, kind and identification.
 */
import { parseArgs } from 'node:util'
import type { ArchiefSamenvatting } from '../archief/archief-import.ts'
import { UsageError } from './usage-error.ts'
import { withDatabase } from './with-database.ts'

export const ARCHIEF_HELP = `Usage: koers archief <modus|importeer> ...

  koers archief modus [waarnemend|antwoordend] [--region CODE]
                                    show the region's mode, or set it: 'waarnemend' (observer:
                                    the back office answers providers, Koers sends nothing and
                                    builds its ledger from the traffic) or 'antwoordend' (Koers
                                    answers providers itself). Earlier messages keep the mode
                                    they were taken in.
  koers archief importeer PAD... [--region CODE]
                                    read an archive of iJw/iWmo 3.2 messages in both directions
                                    (301, 302, 305-308, 315-320, 323, 325) from .xml files,
                                    directories and .zip files, in any order, and apply it to
                                    the ledger in the order of the exchange; the same message
                                    twice has one effect. The region must be in observer mode.
  --region CODE is needed when the database holds more than one region.

The summary (in Dutch) counts the messages per outcome and per kind and lists every message
that could not be matched, or that the back office answered otherwise than the standard, with
the reason; the list is also kept in the database (GET /api/archief/onverwerkt).
Exit codes: 0 every message applied or already there, 1 any not matched or unreadable,
2 usage error. A progress bar is shown on stderr when it is a terminal.
`

type Out = (s: string) => void

export async function archiefCommand(args: string[], out: Out, err: Out): Promise<number> {
  const [sub, ...rest] = args
  if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    out(ARCHIEF_HELP)
    return sub === undefined ? 2 : 0
  }
  const { values, positionals } = parseArgs({ args: rest, options: { region: { type: 'string' } }, strict: true, allowPositionals: true })
  if (sub === 'modus') {
    if (positionals.length > 1 || (positionals[0] !== undefined && positionals[0] !== 'waarnemend' && positionals[0] !== 'antwoordend')) throw new UsageError("'archief modus' takes 'waarnemend' or 'antwoordend', or nothing to show the mode")
    const modus = positionals[0] as 'waarnemend' | 'antwoordend' | undefined
    return withDatabase(async ({ db }) => {
      const { migrateToLatest } = await import('../db/migrate.ts')
      await migrateToLatest(db)
      const { chooseRegion } = await import('./messages-command.ts')
      const regionId = await chooseRegion(db, values.region)
      const { withActor } = await import('../db/scope.ts')
      const { systemActor } = await import('../auth/actor.ts')
      const { berichtenModus, zetBerichtenModus } = await import('../archief/berichtenrol.queries.ts')
      const actor = systemActor(regionId, 'koers archief modus')
      const now = await withActor(db, actor, (trx) => (modus === undefined ? berichtenModus(trx, regionId) : zetBerichtenModus(trx, actor, modus)))
      out(now === 'waarnemend' ? 'modus: waarnemend — de backoffice beantwoordt de aanbieders; Koers verstuurt niets\n' : 'modus: antwoordend — Koers beantwoordt de aanbieders zelf\n')
      return 0
    })
  }
  if (sub !== 'importeer') throw new UsageError(`unknown command 'archief ${sub}'`)
  if (positionals.length === 0) throw new UsageError("'archief importeer' needs at least one file, directory or zip file")
  return withDatabase(async ({ db }) => {
    const { migrateToLatest } = await import('../db/migrate.ts')
    await migrateToLatest(db)
    const { chooseRegion } = await import('./messages-command.ts')
    const regionId = await chooseRegion(db, values.region)
    const { importeerArchief } = await import('../archief/archief-import.ts')
    const tty = process.stderr.isTTY === true
    let last = 0
    const summary = await importeerArchief(db, regionId, positionals, {
      onVoortgang(klaar, van) {
        const now = performance.now()
        if (!tty || (now - last < 100 && klaar < van)) return
        last = now
        const width = 30
        const filled = Math.round((klaar / Math.max(1, van)) * width)
        err(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${klaar} van ${van} berichten`)
        if (klaar === van) err('\r\x1b[2K')
      },
    })
    out(samenvattingTekst(summary))
    return summary.perUitkomst.niet_gekoppeld + summary.perUitkomst.onleesbaar > 0 ? 1 : 0
  })
}

const uitkomstNamen: Record<keyof ArchiefSamenvatting['perUitkomst'], string> = {
  verwerkt: 'verwerkt',
  al_ontvangen: 'al eerder ingelezen',
  afgekeurd: 'afgekeurd door de regels van de standaard',
  niet_gekoppeld: 'niet te koppelen',
  onleesbaar: 'onleesbaar',
}

/** The import's summary in Dutch, for the terminal. */
export function samenvattingTekst(s: ArchiefSamenvatting): string {
  const lines = [`${s.berichten} bericht(en) in het archief`]
  lines.push(`  ${Object.entries(s.perUitkomst).filter(([, n]) => n > 0).map(([k, n]) => `${uitkomstNamen[k as keyof typeof uitkomstNamen]}: ${n}`).join(', ') || 'geen berichten gevonden'}`)
  const kinds = Object.entries(s.perBericht).sort(([a], [b]) => a.localeCompare(b))
  if (kinds.length > 0) lines.push(`  per bericht: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`)
  if (s.onverwerkt.length === 0) lines.push('Alle berichten zijn gekoppeld.')
  else {
    lines.push(`Niet verwerkt of afwijkend beantwoord (${s.onverwerkt.length}):`)
    for (const o of s.onverwerkt) lines.push(`  ${o.bron}${o.bericht ? ` (${o.bericht} ${o.identificatie})` : ''}: ${o.reden}`)
  }
  return `${lines.join('\n')}\n`
}
