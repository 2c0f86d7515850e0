import { build } from 'vite';

/** Builds the web app once per test run so route and browser tests serve the real bundle. */
export default async function setup(): Promise<void> {
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
