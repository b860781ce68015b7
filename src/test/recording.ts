import type { CompiledQuery } from 'kysely'
import type { ScopedDb } from '../db/scope.ts'

/** `trx` with every statement it executes recorded as compiled. */
export function recording(trx: ScopedDb, seen: CompiledQuery[]): ScopedDb {
  const bind = (target: object, prop: string | symbol) => {
    const value = Reflect.get(target, prop, target) as unknown
    return typeof value === 'function' ? value.bind(target) : value
  }
  return new Proxy(trx, {
    get(target, prop) {
      if (prop !== 'getExecutor') return bind(target, prop)
      return () => {
        const executor = target.getExecutor()
        return new Proxy(executor, {
          get(e, p) {
            if (p !== 'executeQuery') return bind(e, p)
            return (query: CompiledQuery, ...rest: unknown[]) => {
              seen.push(query)
              return (e.executeQuery as (...a: unknown[]) => unknown)(query, ...rest)
            }
          },
        })
      }
    },
  })
}
