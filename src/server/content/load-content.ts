import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  Area,
  AreaFrontMatter,
  Level,
  LevelFrontMatter,
  Misconception,
  type Question,
  QuestionFrontMatter,
  Stage,
  StageFrontMatter,
} from '../../shared/curriculum.js';
import {
  BehaviouralPrompt,
  BehaviouralPromptFrontMatter,
  DesignPrompt,
  DesignPromptFrontMatter,
  ScreenPrompt,
  ScreenPromptFrontMatter,
} from '../../shared/mock-content.js';
import { type ContentProblem, parseFrontMatter, parseYaml } from './front-matter.js';

/** Everything in `content/`, validated and sorted for display. */
export interface Curriculum {
  areas: Area[];
  levels: Level[];
  stages: Stage[];
  questions: Question[];
  /** Mock interviews: system-design prompts, behavioural prompts, recruiter-screen questions. */
  designPrompts: DesignPrompt[];
  behaviouralPrompts: BehaviouralPrompt[];
  screenPrompts: ScreenPrompt[];
  /** Wrong claims the design judge looks for in every design, whatever the prompt. */
  designMisconceptions: Misconception[];
}

/** Thrown when any content file is invalid; carries every problem found, not just the first. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `${problems.length} problem(s) in content:\n` +
        problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join('\n'),
    );
    this.name = 'ContentError';
  }
}

/**
 * Reads and validates the whole curriculum under `contentDir`, refusing it if any file is invalid.
 * Problems from every file are collected before failing, so an author sees all of them at once.
 */
export async function loadCurriculum(contentDir: string): Promise<Curriculum> {
  const { curriculum, problems } = await readCurriculum(contentDir);
  if (problems.length > 0) throw new ContentError(problems);
  return curriculum;
}

/**
 * The lenient reading behind `loadCurriculum`: every valid item plus every problem, so editorial
 * checks can still run over the valid files while some are broken. File paths in problems are
 * relative to the directory that holds `contentDir`.
 */
