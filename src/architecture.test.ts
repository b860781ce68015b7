/**
 * The folders of src/ depend on each other in one direction only (docs/ARCHITECTURE.md,
 * "Dependency order"): each top-level folder, and each sub-folder of src/istandaarden/, is
 * one node, and every import between two files is an edge between their folders. Every kind
 * of import counts: `import`, `import type`, `export … from`, `import()`, `import('…').T`,
 * and `new URL('./file', import.meta.url)` (a worker started from a file).
 *
 * Two kinds of file stand outside the order, each under its own rule:
 * - tests (`*.test.ts`) may import anything, and nothing imports them;
 * - migrations (src/db/migrations/) import only the migration API, ./index.ts.
 *
 * The web app (web/src/) is in pages (issue 18 §7, docs/ARCHITECTURE.md "The web app"): each
 * file of web/src/pages/ is one page, `<Name>Page.tsx`, exporting that page alone; a page never
 * imports another page (pages share through components/), only the app shell (routes.tsx,
 * App.tsx) imports pages, and no module outside pages/ holds a page.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const srcDir = dirname(fileURLToPath(import.meta.url))
const webDir = join(srcDir, '..', 'web', 'src')

/** One import: the importing file and the imported one, both relative to src/. */
interface ImportEdge {
  from: string
  to: string
  /** Types only (`import type`, `export type`, `import('…').T`): gone at run time, still a dependency. */
  typeOnly: boolean
}

type FolderGraph = Map<string, Map<string, ImportEdge[]>>

/**
 * The one import that runs against the order, with its reason. db/schema.ts is the type of
 * every table, and a jsonb column's type is the Zod schema its feature parses it with.
 */
const allowed: { from: string; to: string; reason: string }[] = [
  { from: 'db/schema.ts', to: 'segments/instruments.schema.ts', reason: "the types of segment's four jsonb instrument columns" },
]

const isTest = (file: string) => file.endsWith('.test.ts')
const isMigration = (file: string) => file.startsWith('db/migrations/') && file !== 'db/migrations/index.ts'

function tsFiles(root: string, extensions: readonly string[] = ['.ts']): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension)))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort()
}

const scriptKind = (fileName: string) => (fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)

/** The module specifiers a file imports, with whether each import is of types only. */
function moduleSpecifiers(fileName: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKind(fileName))
  const found: { specifier: string; typeOnly: boolean }[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const bindings = clause?.namedBindings
      const allNamedAreTypes = bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && allNamedAreTypes))
      found.push({ specifier: node.moduleSpecifier.text, typeOnly })
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly })
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments
      if (argument && ts.isStringLiteralLike(argument)) found.push({ specifier: argument.text, typeOnly: false })
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true })
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly })
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
      const [path, base] = node.arguments ?? []
      if (path && ts.isStringLiteralLike(path) && base?.getText(source) === 'import.meta.url') found.push({ specifier: path.text, typeOnly: false })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** Every relative import between files under `root`. */
function importEdges(root: string, extensions: readonly string[] = ['.ts']): ImportEdge[] {
  return tsFiles(root, extensions).flatMap((file) =>
    moduleSpecifiers(file, readFileSync(join(root, file), 'utf8'))
      .filter(({ specifier }) => specifier.startsWith('.'))
      .map(({ specifier, typeOnly }) => ({ from: file, to: relative(root, resolve(root, dirname(file), specifier)).split(sep).join('/'), typeOnly }))
      .filter((edge) => !edge.to.startsWith('..')),
  )
}

/**
 * The folder a file belongs to: its top-level folder under src/, or for src/istandaarden/ its
 * sub-folder (`istandaarden/xml`); a file directly in src/ (config.ts) is a node of its own.
 */
function folderOf(file: string): string {
  const parts = file.split('/')
  if (parts.length === 1) return parts[0]!.replace(/\.ts$/, '')
  if (parts[0] === 'istandaarden' && parts.length > 2) return `istandaarden/${parts[1]}`
  return parts[0]!
}

function folderGraph(edges: ImportEdge[]): FolderGraph {
  const graph: FolderGraph = new Map()
  for (const edge of edges) {
    const from = folderOf(edge.from)
    const to = folderOf(edge.to)
    if (!graph.has(from)) graph.set(from, new Map())
    if (!graph.has(to)) graph.set(to, new Map())
    if (from === to) continue
    const targets = graph.get(from)!
    targets.set(to, [...(targets.get(to) ?? []), edge])
  }
  return graph
}

/** The strongly connected groups of two or more folders (Tarjan). */
function stronglyConnected(graph: FolderGraph): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  const visit = (node: string): void => {
    index.set(node, index.size)
    low.set(node, index.get(node)!)
    stack.push(node)
    onStack.add(node)
    for (const next of [...graph.get(node)!.keys()].sort()) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!))
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        group.push(member)
      } while (member !== node)
      if (group.length > 1) groups.push(group.sort())
    }
  }
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node)
  return groups
}

