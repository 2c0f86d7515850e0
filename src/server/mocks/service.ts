import { createHash, randomBytes, randomInt } from 'node:crypto';
import { LEVEL_IDS, type LevelId, type StageId } from '../../shared/ids.js';
import type { DesignPrompt } from '../../shared/mock-content.js';
import {
  type DesignText,
  EMPTY_DIAGRAM,
  type InterviewerDto,
  type ItemDraftBody,
  type MockBody,
  type MockDto,
  type MockItem,
  type MockItemView,
  type MockStage,
  MockState,
  type MockSummary,
  Scorecard,
} from '../../shared/mocks.js';
import type { AiDeps } from '../ai/service.js';
import * as ai from '../ai/service.js';
import type { Catalog } from '../curriculum/service.js';
import type { Db } from '../db/client.js';
import { invalid, notFound, conflict } from '../errors.js';
import * as labAssessments from '../labs/assessments.js';
import * as labs from '../labs/service.js';
import * as labSubmissions from '../labs/submissions.js';
import { upgradeLegacyJudgement } from '../../shared/judgement.js';
import { answerJudgeFor, conceptFollowUp } from '../judge/answer.js';
import { judgeDesign } from '../judge/design.js';
import { judgeScreen } from '../judge/screen.js';
import { judgeStar } from '../judge/star.js';
import {
  askNextFollowUp,
  coachStories,
  judgeFollowUpAnswer,
  reviewFollowUpAnswers,
  reviewItems,
  storeCoachings,
  storeReviews,
  storyHash,
} from './interviewer.js';
import type { LiveHub } from './live.js';
import * as q from './queries.js';
import { transcriptOf } from './transcript.js';
import { buildScorecard, targetLevel } from './scorecard.js';

export interface MockDeps {
  db: Db;
  catalog: Catalog;
  labs: labs.LabDeps;
  live: LiveHub;
  now: () => Date;
  /** The optional AI layer: reviews and follow-ups in the technical and design stages, coaching in the behavioural one. */
  ai?: AiDeps;
}

/** Minutes per stage; the online assessment takes its countdown from its labs. */
const STAGE_MINUTES: Record<StageId, number> = {
  'recruiter-screen': 10,
  'online-assessment': 60,
  technical: 45,
  behavioural: 20,
  onsite: 45,
};
const ASSESSMENT_LABS: Record<LevelId, number> = { junior: 1, mid: 2, senior: 2 };
const HISTORY = 50;

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

export async function startMock(deps: MockDeps, userId: string, body: MockBody): Promise<MockDto> {
  const levels = [...body.levels].sort((a, b) => LEVEL_IDS.indexOf(a) - LEVEL_IDS.indexOf(b));
  if (levels.length === 2 && LEVEL_IDS.indexOf(levels[1]!) - LEVEL_IDS.indexOf(levels[0]!) !== 1) {
    throw invalid('levels_not_adjacent', 'A blend is two adjacent levels: junior and mid, or mid and senior.');
  }
  const level = targetLevel(levels);
  const order = [...new Set(body.stages)].sort(
    (a, b) => deps.catalog.getStage(a).order - deps.catalog.getStage(b).order,
  );
  const state: MockState = {
    stages: order.map((stage) => ({
      stage,
      minutes: STAGE_MINUTES[stage],
      startedAt: null,
      endsAt: null,
      finishedAt: null,
      expired: false,
      skipped: false,
      items: plan(deps, stage, level),
    })),
    messages: [],
    interviewer: { scores: {}, notes: '' },
  };
  const now = deps.now();
  const row = await q.insertMock(deps.db, { userId, levels, state, createdAt: now, updatedAt: now });
  return view(deps, row, 'candidate');
}

/** Reads a mock and brings it up to date: a stage whose timer ran out is closed and its answers graded. */
async function load(deps: MockDeps, row: q.MockRow): Promise<q.MockRow> {
  return (await change(deps, row, () => undefined)) ?? row;
}

/** Applies an edit to one of the user's mocks and answers with the candidate's view of the result. */
/** Which of a user's mocks a call is about. */
interface OwnMock {
  userId: string;
  id: string;
}

async function editOwn(
  deps: MockDeps,
  { userId, id }: OwnMock,
  edit: (state: MockState, row: q.MockRow) => void | Promise<void>,
): Promise<MockDto> {
  const row = await own(deps, userId, id);
  return view(deps, await reviewClosed(deps, row, (await change(deps, row, edit)) ?? row), 'candidate');
}

