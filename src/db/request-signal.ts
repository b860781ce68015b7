/**
 * The abort signal of the request a piece of database work is for (issue 24 §4: "requests whose
 * client gave up keep running"). The HTTP app runs each request inside `withRequestSignal`; the
 * engines ask `throwIfAbandoned` before they hand out a connection and before each statement,
 * so the work of a client that went away stops at its next statement (its transaction rolls
 * back) and a turn it was still waiting for is given to the next in line. Work outside a
 * request (the CLI, the upkeep, the follow-up after a commit) has no signal and always runs.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { AppError } from '../shared/errors.ts'

const current = new AsyncLocalStorage<AbortSignal | undefined>()

/** Runs `work` (and every database call it makes) on behalf of a request with `signal`. */
export function withRequestSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return current.run(signal, work)
}

/** Runs `work` for no request: it completes even when the request that caused it is abandoned (after-commit follow-ups). */
export function outsideRequest<T>(work: () => Promise<T>): Promise<T> {
  return current.run(undefined, work)
}

/** The signal of the request being served, if any. */
export function requestSignal(): AbortSignal | undefined {
  return current.getStore()
}

export function abandoned(): AppError {
  return new AppError('request.abandoned', 'de aanvrager wacht niet meer op dit antwoord; het werk is gestopt')
}

/** Throws `request.abandoned` when the client of the current request went away. */
export function throwIfAbandoned(): void {
  if (current.getStore()?.aborted) throw abandoned()
}

/** Statements that end a transaction must run whatever the request: a rollback after an abandon, above all. */
export function endsTransaction(sqlText: string): boolean {
  return /^\s*(rollback|commit|release)\b/i.test(sqlText)
}
