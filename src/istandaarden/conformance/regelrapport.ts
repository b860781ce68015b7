/**
 * The rules of the iJw and iWmo 3.2 regelrapport, read from the official texts in the shared
 * folder (regels/, see its SOURCES.md). Only the generator of docs/conformance.md and the
 * tests read them; Koers itself never needs the shared folder at run time.
 *
 * iJw: the table export of the regelrapport, the authority for retourcode and controleniveau
 * (UP, OP, IV, TR, CD, CS; the RS restrictions are the XSD's facets, level 1, and are left out).
 * iWmo: the prose regelrapport for UP/OP/IV/TR and their titles, and the one-file-per-rule
 * technische regels (falling back to iwmo/TR-regels.md) for a TR's retourcode, level and
 * berichttypen. The prose gives no retourcode, level or berichttypen for UP/OP/IV.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Law } from '../message-catalog.ts'

export type RuleType = 'UP' | 'OP' | 'IV' | 'TR' | 'CD' | 'CS'

export const ruleTypes: readonly RuleType[] = ['UP', 'OP', 'IV', 'TR', 'CD', 'CS']

export interface OfficialRule {
  law: Law
  /** `TR326`, `OP033x1`. */
  code: string
  type: RuleType
  /** The rule's title on one line, without its code. */
  title: string
  /** `9326`, `0001`, `S300`; null where the regelrapport gives none. */
  retourcode: string | null
  /** `berichtoverstijgend`, `bericht inhoud (xslt)`, `externe bron`; null where none is given. */
  controleniveau: string | null
  /** `JW305`, `WMO305`, …; empty where none are given. */
  berichttypen: string[]
}

/** A rule code: two letters, three digits, and the regelrapport's `x1`-style variants. */
export const RULE_CODE = /^(UP|OP|IV|TR|CD|CS)\d{3}(x\d+)?$/

const IJW_TABLE = 'ijw/Regels op berichten iJw release 3.2 (tabel, 5931253).md'
const IWMO_PROSE = 'iwmo/Regels op berichten iWMO release 3.2.md'
const IWMO_TR_TABLE = 'iwmo/TR-regels.md'
const IWMO_TR_FILES = 'iwmo/technische-regels'

/** `NaN` (the export's empty cell), `n.v.t.` and blanks carry no value. */
const value = (cell: string | undefined): string | null => {
  const v = (cell ?? '').trim()
  return v === '' || v === 'NaN' || v.toLowerCase() === 'n.v.t.' ? null : v
}

const oneLine = (text: string): string => text.replace(/\\n/g, ' ').replace(/\s+/g, ' ').trim()

const berichttypenOf = (cell: string | undefined): string[] =>
  (value(cell) ?? '').split(/[;,\s]+/).filter((b) => /^(JW|WMO)\d{3}$/.test(b))

const typeOf = (code: string): RuleType => code.slice(0, 2) as RuleType

/** The rows of the iJw table export: Type | Prioriteit | Regelcode | Titel | … | Berichttypen | …. */
export function parseIjwTable(markdown: string): OfficialRule[] {
  const rules: OfficialRule[] = []
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('| ')) continue
    const cells = line.slice(2, line.endsWith(' |') ? -2 : undefined).split(' | ')
    const code = cells[2]?.trim() ?? ''
    // RS rules are XSD facets (level 1), not rules Koers checks one by one; the header row has no code.
    if (!RULE_CODE.test(code)) continue
    if (cells.length !== 11) throw new Error(`${IJW_TABLE}: row ${code} has ${cells.length} cells, expected 11`)
    rules.push({
      law: 'ijw',
      code,
      type: typeOf(code),
      title: oneLine((cells[3] ?? '').replace(new RegExp(`^${code}:\\s*`), '')),
      retourcode: value(cells[6]),
      controleniveau: value(cells[7]),
      berichttypen: berichttypenOf(cells[8]),
    })
  }
  return rules
}

/** `**OP276**`, `**OP191**:` or `OP267:` alone on a line opens a rule in the iWmo prose. */
const PROSE_HEADING = /^(?:\*\*)?((?:UP|OP|IV|TR)\d{3}(?:x\d+)?)(?:\*\*)?:?\s*$/

