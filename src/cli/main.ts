import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { MeDto, QuestionDto, QuestionPage } from '../shared/api.js';
import { AreaId, LevelId, Slug } from '../shared/curriculum.js';
import { apiGet, CliEnv, CliError } from './client.js';

const USAGE = `usage: onsite <command> [options]

commands:
  whoami                          the account the token belongs to
  questions [--area A] [--level L] [--tag T] [--search TEXT] [--limit N]
                                  list questions
  question <id>                   show a question with its hint, rubric and model answer

environment:
  ONSITE_URL     where Onsite runs (default http://localhost:3000)
  ONSITE_TOKEN   a personal API token (create one under Account → API tokens)`;

const QuestionsArgs = z.object({
  area: AreaId.optional(),
  level: LevelId.optional(),
  tag: Slug.optional(),
  search: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const env = parse(CliEnv, process.env, 'environment');
  switch (command) {
    case 'whoami': {
      const me = await apiGet<MeDto>(env, '/v1/me');
      console.log(me.isLocal ? `local profile (${me.role})` : `${me.displayName} <${me.email}> (${me.role})`);
      return;
    }
    case 'questions': {
      const { values } = parseArgs({
        args: rest,
        options: {
          area: { type: 'string' },
          level: { type: 'string' },
          tag: { type: 'string' },
          search: { type: 'string' },
          limit: { type: 'string' },
        },
      });
      const args = parse(QuestionsArgs, values, 'options');
      const query = new URLSearchParams({ limit: String(args.limit) });
      for (const key of ['area', 'level', 'tag'] as const) if (args[key]) query.set(key, args[key]);
      if (args.search) query.set('q', args.search);
      const page = await apiGet<QuestionPage>(env, `/v1/questions?${query}`);
      for (const q of page.items) console.log(`${q.id.padEnd(40)} [${q.area}; ${q.levels.join(', ')}] ${q.question}`);
      console.log(`\n${page.items.length} of ${page.total} question(s)`);
      return;
    }
    case 'question': {
      const id = parse(Slug, rest[0], 'question id');
      const q = await apiGet<QuestionDto>(env, `/v1/questions/${id}`);
      console.log(`${q.question}\n\nHint: ${q.hint}\n\nKey points:`);
      for (const point of q.keyPoints) console.log(`  - ${point.statement}`);
      console.log(`\n${q.answer}`);
      return;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new CliError(`unknown command "${command}"; run "onsite help"`, 2);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new CliError(`invalid ${what}: ${where}${issue.message}`, 2);
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  const message = error instanceof CliError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(`onsite: ${message}`);
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
