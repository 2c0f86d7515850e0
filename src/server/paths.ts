import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root, found from this file's own location so that it is the same whether the server
 * runs from `src/` (tsx, tests) or from the compiled `dist/` — both sit two folders below the root.
 */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const CONTENT_DIR = path.join(PROJECT_ROOT, 'content');
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'src/server/db/migrations');
export const WEB_DIST_DIR = path.join(PROJECT_ROOT, 'dist/web');
