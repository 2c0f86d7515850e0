import { LEVEL_IDS, type LevelId } from '../../shared/ids.js';
import type { DesignPrompt } from '../../shared/mock-content.js';
import { type InterviewerDto, type MockDto, type MockItem, type MockItemView, Scorecard } from '../../shared/mocks.js';
import * as q from './queries.js';
import { targetLevel } from './scorecard.js';
import type { MockDeps } from './service.js';
import { currentIndex, labTitle, parseState } from './state.js';
import { transcriptOf } from './transcript.js';

/**
 * A mock as the candidate or the interviewer sees it: a stage's items are revealed to the candidate
 * when it begins and reference answers once answered; the interviewer sees everything, with the
 * rubric, follow-ups and the signals to score.
 */

/** The signals the interviewer scores: those of every level up to the mock's bar. */
export function signalsFor(deps: MockDeps, levels: readonly LevelId[]) {
  const top = LEVEL_IDS.indexOf(targetLevel(levels));
  return LEVEL_IDS.slice(0, top + 1).flatMap((level) =>
    deps.catalog.getLevel(level).signals.map((signal) => ({ ...signal, level })),
  );
}

/** The mock as the candidate or the interviewer sees it, with each item's transcript. */
export async function view(deps: MockDeps, row: q.MockRow, as: 'candidate'): Promise<MockDto>;
export async function view(deps: MockDeps, row: q.MockRow, as: 'interviewer'): Promise<InterviewerDto>;
export async function view(deps: MockDeps, row: q.MockRow, as: 'candidate' | 'interviewer') {
  const followUps = await q.listFollowUps(deps.db, row.id);
  return as === 'candidate' ? describe(deps, row, as, followUps) : describe(deps, row, as, followUps);
}

function describe(deps: MockDeps, row: q.MockRow, view: 'candidate', followUps: q.FollowUpRow[]): MockDto;
function describe(deps: MockDeps, row: q.MockRow, view: 'interviewer', followUps: q.FollowUpRow[]): InterviewerDto;
function describe(
  deps: MockDeps,
  row: q.MockRow,
  view: 'candidate' | 'interviewer',
  followUps: q.FollowUpRow[],
): MockDto | InterviewerDto {
  const state = parseState(row);
  const now = deps.now().getTime();
  const interviewer = view === 'interviewer';
  const dto: MockDto = {
    id: row.id,
    levels: row.levels,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    current: currentIndex(state),
    stages: state.stages.map((stage) => ({
      stage: stage.stage,
      name: deps.catalog.getStage(stage.stage).name,
      minutes: stage.minutes,
      startedAt: stage.startedAt,
      endsAt: stage.endsAt,
      finishedAt: stage.finishedAt,
      expired: stage.expired,
      skipped: stage.skipped,
      remainingSeconds:
        stage.endsAt && !stage.finishedAt ? Math.max(0, Math.ceil((Date.parse(stage.endsAt) - now) / 1000)) : null,
      // Like a real loop, a stage's questions are revealed when it begins (the interviewer sees them all).
      items:
        interviewer || stage.startedAt
          ? stage.items.map((item) => ({
              ...describeItem(deps, item, interviewer),
              transcript: transcriptOf(deps.catalog, item, followUps),
            }))
          : [],
    })),
    messages: state.messages,
    interviewerConnected: deps.live.connected(row.id, 'interviewer'),
    scorecard: row.scorecard ? Scorecard.parse(row.scorecard) : null,
  };
  if (!interviewer) return dto;
  return {
    ...dto,
    signals: signalsFor(deps, row.levels),
    interviewer: state.interviewer,
  };
}

function describeItem(deps: MockDeps, item: MockItem, interviewer: boolean): Omit<MockItemView, 'transcript'> {
  const { catalog } = deps;
  const base = { id: item.id, kind: item.kind, state: item };
  const answered = (done: boolean, text: string) => (done || interviewer ? text : null);
  switch (item.kind) {
    case 'screen': {
      const p = catalog.screenPrompts().find((x) => x.id === item.promptId);
      return {
        ...base,
        title: 'Recruiter question',
        prompt: p?.prompt ?? item.promptId,
        reference: answered(Boolean(item.feedback), p?.guidance ?? ''),
        guide: interviewer && p ? { points: p.checklist.map((c) => c.statement), followUps: [], hint: null } : null,
      };
    }
    case 'star': {
      const p = catalog.behaviouralPrompts().find((x) => x.id === item.promptId);
      return {
        ...base,
        title: `Behavioural · ${p?.competency ?? ''}`,
        prompt: p?.prompt ?? item.promptId,
        reference: answered(Boolean(item.feedback), p?.example ?? ''),
        guide:
          interviewer && p
            ? {
                points: LEVEL_IDS.map((level) => `${level}: ${p.strongAnswer[level]}`),
                followUps: ['What did you personally do?', 'What would you do differently?', 'How did you measure it?'],
                hint: 'Listen for Situation, Task, Action, Result — with the Action taking most of the time.',
              }
            : null,
      };
    }
    case 'concept': {
      const question = catalog.findQuestion(item.questionId);
      return {
        ...base,
        title: 'Concept question',
        prompt: question?.question ?? item.questionId,
        reference: answered(Boolean(item.feedback), question?.answer ?? ''),
        guide:
          interviewer && question
            ? {
                points: question.keyPoints.map((p) => p.statement),
                followUps: question.followUps.map((f) => f.question),
                hint: question.hint ?? null,
              }
            : null,
      };
    }
    case 'coding': {
      const lab = deps.labs.labs.labs.find((l) => l.slug === item.labSlug);
      return {
        ...base,
        title: `Live coding · ${labTitle(deps, item.labSlug)}`,
        prompt: lab?.meta.summary ?? '',
        reference: null,
        guide: interviewer
          ? {
              points: [
                'Clarifies the problem and edge cases before coding.',
                'Narrates trade-offs and complexity while coding.',
                'Tests with examples and fixes failures methodically.',
              ],
              followUps: ['What is the time and space complexity?', 'How would you test this further?'],
              hint: null,
            }
          : null,
      };
    }
    case 'design': {
      const p: DesignPrompt | undefined = catalog.designPrompts().find((x) => x.id === item.promptId);
      return {
        ...base,
        title: p?.title ?? item.promptId,
        prompt: p?.prompt ?? '',
        reference: answered(Boolean(item.feedback), p?.reference ?? ''),
        guide:
          interviewer && p
            ? {
                points: p.rubric.map((r) => `[${r.section} · ${r.level}] ${r.statement}`),
                followUps: p.rubric.map((r) => r.followUp),
                hint: null,
              }
            : null,
      };
    }
    case 'assessment':
      return {
        ...base,
        title: 'Timed labs',
        prompt: 'Solve the labs before the countdown ends; at zero your editors are submitted.',
        reference: null,
        guide: null,
      };
  }
}
