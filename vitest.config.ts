import { defineConfig } from 'vitest/config';

// One config for the three layers. Integration and end-to-end tests share the real
// Docker engine and the simulator's containers, so files run one at a time there;
// unit tests are cheap and run in parallel inside their own project.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 240_000,
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
