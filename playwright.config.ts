// End-to-end tests: the real renderer against real core (Electron where its binary exists, else browser mode).
import { defineConfig } from '@playwright/test';

const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  // One app, one machine's sockets: tests run one after another.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: ci,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: 'out/test-results/playwright.json' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