/** The iWmo prose regelrapport: each rule's code and the first line of its text (its title). */
export function parseIwmoProse(markdown: string): Array<{ code: string; title: string }> {
  const lines = markdown.split('\n')
  const rules: Array<{ code: string; title: string }> = []
  for (let i = 0; i < lines.length; i++) {
    const code = PROSE_HEADING.exec(lines[i]!.trim())?.[1]
    if (!code) continue
    let j = i + 1
    while (j < lines.length && lines[j]!.trim() === '') j++
    const first = lines[j]?.trim() ?? ''
    if (PROSE_HEADING.test(first) || first === '') throw new Error(`${IWMO_PROSE}: ${code} has no text`)
    rules.push({ code, title: oneLine(first.replace(/^[-*\s]+|[*\s]+$/g, '')) })
  }
  return rules
}

interface TrFacts {
  retourcode: string | null
  controleniveau: string | null
  berichttypen: string[]
}

/** One file of `technische-regels/{berichtoverstijgend,xslt,externe-bron}/TRnnn.md`. */
export function parseTrFile(markdown: string): TrFacts {
  const meta = (name: string) => value(new RegExp(`^\\| ${name} \\| ([^|]*) \\|`, 'm').exec(markdown)?.[1])
  const gebruik = /## Gebruik in berichten\s*\n([\s\S]*?)(\n---|\n## |$)/.exec(markdown)?.[1] ?? ''
  return {
    retourcode: meta('Retourcode'),
    controleniveau: meta('Controleniveau'),
    berichttypen: [...gebruik.matchAll(/^- ((?:JW|WMO)\d{3})\s*$/gm)].map((m) => m[1]!),
  }
}

/** The `|Technische regel|4|TRnnn|…|Retourcode|Controleniveau|Berichttypen|…|` table. */
export function parseTrTable(markdown: string): Map<string, TrFacts> {
  const facts = new Map<string, TrFacts>()
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').slice(1, -1)
    const code = cells[2]?.trim() ?? ''
    if (!/^TR\d{3}$/.test(code)) continue
    facts.set(code, { retourcode: value(cells[6]), controleniveau: value(cells[7]), berichttypen: berichttypenOf(cells[8]) })
  }
  return facts
}

function iwmoTrFiles(dir: string): Map<string, TrFacts> {
  const facts = new Map<string, TrFacts>()
  if (!existsSync(dir)) return facts
  for (const level of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, level))) {
      const code = /^(TR\d{3})\.md$/.exec(file)?.[1]
      if (code) facts.set(code, parseTrFile(readFileSync(join(dir, level, file), 'utf8')))
    }
  }
  return facts
}

/** The rules of both laws, from `<istandaarden>/regels`. */
export function readRegelrapport(istandaardenDir: string): Record<Law, OfficialRule[]> {
  const regels = join(istandaardenDir, 'regels')
  const read = (path: string) => readFileSync(join(regels, path), 'utf8')
  const ijw = parseIjwTable(read(IJW_TABLE))

  const files = iwmoTrFiles(join(regels, IWMO_TR_FILES))
  const table = parseTrTable(read(IWMO_TR_TABLE))
  const iwmo = parseIwmoProse(read(IWMO_PROSE)).map(({ code, title }): OfficialRule => {
    const type = typeOf(code)
    const none: TrFacts = { retourcode: null, controleniveau: null, berichttypen: [] }
    const tr = type === 'TR' ? { ...none, ...table.get(code), ...files.get(code) } : none
    // The table's Berichttypen column lists JW codes although it is the iWmo copy (SOURCES.md).
    const berichttypen = files.get(code)?.berichttypen.length ? files.get(code)!.berichttypen : tr.berichttypen.map((b) => b.replace(/^JW/, 'WMO'))
    return { law: 'iwmo', code, type, title, retourcode: tr.retourcode, controleniveau: tr.controleniveau, berichttypen }
  })
  return { ijw, iwmo }
}
