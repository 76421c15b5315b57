import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Git and server tests spawn processes; give them room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
