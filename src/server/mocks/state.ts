import { upgradeLegacyJudgement } from '../../shared/judgement.js';
import { type MockStage, MockState } from '../../shared/mocks.js';
import { conflict, notFound } from '../errors.js';
import * as labAssessments from '../labs/assessments.js';
import { grade } from './grade.js';
import { judgeFollowUpAnswer } from './interviewer.js';
import * as q from './queries.js';
import { buildScorecard, targetLevel } from './scorecard.js';
import type { MockDeps } from './service.js';

/**
 * A mock's stored state: read back, changed under optimistic concurrency, and settled against its
 * timers on every change — a stage whose time ran out is closed and graded as it stood, and the
 * online assessment follows its labs.
 */

export async function own(deps: MockDeps, userId: string, id: string): Promise<q.MockRow> {
  const row = await q.findMock(deps.db, id);
  if (!row || row.userId !== userId) throw mockNotFound();
  return row;
}

export const mockNotFound = () => notFound('mock_not_found', 'There is no such mock interview.');

/** Reads a mock and brings it up to date: a stage whose timer ran out is closed and its answers graded. */
export async function load(deps: MockDeps, row: q.MockRow): Promise<q.MockRow> {
  return (await change(deps, row, () => undefined)) ?? row;
}

/** The stored state, with concept feedback saved before the answer judge read into today's shape. */
export const parseState = (row: q.MockRow): MockState => {
  const stages = isRecord(row.state) && Array.isArray(row.state.stages) ? row.state.stages : [];
  for (const stage of stages) {
    for (const item of isRecord(stage) && Array.isArray(stage.items) ? stage.items : []) {
      if (!isRecord(item) || item.kind !== 'concept') continue;
      if (item.feedback) item.feedback = upgradeLegacyJudgement(item.feedback);
      const { followUp } = item;
      if (isRecord(followUp) && followUp.feedback) followUp.feedback = upgradeLegacyJudgement(followUp.feedback);
    }
  }
  return MockState.parse(row.state);
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** How many of the stored stages are finished, read without parsing the whole state. */
export const finishedStages = (row: q.MockRow): number =>
  (isRecord(row.state) && Array.isArray(row.state.stages) ? row.state.stages : []).filter(
    (stage) => isRecord(stage) && stage.finishedAt,
  ).length;

/**
 * Applies `edit` to the mock's state and settles timers, with optimistic concurrency: on a lost
 * race the row is re-read and the edit applied again. Returns the new row, or undefined when
 * nothing changed. `edit` throws to refuse (e.g. the stage is over).
 */
export async function change(
  deps: MockDeps,
  row: q.MockRow,
  edit: (state: MockState, row: q.MockRow, closed: ClosedFollowUp[]) => void | Promise<void>,
): Promise<q.MockRow | undefined> {
  let current = row;
  for (let attempt = 0; attempt < 5; attempt++) {
    const state = parseState(current);
    const before = JSON.stringify(state);
    // Follow-ups a closing stage grades: written once this attempt's state is stored, not per attempt.
    const closed: ClosedFollowUp[] = [];
    await settle(deps, current, state, closed);
    await edit(state, current, closed);
    const finished = !current.finishedAt && state.stages.every((stage) => stage.finishedAt);
    if (JSON.stringify(state) === before && !finished) return undefined;
    const scorecard =
      finished || current.finishedAt
        ? buildScorecard(
            deps.catalog,
            current.levels,
            state,
            (slug) => labTitle(deps, slug),
            withClosed(await q.listFollowUps(deps.db, current.id), closed),
          )
        : null;
    const updated = await q.updateMock(deps.db, current.id, current.version, {
      state,
      updatedAt: deps.now(),
      scorecard,
      ...(finished ? { finishedAt: deps.now() } : {}),
    });
    if (updated) {
      for (const { row: followUp, feedback, answeredAt } of closed) {
        await q.saveFollowUpAnswer(deps.db, followUp, { answer: followUp.answer, feedback, answeredAt });
      }
      deps.live.publish(updated.id);
      return updated;
    }
    const reread = await q.findMock(deps.db, current.id);
    if (!reread) throw mockNotFound();
    current = reread;
  }
  throw conflict('mock_busy', 'This mock interview is being changed elsewhere; try again.');
}

/** An open AI follow-up graded from what was written when its stage closed, to be saved with the stage. */
interface ClosedFollowUp {
  row: q.FollowUpRow;
  feedback: ReturnType<typeof judgeFollowUpAnswer>;
  answeredAt: Date;
}

/** The follow-ups as they will be once the closed ones are saved (what the scorecard cites). */
const withClosed = (rows: q.FollowUpRow[], closed: readonly ClosedFollowUp[]): q.FollowUpRow[] =>
  rows.map((row) => {
    const graded = closed.find((c) => c.row.itemId === row.itemId && c.row.number === row.number);
    return graded ? { ...row, feedback: graded.feedback, answeredAt: graded.answeredAt } : row;
  });

export const labTitle = (deps: MockDeps, slug: string) =>
  deps.labs.labs.labs.find((lab) => lab.slug === slug)?.meta.title ?? slug;

export const currentIndex = (state: MockState): number | null => {
  const index = state.stages.findIndex((stage) => !stage.finishedAt);
  return index < 0 ? null : index;
};

/** Closes a stage whose time is up (grading what was written) and follows the online assessment. */
async function settle(deps: MockDeps, row: q.MockRow, state: MockState, closed: ClosedFollowUp[]): Promise<void> {
  const index = currentIndex(state);
  for (const stage of state.stages) {
    const item = stage.items.find((i) => i.kind === 'assessment');
    if (item?.kind === 'assessment' && item.assessmentId && (item.score === null || !stage.finishedAt)) {
      const assessment = await labAssessments.getAssessment(deps.labs, row.userId, item.assessmentId);
      item.score = assessment.score;
      if (assessment.finishedAt && !stage.finishedAt) {
        stage.finishedAt = assessment.finishedAt;
        stage.expired = assessment.autoSubmitted;
      }
    }
  }
  if (index === null) return;
  const stage = state.stages[index]!;
  if (stage.startedAt && !stage.finishedAt && stage.endsAt && new Date(stage.endsAt) <= deps.now()) {
    await closeStage(deps, { row, stage, expired: true }, closed);
  }
}

/**
 * Ends a stage, grading every item from what was written; an open follow-up of the AI interviewer
 * is graded too, into `closed`, which `change` saves once the stage's end is stored.
 */
export async function closeStage(
  deps: MockDeps,
  { row, stage, expired }: { row: q.MockRow; stage: MockStage; expired: boolean },
  closed: ClosedFollowUp[],
) {
  const level = targetLevel(row.levels);
  for (const item of stage.items) await grade(deps, row, stage, item, level, true, false);
  const open = (await q.listFollowUps(deps.db, row.id)).filter((f) => !f.answeredAt && f.answer.trim());
  for (const followUp of open) {
    const item = stage.items.find((i) => i.id === followUp.itemId);
    if (!item) continue;
    const feedback = judgeFollowUpAnswer(deps.catalog, item, followUp.probes, followUp.answer);
    closed.push({ row: followUp, feedback, answeredAt: deps.now() });
  }
  stage.finishedAt = expired && stage.endsAt ? stage.endsAt : deps.now().toISOString();
  stage.expired = expired;
}
