import { defineConfig } from 'vitest/config'

// Tests that need PostgreSQL/Redis/Chromium get them from scripts/test.sh (`npm test`),
// which exports TEST_DATABASE_URL, TEST_REDIS_URL and CHROMIUM_PATH.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'bot/**/*.test.ts', 'knowledge/**/*.test.ts', 'admin/**/*.test.ts', 'adapters/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Separate processes: native addons and DB/Redis clients don't share a thread.
    pool: 'forks',
    fileParallelism: true,
    // The machines have 2 cores; Chromium + PostgreSQL + Redis share them with the workers.
    maxWorkers: 2,
  },
})
