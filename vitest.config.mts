import { defineConfig } from 'vitest/config';

// Unit and golden tests live beside the code (*.test.ts). Some start the built ingest worker and
// CLI, so `npm test` builds first.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
