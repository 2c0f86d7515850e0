import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Argument, Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { AREA_IDS, LEVEL_IDS } from '../shared/ids.js';
import { PROJECT_ROOT } from '../server/paths.js';
import { LAB_LANGUAGES } from '../shared/labs.js';
import { login, logout, whoami } from './account.js';
import { CliError, EXIT } from './client.js';
import { completionScript, SHELLS } from './completion.js';
import { drill } from './drill.js';
import { getLab, listLabs, openLab, runLab } from './labs.js';
import { createOutput } from './output.js';
import { exportData, plan, progress } from './progress.js';
import { listQuestions, showQuestion } from './questions.js';

const ONSITE_VERSION = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'))).version;

/**
 * `onsite`: drills and labs in the terminal over the `/v1` API. Commander parses the command line;
 * each action validates its options with zod and calls one function of a file named by subject.
 */
export function buildProgram(): Command {
  const out = createOutput();
  const json = () => new Option('--json', 'print the API answer as JSON (for scripts)');
  const program = new Command('onsite')
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .version(ONSITE_VERSION, '-V, --version', 'print the version')
    .description('Onsite in the terminal: drills, labs and progress, against a personal or hosted server')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Environment: ONSITE_URL and ONSITE_TOKEN override the stored login; NO_COLOR turns colours off.
Exit codes: 0 done, 1 failure (an error, failing tests, a failed submission), 2 bad usage.`,
    );

  program
    .command('login')
    .description('store a server URL and API token (checked with the server first)')
    .option('--url <url>', 'the Onsite server (default http://localhost:3000)')
    .option('--token <token>', 'a personal API token, onsite_pat_… (Account → API tokens)')
    .action((options) => login(out, options));
  program
    .command('whoami')
    .description('the account the token belongs to')
    .addOption(json())
    .action((options) => whoami(out, options));
  program
    .command('logout')
    .description('forget the stored token')
    .action(() => logout(out));

  program
    .command('questions')
    .description('list and search questions')
    .addOption(new Option('--area <area>').choices(AREA_IDS))
    .addOption(new Option('--level <level>').choices(LEVEL_IDS))
    .option('--tag <tag>')
    .option('--search <text>', 'full-text search')
    .option('--limit <n>', 'how many (1–100)', '20')
    .addOption(json())
    .action((options) => listQuestions(out, options));
  program
    .command('question')
    .description('a question with its hint, rubric and model answer')
    .argument('<id>')
    .addOption(json())
    .action((id: string, options) => showQuestion(out, id, options));

  program
    .command('drill')
    .description("today's queue, one card at a time: answer, read the rubric feedback, rate 1–4")
    .addOption(new Option('--area <area>', 'only this area').choices(AREA_IDS))
    .option('--limit <n>', 'stop after this many cards')
    .action((options) => drill(out, options));
  program
    .command('plan')
    .description('show your study plan, or set it with --level')
    .addOption(new Option('--level <level...>', 'one level, or two to blend').choices(LEVEL_IDS))
    .option('--hours <n>', 'hours per week (a new plan: 5; else kept)')
    .option('--date <YYYY-MM-DD>', 'interview date (else kept)')
    .addOption(json())
    .action((options) => plan(out, options));

  const lab = program.command('lab').description('hands-on labs: get one, solve it in your editor, test, submit');
  lab
    .command('list')
    .description('list labs and whether you solved them')
    .addOption(new Option('--area <area>').choices(AREA_IDS))
    .addOption(new Option('--level <level>').choices(LEVEL_IDS))
    .addOption(new Option('--language <language>').choices(LAB_LANGUAGES))
    .addOption(json())
    .action((options) => listLabs(out, options));
  lab
    .command('get')
    .description('write a folder: README.md, your solution file (starter or saved draft), visible tests, .onsite.json')
    .argument('<slug>')
    .addOption(new Option('--language <language>').choices(LAB_LANGUAGES))
    .option('--dir <folder>', 'where to write (default ./<slug>)')
    .addOption(json())
    .action((slug: string, options) => getLab(out, slug, options));
  lab
    .command('test')
    .description("run the visible tests on the server (the web app's Run)")
    .option('--dir <folder>', 'the lab folder (default: this folder or a parent)')
    .addOption(json())
    .action((options) => runLab(out, 'run', options));
  lab
    .command('submit')
    .description('submit for grading by every test, wait, print the verdicts (exit 1 unless passed)')
    .option('--dir <folder>', 'the lab folder (default: this folder or a parent)')
    .addOption(json())
    .action((options) => runLab(out, 'submit', options));
  lab
    .command('open')
    .description('open the lab in the browser (prints the URL)')
    .argument('[slug]', 'default: the lab of this folder')
    .action((slug: string | undefined) => openLab(out, slug));

  program
    .command('progress')
    .description('readiness per area and level, streak and recent days')
    .addOption(json())
    .action((options) => progress(out, options));
  program
    .command('export')
    .description('download everything Onsite stores about you')
    .option('-o, --output <file>', 'file to write, - for stdout', 'onsite-export.json')
    .action((options) => exportData(out, options));
  program
    .command('completion')
    .description('print a shell completion script: onsite completion bash >> ~/.bashrc')
    .addArgument(new Argument('<shell>').choices(SHELLS))
    .action((shell: string) => out.print(completionScript(program, shell)));
  return program;
}

/** Runs `argv`; resolves to the exit code after printing any error as one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok;
      // A command group without its subcommand has printed its help already.
      if (error.code === 'commander.help') return EXIT.usage;
      process.stderr.write(`onsite: ${error.message.replace(/^error: /, '').split('\n')[0]}\n`);
      return EXIT.usage;
    }
    if (error instanceof Error && error.name === 'ExitPromptError') return 130;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`onsite: ${message.split('\n')[0]}\n`);
    return error instanceof CliError ? error.exitCode : EXIT.failure;
  }
}
