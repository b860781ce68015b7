import { describe, expect, it } from 'vitest'
import { errorResponse } from './errors.ts'
import { lane } from './lane.ts'
import { newRouter } from './router.ts'

/** Issue 24 §5: heavy requests take at most their lane's share of the database; the others pass by. */
describe('the lane for heavy requests', () => {
  function app(size: number) {
    const heavy = lane(size)
    const inside: string[] = []
    let open!: () => void
    const gate = new Promise<void>((r) => (open = r))
    const router = newRouter()
    router.on('GET', '/heavy/:n', heavy.middleware)
    router.get('/heavy/:n', async (c) => {
      inside.push(c.req.param('n'))
      await gate
      return c.json({ n: c.req.param('n') })
    })
    router.get('/light', (c) => c.json({ ok: true }))
    router.onError(errorResponse)
    return { router, heavy, inside, open }
  }
  const settle = () => new Promise((r) => setTimeout(r, 10))

  it('lets `size` heavy requests in at once, in the order they came, and light requests past the waiting ones', async () => {
    const { router, heavy, inside, open } = app(2)
    const answers = ['1', '2', '3', '4'].map((n) => router.request(`/heavy/${n}`))
    await settle()
    expect(inside).toEqual(['1', '2'])
    expect([heavy.running, heavy.waiting]).toEqual([2, 2])
    expect((await router.request('/light')).status).toBe(200)
    open()
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual([200, 200, 200, 200])
    expect(inside).toEqual(['1', '2', '3', '4'])
    expect([heavy.running, heavy.waiting]).toEqual([0, 0])
  })

  it('drops a waiting request whose client went away: it never runs, and the next one takes its place', async () => {
    const { router, heavy, inside, open } = app(1)
    const first = router.request('/heavy/1')
    const client = new AbortController()
    const gone = router.request(new Request('http://localhost/heavy/2', { signal: client.signal }))
    const third = router.request('/heavy/3')
    await settle()
    client.abort()
    const res = await gone
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ error: { reason: 'request.abandoned' } })
    expect(heavy.waiting).toBe(1)
    open()
    await Promise.all([first, third])
    expect(inside).toEqual(['1', '3'])
    expect(heavy.running).toBe(0)
  })
})
