import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Git and server tests spawn processes; give them room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // In CI, also keep a JUnit file as an artifact (and for .ci/run's tally).
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-artifacts/junit.xml' },
  },
});
