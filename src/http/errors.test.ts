import { OpenAPIHono } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppError } from '../shared/errors.ts'
import { errorResponse } from './errors.ts'
import { getRoute, okAnswer } from './openapi.ts'

const answering = (error: unknown) => {
  const app = new Hono()
  app.get('/', () => {
    throw error
  })
  app.onError(errorResponse)
  return app.request('/')
}

describe('the error mapper', () => {
  it('answers an AppError with the status of its class and its reason', async () => {
    const res = await answering(new AppError('toewijzing.not_active', 'toewijzing 1 is not active (beeindigd)', [{ rule: 'IV066', message: 'x' }]))
    expect(res.status).toBe(409)
    expect(await res.json()).toEqual({ error: { code: 'conflict', reason: 'toewijzing.not_active', message: 'toewijzing 1 is not active (beeindigd)', melding: 'De toewijzing is niet actief en kan niet gewijzigd worden.', details: [{ rule: 'IV066', message: 'x', melding: 'De toewijzing is niet actief en kan niet gewijzigd worden.' }] } })
  })

  it('answers a Zod error as input.invalid, naming the fields', async () => {
    const res = await answering(z.object({ agbCode: z.string() }).safeParse({}).error)
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_input', reason: 'input.invalid', melding: expect.stringMatching(/velden/), details: [{ path: 'agbCode', veld: 'AGB-code', melding: 'Vul AGB-code in.' }] } })
  })

  it('gives a toegang rule’s Dutch message and a retourcode’s meaning as the detail’s melding', async () => {
    const res = await answering(new AppError('toegang.refused', 'refused', [{ rule: 'TG-PERIODE', path: 'einddatum', message: 'De einddatum ligt voor de ingangsdatum.' }, { rule: '9307', message: 'x' }]))
    const { error } = (await res.json()) as { error: { details: { melding: string; veld?: string }[] } }
    expect(error.details).toMatchObject([{ veld: 'einddatum', melding: 'De einddatum ligt voor de ingangsdatum.' }, { melding: 'Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing' }])
  })

  it('gives the middleware’s refusals and the unexpected a reason too', async () => {
    const csrf = await answering(new HTTPException(403, { message: 'Forbidden' }))
    expect(csrf.status).toBe(403)
    expect(await csrf.json()).toMatchObject({ error: { code: 'forbidden', reason: 'http.cross_origin' } })
    const malformed = await answering(new HTTPException(400, { message: 'Malformed JSON in request body' }))
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ error: { code: 'http_error', reason: 'http.refused' } })
    const unexpected = await answering(new Error('boom'))
    expect(unexpected.status).toBe(500)
    expect(await unexpected.json()).toEqual({ error: { code: 'internal', reason: 'server.unexpected', message: 'Er ging iets mis aan onze kant.', melding: expect.stringMatching(/^Er ging iets mis aan onze kant/), details: [] } })
  })

  it('is described once in the OpenAPI document, with every reason', () => {
    const app = new OpenAPIHono()
    app.openapi(getRoute('/x', 'x', 'x', okAnswer), (c) => c.json({ ok: true }, 200))
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'x', version: '1' } })
    expect(JSON.stringify(doc.paths?.['/x'])).toContain('#/components/schemas/Error')
    expect(JSON.stringify(doc.components?.schemas?.Error)).toContain('toewijzing.not_active')
  })
})
