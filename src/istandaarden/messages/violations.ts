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

/** The level-1 rule codes Koers uses for what the XSD and XML say. */
export const levelOneRules = {
  XML: 'The file is not well-formed XML, not UTF-8, or uses a refused construct (DOCTYPE, entity).',
  'XSD-NAMESPACE': 'The root element is not an iJw/iWmo 3.2 message Koers knows.',
  'XSD-UNEXPECTED': 'An element that the XSD does not allow here.',
  'XSD-MISSING': 'A required element is missing.',
  'XSD-TOO-MANY': 'An element occurs more often than the XSD allows.',
  'XSD-TEXT': 'Text where the XSD allows only elements.',
  'XSD-ATTRIBUTE': 'An attribute the XSD does not declare.',
  'XSD-TYPE': 'A value that is not of the base type (a whole number, a date, a time).',
  'XSD-ENUMERATION': 'A value that is not in the code list.',
  'XSD-PATTERN': 'A value that does not match the pattern.',
  'XSD-LENGTH': 'A value that is too short or too long.',
  'XSD-RANGE': 'A number outside its range.',
  'XSD-VALUE-SIZE': 'A value larger than Koers reads (a guard against exhausting memory).',
} as const

/** Retourcode 0001: "Bericht is afgekeurd om technische redenen." */
export const TECHNICAL_REJECTION = '0001'

export const formatViolation = (v: Violation): string =>
  `${v.line > 0 ? `${v.line}:${v.column}` : '-'} ${v.rule} (retourcode ${v.retourcode}) ${v.path ? `${v.path}: ` : ''}${v.message}`
