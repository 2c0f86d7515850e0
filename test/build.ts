import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../src/server/paths.js';

/**
 * What `npm run build` puts in dist/server and dist/shared (and dist/cli with `cli`), made in seconds: each module is
 * compiled on its own by TypeScript's `transpileModule` with the project's compiler options (the
 * build's type check is `tsc --noEmit`'s job, and a full `tsc -p tsconfig.build.json` takes half
 * a minute here). The folder also links node_modules, content and src (migrations and sandbox
 * drivers are read from src at run time), so `node <root>/dist/server/worker.js` runs exactly as
 * the built entry does, without touching the project's own dist/.
 */
export async function transpileServer(
  build: { cli?: boolean } = {},
): Promise<{ root: string; cleanup(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'onsite-build-'));
  const config = ts.readConfigFile(path.join(PROJECT_ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, PROJECT_ROOT);
  for (const folder of ['src/server', 'src/shared', ...(build.cli ? ['src/cli'] : [])]) {
    for (const file of await readdir(path.join(PROJECT_ROOT, folder), { recursive: true })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const source = await readFile(path.join(PROJECT_ROOT, folder, file), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        // ESM, as NodeNext emits under package.json's "type": "module" (transpileModule cannot see it).
        compilerOptions: {
          ...options,
          noEmit: false,
          module: ts.ModuleKind.ESNext,
          moduleResolution: ts.ModuleResolutionKind.Bundler,
        },
        fileName: file,
      });
      const target = path.join(root, 'dist', folder.replace(/^src\//, ''), file.replace(/\.ts$/, '.js'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, outputText);
    }
  }
  // With `cli`, an install without the sources (as the Docker image is): bin/onsite.js is copied,
  // not linked, so it finds no src/ beside it and runs dist/cli.
  for (const link of ['node_modules', 'content', 'package.json', ...(build.cli ? [] : ['src'])]) {
    await symlink(path.join(PROJECT_ROOT, link), path.join(root, link));
  }
  if (build.cli) {
    await mkdir(path.join(root, 'bin'));
    await copyFile(path.join(PROJECT_ROOT, 'bin/onsite.js'), path.join(root, 'bin/onsite.js'));
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
