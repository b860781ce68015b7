/**
 * What is wrong with a message, in the standard's terms. Level 1 is everything the XSD says
 * (and XML well-formedness); level 2 the single-message conditions (CD) and constraints (CS)
 * of the iStandaarden regelrapport. Both lead to retourcode 0001 ("Bericht is afgekeurd om
 * technische redenen"); a level-1 failure cannot be answered with a retour message, because
 * nothing in the message can be trusted to address one (RULES.md, "Check levels").
 */
export interface Violation {
  level: 1 | 2
  /** `XML`, `XSD-…` for level 1; the regelrapport code (`CS002`, `CD079`, …) for level 2. */
  rule: string
  retourcode: string
  message: string
  /** 1-based; 0 when the problem has no place in the text (e.g. invalid UTF-8 before any line). */
  line: number
  column: number
  /** Element path without prefixes, e.g. `Bericht/Client/Bsn`. */
  path: string
}

/** Retourcode 0001: "Bericht is afgekeurd om technische redenen." */
export const TECHNICAL_REJECTION = '0001'

export const formatViolation = (v: Violation): string =>
  `${v.line > 0 ? `${v.line}:${v.column}` : '-'} ${v.rule} (retourcode ${v.retourcode}) ${v.path ? `${v.path}: ` : ''}${v.message}`
