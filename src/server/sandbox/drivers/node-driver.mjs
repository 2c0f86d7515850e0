/**
 * The grading driver for JavaScript and TypeScript, run inside the sandbox by a pre-started Node.js
 * process. It gets ready first (for TypeScript: the compiler, with the standard library already
 * type-checked once), reports `ready`, then answers the grader one command at a time, each a JSON
 * line on stdin: for TypeScript first `compile` (type-check and transpile the candidate's code, which
 * runs none of it), then `load` (import the candidate's code) and then `test` (one test's code,
 * handed over only when it runs, imported from memory, never from a file). Compiling is its own
 * command so that a performance test's clock can start at the import, where the candidate's code
 * first runs, and not count the type-check, which a busy host can make slow.
 *
 * Each answer is one JSON line on file descriptor 3 carrying the command's `id` and only what the
 * test returned or threw. The driver holds no secret: verdicts, expected values and the other tests
 * stay with the grader, so code that reads this process's memory, patches the driver or writes to
 * the channel itself can only say what its own test returned, which it could have done by returning it.
 * Between commands the driver blocks in a synchronous read (driver-io.mjs), so the candidate's timers wait too.
 */
import { existsSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { commandReader } from './driver-io.mjs';

const RESULTS_FD = 3;
const SOLUTION_DIR = '/sandbox';
const OPT = '/opt/node_modules';
const MAX_DEPTH = 64;
const MAX_VALUE_BYTES = 1_000_000;
const MAX_TEXT = 2_000;
// Captured before any candidate code runs, so patching globals later changes only the candidate's own answers.
const stringify = JSON.stringify;
const write = writeSync;
const resourceUsage = process.resourceUsage.bind(process);

const keysOf = Object.keys;
/**
 * Writes one answer. The envelope is assembled by hand from strings and numbers, so a `toJSON` the
 * candidate adds to Object.prototype can change only the value it returned, never the answer's shape.
 */
function reply(record) {
  let line = `{"rssKb":${Number(resourceUsage().maxRSS) || 0}`;
  for (const key of keysOf(record)) {
    const field = record[key];
    const json =
      key === 'value' || key === 'diagnostics'
        ? field
        : typeof field === 'string' || typeof field === 'number'
          ? stringify(field)
          : null;
    if (json !== null && json !== undefined) line += `,${stringify(key)}:${json}`;
  }
  write(RESULTS_FD, `${line}}\n`);
}

const nextCommand = commandReader();

const language = process.argv[2];
const compile = language === 'typescript' ? await typeScriptCompiler() : null;
const SOLUTION = `${SOLUTION_DIR}/solution.mjs`;
write(RESULTS_FD, '{"t":"ready"}\n');

let solution;
/** TypeScript: the JavaScript of the code the last `compile` accepted, which `load` imports. */
let compiledJs = null;
for (;;) {
  const command = nextCommand();
  if (command === null) process.exit(0);
  if (command.t === 'compile' && compile) {
    reply({ ...compileCode(command.code), id: command.id });
  } else if (command.t === 'load') {
    reply({ ...(await load(compile ? compiledJs : command.code)), id: command.id });
  } else if (command.t === 'test') {
    reply({ ...(await runTest(command)), id: command.id });
  }
}

function compileCode(code) {
  const compiled = compile(code);
  if (compiled.diagnostics.length > 0) return { t: 'compile', diagnostics: stringify(compiled.diagnostics) };
  compiledJs = compiled.js;
  return { t: 'compiled' };
}

async function load(js) {
  if (js === null) return { t: 'lab-error', message: 'TypeScript code must be compiled before it is loaded' };
  writeFileSync(SOLUTION, js);
  try {
    solution = await import(SOLUTION);
  } catch (error) {
    return { t: 'load-error', ...describe(error) };
  }
  return { t: 'loaded' };
}

async function runTest(command) {
  let test;
  try {
    const tests = (await import(`data:text/javascript;base64,${Buffer.from(command.code).toString('base64')}`)).default;
    test = tests[command.name];
    if (typeof test !== 'function') throw new Error(`no test named "${command.name}"`);
  } catch (error) {
    return { t: 'lab-error', message: text(error?.message ?? error) };
  }
  let value;
  try {
    value = await test(solution);
  } catch (error) {
    return { t: 'error', ...describe(error) };
  }
  try {
    if (tooDeep(value === undefined ? null : value)) {
      return { t: 'error', message: `the result is nested more than ${MAX_DEPTH} levels deep`, stack: '' };
    }
    const line = stringify(value === undefined ? null : value);
    if (line === undefined) return { t: 'error', message: 'the result cannot be compared', stack: '' };
    if (line.length > MAX_VALUE_BYTES) return { t: 'error', message: 'the result is larger than 1 MB', stack: '' };
    return { t: 'result', value: line };
  } catch (error) {
    return { t: 'error', message: `the result cannot be compared: ${text(error?.message ?? error, 300)}`, stack: '' };
  }
}

/** Whether `value` nests arrays and objects deeper than MAX_DEPTH (a cycle counts as too deep). */
function tooDeep(value) {
  const stack = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    if (depth > MAX_DEPTH) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

function text(value, limit = MAX_TEXT) {
  let string;
  try {
    string = String(value);
  } catch {
    return '(a value that cannot be shown)';
  }
  return string.length > limit ? `${string.slice(0, limit)}…` : string;
}

/** The error's message and only the stack frames in the candidate's own file. */
function describe(error) {
  try {
    if (!(error instanceof Error)) return { message: `threw a non-error value: ${text(error, 200)}`, stack: '' };
    const frames = text(error.stack ?? '', 100_000)
      .split('\n')
      .filter((line) => line.includes(`${SOLUTION_DIR}/solution.`))
      .slice(0, 20)
      .map((line) =>
        line.replace(
          /file:\/\/\/sandbox\/solution\.(mjs|ts)/g,
          language === 'typescript' ? 'solution.ts' : 'solution.js',
        ),
      );
    return { message: text(`${error.name}: ${error.message}`), stack: text(frames.join('\n'), 4000) };
  } catch {
    return { message: 'an exception that cannot be described', stack: '' };
  }
}

/** A TypeScript language service kept warm across the wait for the job, so a check costs milliseconds. */
async function typeScriptCompiler() {
  // Required, not imported: importing CommonJS from ESM first scans the 9 MB file for its module
  // format and exports, a fifth of the sandbox's start-up CPU.
  const ts = createRequire(import.meta.url)(`${OPT}/typescript/lib/typescript.js`);
  process.setSourceMapsEnabled(true);
  const file = `${SOLUTION_DIR}/solution.ts`;
  const options = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    typeRoots: [`${OPT}/@types`],
    skipLibCheck: true,
    noEmit: true,
  };
  let source = 'export {};';
  let version = 0;
  const service = ts.createLanguageService(
    {
      getScriptFileNames: () => [file],
      getScriptVersion: (name) => (name === file ? String(version) : '0'),
      getScriptSnapshot: (name) => {
        if (name === file) return ts.ScriptSnapshot.fromString(source);
        return existsSync(name) ? ts.ScriptSnapshot.fromString(readFileSync(name, 'utf8')) : undefined;
      },
      getCurrentDirectory: () => SOLUTION_DIR,
      getCompilationSettings: () => options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (name) => name === file || ts.sys.fileExists(name),
      readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    },
    ts.createDocumentRegistry(),
  );
  service.getSemanticDiagnostics(file);
  return (code) => {
    source = code;
    version += 1;
    const diagnostics = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)]
      .filter((d) => d.category === ts.DiagnosticCategory.Error)
      .slice(0, 50)
      .map((d) => {
        const position = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
        return {
          line: position ? position.line + 1 : 1,
          column: position ? position.character + 1 : 1,
          code: d.code,
          message: text(ts.flattenDiagnosticMessageText(d.messageText, '\n'), 500),
        };
      });
    if (diagnostics.length > 0) return { diagnostics };
    const output = ts.transpileModule(code, {
      fileName: 'solution.ts',
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, inlineSourceMap: true },
    });
    return { diagnostics: [], js: output.outputText };
  };
}
