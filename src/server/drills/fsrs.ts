import { type Card, fsrs, State } from 'ts-fsrs';
import type { CardDto } from '../../shared/api.js';
import type * as q from './queries.js';

/** The FSRS scheduler at a target retention; no fuzz, so due dates are repeatable. */
export const scheduler = (retention: number) => fsrs({ request_retention: retention, enable_fuzz: false });

export function toFsrsCard(row: q.CardRow): Card {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsedDays,
    scheduled_days: row.scheduledDays,
    learning_steps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    ...(row.lastReview ? { last_review: row.lastReview } : {}),
  };
}

export function fromFsrsCard(card: Card) {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

const STATE_NAMES = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
} as const;

export function toCardDto(row: q.CardRow, f: ReturnType<typeof scheduler>, now: Date): CardDto {
  const started = row.introducedOn !== null;
  return {
    questionId: row.questionId,
    state: started ? STATE_NAMES[row.state] : 'new',
    due: started ? row.due.toISOString() : null,
    reps: row.reps,
    lapses: row.lapses,
    retrievability: started ? f.get_retrievability(toFsrsCard(row), now, false) : null,
    suspended: row.suspended,
    marked: row.marked,
    note: row.note,
    lastReview: row.lastReview?.toISOString() ?? null,
  };
}

export function newCardDto(questionId: string): CardDto {
  return {
    questionId,
    state: 'new',
    due: null,
    reps: 0,
    lapses: 0,
    retrievability: null,
    suspended: false,
    marked: false,
    note: '',
    lastReview: null,
  };
}
