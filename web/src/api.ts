/** The web app's one way to talk to the API: JSON, the session cookie, and the CSRF header on changes. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

let csrfToken = ''
export function setCsrfToken(token: string): void {
  csrfToken = token
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET'
  const response = await fetch(`/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  })
  if (response.status === 204) return undefined as T
  const body = await response.json().catch(() => ({}))
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } }).error
    throw new ApiError(response.status, error?.code ?? 'error', error?.message ?? `Fout ${response.status}`)
  }
  return body as T
}

export interface Me {
  username: string
  displayName: string
  role: string
  roleLabel: string
  gemeenteId: number | null
  providerId: number | null
  csrfToken: string
}

/** Uploads one message file as its raw XML. */
export async function uploadXml(bytes: Uint8Array): Promise<import('../../src/exchange/receive.ts').ReceiveResult> {
  const response = await fetch('/api/messages', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/xml', 'x-csrf-token': csrfToken },
    body: bytes as Uint8Array<ArrayBuffer>,
  })
  const body = await response.json().catch(() => ({}))
  if (!response.ok && response.status !== 422) {
    const error = (body as { error?: { code?: string; message?: string } }).error
    throw new ApiError(response.status, error?.code ?? 'error', error?.message ?? `Fout ${response.status}`)
  }
  return body as import('../../src/exchange/receive.ts').ReceiveResult
}
