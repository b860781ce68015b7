/**
 * The BSN (burgerservicenummer): 9 digits passing the elfproef (Wet algemene bepalingen
 * BSN; iStandaarden CS002). It is special personal data: never logged, never in a URL,
 * never on a dashboard. Outside the case file a client is known by a pseudonym.
 *
 * No zod here: the message rules (CS002) use the elfproef, and `koers messages validate` should
 * not load zod for it. The schema for request bodies is `bsnSchema` in request.schema.ts.
 */

/** True when `bsn` is 9 digits and passes the elfproef: Σ dᵢ·(9…2) − d₉ ≡ 0 (mod 11). */
export function isValidBsn(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn) || bsn === '000000000') return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i)
  sum -= Number(bsn[8])
  return sum % 11 === 0
}

/** Shows only the last three digits, for the one screen where a person must recognise it. */
export function maskBsn(bsn: string): string {
  return `******${bsn.slice(6)}`
}
