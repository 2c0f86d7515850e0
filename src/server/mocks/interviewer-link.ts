import { createHash, randomBytes } from 'node:crypto';
import type { InterviewerDto, MockState } from '../../shared/mocks.js';
import { conflict, invalid, notFound } from '../errors.js';
import { reviewClosed } from './ai-turn.js';
import * as q from './queries.js';
import type { MockDeps } from './service.js';
import { change, load, mockNotFound, own } from './state.js';
import { signalsFor, view } from './view.js';

/**
 * Practising with a friend: the interviewer's link, whose token is its only authority (only its
 * hash is stored), and what the interviewer does through it — read the mock with its rubric,
 * score the signals, send the candidate messages.
 */

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

/** Applies an edit as the interviewer and answers with the interviewer's view of the result. */
async function editByToken(
  deps: MockDeps,
  token: string,
  edit: (state: MockState, row: q.MockRow) => void | Promise<void>,
): Promise<InterviewerDto> {
  const row = await findByToken(deps, token);
  return view(deps, await reviewClosed(deps, row, (await change(deps, row, edit)) ?? row), 'interviewer');
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
const MAX_INTERVIEWER_MESSAGES = 50;

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
