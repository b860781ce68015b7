/** Runs the versioned migrations (src/db/migrations) with Kysely's migrator and its lock. */
import { type Kysely, type Migration as KyselyMigration, Migrator, sql } from 'kysely'
import { AppError } from '../shared/errors.ts'
import { migrations } from './migrations/index.ts'

export interface MigrateResult {
  applied: string[]
}

/** Applies every migration not yet run; `upTo` stops after the named one (an earlier release's schema, for upgrade tests). */
export async function migrateToLatest(db: Kysely<any>, options: { upTo?: string } = {}): Promise<MigrateResult> {
  const migrator = new Migrator({
    db,
    provider: {
      async getMigrations() {
        const all: Record<string, KyselyMigration> = {}
        for (const m of migrations) {
          all[m.name] = {
            async up(trx) {
              for (const statement of m.statements) await sql.raw(statement).execute(trx)
            },
          }
        }
        return all
      },
    },
  })
  const { error, results } = options.upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(options.upTo)
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new AppError(
      'database.migration_failed',
      `migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message}`,
    )
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}
