/**
 * `koers dossier AGB --van YYYY-MM --tot YYYY-MM --uit FILE.pdf [--region CODE]`: a provider's
 * dossier as a PDF (issue 20 §3), made as the region's team would download it.
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { UsageError } from './usage-error.ts'
import { withDatabase } from './with-database.ts'

export const DOSSIER_HELP = `Usage: koers dossier AGB --van YYYY-MM --tot YYYY-MM --uit FILE.pdf [--region CODE]

  Writes the dossier of the provider with this AGB code over the months van through tot (cut
  off at today) as a PDF: cover with the region's name and logo, summary, KPIs against the
  segment and the targets, budget and forecast, signals, declarations, waiting times,
  outcomes and the agreements, with page numbers. The same file as the provider's page and
  GET /api/accounts/{id}/dossier give. No BSN; counts under 5 suppressed.
  --region CODE is needed when the database holds more than one region.

Exit codes: 0 written, 1 failure (an unknown AGB code, a period after today), 2 usage error.
`

type Out = (s: string) => void

export async function dossierCommand(args: string[], out: Out): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) return (out(DOSSIER_HELP), 0)
  const { values, positionals } = parseArgs({ args, options: { van: { type: 'string' }, tot: { type: 'string' }, uit: { type: 'string' }, region: { type: 'string' } }, strict: true, allowPositionals: true })
  const [agb, ...extra] = positionals
  if (agb === undefined || !/^\d{8}$/.test(agb)) throw new UsageError("'dossier' needs the provider's AGB code (8 digits)")
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`)
  if (!values.van || !values.tot || !values.uit) throw new UsageError("'dossier' needs --van YYYY-MM, --tot YYYY-MM and --uit FILE.pdf")
  const { dossierQuery } = await import('../app/dossier-pdf.ts')
  const parsed = dossierQuery.safeParse({ van: values.van, tot: values.tot })
  if (!parsed.success) throw new UsageError('--van and --tot are months as YYYY-MM, van not after tot')
  return withDatabase(async ({ db }) => {
    const { migrateToLatest } = await import('../db/migrate.ts')
    await migrateToLatest(db)
    const { chooseRegion } = await import('./messages-command.ts')
    const regionId = await chooseRegion(db, values.region)
    const { withActor } = await import('../db/scope.ts')
    const { systemActor } = await import('../auth/actor.ts')
    const { AppError } = await import('../shared/errors.ts')
    const { today } = await import('../shared/dates.ts')
    const { dossierData, renderDossier } = await import('../app/dossier-pdf.ts')
    const actor = systemActor(regionId, 'koers dossier')
    const data = await withActor(db, actor, async (trx) => {
      const provider = await trx.selectFrom('provider').select('id').where('region_id', '=', regionId).where('agb_code', '=', agb).executeTakeFirst()
      if (!provider) throw new AppError('provider.not_found', `no provider with AGB code ${agb} in this region`)
      return dossierData(trx, actor, provider.id, parsed.data, today())
    })
    const pdf = await renderDossier(data)
    writeFileSync(values.uit!, pdf)
    out(`dossier van ${data.account.provider.name} (${values.van} t/m ${values.tot}) geschreven naar ${values.uit}: ${pdf.length} bytes\n`)
    return 0
  })
}
