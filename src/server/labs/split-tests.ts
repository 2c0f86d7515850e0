import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'acorn';
import { PROJECT_ROOT } from '../paths.js';

/**
 * Splits a lab's test file into one self-contained module per test, so the sandbox is handed the
 * code of the test it runs and nothing else: a hidden test's inputs enter the sandbox only when
 * that test starts. Each module keeps the file's imports and top-level statements, the top-level
 * declarations its test reaches (transitively, by name), and a test table holding only its test.
 * A constant used by several tests is shared by design; data only one test uses goes only there.
 */
export type SplitResult = { ok: true; tests: Record<string, string> } | { ok: false; message: string };

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** Every identifier name inside a syntax tree (an over-approximation of what it refers to). */
function namesIn(node: unknown, into = new Set<string>()): Set<string> {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item || typeof item !== 'object') continue;
    if (Array.isArray(item)) {
      stack.push(...item);
      continue;
    }
    const current = item as Node;
    if (current.type === 'Identifier' && typeof current.name === 'string') into.add(current.name);
    for (const [key, value] of Object.entries(current)) {
      if (key !== 'type' && value && typeof value === 'object') stack.push(value);
    }
  }
  return into;
}

function declaredNames(node: Node): string[] {
  const declaration = node.type === 'ExportNamedDeclaration' ? (node.declaration as Node | null) : node;
  if (!declaration) return [];
  if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
    return [((declaration.id as Node | null)?.name as string | undefined) ?? ''].filter(Boolean);
  }
  if (declaration.type === 'VariableDeclaration') {
    return [...namesIn((declaration.declarations as Node[]).map((d) => d.id))];
  }
  return [];
}

function propertyName(property: Node): string | null {
  if (property.type !== 'Property' || property.computed) return null;
  const key = property.key as Node;
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return null;
}

/** Splits `tests.js`: an ES module whose default export is an object literal of named test functions. */
export function splitJsTests(code: string): SplitResult {
  let program: Node;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as Node;
  } catch (error) {
    return { ok: false, message: `tests.js does not parse: ${(error as Error).message}` };
  }
  const body = program.body as Node[];
  const table = body.find((node) => node.type === 'ExportDefaultDeclaration');
  const object = table?.declaration as Node | undefined;
  if (!table || object?.type !== 'ObjectExpression') {
    return { ok: false, message: 'tests.js must `export default` an object literal of tests' };
  }
  const declarations = body
    .filter((node) => node !== table)
    .map((node) => ({ node, names: declaredNames(node) }))
    .filter((entry) => entry.names.length > 0);
  const tests: Record<string, string> = {};
  for (const property of object.properties as Node[]) {
    const name = propertyName(property);
    if (name === null) return { ok: false, message: 'every test in tests.js needs a plain string name' };
    const needed = reachable(namesIn(property.value), declarations);
    const kept = body
      .filter((node) => {
        if (node === table) return true;
        const names = declaredNames(node);
        return names.length === 0 || declarations.some((d) => d.node === node && needed.has(d.node));
      })
      .map((node) =>
        node === table
          ? `export default { ${JSON.stringify(name)}: ${code.slice((property.value as Node).start, (property.value as Node).end)} };`
          : code.slice(node.start, node.end),
      );
    tests[name] = kept.join('\n');
  }
  return { ok: true, tests };
}

/** The declarations reached from `names`, following each declaration's own references. */
function reachable<T extends { names: string[] }>(
  names: Set<string>,
  declarations: (T & { node: unknown })[],
): Set<unknown> {
  const needed = new Set<unknown>();
  const pending = [...names];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const declaration of declarations) {
      if (!declaration.names.includes(name) || needed.has(declaration.node)) continue;
      needed.add(declaration.node);
      pending.push(...namesIn(declaration.node));
    }
  }
  return needed;
}

const run = promisify(execFile);
const PYTHON_SPLITTER = path.join(PROJECT_ROOT, 'src/server/labs/split_tests.py');
const pythonCache = new Map<string, Promise<SplitResult>>();

/**
 * Splits `tests.py` (test functions and a literal `TESTS` dict at the top level) with Python's own
 * parser, run as a separate trusted process; the result is cached by source text.
 */
export function splitPythonTests(code: string): Promise<SplitResult> {
  let cached = pythonCache.get(code);
  if (!cached) {
    cached = (async (): Promise<SplitResult> => {
      try {
        const child = run('/usr/bin/python3', ['-I', '-S', '-B', PYTHON_SPLITTER], {
          maxBuffer: 16 * 1024 * 1024,
          timeout: 30_000,
        });
        child.child.stdin!.end(code);
        const { stdout } = await child;
        return JSON.parse(stdout) as SplitResult;
      } catch (error) {
        return { ok: false, message: `tests.py could not be split: ${(error as Error).message}` };
      }
    })();
    pythonCache.set(code, cached);
  }
  return cached;
}
