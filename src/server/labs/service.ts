/**
 * The labs domain's service: the lab catalogue and its pages, drafts, and whether this server can
 * grade. Runs and submissions are in `submissions.ts`, timed assessments in `assessments.ts`.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AreaId, LevelId } from '../../shared/ids.js';
import type { DraftDto, GradingStatus, LabDetail, LabLanguage, LabSummary } from '../../shared/labs.js';
import type { Db } from '../db/client.js';
import { invalid, notFound, unavailable } from '../errors.js';
import type { WarmPool } from '../sandbox/warm-pool.js';
import type { Lab } from './load-labs.js';
import type { GradingQueue } from './queue.js';
import * as q from './queries.js';
import { jsTestSource, pyTestSource } from './test-source.js';

export interface LabDeps {
  db: Db;
  labs: LabCatalog;
  pool: WarmPool;
  /** Where submissions wait for a grader (in this process or in worker processes). */
  queue: GradingQueue;
  /**
   * Why submissions cannot be graded, or null when they can. Asked before a submission is
   * stored, so a machine without the sandbox answers 503 instead of failing every attempt.
   */
  sandboxProblem: () => string | null;
  now: () => Date;
  log: Pick<FastifyBaseLogger, 'warn' | 'error' | 'info'>;
  /** Breaks ties when picking an assessment's labs; Math.random unless a test seeds it. */
  random?: () => number;
}

/** The labs loaded from content, by slug, in a stable order (area, then title). */
export class LabCatalog {
  private readonly bySlug: Map<string, Lab>;

  constructor(readonly labs: readonly Lab[]) {
    this.bySlug = new Map(labs.map((lab) => [lab.slug, lab]));
  }

  find(slug: string): Lab | undefined {
    return this.bySlug.get(slug);
  }

  get(slug: string): Lab {
    const lab = this.bySlug.get(slug);
    if (!lab) throw notFound('lab_not_found', `There is no lab "${slug}".`);
    return lab;
  }
}

function summarise(lab: Lab, status: LabSummary['status']): LabSummary {
  const { meta } = lab;
  return {
    slug: lab.slug,
    title: meta.title,
    summary: meta.summary,
    area: meta.area,
    levels: meta.levels,
    languages: meta.languages,
    timeLimitMinutes: meta.timeLimitMinutes,
    tags: meta.tags,
    testCount: meta.tests.length,
    status,
  };
}

export async function listLabs(
  deps: LabDeps,
  userId: string,
  filter: { area?: AreaId; level?: LevelId; language?: LabLanguage },
): Promise<LabSummary[]> {
  const statuses = await q.labStatuses(deps.db, userId);
  return deps.labs.labs
    .filter(({ meta }) => !filter.area || meta.area === filter.area)
    .filter(({ meta }) => !filter.level || meta.levels.includes(filter.level))
    .filter(({ meta }) => !filter.language || meta.languages.includes(filter.language))
    .map((lab) => summarise(lab, statuses.get(lab.slug) ?? 'new'));
}

export async function getLab(deps: LabDeps, userId: string, slug: string): Promise<LabDetail> {
  const lab = deps.labs.get(slug);
  const statuses = await q.labStatuses(deps.db, userId);
  const { meta } = lab;
  return {
    ...summarise(lab, statuses.get(slug) ?? 'new'),
    prompt: lab.prompt,
    starters: meta.languages.map((language) => ({ language, code: lab.starters[language] ?? '' })),
    visibleTests: meta.tests
      .filter((test) => test.visible)
      .map((test) => ({
        name: test.name,
        kind: test.kind,
        expected: test.expect ?? null,
        setup: test.setup ?? null,
        query: test.query ?? null,
        input: {
          js: lab.testCode.js === undefined ? null : jsTestSource(lab.testCode.js, test.name),
          py: lab.testCode.py === undefined ? null : pyTestSource(lab.testCode.py, test.name),
        },
      })),
    hiddenTestCount: meta.tests.filter((test) => !test.visible).length,
    limits: {
      cpuSeconds: meta.limits.cpuSeconds ?? deps.pool.limits.cpuSeconds,
      memoryMb: meta.limits.memoryMb ?? deps.pool.limits.memoryMb,
    },
    schema: lab.schema ?? null,
  };
}

export function assertLanguageOffered(lab: Lab, language: LabLanguage): void {
  if (!lab.meta.languages.includes(language)) {
    throw invalid(
      'language_not_offered',
      `The lab "${lab.slug}" is offered in ${lab.meta.languages.join(', ')}, not ${language}.`,
    );
  }
}

/** The reference solution; the candidate may look whenever they choose (the UI offers it after a pass). */
export function revealSolution(
  deps: LabDeps,
  slug: string,
  language: LabLanguage,
): { language: LabLanguage; code: string } {
  const lab = deps.labs.get(slug);
  assertLanguageOffered(lab, language);
  return { language, code: lab.solutions[language] ?? '' };
}

const toDraft = (row: q.DraftRow): DraftDto => ({
  language: row.language,
  code: row.code,
  updatedAt: row.updatedAt.toISOString(),
});

export async function listDrafts(deps: LabDeps, userId: string, slug: string): Promise<DraftDto[]> {
  deps.labs.get(slug);
  return (await q.listDrafts(deps.db, userId, slug)).map(toDraft);
}

export async function saveDraft(
  deps: LabDeps,
  { userId, slug, language, code }: { userId: string; slug: string; language: LabLanguage; code: string },
): Promise<DraftDto> {
  assertLanguageOffered(deps.labs.get(slug), language);
  return toDraft(await q.upsertDraft(deps.db, { userId, labSlug: slug, language, code, updatedAt: deps.now() }));
}

/**
 * Refuses work that cannot be graded here: 503 `sandbox_unavailable`, saying what to install,
 * rather than a submission that fails every attempt and ends as `internal_error`.
 */
export function assertSandbox(deps: Pick<LabDeps, 'sandboxProblem'>): void {
  const problem = deps.sandboxProblem();
  if (problem) {
    throw unavailable(
      'sandbox_unavailable',
      `Labs cannot be graded on this server: ${problem}. Everything else works; ask the operator to install it.`,
    );
  }
}

export function gradingStatus(deps: Pick<LabDeps, 'sandboxProblem'>): GradingStatus {
  const reason = deps.sandboxProblem();
  return { available: reason === null, reason };
}
