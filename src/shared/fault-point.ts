/**
 * Named points where the kill tests stop the process hard (issue 24 §6): with
 * `KOERS_FAULT_POINT=<name>` set, the process sends itself SIGKILL the first time it reaches
 * that point — no cleanup, no commit, as a power cut or an OOM kill would. Unset (always, outside
 * those tests) a point costs one comparison. The tests: src/declaraties/kill.test.ts.
 */
export type FaultPoint =
  /** A 323's header admitted, before its first chunk of prestaties is checked. */
  | 'declaratie.eerste-chunk'
  /** A chunk's COPY of declaration lines started and not yet finished. */
  | 'declaratie.copy'
  /** A chunk written, the next one not yet checked. */
  | 'declaratie.tussen-chunks'
  /** The 325 written, the transaction not yet committed. */
  | 'declaratie.commit'
  /** A transaction committed, its after-commit follow-up (the budget signals) not yet run (db/scope.ts). */
  | 'na-commit'

const point = process.env.KOERS_FAULT_POINT

export function faultPoint(name: FaultPoint): void {
  if (point === name) process.kill(process.pid, 'SIGKILL')
}
