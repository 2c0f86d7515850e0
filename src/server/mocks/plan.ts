import { randomInt } from 'node:crypto';
import type { LevelId, StageId } from '../../shared/ids.js';
import { EMPTY_DIAGRAM } from '../../shared/diagram.js';
import type { MockItem, MockStage } from '../../shared/mocks.js';
import type { Catalog } from '../curriculum/service.js';
import type { MockDeps } from './service.js';

/**
 * What a new mock will ask: the stages in the loop's order, each with its timer and its items,
 * chosen for the level. The plan is fixed when the mock starts, so a reload shows the same questions.
 */

/** Minutes per stage; the online assessment takes its countdown from its labs. */
const STAGE_MINUTES: Record<StageId, number> = {
  'recruiter-screen': 10,
  'online-assessment': 60,
  technical: 45,
  behavioural: 20,
  onsite: 45,
};

function pick<T>(items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(randomInt(pool.length), 1)[0]!);
  return chosen;
}

const shuffle = <T>(items: readonly T[]): T[] => pick(items, items.length);

/** Picks what each stage will ask, for the level: the plan is fixed at the start so a reload shows the same questions. */
function plan(deps: MockDeps, stage: StageId, level: LevelId): MockItem[] {
  const { catalog } = deps;
  const forLevel = <T extends { levels: readonly LevelId[] }>(items: readonly T[]) => {
    const matching = items.filter((item) => item.levels.includes(level));
    return matching.length > 0 ? matching : items;
  };
  switch (stage) {
    case 'recruiter-screen': {
      const prompts = catalog.screenPrompts();
      const chosen = prompts.length <= 3 ? prompts : [prompts[0]!, prompts[1]!, prompts[prompts.length - 1]!];
      return chosen.map((p) => ({ kind: 'screen', id: `screen-${p.id}`, promptId: p.id, answer: '', feedback: null }));
    }
    case 'online-assessment':
      return [{ kind: 'assessment', id: 'assessment', assessmentId: null, score: null }];
    case 'technical': {
      const weights = catalog.getLevel(level).areaWeights;
      const probing = forLevel(catalog.allQuestions()).filter(
        (question) =>
          (weights[question.area] ?? 0) >= 0.6 &&
          question.area !== 'behavioural' &&
          question.followUps.some((f) => f.probes),
      );
      const questions: typeof probing = [];
      for (const question of shuffle(probing)) {
        if (questions.length < 2 && !questions.some((other) => other.area === question.area)) questions.push(question);
      }
      const lab = pick(
        deps.labs.labs.labs.filter((l) => l.meta.levels.includes(level) && !l.meta.languages.includes('sql')),
        1,
      );
      return [
        ...questions.map((question): MockItem => ({
          kind: 'concept',
          id: `concept-${question.id}`,
          questionId: question.id,
          answer: '',
          feedback: null,
          followUp: null,
        })),
        ...lab.map((l): MockItem => ({
          kind: 'coding',
          id: `coding-${l.slug}`,
          labSlug: l.slug,
          notes: '',
          submissionId: null,
          score: null,
          done: false,
        })),
      ];
    }
    case 'behavioural': {
      const prompts: ReturnType<Catalog['behaviouralPrompts']>[number][] = [];
      for (const prompt of shuffle(forLevel(catalog.behaviouralPrompts()))) {
        if (prompts.length < 2 && !prompts.some((other) => other.competency === prompt.competency))
          prompts.push(prompt);
      }
      return prompts.map((p) => ({ kind: 'star', id: `star-${p.id}`, promptId: p.id, answer: '', feedback: null }));
    }
    case 'onsite':
      return pick(forLevel(catalog.designPrompts()), 1).map((p) => ({
        kind: 'design',
        id: `design-${p.id}`,
        promptId: p.id,
        text: { requirements: '', 'high-level': '', bottlenecks: '', 'trade-offs': '' },
        diagram: EMPTY_DIAGRAM,
        assumptions: p.assumptions,
        feedback: null,
      }));
  }
}

/** The stages asked for, once each and in the loop's order, none begun. */
export function planStages(deps: MockDeps, stages: readonly StageId[], level: LevelId): MockStage[] {
  const order = [...new Set(stages)].sort((a, b) => deps.catalog.getStage(a).order - deps.catalog.getStage(b).order);
  return order.map((stage) => ({
    stage,
    minutes: STAGE_MINUTES[stage],
    startedAt: null,
    endsAt: null,
    finishedAt: null,
    expired: false,
    skipped: false,
    items: plan(deps, stage, level),
  }));
}
