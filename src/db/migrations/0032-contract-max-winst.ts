/**
 * The maximum profit percentage per contract (issue 21 §2, ADR 0037).
 *
 * - `contract.max_winst_pct`: the profit ceiling the contract sets ("de winst (maximaal
 *   percentage)", seed 004 ch. 9), in percent of revenue; null when the contract sets none, and
 *   then the region's setting (`integriteit_instelling.max_winst_pct`, migration 0031) applies.
 *   A provider with several running contracts is held against the lowest of their maxima
 *   (src/integriteit/integriteit.rules.ts, `geldendeMaxWinst`).
 */
import type { Migration } from './index.ts'

export const contractMaxWinst: Migration = {
  name: '0032-contract-max-winst',
  statements: [`alter table contract add column max_winst_pct double precision check (max_winst_pct is null or max_winst_pct between 0 and 100)`],
}
