/**
 * Answers held against their OpenAPI description (ADR 0015): the route's Zod schema for the
 * status it answered (its `default` for a refusal), looked up in the app's own registry, so a
 * test that calls the API through `httpSessions` also checks that the description still says
 * what the route answers. Nothing outside tests validates answers at run time.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { z } from 'zod'

export interface DocumentedRoute {
  method: string
  /** As the description names it, mounted: `/api/clients/{id}/file`. */
  template: string
  /** The names of its query parameters. */
  query: string[]
  pattern: RegExp
  /** Path parameters: a literal path wins over a template (`/declaraties/samples` over `/declaraties/{id}`). */
  params: number
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>
}

export interface DocumentedAnswers {
  routes: DocumentedRoute[]
  /** The route's template (`/api/clients/{id}/file`), or undefined for a path the description does not list. */
  routeOf(method: string, path: string): string | undefined
  /** The schema of the answer with `status` to `method path`, or undefined where none is described. */
  schemaOf(method: string, path: string, status: number): z.ZodType | undefined
}

/** Every route the app describes; `app` is the one `createApp` made (its registry holds the mounted paths). */
export function documentedAnswers(app: Pick<OpenAPIHono, 'openAPIRegistry'>): DocumentedAnswers {
  const routes: DocumentedRoute[] = []
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue
    const { method, path, request, responses } = def.route
    routes.push({
      method: method.toUpperCase(),
      template: path,
      query: Object.keys((request?.query as { shape?: object } | undefined)?.shape ?? {}),
      pattern: new RegExp(`^${path.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`),
      params: (path.match(/\{/g) ?? []).length,
      responses: responses as DocumentedRoute['responses'],
    })
  }
  const find = (method: string, path: string) =>
    routes.filter((r) => r.method === method.toUpperCase() && r.pattern.test(path.split('?')[0]!)).sort((a, b) => a.params - b.params)[0]
  return {
    routes,
    routeOf: (method, path) => find(method, path)?.template,
    schemaOf(method, path, status) {
      const route = find(method, path)
      const response = route?.responses[String(status)] ?? route?.responses.default
      return response?.content?.['application/json']?.schema as z.ZodType | undefined
    },
  }
}

/**
 * What is wrong with `body` as an answer of `schema`: the schema's own issues, and every key of
 * `body` that the schema does not name (Zod's objects would drop such a key without a word).
 */
export function answerProblems(schema: z.ZodType, body: unknown): string[] {
  const parsed = schema.safeParse(body)
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`)
  const undocumented: string[] = []
  const walk = (given: unknown, kept: unknown, at: string) => {
    if (Array.isArray(given) && Array.isArray(kept)) given.forEach((g, i) => walk(g, kept[i], `${at}[${i}]`))
    else if (isObject(given) && isObject(kept)) {
      for (const key of Object.keys(given)) {
        if (key in kept) walk(given[key], kept[key], at ? `${at}.${key}` : key)
        else undocumented.push(`${at ? `${at}.${key}` : key}: not in the description`)
      }
    }
  }
  walk(body, parsed.data, '')
  return undocumented
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
