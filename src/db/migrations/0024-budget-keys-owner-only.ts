/**
 * The budget keys of migration 0006 (`toewijzing_jaar`, `verplichting_jaar`,
 * `verplichting_maand`) are written only by its security-definer functions, running as the
 * table owner. Their restrictive policy `kept_by_functions` (`using (true) with check (false)`)
 * refuses every insert and update by `koers_app`, but a delete checks only `using`, so request
 * work could remove the rows it may read. The grant of migration 0002 is taken back for these
 * three tables: `koers_app` reads them and nothing else (as `traject_feit`, migration 0023).
 */
import type { Migration } from './index.ts'

export const budgetKeysOwnerOnly: Migration = {
  name: '0024-budget-keys-owner-only',
  statements: ['toewijzing_jaar', 'verplichting_jaar', 'verplichting_maand'].map((table) => `revoke insert, update, delete, truncate on ${table} from koers_app`),
}