export async function readCurriculum(contentDir: string): Promise<{ curriculum: Curriculum; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const root = path.dirname(contentDir);
  const read = <S extends z.ZodType, T>(
    folder: string,
    schema: S,
    build: (front: z.output<S>, body: string, file: string) => T | undefined,
  ) => readFolder(contentDir, root, folder, schema, build, problems);

  const areas = await read('areas', AreaFrontMatter, (front, body) =>
    Area.parse({ ...front, description: body || front.summary }),
  );
  const levels = await read('levels', LevelFrontMatter, (front, body) =>
    Level.parse({ ...front, guide: body || front.summary }),
  );
  const stages = await read('stages', StageFrontMatter, (front, body) =>
    Stage.parse({ ...front, guide: body || front.summary }),
  );
  const questions = await read('questions', QuestionFrontMatter, (front, body, file) => {
    const local: ContentProblem[] = [];
    const expected = `questions/${front.area}/${front.id}.md`;
    if (!file.endsWith(expected)) {
      local.push({ file, line: 1, message: `a question with id "${front.id}" in area "${front.area}" belongs at content/${expected}` });
    }
    if (!body) local.push({ file, line: 1, message: 'the body (the model answer) is empty' });
    const pointIds = new Set(front.keyPoints.map((p) => p.id));
    for (const followUp of front.followUps) {
      if (followUp.probes && !pointIds.has(followUp.probes)) {
        local.push({ file, line: 1, message: `followUps: "${followUp.probes}" is not a key point id of this question` });
      }
    }
    problems.push(...local);
    return { ...front, answer: body };
  });

  const named = (file: string, id: string) =>
    path.basename(file, '.md') === id ? [] : [{ file, line: 1, message: `the id "${id}" must match the file name` }];
  const designPrompts = await read('design-prompts', DesignPromptFrontMatter, (front, body, file) => {
    problems.push(...named(file, front.id));
    if (!body) problems.push({ file, line: 1, message: 'the body (the reference design) is empty' });
    return DesignPrompt.parse({ ...front, reference: body || front.summary });
  });
  const behaviouralPrompts = await read('behavioural-prompts', BehaviouralPromptFrontMatter, (front, body, file) => {
    problems.push(...named(file, front.id));
    if (!body) problems.push({ file, line: 1, message: 'the body (an example STAR answer) is empty' });
    return BehaviouralPrompt.parse({ ...front, example: body || front.prompt });
  });
  const screenPrompts = await read('screen-prompts', ScreenPromptFrontMatter, (front, body, file) => {
    problems.push(...named(file, front.id));
    if (!body) problems.push({ file, line: 1, message: 'the body (guidance after answering) is empty' });
    return ScreenPrompt.parse({ ...front, guidance: body || front.prompt });
  });

  const misconceptionsFile = path.join(contentDir, 'design-prompts', 'common-misconceptions.yaml');
  const misconceptionsText = await readFile(misconceptionsFile, 'utf8').catch(() => null);
  const parsedMisconceptions = misconceptionsText
    ? parseYaml(path.relative(root, misconceptionsFile), misconceptionsText, z.array(Misconception))
    : { ok: true as const, value: [] };
  if (!parsedMisconceptions.ok) problems.push(...parsedMisconceptions.problems);

  reportDuplicates(areas, 'area', problems);
  reportDuplicates(designPrompts, 'design prompt', problems);
  reportDuplicates(behaviouralPrompts, 'behavioural prompt', problems);
  reportDuplicates(screenPrompts, 'screen prompt', problems);
  reportDuplicates(levels, 'level', problems);
  reportDuplicates(stages, 'stage', problems);
  reportDuplicates(questions, 'question', problems);
  const required = [
    ['areas', areas],
    ['levels', levels],
    ['stages', stages],
    ['design-prompts', designPrompts],
    ['behavioural-prompts', behaviouralPrompts],
    ['screen-prompts', screenPrompts],
  ] as const;
  for (const [folder, items] of required) {
    if (items.length === 0) problems.push({ file: `content/${folder}`, line: 1, message: `no files found in ${folder}` });
  }

  const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;
  const curriculum = {
    areas: areas.map((a) => a.value).sort(byOrder),
    levels: levels.map((l) => l.value).sort(byOrder),
    stages: stages.map((s) => s.value).sort(byOrder),
    questions: questions.map((q) => q.value).sort((a, b) => a.id.localeCompare(b.id)),
    designPrompts: designPrompts.map((p) => p.value).sort((a, b) => a.title.localeCompare(b.title)),
    behaviouralPrompts: behaviouralPrompts.map((p) => p.value).sort((a, b) => a.id.localeCompare(b.id)),
    screenPrompts: screenPrompts.map((p) => p.value).sort((a, b) => a.order - b.order),
    designMisconceptions: parsedMisconceptions.ok ? parsedMisconceptions.value : [],
  };
  return { curriculum, problems };
}

interface Located<T> {
  value: T;
  file: string;
}

async function readFolder<S extends z.ZodType, T>(
  contentDir: string,
  root: string,
  folder: string,
  schema: S,
  build: (front: z.output<S>, body: string, file: string) => T | undefined,
  problems: ContentProblem[],
): Promise<Located<T>[]> {
  const files = await listMarkdown(path.join(contentDir, folder));
  const items: Located<T>[] = [];
  for (const absolute of files) {
    const file = path.relative(root, absolute);
    const parsed = parseFrontMatter(file, await readFile(absolute, 'utf8'), schema);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const value = build(parsed.value, parsed.body, file);
    if (value !== undefined) items.push({ value, file });
  }
  return items;
}

async function listMarkdown(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function reportDuplicates(items: Located<{ id: string }>[], kind: string, problems: ContentProblem[]) {
  const seen = new Map<string, string>();
  for (const { value, file } of items) {
    const first = seen.get(value.id);
    if (first) problems.push({ file, line: 1, message: `duplicate ${kind} id "${value.id}" (also in ${first})` });
    else seen.set(value.id, file);
  }
}