/** The shortest cycle from `start` back to it inside `members` (breadth-first), as its folders in order. */
function shortestCycleThrough(graph: FolderGraph, members: ReadonlySet<string>, start: string): string[] {
  const previous = new Map<string, string>()
  const queue = [start]
  while (queue.length > 0) {
    const node = queue.shift()!
    for (const next of [...graph.get(node)!.keys()].sort()) {
      if (!members.has(next)) continue
      if (next === start) {
        const path = [node]
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!)
        return path
      }
      if (!previous.has(next)) {
        previous.set(next, node)
        queue.push(next)
      }
    }
  }
  return []
}

/** One shortest cycle through each folder that is on one, each cycle once, smallest first. */
function folderCycles(graph: FolderGraph): string[][] {
  const cycles = new Map<string, string[]>()
  for (const group of stronglyConnected(graph)) {
    const members = new Set(group)
    for (const folder of group) {
      const cycle = shortestCycleThrough(graph, members, folder)
      const first = cycle.indexOf([...cycle].sort()[0]!)
      const rotated = [...cycle.slice(first), ...cycle.slice(0, first)]
      cycles.set(rotated.join(' '), rotated)
    }
  }
  return [...cycles.values()].sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()))
}

/** A cycle as text: its folders, then each crossing with the imports that make it. */
function describeCycle(graph: FolderGraph, cycle: string[]): string {
  const lines = [[...cycle, cycle[0]].join(' → ')]
  cycle.forEach((from, i) => {
    const to = cycle[(i + 1) % cycle.length]!
    for (const edge of graph.get(from)!.get(to)!) lines.push(`  ${edge.from} imports ${edge.to}`)
  })
  return lines.join('\n')
}

const isAllowed = (edge: ImportEdge) => allowed.some((a) => a.from === edge.from && a.to === edge.to && edge.typeOnly)

describe('the folders of src/', () => {
  const edges = importEdges(srcDir)

  it('read every kind of import', () => {
    const text = [
      "import type { A } from './a.ts'",
      "import { type B1, type B2 } from './b.ts'",
      "import { C, type C2 } from './c.ts'",
      "export { d } from './d.ts'",
      "await import('./e.ts')",
      "let f: import('./f.ts').F",
      "new Worker(new URL('./g.mjs', import.meta.url))",
    ].join('\n')
    expect(moduleSpecifiers('x.ts', text)).toEqual([
      { specifier: './a.ts', typeOnly: true },
      { specifier: './b.ts', typeOnly: true },
      { specifier: './c.ts', typeOnly: false },
      { specifier: './d.ts', typeOnly: false },
      { specifier: './e.ts', typeOnly: false },
      { specifier: './f.ts', typeOnly: true },
      { specifier: './g.mjs', typeOnly: false },
    ])
  })

  it('name a cycle by its folders and the imports that form it', () => {
    const graph = folderGraph([
      { from: 'a/x.ts', to: 'b/y.ts', typeOnly: false },
      { from: 'b/y.ts', to: 'c/z.ts', typeOnly: true },
      { from: 'c/z.ts', to: 'a/w.ts', typeOnly: false },
      { from: 'c/z.ts', to: 'd/v.ts', typeOnly: false },
    ])
    const cycles = folderCycles(graph)
    expect(cycles).toEqual([['a', 'b', 'c']])
    expect(describeCycle(graph, cycles[0]!)).toBe(['a → b → c → a', '  a/x.ts imports b/y.ts', '  b/y.ts imports c/z.ts', '  c/z.ts imports a/w.ts'].join('\n'))
  })

  it('depend on each other without a cycle', () => {
    const graph = folderGraph(edges.filter((edge) => !isTest(edge.from) && !isMigration(edge.from) && !isAllowed(edge)))
    const cycles = folderCycles(graph).map((cycle) => describeCycle(graph, cycle))
    expect(cycles, `import cycles between folders:\n${cycles.join('\n')}`).toEqual([])
  })

  it('keep their exceptions to the order to types, each still needed', () => {
    for (const exception of allowed) {
      const found = edges.filter((edge) => edge.from === exception.from && edge.to === exception.to)
      expect(found.length, `${exception.from} no longer imports ${exception.to}: drop the exception`).toBeGreaterThan(0)
      expect(found.every((edge) => edge.typeOnly), `${exception.from} may import only types from ${exception.to} (${exception.reason})`).toBe(true)
    }
  })

  it('import no test, and no test support outside tests', () => {
    const testSupport = (file: string) => file.startsWith('test/') || file.startsWith('istandaarden/testing/')
    const wrong = edges.filter((edge) => isTest(edge.to) || (testSupport(edge.to) && !isTest(edge.from) && !testSupport(edge.from)))
    expect(wrong.map((edge) => `${edge.from} imports ${edge.to}`)).toEqual([])
  })

  // That a migration imports only the migration API is src/db/migrations/frozen.test.ts's to check.
})

