import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    // The SDK's Node 22 advance notice is documented in the README; keep test output readable.
    setupFiles: ['bin/quiet-sdk-notice.mjs'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
