import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/database.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type TestRegion, newRegion, newUser } from '../test/factory.ts'
import { testConfig } from '../test/http-sessions.ts'
import { createApp } from './app.ts'
import { type Access, routeAccess } from './route-policy.ts'

const src = join(import.meta.dirname, '..')

/** What a route's handler itself checks: the permissions it passes to asActor, scopedRunner or assertCan, or only a session. */
interface HandlerCheck {
  route: string
  where: string
  permissions: string[]
  session: boolean
}

/** The prefix under /api of each routes function, as app.ts mounts it (`api.route('/auth', authRoutes())`). */
function mountPrefixes(): Map<string, string> {
  const app = readFileSync(join(src, 'app/app.ts'), 'utf8')
  return new Map([...app.matchAll(/api\.route\('([^']*)', (\w+)\(/g)].map(([, prefix, fn]) => [fn!, prefix === '/' ? '' : prefix!]))
}

/** Every route registered in a *.routes.ts file, read from its source, with what its handler checks. */
function handlerChecks(): HandlerCheck[] {
  const prefixes = mountPrefixes()
  const files = readdirSync(src, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.routes.ts')).map((e) => join(e.parentPath, e.name))
  const checks: HandlerCheck[] = []
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
    const where = (node: ts.Node) => `${relative(src, file).split(sep).join('/')}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`
    const exported = [...text.matchAll(/export function (\w+)/g)].map((m) => m[1]!)
    const prefix = exported.map((fn) => prefixes.get(fn)).find((p) => p !== undefined) ?? ''
    const constants = new Map<string, ts.Expression>()
    const visitConstants = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer)
      ts.forEachChild(node, visitConstants)
    }
    visitConstants(source)
    const unreadable = (node: ts.Node, what: string): never => {
      throw new Error(`${where(node)}: cannot read ${what}; teach route-policy.test.ts this form`)
    }
    const literal = (node: ts.Node | undefined, what: string): string => (node && ts.isStringLiteralLike(node) ? node.text : unreadable(node ?? source, what))
    const routeOf = (arg: ts.Expression): string => {
      const node = ts.isIdentifier(arg) && constants.has(arg.text) ? constants.get(arg.text)! : arg
      // `{ ...getRouteWithQuery('/x/{id}', …), request: … }`: the route of the spread helper, its path and method kept.
      if (ts.isObjectLiteralExpression(node)) {
        const kept = node.properties.every((p) => ts.isSpreadAssignment(p) || !['method', 'path'].includes(p.name?.getText(source) ?? ''))
        const spread = node.properties.find(ts.isSpreadAssignment)
        return kept && spread ? routeOf(spread.expression) : unreadable(arg, 'the route')
      }
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return unreadable(arg, 'the route')
      const helper = node.expression.text
      if (helper === 'createRoute') {
        const config = node.arguments[0]
        if (!config || !ts.isObjectLiteralExpression(config)) return unreadable(node, 'the route config')
        const prop = (name: string) => config.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === name)?.initializer
        return `${literal(prop('method'), 'the method').toUpperCase()} ${literal(prop('path'), 'the path')}`
      }
      const method = /^(get|post|put|patch|delete)/.exec(helper)?.[1] ?? unreadable(node, `the method of ${helper}`)
      return `${method.toUpperCase()} ${literal(node.arguments[0], 'the path')}`
    }
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['openapi', 'get', 'post', 'put', 'patch', 'delete'].includes(node.expression.name.text) && node.arguments.length >= 2) {
        const kind = node.expression.name.text
        const route = kind === 'openapi' ? routeOf(node.arguments[0]!) : `${kind.toUpperCase()} ${literal(node.arguments[0], 'the path').replace(/:(\w+)/g, '{$1}')}`
        const [method, path] = route.split(' ') as [string, string]
        const handler = node.arguments[node.arguments.length - 1]!
        const permissions = new Set<string>()
        let session = false
        const inHandler = (n: ts.Node): void => {
          if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
            const callee = n.expression.text
            if (['asActor', 'scopedRunner', 'assertCan'].includes(callee)) {
              const arg = n.arguments[1]
              if (arg && ts.isConditionalExpression(arg)) [arg.whenTrue, arg.whenFalse].forEach((a) => permissions.add(literal(a, 'a permission')))
              else permissions.add(literal(arg, 'a permission'))
            }
            if (callee === 'requireActor') session = true
          }
          ts.forEachChild(n, inHandler)
        }
        inHandler(handler)
        checks.push({ route: `${method} ${prefix}${path}`, where: where(node), permissions: [...permissions].sort(), session })
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return checks
}

const asList = (access: Access): string[] => (typeof access === 'string' ? [access] : [...access].sort())