/** The names a module exports: declarations with `export`, `export { … }` lists (their public names), and `default`. */
function exportedNames(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKind(fileName))
  const names: string[] = []
  for (const statement of source.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : []
    const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)
    if (ts.isExportDeclaration(statement)) {
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) names.push(...statement.exportClause.elements.map((e) => e.name.text))
      else names.push('*')
    } else if (ts.isExportAssignment(statement)) {
      names.push('default')
    } else if (exported && isDefault) {
      names.push('default')
    } else if (exported && ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) names.push(declaration.name.getText(source))
    } else if (exported && (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement))) {
      if (statement.name) names.push(statement.name.text)
    }
  }
  return names
}

/** A page component's name: capitalised, ending in `Page` (`DeclaratiesPage`). */
const isPageName = (name: string) => /^[A-Z][A-Za-z0-9]*Page$/.test(name)
const isPageFile = (file: string) => file.startsWith('pages/')
/** The app shell: the route table and the app, the only modules that put pages on the screen. */
const shell = ['routes.tsx', 'App.tsx']

describe('the pages of web/src/', () => {
  const extensions = ['.ts', '.tsx']
  const files = tsFiles(webDir, extensions)
  const exportsOf = new Map(files.map((file) => [file, exportedNames(file, readFileSync(join(webDir, file), 'utf8'))]))
  const edges = importEdges(webDir, extensions)

  it('read what a module exports', () => {
    const text = [
      "import { X } from './x.tsx'",
      'export function APage() { return null }',
      'export const BPage = () => null, helper = 1',
      'function CPage() { return null }',
      'export { CPage as RenamedPage, X }',
      "export { Y } from './y.tsx'",
      'export interface Props { a: number }',
      'export type T = string',
      'export class Boundary {}',
      'export default function DPage() { return <div /> }',
    ].join('\n')
    expect(exportedNames('x.tsx', text)).toEqual(['APage', 'BPage', 'helper', 'RenamedPage', 'X', 'Y', 'Props', 'T', 'Boundary', 'default'])
    expect(['APage', 'BPage', 'helper', 'RenamedPage', 'Props', 'default', 'Pages', 'pagePage'].filter(isPageName)).toEqual(['APage', 'BPage', 'RenamedPage'])
  })

  it('are in pages/, one page per file, exporting that page alone, named after the file', () => {
    const pageFiles = files.filter(isPageFile)
    expect(pageFiles.length, 'web/src/pages/ holds the pages').toBeGreaterThan(0)
    const wrong = pageFiles.flatMap((file) => {
      const page = /^pages\/([A-Za-z0-9]+Page)\.tsx$/.exec(file)?.[1]
      if (!page) return [`${file}: a page file is pages/<Name>Page.tsx`]
      const names = exportsOf.get(file)!
      if (names.length === 1 && names[0] === page) return []
      return [`${file} exports ${names.join(', ') || 'nothing'}: a page file exports its page ${page} alone (what pages share lives in components/)`]
    })
    expect(wrong).toEqual([])
  })

  it('leave no page in a module outside pages/ (no multi-page modules)', () => {
    const wrong = files
      .filter((file) => !isPageFile(file))
      .flatMap((file) => {
        const pages = exportsOf.get(file)!.filter(isPageName)
        const name = file.split('/').pop()!
        return [...(pages.length > 0 ? [`${file} exports ${pages.join(', ')}: a page lives in pages/<Name>Page.tsx`] : []), ...(/Pages\.tsx?$/.test(name) ? [`${file}: a module of several pages`] : [])]
      })
    expect(wrong).toEqual([])
  })

  it('are imported by the app shell only, never by another page or a component', () => {
    const wrong = edges.filter((edge) => isPageFile(edge.to) && !shell.includes(edge.from)).map((edge) => `${edge.from} imports ${edge.to}${isPageFile(edge.from) ? ' (pages share through components/)' : ''}`)
    expect(wrong).toEqual([])
  })
})

/**
 * What the browser may run of src/ (ADR 0032): request schemas in pure `*.schema.ts` files, so the
 * web app checks a form with the route's own schema, and nothing that drags the server along.
 */
