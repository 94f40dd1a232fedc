// The browser suite: real Chromium (Debian's, checked or installed by the globalSetup) against the test app and a
// real collector on 127.0.0.1. Files run one after another: two cores, one browser at a time.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    // Chromium first: without it nothing else is worth building.
    globalSetup: ['scripts/ensure-chromium.mjs', 'test/e2e/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
})
