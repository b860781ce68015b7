import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    setupFiles: ['src/test/fail-on-console-error.ts', 'src/test/quiet-log.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One worker per core, not Vitest's "cores − 1" (one worker on two cores): the main process
    // only collects results. And a worker keeps its modules from one test file to the next
    // (isolate: false): each file still opens a database of its own, and no module of the
    // product keeps state per process that a file could leak (ADR 0013, "Workers").
    maxWorkers: availableParallelism(),
    isolate: false,
  },
})
