import { readdirSync, readFileSync } from 'node:fs'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { migrations } from './index.ts'

/**
 * A migration runs once per database and must mean the same thing forever, so it holds its
 * own SQL: it imports nothing but the migration API's type, exports nothing but its
 * migration, and nothing can reach into it (ADR 0014). Copy a helper into a new migration
 * rather than import it; a changed helper would otherwise silently change an old migration.
 */
function migrationFileProblems(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true)
  const problems: string[] = []
  const exported: string[] = []
  const where = (node: ts.Node) => `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const from = (statement.moduleSpecifier as ts.StringLiteral).text
      const clause = statement.importClause
      const names = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.map((e) => e.name.text) : []
      const onlyTheApiType = from === './index.ts' && clause !== undefined && clause.isTypeOnly && clause.name === undefined && names.length === 1 && names[0] === 'Migration'
      if (!onlyTheApiType) problems.push(`${where(statement)} imports ${statement.getText(source)}`)
    } else if (ts.isImportEqualsDeclaration(statement) || (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined)) {
      problems.push(`${where(statement)} imports ${statement.getText(source)}`)
    } else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      problems.push(`${where(statement)} exports ${statement.getText(source)}`)
    } else if (ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      const typed = ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1 && statement.declarationList.declarations[0]!.type?.getText(source) === 'Migration'
      if (typed) exported.push(statement.declarationList.declarations[0]!.name.getText(source))
      else problems.push(`${where(statement)} exports something other than its migration`)
    }
  }
  // Dynamic imports and require() anywhere in the file.
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      problems.push(`${where(node)} imports ${node.getText(source)}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  if (exported.length !== 1) problems.push(`${fileName} exports ${exported.length} migrations, not 1`)
  return problems
}

const dir = new URL('./', import.meta.url)
const files = readdirSync(dir)
  .filter((f) => /^\d{4}-.+\.ts$/.test(f) && !f.endsWith('.test.ts'))
  .sort()

describe('migrations', () => {
  it('each hold their own SQL: no imports but the migration API type, no exports but the migration', () => {
    expect(files.length).toBe(migrations.length)
    const problems = files.flatMap((f) => migrationFileProblems(f, readFileSync(new URL(f, dir), 'utf8')))
    expect(problems).toEqual([])
  })

  it('are listed in index.ts in the order of their file names, each named after its file', () => {
    expect(migrations.map((m) => `${m.name}.ts`)).toEqual(files)
  })

  it('are told apart from a migration that imports a helper, live code or anything at all', () => {
    const api = "import type { Migration } from './index.ts'\n"
    const migration = "export const m: Migration = { name: 'x', statements: [] }\n"
    expect(migrationFileProblems('ok.ts', api + migration)).toEqual([])
    for (const bad of [
      "import { ledgerScope } from './0004-toegang.ts'\n",
      "import { taakveldRows } from '../../declaraties/taakveld.ts'\n",
      "import { type Migration } from './index.ts'\n",
      "import type { Migration, Other } from './index.ts'\n",
      "import './side-effect.ts'\n",
      "export { x } from './0001-region-model.ts'\n",
      "const rows = await import('../../declaraties/taakveld.ts')\n",
      'export const helper = 1\n',
    ]) {
      expect(migrationFileProblems('bad.ts', api + bad + migration), bad).not.toEqual([])
    }
  })
})
