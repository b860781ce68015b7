import { describe, expect, it } from 'vitest'
import type { Database } from '../db/database.ts'
import { createApp } from './app.ts'

/** The description needs no database: a database that is touched fails the test. */
const noDatabase = new Proxy({}, { get: () => { throw new Error('the OpenAPI description touched the database') } }) as Database

describe('the OpenAPI description', () => {
  it('gives every answer its schema (issue 16 §2): no route answers any JSON', async () => {
    const app = createApp({ db: noDatabase, config: { KOERS_SESSION_HOURS: 8, KOERS_COOKIE_SECURE: false } })
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>> }
    const untyped = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => Object.values(op.responses).some((r) => Object.values(r.content ?? {}).some((c) => c.schema === undefined || Object.keys(c.schema).length === 0)))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    )
    expect(untyped).toEqual([])
  })
})
