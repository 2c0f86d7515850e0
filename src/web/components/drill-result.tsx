import type { GradeResultDto, QuestionDto } from '../../shared/api.js';
import { AiCoachingPanel } from './ai-coaching.js';
import { AiPanel } from './ai-review.js';
import { AnswerFeedback } from './answer-feedback.js';
import { Markdown } from './markdown.js';
import { Loading } from './status.js';

/*
 * The revealed half of a drill card (drill-card.tsx): the feedback on the answer, the model answer,
 * and the recall ratings.
 */

const RATINGS = [
  { value: 1, name: 'Again', help: 'forgot it' },
  { value: 2, name: 'Hard', help: 'got there with effort' },
  { value: 3, name: 'Good', help: 'recalled it' },
  { value: 4, name: 'Easy', help: 'instant and complete' },
] as const;

/** The offline judgement and, beside it when the AI layer answered, the AI review: never merged. */
export function FeedbackPanel({
  text,
  feedback,
  pending,
  onConsent,
  consentPending,
}: {
  text: string;
  feedback: GradeResultDto | null;
  pending: boolean;
  onConsent: (choice: 'accepted' | 'declined') => void;
  consentPending: boolean;
}) {
  if (pending || !feedback) return <Loading label="Checking your answer against the rubric…" />;
  const coaching = feedback.coaching ? <AiCoachingPanel outcome={feedback.coaching} /> : null;
  if (!feedback.ai || feedback.ai.status === 'opted_out')
    return (
      <>
        <AnswerFeedback text={text} feedback={feedback} />
        {coaching}
      </>
    );
  return (
    <div className="feedback-pair">
      <AnswerFeedback text={text} feedback={feedback} />
      <AiPanel
        outcome={feedback.ai}
        offlineVerdict={feedback.verdict}
        onConsent={onConsent}
        consentPending={consentPending}
      />
      {coaching}
    </div>
  );
}

/** The model answer and its key points, once the question has loaded. */
export function ModelAnswer({ question }: { question: QuestionDto | undefined }) {
  return (
    <section aria-labelledby="model-heading">
      <h3 id="model-heading">Model answer</h3>
      {question ? <Markdown>{question.answer}</Markdown> : <Loading />}
      {question ? (
        <>
          <h4>Key points</h4>
          <ol className="key-points">
            {question.keyPoints.map((point) => (
              <li key={point.id}>{point.statement}</li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

/** The four recall ratings; the selected one is the rubric's suggestion until the user picks. */
export function RatingChoice({
  rating,
  suggested,
  pending,
  onRate,
}: {
  rating: number;
  suggested: boolean;
  pending: boolean;
  onRate: (value: number) => void;
}) {
  return (
    <fieldset className="ratings">
      <legend>
        How well did you recall it?{suggested ? ' The rubric suggests one — change it if you disagree.' : ''}
      </legend>
      <div className="rating-row">
        {RATINGS.map((r) => (
          <button
            key={r.value}
            type="button"
            className={`button rating ${rating === r.value ? 'selected' : ''}`}
            aria-pressed={rating === r.value}
            onClick={() => onRate(r.value)}
            disabled={pending}
          >
            <kbd>{r.value}</kbd> {r.name}
            <span className="small muted"> {r.help}</span>
          </button>
        ))}
      </div>
    </fieldset>
  );
}
