#!/usr/bin/env node
// The `onsite` command. A checkout with its dev dependencies runs the TypeScript source through
// tsx, so what runs is what you read; an install without them (the Docker image, `npm prune
// --omit=dev`) runs the build in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
let fromSource = false;
if (existsSync(source)) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    fromSource = true;
  } catch {
    // tsx is a dev dependency: without it, run the build.
  }
}
const built = new URL('../dist/cli/main.js', import.meta.url);
if (!fromSource && !existsSync(built)) {
  process.stderr.write('onsite: not built: run npm run build (or npm install to run from the sources)\n');
  process.exit(1);
}
await import(fromSource ? source : built.href);
