import {
  askNextFollowUp,
  coachStories,
  reviewFollowUpAnswers,
  reviewItems,
  storeCoachings,
  storeReviews,
} from './interviewer.js';
import * as q from './queries.js';
import { targetLevel } from './scorecard.js';
import type { MockDeps } from './service.js';
import { change, finishedStages, parseState } from './state.js';

/**
 * The AI layer's part after grading: reviews of the given items and of the answers to their
 * follow-ups, stored with the mock so that neither the page nor the scorecard asks the model
 * again; then, for `askFor` while its stage runs, the next follow-up. Returns the mock as it now is. Does nothing while the layer is off.
 */
export async function aiInterviewerTurn(
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
export async function reviewClosed(deps: MockDeps, before: q.MockRow, after: q.MockRow): Promise<q.MockRow> {
  // An autosave closes nothing: it is answered without parsing either state.
  if (after === before || !deps.ai?.llm || finishedStages(after) === finishedStages(before)) return after;
  const was = parseState(before).stages;
  const closed = parseState(after).stages.filter((stage, i) => stage.finishedAt && !was[i]?.finishedAt);
  return aiInterviewerTurn(
    deps,
    after,
    closed.flatMap((stage) => stage.items.map((item) => item.id)),
    null,
    0,
  );
}
