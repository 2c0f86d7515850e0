import { build } from 'vite';

/** Builds the web app once per test run so route and browser tests serve the real bundle. */
export default async function setup(): Promise<void> {
  // Vitest sets NODE_ENV=test, which would give React's development build; test what users get.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
