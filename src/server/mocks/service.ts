import { LEVEL_IDS, type LevelId } from '../../shared/ids.js';
import {
  type MockBody,
  type MockDto,
  type MockStage,
  type MockState,
  type MockSummary,
  Scorecard,
} from '../../shared/mocks.js';
import type { AiDeps } from '../ai/service.js';
import type { Catalog } from '../curriculum/service.js';
import type { Db } from '../db/client.js';
import type { LiveHub } from './live.js';
import { conflict, invalid, notFound } from '../errors.js';
import * as labAssessments from '../labs/assessments.js';
import * as labs from '../labs/service.js';
import { aiInterviewerTurn, reviewClosed } from './ai-turn.js';
import { planStages } from './plan.js';
import * as q from './queries.js';
import { targetLevel } from './scorecard.js';
import { change, closeStage, currentIndex, load, own, parseState } from './state.js';
import { view } from './view.js';

/**
 * The mock loop: start a mock, read it (settling its timers), list a user's mocks, and begin or
 * finish its stages in order. Answering items is `items.ts`; the interviewer's link is
 * `interviewer-link.ts`.
 */

export interface MockDeps {
  db: Db;
  catalog: Catalog;
  labs: labs.LabDeps;
  live: LiveHub;
  now: () => Date;
  /** The optional AI layer: reviews and follow-ups in the technical and design stages, coaching in the behavioural one. */
  ai?: AiDeps;
}

const ASSESSMENT_LABS: Record<LevelId, number> = { junior: 1, mid: 2, senior: 2 };
const HISTORY = 50;

/** A new mock for one level or a blend of two adjacent ones, with its stages planned and none begun. */
export async function startMock(deps: MockDeps, userId: string, body: MockBody): Promise<MockDto> {
  const levels = [...body.levels].sort((a, b) => LEVEL_IDS.indexOf(a) - LEVEL_IDS.indexOf(b));
  if (levels.length === 2 && LEVEL_IDS.indexOf(levels[1]!) - LEVEL_IDS.indexOf(levels[0]!) !== 1) {
    throw invalid('levels_not_adjacent', 'A blend is two adjacent levels: junior and mid, or mid and senior.');
  }
  const level = targetLevel(levels);
  const state: MockState = {
    stages: planStages(deps, body.stages, level),
    messages: [],
    interviewer: { scores: {}, notes: '' },
  };
  const now = deps.now();
  const row = await q.insertMock(deps.db, { userId, levels, state, createdAt: now, updatedAt: now });
  return view(deps, row, 'candidate');
}

/** Which of a user's mocks a call is about. */
export interface OwnMock {
  userId: string;
  id: string;
}

/** Applies an edit to one of the user's mocks and answers with the candidate's view of the result. */
export async function editOwn(
  deps: MockDeps,
  { userId, id }: OwnMock,
  edit: (state: MockState, row: q.MockRow) => void | Promise<void>,
): Promise<MockDto> {
  const row = await own(deps, userId, id);
  return view(deps, await reviewClosed(deps, row, (await change(deps, row, edit)) ?? row), 'candidate');
}

/** 404 unless the mock is the user's: enough to authorise a live socket without settling or describing it. */
export async function ownedMockId(deps: MockDeps, userId: string, id: string): Promise<string> {
  return (await own(deps, userId, id)).id;
}

export async function getMock(deps: MockDeps, userId: string, id: string): Promise<MockDto> {
  const row = await own(deps, userId, id);
  return view(deps, await reviewClosed(deps, row, await load(deps, row)), 'candidate');
}

export async function listMocks(deps: MockDeps, userId: string): Promise<MockSummary[]> {
  const rows = await q.listMocks(deps.db, userId, HISTORY);
  return rows.map((row) => {
    const state = parseState(row);
    const scorecard = row.scorecard ? Scorecard.parse(row.scorecard) : null;
    return {
      id: row.id,
      levels: row.levels,
      stages: state.stages.map((s) => s.stage),
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      overall: scorecard?.overall ?? null,
      signals: scorecard?.signals.map((s) => ({ id: s.id, name: s.name, rating: s.rating })) ?? [],
    };
  });
}

function stageAt(state: MockState, index: number): MockStage {
  const stage = state.stages[index];
  if (!stage) throw notFound('stage_not_found', `This mock has no stage number ${index}.`);
  return stage;
}

/** A stage that cannot begin without the sandbox: the online assessment, whose timer is its labs'. */
function needsGrading(stage: MockStage): boolean {
  return stage.items.some((item) => item.kind === 'assessment');
}

/** Starts the next stage's timer; the online assessment starts its own countdown with labs for the level. */
export function beginStage(deps: MockDeps, { index, ...mock }: OwnMock & { index: number }): Promise<MockDto> {
  return editOwn(deps, mock, async (state, row) => {
    const stage = stageAt(state, index);
    if (currentIndex(state) !== index) {
      throw conflict('stage_not_current', 'Stages run in order: finish the current stage first.');
    }
    if (stage.startedAt) return;
    const now = deps.now();
    const assessmentItem = stage.items.find((item) => item.kind === 'assessment');
    if (assessmentItem?.kind === 'assessment') {
      const level = targetLevel(row.levels);
      const assessment = await labAssessments.startAssessment(deps.labs, row.userId, {
        level,
        count: ASSESSMENT_LABS[level],
      });
      assessmentItem.assessmentId = assessment.id;
      stage.minutes = assessment.minutes;
      stage.startedAt = assessment.startedAt;
      stage.endsAt = assessment.endsAt;
      return;
    }
    stage.startedAt = now.toISOString();
    stage.endsAt = new Date(now.getTime() + stage.minutes * 60_000).toISOString();
  });
}

/** Ends the current stage now; unanswered items are graded from what was written (and AI-reviewed, when on). */
export async function finishStage(
  deps: MockDeps,
  { index, userId, id }: OwnMock & { index: number },
): Promise<MockDto> {
  const row = await own(deps, userId, id);
  const finished =
    (await change(deps, row, async (state, current, closed) => {
      const stage = stageAt(state, index);
      if (stage.finishedAt) return;
      if (!stage.startedAt && needsGrading(stage) && !labs.gradingStatus(deps.labs).available) {
        // It could never be begun here (503 sandbox_unavailable): the loop goes on without it.
        stage.startedAt = stage.finishedAt = deps.now().toISOString();
        stage.skipped = true;
        return;
      }
      if (!stage.startedAt) throw conflict('stage_not_started', 'Begin this stage before finishing it.');
      const item = stage.items.find((i) => i.kind === 'assessment');
      if (item?.kind === 'assessment' && item.assessmentId) {
        const assessment = await labAssessments.finishAssessment(deps.labs, userId, item.assessmentId);
        item.score = assessment.score;
      }
      await closeStage(deps, { row: current, stage, expired: false }, closed);
    })) ?? row;
  const items = parseState(finished).stages[index]?.items.map((item) => item.id) ?? [];
  return view(deps, await aiInterviewerTurn(deps, finished, items, null, 0), 'candidate');
}
