/** Small helpers to declare routes whose request schemas are the domain's Zod schemas. */
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { errorCodes, reasons, type ErrorCode, type Reason } from '../shared/errors.ts'

const anyJson = z.unknown()

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

export function getRoute(path: string, tag: string, summary: string) {
  return createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: anyJson } } } },
  })
}

export function getRouteWithQuery<Q extends z.ZodObject>(path: string, tag: string, summary: string, query: Q) {
  return createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    request: { query },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: anyJson } } } },
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

/** GET `/things/{id}`. */
export function getRouteWithId(path: string, tag: string, summary: string) {
  return createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    request: { params: idParams },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: anyJson } } } },
  })
}

/** POST `/things/{id}/action` with a JSON body. */
export function postRouteWithId<S extends z.ZodType>(path: string, tag: string, summary: string, body: S) {
  return createRoute({
    method: 'post',
    path,
    tags: [tag],
    summary,
    request: { params: idParams, body: { content: { 'application/json': { schema: body } }, required: true } },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: anyJson } } } },
  })
}

/** POST with a JSON body that answers 200 with JSON (a query or an action, not a creation). */
export function postAction<S extends z.ZodType>(path: string, tag: string, summary: string, body: S) {
  return createRoute({
    method: 'post',
    path,
    tags: [tag],
    summary,
    request: { body: { content: { 'application/json': { schema: body } }, required: true } },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: anyJson } } } },
  })
}

/** GET `/things/{id}/view` with query parameters. */
export function getRouteWithIdAndQuery<Q extends z.ZodObject>(path: string, tag: string, summary: string, query: Q) {
  return createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    request: { params: idParams, query },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: anyJson } } } },
  })
}
