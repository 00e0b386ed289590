import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import SummaryReporter from './test/summary-reporter.js';

export default defineConfig({
  resolve: {
    // Tests and examples import the public entry point as a user would.
    alias: { dibsim: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    setupFiles: ['test/setup.ts'],
    reporters: [...configDefaults.reporters, new SummaryReporter()],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
