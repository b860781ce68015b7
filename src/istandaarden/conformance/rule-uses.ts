/**
 * Which rule codes the source names in its refusals, file by file, for conformance.test.ts
 * (tests only: it parses TypeScript with the compiler, a dev dependency).
 *
 * Problems are built in several ways, and each is followed:
 * - a rule code as a string anywhere in code (not in comments): `{ rule: 'TR019', … }`,
 *   `reject(cls, 'TR349', '9349', …)`, `{ code: 'CD075', … }` in message-rules.ts,
 *   `omvangLeeg: 'CD080'`;
 * - a retourcode as a problem's rule (`{ rule: '9056', … }`), read as the one rule the
 *   regelrapport gives that retourcode;
 * - the values of a `RETOUR` table (src/declaraties/prestatie.rules.ts), whose codes become the
 *   problems' rules in declaratie.receive.ts (`{ rule: code, … }`), read the same way.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { RULE_CODE } from './regelrapport.ts'

/** Rule code → the files that name it. */
export type RuleUses = Map<string, Set<string>>

/** Retourcode → the one rule the regelrapport gives it; `0001` and shared codes are left out. */
export function retourcodeRules(rules: Iterable<{ code: string; retourcode: string | null }>): Map<string, string> {
  const byCode = new Map<string, Set<string>>()
  for (const r of rules) {
    if (r.retourcode === null || r.retourcode === '0001') continue
    const set = byCode.get(r.retourcode) ?? new Set<string>()
    set.add(r.code)
    byCode.set(r.retourcode, set)
  }
  return new Map([...byCode].filter(([, codes]) => codes.size === 1).map(([code, codes]) => [code, [...codes][0]!]))
}

const literalText = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined

const nameOf = (name: ts.PropertyName | ts.BindingName): string | undefined => (ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined)

/** The rule codes one source file names; `retourRules` from `retourcodeRules`. */
export function ruleUsesIn(source: string, retourRules: ReadonlyMap<string, string>): Set<string> {
  const found = new Set<string>()
  const file = ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest, true)
  const viaRetourcode = (node: ts.Node | undefined) => {
    const rule = retourRules.get(literalText(node) ?? '')
    if (rule) found.add(rule)
  }
  const visit = (node: ts.Node): void => {
    const text = literalText(node)
    if (text !== undefined && RULE_CODE.test(text)) found.add(text)
    if (ts.isPropertyAssignment(node) && nameOf(node.name) === 'rule') viaRetourcode(node.initializer)
    if (ts.isVariableDeclaration(node) && nameOf(node.name) === 'RETOUR' && node.initializer) {
      let init: ts.Expression = node.initializer
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression
      if (ts.isObjectLiteralExpression(init)) for (const p of init.properties) if (ts.isPropertyAssignment(p)) viaRetourcode(p.initializer)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

function sourceFiles(dir: string, skip: (path: string) => boolean): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (skip(path)) continue
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path, skip))
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) out.push(path)
  }
  return out
}

/**
 * The rule codes named under `root/src`, with the files (relative to `root`) that name them.
 * Tests, the generated XSD model and this folder (which names every rule) are left out.
 */
export function ruleUsesOfSource(root: string, retourRules: ReadonlyMap<string, string>): RuleUses {
  const skip = (path: string) => {
    const rel = relative(root, path).split('\\').join('/')
    return rel === 'src/istandaarden/conformance' || rel === 'src/istandaarden/schema/generated' || rel === 'src/istandaarden/testing'
  }
  const uses: RuleUses = new Map()
  for (const path of sourceFiles(join(root, 'src'), skip)) {
    const file = relative(root, path).split('\\').join('/')
    for (const code of ruleUsesIn(readFileSync(path, 'utf8'), retourRules)) {
      const files = uses.get(code) ?? new Set<string>()
      files.add(file)
      uses.set(code, files)
    }
  }
  return uses
}
