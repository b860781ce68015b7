/**
 * The one way a page runs an action (issue 18 §1, §7): busy while it runs, the server's Dutch
 * melding when it is refused, each field's own melding at its field (cleared when the field
 * changes), the required fields checked before anything is sent, and focus moved to what the
 * user must read next — the error summary or the result.
 *
 * A change with a body is `send`: the body is checked with the route's own schema (its
 * `*.schema.ts` in src/, ADR 0032) before anything is sent, and a mistake gets the same Dutch
 * melding at its field as the server would give (src/shared/schema-meldingen.ts).
 */
import { Alert, Paragraph } from '@utrecht/component-library-react'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { z } from 'zod'
import { schemaMeldingen } from '../../../src/shared/schema-meldingen.ts'
import { ApiError, type Change, type Fout, foutTekst, sendChange } from '../lib/api.ts'

export interface Action {
  busy: boolean
  /** What went wrong, for the summary; null when nothing did (or it was fixed). */
  error: string | null
  /** Problems without a field of this form (a rule, a row of a file), shown under the summary. */
  problems: Fout[]
  /** Per field (the API's path): its melding. */
  fieldErrors: Record<string, string>
  success: string | null
  /**
   * Runs `work` unless `check` finds fields to fix first (their meldingen, by path); `work`
   * returns the success text, or null for none.
   */
  run: (work: () => Promise<string | null>, check?: () => Record<string, string>) => Promise<boolean>
  /**
   * Sends `body` as `change` after checking it with the route's `schema`: each refused field gets
   * its Dutch melding and nothing is sent; otherwise the parsed body goes, and `done` turns the
   * answer into the success text (or null for none). `check` runs first, as with `run` (the
   * form's own checks: required fields by their labels, dates as typed).
   */
  send: <S extends z.ZodType, R>(schema: S, body: z.input<S>, change: Change<R>, done: (answer: R, sent: z.output<S>) => string | null | Promise<string | null>, check?: () => Record<string, string>) => Promise<boolean>
  /** The field at `path` changed: its error goes, and the summary with the last one. */
  clearField: (path: string) => void
  /** Forgets what the last action said (a new form, a cancelled step). */
  reset: () => void
  /** The field id for an API path, where a form's ids differ from the API's names. */
  idFor: (path: string) => string
  summaryRef: React.RefObject<HTMLDivElement | null>
}

/**
 * `ids` maps an API path to its field's id where they differ (`{ providerId: 'tg-aanbieder' }`).
 * `field` names the path of the field the whole action is about (a file to upload, a pasted CSV):
 * a refusal that names no other field of the form — a row of the file, the file as a whole — is
 * said at that field, where the person chose the file.
 */
