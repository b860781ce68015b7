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
  return send<T>(path, init.method ?? 'GET', init.body === undefined ? undefined : { type: 'application/json', data: JSON.stringify(init.body) })
}

/** Uploads one message file as its raw XML; an unreadable file (422) still answers with a result. */
export async function uploadXml(bytes: Uint8Array): Promise<import('../../src/exchange/admit.ts').ReceiveResult> {
  return send('/messages', 'POST', { type: 'application/xml', data: bytes as Uint8Array<ArrayBuffer> }, [422])
}

async function send<T>(path: string, method: string, body: { type: string; data: BodyInit } | undefined, answeredStatuses: number[] = []): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body !== undefined ? { 'content-type': body.type } : {}),
      ...(method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
    },
    ...(body !== undefined ? { body: body.data } : {}),
  })
  if (response.status === 204) return undefined as T
  const parsed = await response.json().catch(() => ({}))
  if (!response.ok && !answeredStatuses.includes(response.status)) {
    const error = (parsed as { error?: { code?: string; message?: string } }).error
    throw new ApiError(response.status, error?.code ?? 'error', error?.message ?? `Fout ${response.status}`)
  }
  return parsed as T
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


/** An uploaded spreadsheet as an import route takes it: CSV as text, XLSX (a zip: "PK") as base64. */
export async function fileBody(file: File): Promise<{ bestandsnaam: string; csv: string } | { bestandsnaam: string; xlsxBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { bestandsnaam: file.name, csv: new TextDecoder().decode(bytes) }
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return { bestandsnaam: file.name, xlsxBase64: btoa(binary) }
}
