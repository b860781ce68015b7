import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll waits for the page to settle; one second (Vitest's default) is too short on a busy machine.
    expect: { poll: { timeout: 20_000 } },
  },
})
