/** Small helpers to declare routes whose request and answer schemas are Zod schemas; every route names its answer. */
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { errorCodes, reasons, type ErrorCode, type Reason } from '../shared/errors.ts'

/** The body of every refusal (src/http/errors.ts); the reasons and what they mean are in docs/errors.md. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
      reason: z.enum(Object.keys(reasons) as [Reason, ...Reason[]]),
      /** For developers and logs, in English; show `melding` to users. */
      message: z.string(),
      /** What went wrong in Dutch, for the person in front of the screen (src/shared/meldingen.ts). */
      melding: z.string(),
      details: z.array(z.object({ path: z.string().optional(), rule: z.string().optional(), message: z.string(), veld: z.string().optional(), melding: z.string() })),
    }),
  })
  .openapi('Error')

const refused = { description: 'Refused: key on error.reason (docs/errors.md), not on the message; show error.melding (Dutch) to users', content: { 'application/json': { schema: errorBody } } }

/**
 * What answers are made of, one schema each: money in whole euro cents, calendar dates
 * (`YYYY-MM-DD`), months (`YYYY-MM`) and moments (ISO 8601 in UTC, as `Date.toJSON` writes them).
 */
export const answer = {
  cents: z.number().int(),
  date: z.iso.date(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  moment: z.iso.datetime(),
}

/** The answer of an action that names the row it acted on. */
export const idAnswer = z.object({ id: z.number() })
/** The answer of an action that has nothing to report but its success. */
export const okAnswer = z.object({ ok: z.boolean() })

export function getRoute<R extends z.ZodType>(path: string, tag: string, summary: string, response: R) {
  return createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: response } } } },
  })
}

export function getRouteWithQuery<Q extends z.ZodObject, R extends z.ZodType>(path: string, tag: string, summary: string, query: Q, response: R) {
  return createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    request: { query },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: response } } } },
  })
}

/** POST that creates: answers 201 with `response`, mostly `idAnswer` (the new row's id). */
export function postRoute<S extends z.ZodType, R extends z.ZodType>(path: string, tag: string, summary: string, body: S, response: R) {
  return createRoute({
    method: 'post',
    path,
    tags: [tag],
    summary,
    request: { body: { content: { 'application/json': { schema: body } }, required: true } },
    responses: { default: refused, 201: { description: 'Created', content: { 'application/json': { schema: response } } } },
  })
}

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() })

export const idParams = z.object({ id: z.coerce.number().int().positive() })

/** GET `/things/{id}`. */
export function getRouteWithId<R extends z.ZodType>(path: string, tag: string, summary: string, response: R) {
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
export function postRouteWithId<S extends z.ZodType, R extends z.ZodType>(path: string, tag: string, summary: string, body: S, response: R) {
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
export function postAction<S extends z.ZodType, R extends z.ZodType>(path: string, tag: string, summary: string, body: S, response: R) {
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
export function getRouteWithIdAndQuery<Q extends z.ZodObject, R extends z.ZodType>(path: string, tag: string, summary: string, query: Q, response: R) {
  return createRoute({
    method: 'get',
    path,
    tags: [tag],
    summary,
    request: { params: idParams, query },
    responses: { default: refused, 200: { description: summary, content: { 'application/json': { schema: response } } } },
  })
}
