import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { AREA_IDS, LEVEL_IDS } from '../../shared/curriculum.js';
import type { ContentProblem } from './front-matter.js';
import { readCurriculum, type Curriculum } from './load-content.js';
import { readLabs } from '../labs/load-labs.js';
import { answerJudgeFor } from '../judge/answer.js';
import { checkMockRubrics, checkRubrics } from '../judge/rubric-check.js';
import { checkCoverage, checkQuestionQuality, CoverageMap, GuideTopics } from './quality.js';

interface ContentReport {
  curriculum: Curriculum;
  topics: GuideTopics;
  coverage: CoverageMap;
  problems: ContentProblem[];
}

/**
 * The full editorial check behind `npm run content:check`: schema validity (as at start-up), the
 * quality bar, near-duplicates, the rubric bar (see `judge/rubric-check.ts`), a question in every area × level cell, and guide-topic coverage.
 */
export async function checkContent(contentDir: string): Promise<ContentReport> {
  const { curriculum, problems } = await readCurriculum(contentDir);
  const fileOf = (id: string) => {
    const q = curriculum.questions.find((question) => question.id === id);
    return q ? `content/questions/${q.area}/${q.id}.md` : id;
  };
  problems.push(...checkQuestionQuality(curriculum.questions, fileOf));
  const sources = new Map(
    await Promise.all(
      curriculum.questions.map(async (q) => {
        const file = fileOf(q.id);
        return [q.id, { file, text: await readFile(path.join(path.dirname(contentDir), file), 'utf8') }] as const;
      }),
    ),
  );
  const judge = answerJudgeFor(curriculum.questions);
  problems.push(...checkRubrics(curriculum.questions, (id) => sources.get(id), judge));
  const mockSources = new Map<string, { file: string; text: string }>();
  for (const [folder, items] of [
    ['design-prompts', curriculum.designPrompts],
    ['screen-prompts', curriculum.screenPrompts],
  ] as const) {
    for (const item of items) {
      const file = `content/${folder}/${item.id}.md`;
      const text = await readFile(path.join(path.dirname(contentDir), file), 'utf8').catch(() => '');
      mockSources.set(`${folder}/${item.id}`, { file, text });
    }
  }
  problems.push(...checkMockRubrics(curriculum, (folder, id) => mockSources.get(`${folder}/${id}`), judge.topics));
  for (const area of AREA_IDS) {
    for (const level of LEVEL_IDS) {
      if (!curriculum.questions.some((q) => q.area === area && q.levels.includes(level))) {
        problems.push({ file: `content/questions/${area}`, line: 1, message: `no ${level} question in area "${area}"` });
      }
    }
  }

  const topics = await readYaml(path.join(contentDir, 'guide-topics.yaml'), GuideTopics, problems);
  const coverage: CoverageMap = {};
  const coverageDir = path.join(contentDir, 'coverage');
  for (const name of (await readdir(coverageDir).catch(() => [])).filter((n) => n.endsWith('.yaml')).sort()) {
    const part = await readYaml(path.join(coverageDir, name), CoverageMap, problems);
    for (const [topic, ids] of Object.entries(part ?? {})) coverage[topic] = [...(coverage[topic] ?? []), ...ids];
  }
  if (topics) problems.push(...checkCoverage(curriculum, topics, coverage));
  problems.push(...(await readLabs(path.join(contentDir, 'labs'), path.dirname(contentDir))).problems);
  return { curriculum, topics: topics ?? [], coverage, problems };
}

async function readYaml<T>(
  file: string,
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  problems: ContentProblem[],
): Promise<T | undefined> {
  const relative = path.join('content', path.relative(path.dirname(file).replace(/\/coverage$/, ''), file));
  let data: unknown;
  try {
    data = parse(await readFile(file, 'utf8'));
  } catch (error) {
    problems.push({ file: relative, line: 1, message: (error as Error).message.split('\n')[0]! });
    return undefined;
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ file: relative, line: 1, message: `${issue.path.map(String).join('.')}: ${issue.message}` });
    }
    return undefined;
  }
  return result.data;
}
