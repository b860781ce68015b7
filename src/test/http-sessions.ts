/**
 * HTTP in tests as the browser does it: each named user logs in once and keeps its session
 * cookie and CSRF token; requests go to the app in-process (Hono's `app.request`). Every JSON
 * answer is held against the route's OpenAPI description (documented-answers.ts): an answer the
 * description does not match fails the test that asked for it.
 */
import { createApp } from '../app/app.ts'
import type { Database } from '../db/database.ts'
import { answerProblems, documentedAnswers } from './documented-answers.ts'

export const testConfig = { KOERS_SESSION_HOURS: 8, KOERS_COOKIE_SECURE: false }
const origin = 'http://localhost'

export interface HttpSessions {
  /** Logs in `credentials` and remembers the session as `name`. */
  login(name: string, credentials: { username: string; password: string }): Promise<void>
  get(name: string, path: string): Promise<Response>
  /** A change: session cookie, same origin, CSRF token, JSON body. */
  post(name: string, path: string, body: unknown): Promise<Response>
  /** A change with a body of another type (a message file). */
  send(name: string, path: string, body: Uint8Array, contentType: string): Promise<Response>
}

export function httpSessions(db: Database): HttpSessions {
  const app = createApp({ db, config: testConfig })
  const described = documentedAnswers(app)
  const sessions = new Map<string, { cookie: string; csrf: string }>()
  const session = (name: string) => {
    const found = sessions.get(name)
    if (!found) throw new Error(`no session ${name}: log in first`)
    return found
  }
  /** The answer, once its JSON has matched the description of its route and status. */
  const checked = async (method: string, path: string, res: Response): Promise<Response> => {
    const schema = described.schemaOf(method, path, res.status)
    if (schema === undefined || !res.headers.get('content-type')?.startsWith('application/json')) return res
    const problems = answerProblems(schema, await res.clone().json())
    if (problems.length > 0) throw new Error(`the answer ${res.status} to ${method} ${path} is not as described (${described.routeOf(method, path)}):\n  ${problems.slice(0, 10).join('\n  ')}`)
    return res
  }
  return {
    async login(name, credentials) {
      const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(credentials) })
      sessions.set(name, { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken })
    },
    get: async (name, path) => checked('GET', path, await app.request(path, { headers: { cookie: session(name).cookie } })),
    post: async (name, path, body) => checked('POST', path, await app.request(path, { method: 'POST', headers: { cookie: session(name).cookie, origin, 'content-type': 'application/json', 'x-csrf-token': session(name).csrf }, body: JSON.stringify(body) })),
    send: async (name, path, body, contentType) => app.request(path, { method: 'POST', headers: { cookie: session(name).cookie, origin, 'content-type': contentType, 'x-csrf-token': session(name).csrf }, body: body as Uint8Array<ArrayBuffer> }),
  }
}
