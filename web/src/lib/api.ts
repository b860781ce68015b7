/** The web app's one way to talk to the API: JSON, the session cookie, and the CSRF header on changes. */

/** One problem of a refusal: the field (`path`, as the API names it), the rule it rests on, and what to tell the user. */
export interface Fout {
  path?: string
  rule?: string
  veld?: string
  melding: string
}

/**
 * A refusal of the API. Its `message` is the server's Dutch `melding` for the user (src/shared/meldingen.ts),
 * never the English developer text; `reason` is the stable code to key on.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly reason: string = code,
    readonly details: Fout[] = [],
  ) {
    super(message)
  }
}

/** What to say when the server gave no melding (an old server, a proxy's page, a lost connection). */
function meldingZonderServer(status: number): string {
  if (status === 0) return 'De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.'
  if (status === 401) return 'U bent niet (meer) ingelogd. Log opnieuw in.'
  if (status === 403) return 'Dit mag u met uw rol niet doen.'
  if (status === 404) return 'Deze gegevens bestaan niet (meer).'
  if (status === 413) return 'Het bestand of de invoer is te groot om te verwerken.'
  return `Er ging iets mis (fout ${status}). Probeer het later opnieuw.`
}

/** The Dutch text of any failure, for a page that shows one line. */
export function foutTekst(e: unknown): string {
  return e instanceof ApiError ? e.message : 'Er ging iets mis in de webapplicatie. Laad de pagina opnieuw.'
}

let csrfToken = ''
export function setCsrfToken(token: string): void {
  csrfToken = token
}

/** Reads from the API (GET). A change goes through the action hook (`useAction().send`), which checks its body first. */
export async function api<T>(path: string): Promise<T> {
  return send<T>(path, 'GET', undefined)
}

/**
 * A change the API takes (ADR 0032): its method and path, and the type of its answer. Pages
 * describe a change with `post`/`put`/`del` and hand it to `useAction().send` with the route's
 * schema; only the hook (and the shell's logout) sends it.
 */
export interface Change<R> {
  readonly method: 'POST' | 'PUT' | 'DELETE'
  readonly path: string
  /** The answer's type; never set, only carried. */
  readonly answer?: R
}
export const post = <R = unknown>(path: string): Change<R> => ({ method: 'POST', path })
export const put = <R = unknown>(path: string): Change<R> => ({ method: 'PUT', path })
export const del = <R = unknown>(path: string): Change<R> => ({ method: 'DELETE', path })

/** Sends a change with its (checked) JSON body. Call it from hooks/useAction.tsx only (src/architecture.test.ts). */
export async function sendChange<R>(change: Change<R>, body?: unknown): Promise<R> {
  return send<R>(change.path, change.method, body === undefined ? undefined : { type: 'application/json', data: JSON.stringify(body) })
}

/** Uploads one message file as its raw XML; an unreadable file (422) still answers with a result, a refusal throws. */
export async function uploadXml(bytes: Uint8Array): Promise<import('../../../src/exchange/admit.ts').ReceiveResult> {
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
  }).catch(() => {
    throw new ApiError(0, 'network', meldingZonderServer(0), 'network')
  })
  if (response.status === 204) return undefined as T
  const parsed = await response.json().catch(() => ({}))
  // A refusal is an error body, also on a status that otherwise answers with a result (an upload's 422).
  const error = (parsed as { error?: { code?: string; reason?: string; melding?: string; details?: Fout[] } }).error
  if (!response.ok && (!answeredStatuses.includes(response.status) || error !== undefined)) {
    throw new ApiError(response.status, error?.code ?? 'error', error?.melding ?? meldingZonderServer(response.status), error?.reason, (error?.details ?? []).filter((d) => typeof d.melding === 'string'))
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
  /** What the role may do (src/auth/permissions.ts); links show only where they may be followed. */
  permissions: string[]
}

/** True when the user's role has the permission (the server checks again; this only hides what would be refused). */
export const may = (me: Me, permission: string): boolean => me.permissions.includes(permission)


/** An uploaded spreadsheet as an import route takes it: CSV as text, XLSX (a zip: "PK") as base64. */
export async function fileBody(file: File): Promise<{ bestandsnaam: string; csv: string } | { bestandsnaam: string; xlsxBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { bestandsnaam: file.name, csv: new TextDecoder().decode(bytes) }
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return { bestandsnaam: file.name, xlsxBase64: btoa(binary) }
}
