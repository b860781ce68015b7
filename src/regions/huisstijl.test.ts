/**
 * A region's huisstijl (issue 18 §4, ADR 0026): the region's team sets its logo and colours,
 * everyone in the region reads them, and a colour too light for white text is refused with
 * its contrast — in the rule, the route and again by row-level security for other roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type TestRegion, newRegion, newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { AppError } from '../shared/errors.ts'
import { MAX_LOGO_BYTES, checkHuisstijl, colourProblems, logoBytes } from './huisstijl.rules.ts'

const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

describe('the huisstijl rule', () => {
  it('takes dark colours and a small logo', () => {
    expect(() => checkHuisstijl({ primaryColour: '#0b5b7a', bandColour: '#1b1b1b', logo: pixel })).not.toThrow()
  })

  it('refuses a colour too light for white text, naming the colour and its contrast in Dutch', () => {
    const error = (() => {
      try {
        checkHuisstijl({ primaryColour: '#ffcc00', bandColour: '#0b3d5c', logo: null })
      } catch (e) {
        return e as AppError
      }
    })()
    expect(error?.reason).toBe('huisstijl.contrast_too_low')
    expect(error?.details.map((d) => d.path)).toEqual(['primaryColour'])
    expect(error?.details[0]?.melding).toMatch(/^De hoofdkleur #ffcc00 heeft met wit of de lichtgrijze achtergrond een contrast van 1,\d\d:1; .* ten minste 4,5:1/)
  })

  it('asks more of the primary colour, which is also text on the light grey surface, than of the band colour', () => {
    // #767676: 4,54:1 with white, about 4,2:1 on the surface.
    expect(colourProblems({ primaryColour: '#0b5b7a', bandColour: '#767676' })).toEqual([])
    expect(colourProblems({ primaryColour: '#767676', bandColour: '#0b5b7a' })).toEqual([expect.objectContaining({ path: 'primaryColour', melding: expect.stringMatching(/^De hoofdkleur #767676 heeft met wit of de lichtgrijze achtergrond een contrast van 4,1\d:1/) })])
  })

  it('refuses a logo larger than 64 kB', () => {
    const large = `data:image/png;base64,${'A'.repeat(Math.ceil(((MAX_LOGO_BYTES + 1) * 4) / 3) + 4)}`
    expect(logoBytes(large)).toBeGreaterThan(MAX_LOGO_BYTES)
    expect(() => checkHuisstijl({ primaryColour: '#0b5b7a', bandColour: '#0b3d5c', logo: large })).toThrow(expect.objectContaining({ reason: 'huisstijl.logo_too_large' }))
  })
})

describe.each(engines)('GET and POST /api/region/huisstijl on %s', (engine) => {
  let database: TestDatabase
  let region: TestRegion
  let http: HttpSessions

  beforeAll(async () => {
    database = await freshDatabase(engine)
    region = await newRegion(database.db)
    http = httpSessions(database.db)
    await http.login('regio', await newUser(database.db, region, 'regio'))
    await http.login('gemeente', await newUser(database.db, region, 'gemeente', { gemeenteId: region.gemeenten[0]!.id }))
  })
  afterAll(() => database.dispose())

  it('answers the Koers theme (no colours, no logo) until the region sets its own', async () => {
    const res = await http.get('gemeente', '/api/region/huisstijl')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ primaryColour: null, bandColour: null, logo: null })
  })

  it("sets the region's logo and colours, for everyone in the region to see", async () => {
    const res = await http.post('regio', '/api/region/huisstijl', { primaryColour: '#0B5B7A', bandColour: '#1b1b1b', logo: pixel })
    expect(res.status).toBe(200)
    const seen = await (await http.get('gemeente', '/api/region/huisstijl')).json()
    expect(seen).toMatchObject({ primaryColour: '#0b5b7a', bandColour: '#1b1b1b', logo: pixel })
  })

  it('refuses a colour with too little contrast, with reason and Dutch melding at the field', async () => {
    const res = await http.post('regio', '/api/region/huisstijl', { primaryColour: '#0b5b7a', bandColour: '#ff9900', logo: null })
    expect(res.status).toBe(422)
    const body = ((await res.json()) as { error: { reason: string; details: { path: string; melding: string }[] } }).error
    expect(body.reason).toBe('huisstijl.contrast_too_low')
    expect(body.details[0]).toMatchObject({ path: 'bandColour' })
    expect(body.details[0]!.melding).toContain('De kleur van de balk #ff9900 heeft met wit een contrast van')
    expect((await (await http.get('regio', '/api/region/huisstijl')).json()) as { bandColour: string }).toMatchObject({ bandColour: '#1b1b1b' })
  })

  it('is not for a gemeente: the route refuses, and so does the database', async () => {
    expect((await http.post('gemeente', '/api/region/huisstijl', { primaryColour: '#000000', bandColour: '#000000', logo: null })).status).toBe(403)
    const gemeente = region.actor('gemeente', { gemeenteId: region.gemeenten[0]!.id })
    await expect(withActor(database.db, gemeente, (trx) => trx.updateTable('region_huisstijl').set({ primary_colour: '#000000' }).where('region_id', '=', region.regionId).executeTakeFirst())).resolves.toMatchObject({ numUpdatedRows: 0n })
  })
})