/** The same for the interviewer, whose link token is the authority. */
async function editByToken(
  deps: MockDeps,
  token: string,
  edit: (state: MockState, row: q.MockRow) => void | Promise<void>,
): Promise<InterviewerDto> {
  const row = await findByToken(deps, token);
  return view(deps, await reviewClosed(deps, row, (await change(deps, row, edit)) ?? row), 'interviewer');
}

/** 404 unless the mock is the user's: enough to authorise a live socket without settling or describing it. */
export async function ownedMockId(deps: MockDeps, userId: string, id: string): Promise<string> {
  return (await own(deps, userId, id)).id;
}

async function own(deps: MockDeps, userId: string, id: string): Promise<q.MockRow> {
  const row = await q.findMock(deps.db, id);
  if (!row || row.userId !== userId) throw mockNotFound();
  return row;
}

const mockNotFound = () => notFound('mock_not_found', 'There is no such mock interview.');

/** The stored state, with concept feedback saved before the answer judge read into today's shape. */
const parseState = (row: q.MockRow): MockState => {
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
const finishedStages = (row: q.MockRow): number =>
  (isRecord(row.state) && Array.isArray(row.state.stages) ? row.state.stages : []).filter(
    (stage) => isRecord(stage) && stage.finishedAt,
  ).length;

/**
 * Applies `edit` to the mock's state and settles timers, with optimistic concurrency: on a lost
 * race the row is re-read and the edit applied again. Returns the new row, or undefined when
 * nothing changed. `edit` throws to refuse (e.g. the stage is over).
 */
async function change(
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

const labTitle = (deps: MockDeps, slug: string) =>
  deps.labs.labs.labs.find((lab) => lab.slug === slug)?.meta.title ?? slug;

const currentIndex = (state: MockState): number | null => {
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
async function closeStage(
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

/**
 * Feedback for one item from what is stored; `closing` grades whatever was written when time ran
 * out. With `aiInterviewer` a concept answer gets no offline follow-up: the AI interviewer asks
 * them (or the rubric's, when its own are dropped).
 */
async function grade(
  deps: MockDeps,
  row: q.MockRow,
  stage: MockStage,
  item: MockItem,
  level: LevelId,
  closing: boolean,
  aiInterviewer: boolean,
): Promise<void> {
  const { catalog } = deps;
  switch (item.kind) {
    case 'screen': {
      const prompt = catalog.screenPrompts().find((p) => p.id === item.promptId);
      if (prompt && (!closing || item.answer.trim())) {
        item.feedback = judgeScreen(prompt, item.answer);
        // The answer may have changed since its AI review: it is reviewed again.
        delete item.ai;
      }
      return;
    }
    case 'star': {
      const prompt = catalog.behaviouralPrompts().find((p) => p.id === item.promptId);
      if (prompt && (!closing || item.answer.trim())) {
        item.feedback = judgeStar(prompt, level, item.answer);
        // Coaching of another version of the story no longer applies; the AI layer coaches this one after.
        if (item.coachedHash !== storyHash(item.answer)) {
          delete item.coaching;
          delete item.coachedHash;
        }
      }
      return;
    }
    case 'design': {
      const prompt = catalog.designPrompts().find((p) => p.id === item.promptId);
      const written = Object.values(item.text).some((text) => text.trim()) || item.diagram.nodes.length > 0;
      if (prompt && (!closing || written)) {
        item.feedback = judgeDesign(prompt, level, designText(item.text), item.diagram, catalog.designMisconceptions());
        // The design may have changed since its AI review: it is reviewed again.
        delete item.ai;
      }
      return;
    }
    case 'concept': {
      const question = catalog.findQuestion(item.questionId);
      if (!question) return;
      const judge = answerJudgeFor(catalog.allQuestions());
      if (!item.feedback && (!closing || item.answer.trim())) {
        item.feedback = judge.judge(question.id, item.answer);
        if (aiInterviewer) return;
        const missed = item.feedback.points.filter((p) => p.status !== 'covered').map((p) => p.id);
        const next = conceptFollowUp(question, missed);
        const probes = question.followUps.find((f) => f.question === next)?.probes ?? null;
        item.followUp = next ? { question: next, probes, answer: '', feedback: null } : null;
      } else if (item.followUp && !item.followUp.feedback && (!closing || item.followUp.answer.trim())) {
        const probes = item.followUp.probes;
        item.followUp.feedback = judge.judge(question.id, item.followUp.answer, probes ? { pointIds: [probes] } : {});
      }
      return;
    }
    case 'coding': {
      const attempts = await labSubmissions.listAttempts(deps.labs, row.userId, item.labSlug);
      const since = stage.startedAt ?? row.createdAt.toISOString();
      const latest = attempts.find((a) => a.createdAt >= since && (a.status === 'done' || a.status === 'error'));
      if (latest) {
        item.submissionId = latest.id;
        item.score = latest.score ?? 0;
      }
      item.done = true;
      return;
    }
    case 'assessment':
      return;
  }
}

export const designText = (text: DesignText): string =>
  [text.requirements, text['high-level'], text.bottlenecks, text['trade-offs']].join('\n\n');

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

function runningItem(state: MockState, itemId: string): { stage: MockStage; item: MockItem } {
  for (const stage of state.stages) {
    const item = stage.items.find((i) => i.id === itemId);
    if (!item) continue;
    if (!stage.startedAt) throw conflict('stage_not_started', 'Begin this stage before answering.');
    if (stage.finishedAt) {
      throw conflict('stage_over', 'This stage has ended; its answers were graded as they stood.');
    }
    return { stage, item };
  }
  throw notFound('item_not_found', `This mock has no item "${itemId}".`);
}

/** Autosave: stores work in progress for one item. Fields that do not belong to the item's kind are refused. */
export async function saveItem(
  deps: MockDeps,
  { itemId, draft, ...mock }: OwnMock & { itemId: string; draft: ItemDraftBody },
): Promise<MockDto> {
  const { userId, id } = mock;
  const { followUpAnswer, ...rest } = draft;
  const open = followUpAnswer === undefined ? undefined : await openFollowUp(deps, id, itemId);
  if (!open) return editOwn(deps, mock, (state) => applyDraft(runningItem(state, itemId).item, draft));
  runningItem(parseState(await load(deps, await own(deps, userId, id))), itemId);
  if (!(await q.saveFollowUpAnswer(deps.db, open, { answer: followUpAnswer! }))) throw alreadyAnswered();
  deps.live.publish(id);
  return Object.keys(rest).length > 0
    ? editOwn(deps, mock, (state) => applyDraft(runningItem(state, itemId).item, rest))
    : view(deps, (await q.findMock(deps.db, id))!, 'candidate');
}

const alreadyAnswered = () => conflict('already_answered', 'This answer was already graded.');

/** The AI interviewer's follow-up of the item still waiting for its answer, if any. */
async function openFollowUp(deps: MockDeps, mockId: string, itemId: string): Promise<q.FollowUpRow | undefined> {
  return (await q.listFollowUps(deps.db, mockId)).find((f) => f.itemId === itemId && !f.answeredAt);
}

function applyDraft(item: MockItem, body: ItemDraftBody): void {
  const allowed: Record<MockItem['kind'], (keyof ItemDraftBody)[]> = {
    screen: ['answer'],
    star: ['answer'],
    concept: ['answer', 'followUpAnswer'],
    coding: ['notes'],
    design: ['text', 'diagram', 'assumptions', 'followUpAnswer'],
    assessment: [],
  };
  const extra = Object.keys(body).filter((key) => !allowed[item.kind].includes(key as keyof ItemDraftBody));
  if (extra.length > 0) {
    throw invalid('field_not_for_item', `A ${item.kind} item does not take ${extra.join(', ')}.`);
  }
  switch (item.kind) {
    case 'screen':
    case 'star':
      if (body.answer !== undefined) item.answer = body.answer;
      return;
    case 'concept':
      if (body.answer !== undefined) {
        if (item.feedback) throw alreadyAnswered();
        item.answer = body.answer;
      }
      if (body.followUpAnswer !== undefined) {
        if (!item.followUp) throw conflict('no_follow_up', 'Answer the question before its follow-up.');
        item.followUp.answer = body.followUpAnswer;
      }
      return;
    case 'coding':
      if (body.notes !== undefined) item.notes = body.notes;
      return;
    case 'design':
      if (body.followUpAnswer !== undefined) {
        throw conflict('no_follow_up', 'There is no follow-up question to answer.');
      }
      if (body.text) item.text = { ...item.text, ...body.text };
      if (body.diagram) {
        const ids = new Set(body.diagram.nodes.map((n) => n.id));
        if (body.diagram.edges.some((e) => !ids.has(e.from) || !ids.has(e.to))) {
          throw invalid('diagram_dangling_edge', 'Every arrow must connect two boxes of the diagram.');
        }
        item.diagram = body.diagram;
      }
      if (body.assumptions) item.assumptions = body.assumptions;
      return;
    case 'assessment':
      return;
  }
}

/**
 * Grades one item now (saving the body first, if any): feedback, and for concept questions the
 * follow-up. With the AI layer on, the answer's AI review is stored beside the feedback, and in the
 * technical and design stages the AI interviewer asks the next follow-up (up to its allowance); the
 * answer to one of its follow-ups is judged on the point it probes.
 */
export async function answerItem(
  deps: MockDeps,
  { itemId, draft, ...mock }: OwnMock & { itemId: string; draft: ItemDraftBody },
): Promise<MockDto> {
  const { userId, id } = mock;
  const { followUpAnswer, ...rest } = draft;
  const open = followUpAnswer === undefined ? undefined : await openFollowUp(deps, id, itemId);
  // Closes the stage first if its time is up, so a late answer to a follow-up is refused.
  const row = await load(deps, await own(deps, userId, id));
  const allowance = deps.ai ? await ai.followUpAllowance(deps.ai, userId) : 0;
  let current = row;
  if (!open || Object.keys(rest).length > 0) {
    const edited = await change(deps, row, async (state, latest) => {
      const { stage, item } = runningItem(state, itemId);
      applyDraft(item, open ? rest : draft);
      if (item.kind === 'assessment') throw invalid('not_answerable', 'The online assessment is answered in its labs.');
      await grade(deps, latest, stage, item, targetLevel(latest.levels), false, allowance > 0);
    });
    current = edited ?? row;
  }
  if (open) {
    const { item } = runningItem(parseState(current), itemId);
    const answered = await q.saveFollowUpAnswer(deps.db, open, {
      answer: followUpAnswer!,
      feedback: judgeFollowUpAnswer(deps.catalog, item, open.probes, followUpAnswer!),
      answeredAt: deps.now(),
    });
    if (!answered) throw alreadyAnswered();
    deps.live.publish(id);
  }
  return view(deps, await interview(deps, current, [itemId], allowance > 0 ? itemId : null, allowance), 'candidate');
}

/**
 * The AI layer's part after grading: reviews of the given items and of the answers to their
 * follow-ups, stored with the mock so that neither the page nor the scorecard asks the model
 * again; then, for `askFor` while its stage
 * runs, the next follow-up. Returns the mock as it now is. Does nothing while the layer is off.
 */
async function interview(
  deps: MockDeps,
  row: q.MockRow,
  itemIds: readonly string[],
  askFor: string | null,
  allowance: number,
): Promise<q.MockRow> {
  if (!deps.ai?.llm) return row;
  const interviewer = { db: deps.db, catalog: deps.catalog, ai: deps.ai, now: deps.now };
  const level = targetLevel(row.levels);
  const asked = parseState(row);
  const reviews = await reviewItems(interviewer, row.userId, asked, level, new Set(itemIds));
  const coachings = await coachStories(interviewer, row.userId, asked, new Set(itemIds));
  let current = row;
  if (reviews.size > 0 || coachings.size > 0) {
    const latest = (await q.findMock(deps.db, row.id)) ?? row;
    current =
      (await change(deps, latest, (state) => {
        storeReviews(deps.catalog, state, level, reviews);
        storeCoachings(state, coachings);
      })) ?? latest;
  }
  const followUpReviews = await reviewFollowUpAnswers(interviewer, {
    userId: row.userId,
    mockId: row.id,
    state: parseState(current),
    level,
    itemIds: new Set(itemIds),
  });
  if (followUpReviews > 0) deps.live.publish(row.id);
  const stage = parseState(current).stages.find((s) => s.items.some((i) => i.id === askFor));
  const item = stage?.items.find((i) => i.id === askFor);
  if (item && stage?.startedAt && !stage.finishedAt) {
    await askNextFollowUp(interviewer, { userId: row.userId, mockId: row.id, item, level, allowance });
    deps.live.publish(row.id);
  }
  return current;
}

/** Reviews the items of the stages a request just closed (their timer ran out): finishing includes the AI review. */
async function reviewClosed(deps: MockDeps, before: q.MockRow, after: q.MockRow): Promise<q.MockRow> {
  // An autosave closes nothing: it is answered without parsing either state.
  if (after === before || !deps.ai?.llm || finishedStages(after) === finishedStages(before)) return after;
  const was = parseState(before).stages;
  const closed = parseState(after).stages.filter((stage, i) => stage.finishedAt && !was[i]?.finishedAt);
  return interview(
    deps,
    after,
    closed.flatMap((stage) => stage.items.map((item) => item.id)),
    null,
    0,
  );
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
  return view(deps, await interview(deps, finished, items, null, 0), 'candidate');
}

// ---------------------------------------------------------------- practise with a friend

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new interviewer link (any earlier one stops working); the token is returned once, only its hash is kept. */
export async function shareMock(deps: MockDeps, userId: string, id: string): Promise<{ token: string; url: string }> {
  const row = await own(deps, userId, id);
  const token = randomBytes(24).toString('base64url');
  for (let current: q.MockRow | undefined = row; current; current = await q.findMock(deps.db, id)) {
    const updated = await q.updateMock(deps.db, id, current.version, { interviewerTokenHash: hashToken(token) });
    if (updated) return { token, url: `/interview/${token}` };
  }
  throw mockNotFound();
}

export async function findByToken(deps: MockDeps, token: string): Promise<q.MockRow> {
  const row = await q.findMockByToken(deps.db, hashToken(token));
  if (!row) throw notFound('interview_not_found', 'This interviewer link is not valid (it may have been replaced).');
  return row;
}

export async function getInterview(deps: MockDeps, token: string): Promise<InterviewerDto> {
  const row = await findByToken(deps, token);
  return view(deps, await reviewClosed(deps, row, await load(deps, row)), 'interviewer');
}

export async function scoreInterview(
  deps: MockDeps,
  token: string,
  body: { scores?: Record<string, { rating: number; note: string }>; notes?: string },
): Promise<InterviewerDto> {
  const row = await findByToken(deps, token);
  const known = new Set(signalsFor(deps, row.levels).map((s) => s.id));
  const unknown = Object.keys(body.scores ?? {}).filter((signal) => !known.has(signal));
  if (unknown.length > 0) throw invalid('unknown_signal', `Not a signal of this mock's levels: ${unknown.join(', ')}.`);
  return editByToken(deps, token, (state) => {
    state.interviewer.scores = { ...state.interviewer.scores, ...body.scores };
    if (body.notes !== undefined) state.interviewer.notes = body.notes;
  });
}

/**
 * Messages per mock are capped so that a leaked interviewer link cannot grow the mock — which every
 * read of it returns whole — without bound; 50 is far more than any real interview sends.
 */
export const MAX_INTERVIEWER_MESSAGES = 50;

export function messageCandidate(deps: MockDeps, token: string, text: string): Promise<InterviewerDto> {
  return editByToken(deps, token, (state) => {
    if (state.messages.length >= MAX_INTERVIEWER_MESSAGES) {
      throw conflict(
        'too_many_messages',
        `This mock already has ${MAX_INTERVIEWER_MESSAGES} messages, the most it can hold.`,
      );
    }
    state.messages.push({ text, at: deps.now().toISOString() });
  });
}

function signalsFor(deps: MockDeps, levels: readonly LevelId[]) {
  const top = LEVEL_IDS.indexOf(targetLevel(levels));
  return LEVEL_IDS.slice(0, top + 1).flatMap((level) =>
    deps.catalog.getLevel(level).signals.map((signal) => ({ ...signal, level })),
  );
}

// ---------------------------------------------------------------- views

/** The mock as the candidate or the interviewer sees it, with each item's transcript. */
async function view(deps: MockDeps, row: q.MockRow, as: 'candidate'): Promise<MockDto>;
async function view(deps: MockDeps, row: q.MockRow, as: 'interviewer'): Promise<InterviewerDto>;
async function view(deps: MockDeps, row: q.MockRow, as: 'candidate' | 'interviewer') {
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
