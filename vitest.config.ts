import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code; tests that need PTYs, servers or a browser live
// under test/. Both run in `npm test`; the long fault runs have their own project.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{electron,native,renderer,scripts}/**/*.test.{ts,tsx}', 'test/architecture/**/*.test.ts', 'test/support/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each e2e file owns PTYs, ports and a browser: two cores, so run them one by one.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          environment: 'node',
          testTimeout: 1_800_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
