// Epic Stack habit: an unexpected console.error fails the test that caused it.
import { afterEach, vi } from 'vitest'

let errors: unknown[][] = []
vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  errors.push(args)
})
afterEach(() => {
  const seen = errors
  errors = []
  if (seen.length > 0) throw new Error(`console.error was called: ${seen.map((a) => a.map(String).join(' ')).join('\n')}`)
})
