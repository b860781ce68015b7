/**
 * Tests run silent: the log's lines (src/shared/log.ts) are kept instead of written, and go to
 * stderr only when a test fails — the lines since the previous test ended, so those of the
 * hooks that prepared it too. At the end of a file with a failure, what is still kept (the
 * lines of a `beforeAll` that failed) is written as well.
 */
import { type RunnerTask, afterAll, beforeEach } from 'vitest'
import { log } from '../shared/log.ts'

let kept: string[] = []
log.setSink((line) => kept.push(line))

function flush(): void {
  for (const line of kept) process.stderr.write(`${line}\n`)
  kept = []
}

beforeEach(({ onTestFinished }) => {
  onTestFinished(({ task }) => {
    if (task.result?.state === 'fail') flush()
    kept = []
  })
})

const failed = (task: RunnerTask): boolean => task.result?.state === 'fail' || ('tasks' in task && task.tasks.some(failed))

// eslint-disable-next-line no-empty-pattern -- Vitest reads the first argument's pattern for fixtures; the file is the second.
afterAll(({}, file) => {
  if (failed(file)) flush()
})

