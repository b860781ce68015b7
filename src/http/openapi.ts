/** Small helpers to declare routes whose request schemas are the domain's Zod schemas. */
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { errorCodes, reasons, type ErrorCode, type Reason } from '../shared/errors.ts'

/**
 * The answer of a route not yet given its schema: documented as any JSON. `openapi.test.ts` lists
 * the routes that still answer it; a route with a known answer passes its Zod schema as `response`,
 * and the handler's `c.json(…)` is then checked against it when type-checking.
 */
const anyJson = z.unknown()
type AnyJson = typeof anyJson

/** The body of every refusal (src/http/errors.ts); the reasons and what they mean are in docs/errors.md. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
      reason: z.enum(Object.keys(reasons) as [Reason, ...Reason[]]),
      message: z.string(),
      details: z.array(z.object({ path: z.string().optional(), rule: z.string().optional(), message: z.string() })),
    }),
  })
  .openapi('Error')

const refused = { description: 'Refused: key on error.reason (docs/errors.md), not on the message', content: { 'application/json': { schema: errorBody } } }

export function getRoute<R extends z.ZodType = AnyJson>(path: string, tag: string, summary: string, response: R = anyJson as unknown as R) {
  return createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: response } } } },
  })
}

export function getRouteWithQuery<Q extends z.ZodObject, R extends z.ZodType = AnyJson>(path: string, tag: string, summary: string, query: Q, response: R = anyJson as unknown as R) {
  return createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    request: { query },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: response } } } },
  })
}

export function postRoute<S extends z.ZodType>(path: string, tag: string, summary: string, body: S) {
  return createRoute({
    method: 'post',
    path,
    tags: [tag],
    summary,
    request: { body: { content: { 'application/json': { schema: body } }, required: true } },
    responses: {
      default: refused,
      201: { description: 'Created', content: { 'application/json': { schema: z.object({ id: z.number() }) } } },
    },
  })
}

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() })

export const idParams = z.object({ id: z.coerce.number().int().positive() })

/** The answer of an action that names the row it acted on. */
export const idAnswer = z.object({ id: z.number() })
/** The answer of an action that has nothing to report but its success. */
export const okAnswer = z.object({ ok: z.boolean() })

/** GET `/things/{id}`. */
export function getRouteWithId<R extends z.ZodType = AnyJson>(path: string, tag: string, summary: string, response: R = anyJson as unknown as R) {
  return createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    request: { params: idParams },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: response } } } },
  })
}

/** POST `/things/{id}/action` with a JSON body. */
export function postRouteWithId<S extends z.ZodType, R extends z.ZodType = AnyJson>(path: string, tag: string, summary: string, body: S, response: R = anyJson as unknown as R) {
  return createRoute({
    method: 'post',
    path,
    tags: [tag],
    summary,
    request: { params: idParams, body: { content: { 'application/json': { schema: body } }, required: true } },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: response } } } },
  })
}

/** POST with a JSON body that answers 200 with JSON (a query or an action, not a creation). */
export function postAction<S extends z.ZodType, R extends z.ZodType = AnyJson>(path: string, tag: string, summary: string, body: S, response: R = anyJson as unknown as R) {
  return createRoute({
    method: 'post',
    path,
    tags: [tag],
    summary,
    request: { body: { content: { 'application/json': { schema: body } }, required: true } },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: response } } } },
  })
}

/** GET `/things/{id}/view` with query parameters. */
export function getRouteWithIdAndQuery<Q extends z.ZodObject, R extends z.ZodType = AnyJson>(path: string, tag: string, summary: string, query: Q, response: R = anyJson as unknown as R) {
  return createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    request: { params: idParams, query },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: response } } } },
  })
}
