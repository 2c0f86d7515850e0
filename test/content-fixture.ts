import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_DIR } from '../src/server/paths.js';

export interface FixtureQuestion {
  id: string;
  area: string;
  levels: string[];
  tags: string[];
  question: string;
  answer?: string;
}

/** Writes one question file in the content format, as an author would. */
export function questionFile(q: FixtureQuestion): string {
  return `---
id: ${q.id}
area: ${q.area}
levels: [${q.levels.join(', ')}]
tags: [${q.tags.join(', ')}]
question: ${JSON.stringify(q.question)}
hint: Think about the trade-offs.
keyPoints:
  - id: main-point
    statement: The main point.
    phrases: [main point, key idea]
followUps:
  - question: What would you do next?
    probes: main-point
pitfalls:
  - Forgetting the main point.
misconceptions:
  - claim: The main point does not matter.
    phrases: [main point is irrelevant, main point does not matter]
    correction: The main point is what the interviewer listens for first.
---
${q.answer ?? `A model answer for ${q.id}.`}
`;
}

export const FIXTURE_QUESTIONS: FixtureQuestion[] = [
  {
    id: 'lru-cache',
    area: 'core',
    levels: ['junior', 'mid'],
    tags: ['caching', 'data-structures'],
    question: 'Which data structures would you combine to build an LRU cache?',
    answer: 'A hash map with a doubly linked list gives O(1) get and put; evict from the tail.',
  },
  {
    id: 'process-vs-thread',
    area: 'core',
    levels: ['junior'],
    tags: ['concurrency'],
    question: 'How does a process differ from a thread?',
    answer: 'Processes have separate address spaces; threads share memory within one process.',
  },
  {
    id: 'acid',
    area: 'databases',
    levels: ['junior', 'mid'],
    tags: ['transactions'],
    question: 'What do the ACID properties guarantee?',
    answer: 'Atomicity, consistency, isolation and durability of transactions.',
  },
  {
    id: 'n-plus-one',
    area: 'databases',
    levels: ['mid'],
    tags: ['orm', 'performance'],
    question: 'What is the N+1 query problem in an ORM and how do you fix it?',
    answer: 'Loading a list then one query per row; fix with eager loading or a join.',
  },
  {
    id: 'idempotency-keys',
    area: 'apis',
    levels: ['mid', 'senior'],
    tags: ['reliability'],
    question: 'Why do payment APIs accept an Idempotency-Key header?',
    answer: 'So that a retried request does not charge twice; the server stores the first response.',
  },
  {
    id: 'node-event-loop',
    area: 'frameworks',
    levels: ['mid'],
    tags: ['nodejs'],
    question: 'Walk through the phases of the Node.js event loop.',
    answer: 'Timers, pending callbacks, poll, check, close; nextTick and microtasks run between.',
  },
];

/**
 * A throw-away content folder with the real areas, levels, stages and mock-interview prompts and a small, known set of
 * questions, so tests can assert exact results while the real bank grows.
 */
export async function makeContentFixture(questions: FixtureQuestion[] = FIXTURE_QUESTIONS) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'onsite-content-'));
  const dir = path.join(root, 'content');
  for (const folder of ['areas', 'levels', 'stages', 'design-prompts', 'behavioural-prompts', 'screen-prompts'])
    await cp(path.join(CONTENT_DIR, folder), path.join(dir, folder), { recursive: true });
  for (const q of questions) await writeQuestion(dir, q);
  return {
    dir,
    writeQuestion: (q: FixtureQuestion) => writeQuestion(dir, q),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

async function writeQuestion(dir: string, q: FixtureQuestion): Promise<string> {
  const file = path.join(dir, 'questions', q.area, `${q.id}.md`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, questionFile(q));
  return file;
}

/** A bigger bank for drill tests: `perArea` questions in each of a few areas, spread over the levels. */
export function generatedQuestions(perArea: number): FixtureQuestion[] {
  const areas = ['core', 'databases', 'apis', 'system-design', 'frameworks', 'behavioural'];
  const levels = ['junior', 'mid', 'senior'];
  return areas.flatMap((area) =>
    Array.from({ length: perArea }, (_, i) => ({
      id: `${area}-q${i + 1}`,
      area,
      levels: [levels[i % 3]!],
      tags: area === 'frameworks' ? [i % 2 ? 'nodejs' : 'django'] : [`${area}-topic-${i % 4}`],
      question: `Question ${i + 1} about ${area.replace('-', ' ')}: explain topic ${i}?`,
      answer: `The main point of topic ${i} is the key idea.`,
    })),
  );
}