const srcFiles = new Set(tsFiles(srcDir))
/** Packages pure modules may use: the schemas' own library. */
const purePackages = new Set(['zod'])
/** Modules of src/ that are data for the browser though neither schema, rules nor shared: the iStandaard's code lists. */
const pureData = new Set(['istandaarden/codelists.ts', 'istandaarden/retourcodes.ts'])
const isSchemaFile = (file: string) => file.endsWith('.schema.ts')
/** The kinds of src/ modules the web app may import values from; types it may import from anywhere. */
const browserSafe = (file: string) => isSchemaFile(file) || file.endsWith('.rules.ts') || file.startsWith('shared/') || pureData.has(file)

/** What keeps a module of src/ (and every module it imports values from) out of the browser: a package other than zod, node:*, or db/, http/, app/. */
function impurities(start: string): string[] {
  const seen = new Set<string>()
  const found: string[] = []
  const visit = (file: string, via: string[]) => {
    if (seen.has(file)) return
    seen.add(file)
    const chain = [...via, file]
    if (/^(db|http|app)\//.test(file)) {
      found.push(`${chain.join(' → ')} (server code)`)
      return
    }
    for (const { specifier, typeOnly } of moduleSpecifiers(file, readFileSync(join(srcDir, file), 'utf8'))) {
      if (typeOnly) continue
      if (!specifier.startsWith('.')) {
        if (!purePackages.has(specifier)) found.push(`${chain.join(' → ')} imports ${specifier}`)
        continue
      }
      const target = relative(srcDir, resolve(srcDir, dirname(file), specifier)).split(sep).join('/')
      if (srcFiles.has(target)) visit(target, chain)
    }
  }
  visit(start, [])
  return found
}

describe('the requests of web/src/', () => {
  it('find what keeps a module out of the browser, through the modules it imports', () => {
    expect(impurities('shared/dates.ts')).toEqual([])
    expect(impurities('shared/spreadsheet.ts').some((i) => i.includes('read-excel-file/node'))).toBe(true)
    expect(impurities('toewijzingen/toewijzing.queries.ts').some((i) => i.includes('(server code)') || i.includes('kysely'))).toBe(true)
  })

  it('have their schemas in pure *.schema.ts files: zod, other schemas and pure modules only, nothing of db/, http/, node:*, kysely or hono', () => {
    const schemaFiles = [...srcFiles].filter(isSchemaFile)
    expect(schemaFiles.length).toBeGreaterThan(10)
    const wrong = schemaFiles.flatMap((file) => {
      const direct = moduleSpecifiers(file, readFileSync(join(srcDir, file), 'utf8'))
        .filter(({ specifier }) => specifier.startsWith('.'))
        .map(({ specifier }) => relative(srcDir, resolve(srcDir, dirname(file), specifier)).split(sep).join('/'))
        .filter((target) => !browserSafe(target))
        .map((target) => `${file} imports ${target}: a schema imports schemas, rules, src/shared/ and the code lists only`)
      return [...direct, ...impurities(file)]
    })
    expect(wrong).toEqual([])
  })

  it('import from src/ only types, or values of *.schema.ts, *.rules.ts, src/shared/ and the code lists, each pure', () => {
    const wrong = tsFiles(webDir, ['.ts', '.tsx']).flatMap((file) =>
      moduleSpecifiers(file, readFileSync(join(webDir, file), 'utf8'))
        .filter(({ specifier, typeOnly }) => !typeOnly && specifier.startsWith('.'))
        .map(({ specifier }) => relative(srcDir, resolve(webDir, dirname(file), specifier)).split(sep).join('/'))
        .filter((target) => !target.startsWith('..') && srcFiles.has(target))
        .flatMap((target) => (browserSafe(target) ? impurities(target).map((i) => `web/src/${file}: ${i}`) : [`web/src/${file} imports ${target}: the browser takes *.schema.ts, *.rules.ts, src/shared/ and the code lists (or import type)`])),
    )
    expect(wrong).toEqual([])
  })

  it('are sent by the action hook only: no page or component sends a change itself', () => {
    const sender = 'hooks/useAction.tsx'
    const wrong = tsFiles(webDir, ['.ts', '.tsx'])
      .filter((file) => file !== sender && file !== 'lib/api.ts' && !file.endsWith('.test.ts'))
      .flatMap((file) => {
        const text = readFileSync(join(webDir, file), 'utf8')
        return [
          ...(/\bmethod\s*:/.test(text) ? [`${file}: names an HTTP method (a change is described with post/put/del and sent by useAction().send)`] : []),
          // The shell sends the logout, which has no body and no form.
          ...(/\bsendChange\b/.test(text) && file !== 'App.tsx' ? [`${file}: calls sendChange (only ${sender} sends changes)`] : []),
          ...(/\bfetch\s*\(/.test(text) ? [`${file}: calls fetch (lib/api.ts talks to the API)`] : []),
        ]
      })
    expect(wrong).toEqual([])
  })
})
