/**
 * Small counts are hidden the way CBS does (DOMAIN.md, BSN conventions): a count under 5
 * is not shown, so that a dashboard can never single out a resident.
 */
export const SUPPRESSION_THRESHOLD = 5

/** The count, or null when it is 1–4 (0 is shown: it identifies nobody). */
export function suppressSmallCount(count: number): number | null {
  return count > 0 && count < SUPPRESSION_THRESHOLD ? null : count
}
