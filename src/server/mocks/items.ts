import type { ItemDraftBody, MockDto, MockItem, MockStage, MockState } from '../../shared/mocks.js';
import * as ai from '../ai/service.js';
import { conflict, invalid, notFound } from '../errors.js';
import { aiInterviewerTurn } from './ai-turn.js';
import { grade } from './grade.js';
import { judgeFollowUpAnswer } from './interviewer.js';
import * as q from './queries.js';
import { targetLevel } from './scorecard.js';
import { editOwn, type MockDeps, type OwnMock } from './service.js';
import { change, load, own, parseState } from './state.js';
import { view } from './view.js';

/**
 * Answering a mock's items: autosave of work in progress, and submitting an item for feedback
 * (with the AI interviewer's follow-up when the layer is on). An item takes only its own kind's
 * fields, and only while its stage runs.
 */

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
  return view(
    deps,
    await aiInterviewerTurn(deps, current, [itemId], allowance > 0 ? itemId : null, allowance),
    'candidate',
  );
}
