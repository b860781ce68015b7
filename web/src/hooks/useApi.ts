/** Loads one API resource for a page, with its error, and a way to reload it. */
import { useCallback, useEffect, useState } from 'react'
import { api, foutTekst } from '../lib/api.ts'

export function useApi<T>(path: string | null): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (path === null) return
    let live = true
    api<T>(path).then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(foutTekst(e)),
    )
    return () => {
      live = false
    }
  }, [path, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, reload }
}
