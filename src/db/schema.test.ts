import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'

/** What a column reads as in JavaScript, and whether it can be null. */
interface Column {
  kind: string
  nullable: boolean
}
type Tables = Record<string, Record<string, Column>>

/**
 * The tables and columns of the `DB` interface in schema.ts, read with the TypeScript type
 * checker: each column's select type (a ColumnType's `__select__`), as a kind and nullability.
 */
let declaredOnce: Tables | undefined
function declaredTables(): Tables {
  if (declaredOnce) return declaredOnce
  const file = fileURLToPath(new URL('./schema.ts', import.meta.url))
  const program = ts.createProgram([file], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, allowImportingTsExtensions: true, noEmit: true, skipLibCheck: true, types: [] })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)!
  const db = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB')!
  const kindOf = (type: ts.Type): string => {
    if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return 'string'
    if (type.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return 'number'
    if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean'
    if (checker.isArrayType(type)) return `${kindOf(checker.getTypeArguments(type as ts.TypeReference)[0]!)}[]`
    const name = type.getSymbol()?.getName()
    if (name === 'Date' || name === 'Uint8Array' || name === 'Buffer') return name === 'Date' ? 'Date' : 'bytes'
    return 'json'
  }
  const tables: Tables = {}
  for (const table of checker.getTypeAtLocation(db).getProperties()) {
    const tableType = checker.getTypeOfSymbolAtLocation(table, db)
    tables[table.name] = {}
    for (const column of tableType.getProperties()) {
      let type = checker.getTypeOfSymbolAtLocation(column, db)
      const select = type.getProperty('__select__')
      if (select) type = checker.getTypeOfSymbolAtLocation(select, db)
      const parts = type.isUnion() ? type.types : [type]
      const nullable = parts.some((t) => t.flags & ts.TypeFlags.Null)
      const kinds = [...new Set(parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined))).map(kindOf))]
      tables[table.name]![column.name] = { kind: kinds.length === 1 ? kinds[0]! : kinds.sort().join(' | '), nullable }
    }
  }
  return (declaredOnce = tables)
}

/**
 * What each PostgreSQL type reads as through the type parsers of database.ts: bigint as a
 * number (refused when unsafe), date as a string, numeric as a string (pg's and PGlite's own
 * parser), jsonb as parsed JSON.
 */
const kindOfUdt: Record<string, string> = {
  int2: 'number', int4: 'number', int8: 'number', float4: 'number', float8: 'number', numeric: 'string',
  text: 'string', varchar: 'string', bpchar: 'string', date: 'string', uuid: 'string', inet: 'string', citext: 'string',
  bool: 'boolean', timestamptz: 'Date', timestamp: 'Date', jsonb: 'json', json: 'json', bytea: 'bytes',
}
const kindOf = (udt: string): string => (udt.startsWith('_') ? `${kindOf(udt.slice(1))}[]` : (kindOfUdt[udt] ?? `(${udt})`))

async function migratedTables(database: TestDatabase): Promise<Tables> {
  const { rows } = await sql<{ table_name: string; column_name: string; udt_name: string; is_nullable: 'YES' | 'NO' }>`
    select c.table_name, c.column_name, c.udt_name, c.is_nullable
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.table_name not like 'kysely\\_%'
    order by c.table_name, c.ordinal_position`.execute(database.db)
  const tables: Tables = {}
  for (const r of rows) (tables[r.table_name] ??= {})[r.column_name] = { kind: kindOf(r.udt_name), nullable: r.is_nullable === 'YES' }
  return tables
}

describe.each(engines)('schema.ts against the migrated database on %s', (engine) => {
  let database: TestDatabase
  let declared: Tables
  let migrated: Tables
  beforeAll(async () => {
    database = await freshDatabase(engine)
    declared = declaredTables()
    migrated = await migratedTables(database)
  })
  afterAll(() => database.dispose())

  it('names every table and column of the database, and no other', () => {
    const columns = (t: Tables) => Object.entries(t).flatMap(([table, cols]) => Object.keys(cols).map((c) => `${table}.${c}`)).sort()
    expect(columns(declared)).toEqual(columns(migrated))
  })

  it('gives each column the type and nullability it reads as', () => {
    const wrong: string[] = []
    for (const [table, cols] of Object.entries(declared)) {
      for (const [column, d] of Object.entries(cols)) {
        const m = migrated[table]?.[column]
        if (!m) continue
        // jsonb holds any JSON value, so any declared type reads from it.
        const kind = m.kind === 'json' || d.kind === m.kind
        if (!kind || d.nullable !== m.nullable) wrong.push(`${table}.${column}: schema.ts ${d.kind}${d.nullable ? ' | null' : ''}, database ${m.kind}${m.nullable ? ' | null' : ''}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
