/**
 * The grading driver for JavaScript and TypeScript, run inside the sandbox by a pre-started Node.js
 * process. It gets ready first (for TypeScript: the compiler, with the standard library already
 * type-checked once), reports `ready`, then blocks on stdin for one job: the candidate's code, the
 * lab's test functions and the names of the tests to run.
 *
 * Records go to file descriptor 3 as JSON lines. They carry only what each test returned, never a
 * verdict: the grader compares those values with expectations that never enter the sandbox. Each
 * record also carries the job's nonce, which lives only in this module's scope — unreachable from
 * the candidate's modules, and the inspector that could read it is disabled by Node's permission
 * model — so a record the candidate writes to the channel itself is dropped by the grader.
 */
import { existsSync, fstatSync, mkdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';

const RESULTS_FD = 3;
const JOB_DIR = '/tmp/job';
const OPT = '/opt/node_modules';
// Captured before any candidate code runs, so patching globals later cannot reach the channel.
const stringify = JSON.stringify;
const write = writeSync;
let nonce = '';
/** The nonce is spliced in as text, never put in an object a patched prototype could observe. */
const assign = Object.assign;
const bare = Object.create;
/** Records are prototype-free, so a `toJSON` the candidate adds to Object.prototype cannot reach them. */
const send = (record) =>
  write(RESULTS_FD, `{"n":${stringify(nonce)},${stringify(assign(bare(null), record)).slice(1)}\n`);
/** Bytes the candidate's code has printed so far: the grader turns a flood into an output-limit verdict. */
const printed = () => fstatSync(1).size + fstatSync(2).size;

const language = process.argv[2];
const compile = language === 'typescript' ? await typeScriptCompiler() : null;
write(RESULTS_FD, '{"t":"ready"}\n');

const job = JSON.parse(readFileSync(0, 'utf8'));
nonce = job.nonce;
delete job.nonce;
mkdirSync(JOB_DIR, { recursive: true });
let solutionCode = job.solution;
if (compile) {
  const compiled = compile(job.solution);
  if (compiled.diagnostics.length > 0) {
    send({ t: 'compile', diagnostics: compiled.diagnostics });
    process.exit(0);
  }
  solutionCode = compiled.js;
}
const SOLUTION = `${JOB_DIR}/solution.mjs`;
writeFileSync(`${JOB_DIR}/tests.mjs`, job.tests);
writeFileSync(SOLUTION, solutionCode);

const tests = (await import(`${JOB_DIR}/tests.mjs`)).default;
let solution;
try {
  solution = await import(SOLUTION);
} catch (error) {
  send({ t: 'load-error', ...describe(error) });
  process.exit(0);
}

for (const name of job.names) {
  const test = tests[name];
  send({ t: 'start', name });
  if (typeof test !== 'function') {
    send({ t: 'missing', name });
    continue;
  }
  let value;
  try {
    value = await test(solution);
  } catch (error) {
    send({ t: 'error', name, out: printed(), ...describe(error) });
    continue;
  }
  let line;
  try {
    line = stringify(
      assign(bare(null), { t: 'result', name, out: printed(), value: value === undefined ? null : value }),
    );
  } catch (error) {
    send({ t: 'error', name, message: `the result cannot be compared: ${error?.message ?? error}`, stack: '' });
    continue;
  }
  write(RESULTS_FD, `{"n":${stringify(nonce)},${line.slice(1)}\n`);
}
send({ t: 'done', maxRssKb: process.resourceUsage().maxRSS });
process.exit(0);

/** The error's message and only the stack frames in the candidate's own file. */
function describe(error) {
  if (!(error instanceof Error)) return { message: `threw a non-error value: ${safeString(error)}`, stack: '' };
  const frames = String(error.stack ?? '')
    .split('\n')
    .filter((line) => line.includes(`${JOB_DIR}/solution.`))
    .map((line) =>
      line.replace(
        /file:\/\/\/tmp\/job\/solution\.(mjs|ts)/g,
        language === 'typescript' ? 'solution.ts' : 'solution.js',
      ),
    );
  return { message: `${error.name}: ${error.message}`, stack: frames.join('\n') };
}

function safeString(value) {
  try {
    return String(value).slice(0, 200);
  } catch {
    return typeof value;
  }
}

/** A TypeScript language service kept warm across the wait for the job, so a check costs milliseconds. */
async function typeScriptCompiler() {
  const ts = (await import(`${OPT}/typescript/lib/typescript.js`)).default;
  process.setSourceMapsEnabled(true);
  const file = `${JOB_DIR}/solution.ts`;
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
      getCurrentDirectory: () => JOB_DIR,
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
          message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
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