export function useAction(ids: Record<string, string> = {}, { field }: { field?: string } = {}): Action {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [problems, setProblems] = useState<Fout[]>([])
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [success, setSuccess] = useState<string | null>(null)
  const summaryRef = useRef<HTMLDivElement | null>(null)
  const [focusTick, setFocusTick] = useState(0)

  // After an answer: focus what to read next, so a screen reader and a keyboard user land on it.
  useEffect(() => {
    if (focusTick > 0) summaryRef.current?.focus()
  }, [focusTick])

  /** Problems by field where the form has the field, the rest for under the summary. */
  const spread = useCallback((details: Fout[]): { byField: Record<string, string>; rest: Fout[] } => {
    const byField: Record<string, string> = {}
    const rest: Fout[] = []
    for (const d of details) {
      if (d.path !== undefined && d.path !== '' && document.getElementById(ids[d.path] ?? d.path) && byField[d.path] === undefined) byField[d.path] = d.melding
      else rest.push(d)
    }
    return { byField, rest }
  }, [ids])

  /** Fields to fix before sending: their meldingen at the fields and the summary, focused. */
  const refuseBeforeSending = useCallback((byField: Record<string, string>, rest: Fout[] = []) => {
    const count = Object.keys(byField).length + rest.length
    setFieldErrors(byField)
    setProblems(rest)
    setError(count === 1 ? 'Eén veld is nog niet goed ingevuld.' : `${count} velden zijn nog niet goed ingevuld.`)
    setFocusTick((t) => t + 1)
  }, [])

  /** Runs `work` (the request): busy meanwhile, then its success or the server's meldingen. */
  const execute = useCallback(async (work: () => Promise<string | null>) => {
    setBusy(true)
    setError(null)
    setProblems([])
    setFieldErrors({})
    try {
      const text = await work()
      setSuccess(text)
      if (text !== null) setFocusTick((t) => t + 1)
      return true
    } catch (e) {
      const { byField, rest } = spread(e instanceof ApiError ? e.details : [])
      if (field !== undefined && byField[field] === undefined && document.getElementById(ids[field] ?? field)) {
        byField[field] = rest.length > 0 ? rest.map((d) => d.melding).join(' ') : foutTekst(e)
        rest.length = 0
      }
      setFieldErrors(byField)
      setProblems(rest)
      setError(foutTekst(e))
      setFocusTick((t) => t + 1)
      return false
    } finally {
      setBusy(false)
    }
  }, [ids, field, spread])

  const run = useCallback(async (work: () => Promise<string | null>, check?: () => Record<string, string>) => {
    setSuccess(null)
    const missing = check?.() ?? {}
    if (Object.keys(missing).length > 0) {
      refuseBeforeSending(missing)
      return false
    }
    return execute(work)
  }, [execute, refuseBeforeSending])

  const send = useCallback(
    async <S extends z.ZodType, R>(schema: S, body: z.input<S>, change: Change<R>, done: (answer: R, sent: z.output<S>) => string | null | Promise<string | null>, check?: () => Record<string, string>) => {
      setSuccess(null)
      const missing = check?.() ?? {}
      if (Object.keys(missing).length > 0) {
        refuseBeforeSending(missing)
        return false
      }
      const result = schema.safeParse(body)
      if (!result.success) {
        // The route's own meldingen: at the field where the form has it, otherwise under the summary.
        const { byField, rest } = spread(schemaMeldingen(result.error))
        refuseBeforeSending(byField, rest)
        return false
      }
      const parsed = result.data
      return execute(async () => done(await sendChange(change, parsed), parsed))
    },
    [execute, spread, refuseBeforeSending],
  )

  const clearField = useCallback((path: string) => {
    setFieldErrors((current) => {
      if (current[path] === undefined) return current
      const rest = { ...current }
      delete rest[path]
      return rest
    })
  }, [])

  // The summary was about fields only and the last of them is being fixed: it goes too.
  const hadFields = useRef(false)
  useEffect(() => {
    const count = Object.keys(fieldErrors).length
    if (count > 0) hadFields.current = true
    else if (hadFields.current) {
      hadFields.current = false
      if (problems.length === 0) setError(null)
    }
  }, [fieldErrors, problems])

  const reset = useCallback(() => {
    setError(null)
    setProblems([])
    setFieldErrors({})
    setSuccess(null)
  }, [])

  const idFor = useCallback((path: string) => ids[path] ?? path, [ids])
  return { busy, error, problems, fieldErrors, success, run, send, clearField, reset, idFor, summaryRef }
}

/**
 * A question put as a change that writes nothing (the live toegang check of a draft): sent only
 * when its body passes the route's schema, otherwise null without asking the server.
 */
export async function ask<S extends z.ZodType, R>(schema: S, body: z.input<S>, change: Change<R>): Promise<R | null> {
  const result = schema.safeParse(body)
  return result.success ? sendChange(change, result.data) : null
}

/** "Vul … in." for each required field left empty, by API path: `verplicht({ bsn: ['BSN', bsn] })`. */
export function verplicht(fields: Record<string, [label: string, value: string]>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, [, v]]) => v.trim() === '').map(([path, [label]]) => [path, `Vul ${label} in.`]))
}

/**
 * What the action said: an error summary (with links to the fields) or the success. Focus moves
 * here after each answer; a rule code stays a secondary detail behind the Dutch sentence.
 */
export function ActionResult({ action }: { action: Action }) {
  const fields = Object.entries(action.fieldErrors)
  if (action.error) {
    return (
      <div ref={action.summaryRef} tabIndex={-1} className="koers-summary">
        <Alert type="error" role="alert">
          <Paragraph>{action.error}</Paragraph>
          {(fields.length > 0 || action.problems.length > 0) && (
            <ul>
              {fields.map(([path, melding]) => (
                <li key={path}>
                  <a
                    href={`#${action.idFor(path)}`}
                    onClick={(e) => {
                      // A hash link would change the page's route: move focus to the field instead.
                      e.preventDefault()
                      document.getElementById(action.idFor(path))?.focus()
                    }}
                  >
                    {melding}
                  </a>
                </li>
              ))}
              {action.problems.map((p, i) => (
                <li key={i}>
                  {p.melding}
                  {p.rule && <span className="koers-muted"> (regel {p.rule})</span>}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      </div>
    )
  }
  if (action.success) {
    return (
      <div ref={action.summaryRef} tabIndex={-1} className="koers-summary">
        <Alert type="ok" role="status">
          <Paragraph>{action.success}</Paragraph>
        </Alert>
      </div>
    )
  }
  return null
}
