import { defineConfig } from 'vitest/config';
import SlowestFirstSequencer from './test/sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    expect: { poll: { timeout: 5_000 } },
    hookTimeout: 120_000,
    pool: 'forks',
    sequence: { sequencer: SlowestFirstSequencer },
    reporters: ['default'],
  },
});
