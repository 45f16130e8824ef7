import { defineConfig } from 'vitest/config';

// `npm run bench`: measurements, not assertions. Runs the built CLI against the
// simulator (real Docker), prints timings and ratios measured in one run.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench-run.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
