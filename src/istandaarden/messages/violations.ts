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

/** Elements whose values identify a person: never repeated in an error message. */
export const personalElements: ReadonlySet<string> = new Set([
  'Bsn', 'Achternaam', 'Voorvoegsel', 'Voornamen', 'Voorletters', 'Datum', 'Postcode', 'Straatnaam', 'Huisnummer',
  'Huisletter', 'HuisnummerToevoeging', 'Plaatsnaam', 'Telefoonnummer', 'Emailadres', 'Nummer', 'Commentaar',
])

/** What is wrong with an element's value; for a personal element, without the value. */
export const valueProblemMessage = (element: string, problem: { kind: string; message: string }): string =>
  personalElements.has(element) ? `the value does not meet its type (${problem.kind}); it is not shown because it is personal data` : problem.message

/** Retourcode 0001: "Bericht is afgekeurd om technische redenen." */
export const TECHNICAL_REJECTION = '0001'

export const formatViolation = (v: Violation): string =>
  `${v.line > 0 ? `${v.line}:${v.column}` : '-'} ${v.rule} (retourcode ${v.retourcode}) ${v.path ? `${v.path}: ` : ''}${v.message}`
