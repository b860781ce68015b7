/**
 * docs/conformance.md from the regelrapport and the hand-kept table (conformance.ts): a short
 * introduction, the counts per law and status, the places where the code names a rule
 * otherwise, and one table per law and rule type. scripts/generate-conformance.ts writes it;
 * conformance.test.ts checks that the committed file is what this gives.
 */
import type { Law } from '../message-catalog.ts'
import { type Conformance, type ConformanceStatus, afwijkingen, conformanceOf, conformanceStatuses } from './conformance.ts'
import { type OfficialRule, type RuleType, ruleTypes } from './regelrapport.ts'

const lawNames: Record<Law, string> = { ijw: 'iJw', iwmo: 'iWmo' }

const typeNames: Record<RuleType, string> = {
  UP: 'Uitgangspunten (UP)',
  OP: 'Bedrijfsregels (OP)',
  IV: 'Invulinstructies (IV)',
  TR: 'Technische regels (TR)',
  CD: 'Condities (CD)',
  CS: 'Constraints (CS)',
}

const statusNames: Record<ConformanceStatus, string> = {
  geimplementeerd: 'geïmplementeerd',
  open: 'open',
  niet_van_toepassing: 'niet van toepassing',
}

/** A table cell: one line, pipes escaped. */
const cell = (text: string): string => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim()
/** Text from the regelrapport or the table, as a cell: a stray backtick would open a code span. */
const textCell = (text: string): string => cell(text.replace(/`/g, '\\`'))

const link = (file: string): string => `[${file.replace(/^src\//, '')}](../${file})`

function statusCell(c: Conformance): string {
  const parts = [`**${statusNames[c.status]}**${c.ontbreekt ? ' (deels)' : ''}`]
  if (c.toelichting) parts.push(c.toelichting)
  if (c.ontbreekt) parts.push(`Ontbreekt: ${c.ontbreekt}`)
  return textCell(parts.join(' — '))
}

function row(rule: OfficialRule, c: Conformance): string {
  const waar = c.waar ? `${link(c.waar.file)} \`${c.waar.symbol}\`` : ''
  const test = c.test ? `${link(c.test.file)}: "${c.test.name}"${c.test.case ? ` (${c.test.case})` : ''}` : ''
  return `| ${rule.code} | ${textCell(rule.title)} | ${rule.retourcode ?? ''} | ${rule.controleniveau ?? ''} | ${statusCell(c)} | ${cell(waar)} | ${cell(test)} |`
}

function entryOf(rule: OfficialRule): Conformance {
  const c = conformanceOf(rule.law, rule.code)
  if (!c) throw new Error(`${lawNames[rule.law]} ${rule.code} has no entry in src/istandaarden/conformance/conformance.ts`)
  return c
}

/** The whole of docs/conformance.md. */
export function renderConformance(rules: Record<Law, readonly OfficialRule[]>): string {
  const laws = Object.keys(lawNames) as Law[]
  const out: string[] = []
  out.push(
    '# Conformance with the iJw and iWmo 3.2 regelrapport',
    '',
    'Every rule of the *Regels op berichten* of iJw and iWmo release 3.2 — uitgangspunten (UP),',
    'bedrijfsregels (OP), invulinstructies (IV), technische regels (TR) and, for iJw, the condities (CD)',
    'and constraints (CS) — with where Koers stands on it. The rules, their retourcode and their',
    'controleniveau are read from the official texts (`shared/istandaarden/regels`, see its SOURCES.md):',
    'iJw from the table export of the regelrapport, iWmo from its prose regelrapport and the',
    'technische regels one file per rule. The RS restrictions are the XSD\'s own facets and are checked',
    'as level 1 with the XSD (docs/messages.md).',
    '',
    'Koers is the gemeente\'s back office: it receives 302, 305, 307, 315, 317, 320 and 323 and sends',
    '301, 306, 308, 316, 318, 319 and 325. A rule is **geïmplementeerd** when Koers does what it says',
    '— for a provider\'s obligation, when Koers checks it on receipt — with the function that does it',
    'and the test that shows it; *(deels)* marks an implementation that leaves part of the rule\'s',
    'text out, and says which part. A rule is **open** when it binds the gemeente\'s system and Koers',
    'does not (or not provably) do it. It is **niet van toepassing** when it binds only the provider in',
    'a way Koers cannot check, describes a process outside the system, or is a principle whose working',
    'out is in other rules.',
    '',
    'This file is generated from `src/istandaarden/conformance/conformance.ts` by',
    '`npm run generate:conformance`; a test keeps it equal to that table, the table to the',
    'regelrapport, and the table to the rule codes the code names in its refusals.',
    '',
    '## Summary',
    '',
    `| wet | ${conformanceStatuses.map((s) => statusNames[s]).join(' | ')} | rules |`,
    `|---|${conformanceStatuses.map(() => '--:|').join('')}--:|`,
  )
  for (const law of laws) {
    const entries = rules[law].map(entryOf)
    const count = (s: ConformanceStatus) => entries.filter((c) => c.status === s).length
    const deels = entries.filter((c) => c.ontbreekt).length
    const cells = conformanceStatuses.map((s) => (s === 'geimplementeerd' && deels > 0 ? `${count(s)} (${deels} deels)` : String(count(s))))
    out.push(`| ${lawNames[law]} | ${cells.join(' | ')} | ${entries.length} |`)
  }
  out.push(
    '',
    '## Where the code names a rule otherwise',
    '',
    'Places where a refusal in the code carries a rule code (or a retourcode) that the regelrapport',
    'gives to another check. They are listed here rather than counted as that rule\'s implementation.',
    '',
    '| regel | file | why |',
    '|---|---|---|',
    ...afwijkingen.map((a) => `| ${a.rule} | ${link(a.file)} | ${textCell(a.toelichting)} |`),
  )
  for (const law of laws) {
    out.push('', `## ${lawNames[law]}`)
    for (const type of ruleTypes) {
      const ofType = rules[law].filter((r) => r.type === type)
      if (ofType.length === 0) continue
      out.push('', `### ${typeNames[type]}`, '', '| code | regel | retourcode | niveau | status | waar | test |', '|---|---|---|---|---|---|---|')
      for (const rule of ofType) out.push(row(rule, entryOf(rule)))
    }
  }
  return `${out.join('\n')}\n`
}