describe('the route policy', () => {
  it('names every API route of the app, and no other', () => {
    const app = createApp({ db: {} as Database, config: testConfig })
    const routes = new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path.slice('/api'.length).replace(/:(\w+)/g, '{$1}')}`))
    expect([...routes].sort()).toEqual(Object.keys(routeAccess).sort())
  })

  it('asks of each route what its handler asks again: the same permissions, or a session', () => {
    const checks = handlerChecks()
    expect(checks.length).toBeGreaterThan(80)
    const disagreements = checks.flatMap((check) => {
      const access = routeAccess[check.route as keyof typeof routeAccess] as Access | undefined
      if (access === undefined) return [`${check.where} ${check.route}: not in route-policy.ts`]
      const declared = asList(access)
      if (check.permissions.length > 0) return JSON.stringify(declared) === JSON.stringify(check.permissions) ? [] : [`${check.where} ${check.route}: the handler checks ${check.permissions.join(', ')}, the policy says ${declared.join(', ')}`]
      if (check.session) return access === 'session' ? [] : [`${check.where} ${check.route}: the handler needs a session, the policy says ${declared.join(', ')}`]
      return access === 'session' || access === 'public' ? [] : [`${check.where} ${check.route}: the handler checks nothing, the policy says ${declared.join(', ')}`]
    })
    expect(disagreements).toEqual([])
  })
})

const origin = 'http://localhost'
const CHUNK = 64 << 10

/** A request body of `total` bytes that counts how much of it was read. */
function countedBody(total: number): { body: ReadableStream<Uint8Array>; read: () => number } {
  let read = 0
  const chunk = new Uint8Array(CHUNK).fill(0x20)
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read >= total) return controller.close()
      read += chunk.length
      controller.enqueue(chunk)
    },
  })
  return { body, read: () => read }
}

describe.each(engines)('the route gate on %s', (engine) => {
  let database: TestDatabase
  let region: TestRegion
  let app: ReturnType<typeof createApp>
  let regio: { cookie: string; csrf: string }
  let gemeente: { cookie: string; csrf: string }

  async function login(role: 'regio' | 'gemeente') {
    const user = await newUser(database.db, region, role, role === 'gemeente' ? { gemeenteId: region.gemeenten[0]!.id } : {})
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(user) })
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken }
  }
  const post = (session: { cookie: string; csrf: string } | undefined, path: string, body: BodyInit) =>
    app.request(path, { method: 'POST', headers: { origin, 'content-type': 'application/json', ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) }, body, duplex: 'half' } as RequestInit)
  const refusal = async (res: Response) => ({ status: res.status, reason: ((await res.json()) as { error: { reason: string } }).error.reason })

  beforeAll(async () => {
    database = await freshDatabase(engine)
    region = await newRegion(database.db)
    app = createApp({ db: database.db, config: testConfig })
    regio = await login('regio')
    gemeente = await login('gemeente')
  })
  afterAll(() => database.dispose())

  it('answers an anonymous request 401 and a request of the wrong role 403, before validating its input', async () => {
    expect(await refusal(await post(undefined, '/api/providers', '{}'))).toEqual({ status: 401, reason: 'session.missing' })
    expect(await refusal(await post(undefined, '/api/providers', 'not json'))).toEqual({ status: 401, reason: 'session.missing' })
    expect(await refusal(await app.request('/api/budgets/figures?level=nonsense'))).toEqual({ status: 401, reason: 'session.missing' })
    expect(await refusal(await post(gemeente, '/api/providers', '{}'))).toEqual({ status: 403, reason: 'role.not_permitted' })
    expect(await refusal(await post(regio, '/api/providers', '{}'))).toEqual({ status: 422, reason: 'input.invalid' })
  })

  it('does not read the body of an anonymous request', async () => {
    const upload = countedBody(8 << 20)
    expect(await refusal(await post(undefined, '/api/providers', upload.body))).toEqual({ status: 401, reason: 'session.missing' })
    expect(upload.read()).toBeLessThanOrEqual(CHUNK) // a stream reads one chunk ahead by itself
  })

  it('stops reading a body past the route’s limit: 1 MB for JSON, more for the uploads, 16 kB to log in', async () => {
    const large = countedBody(8 << 20)
    expect(await refusal(await post(regio, '/api/providers', large.body))).toEqual({ status: 413, reason: 'http.too_large' })
    expect(large.read()).toBeLessThan(2 << 20)
    const csv = `gemeente;segment;jaar;bedrag\n${'x;y;2027;1\n'.repeat(300_000)}`
    expect(csv.length).toBeGreaterThan(3 << 20)
    expect((await post(gemeente, '/api/budgets/import', JSON.stringify({ bestandsnaam: 'b.csv', csv }))).status).not.toBe(413)
    expect(await refusal(await post(undefined, '/api/auth/login', JSON.stringify({ username: 'x', password: 'y'.repeat(20_000) })))).toEqual({ status: 413, reason: 'http.too_large' })
  })
})
