import type { AiOutcome, AiReview as AiReviewDto } from '../../shared/ai.js';
import type { Verdict } from '../../shared/judgement.js';
import { PointStatusMark } from './answer-feedback.js';
import { WrongClaims } from './wrong-claims.js';

/**
 * What the optional AI layer made of an answer, shown beside the offline judgement and never in
 * place of it: its review with the quotes that held up, the note of a fallback, or the notice
 * that asks before an answer is first sent to the provider.
 */
export function AiPanel({
  outcome,
  offlineVerdict,
  onConsent,
  consentPending = false,
}: {
  outcome: AiOutcome;
  offlineVerdict: Verdict;
  onConsent: (choice: 'accepted' | 'declined') => void;
  consentPending?: boolean;
}) {
  switch (outcome.status) {
    case 'reviewed':
      return <AiReviewView review={outcome.review} offlineVerdict={offlineVerdict} />;
    case 'unavailable':
      return (
        <section className="feedback ai-review stack" aria-label="AI review" data-testid="ai-review">
          <h3>AI review</h3>
          <p className="muted" data-testid="ai-note" data-code={outcome.code}>
            {outcome.note}
            {outcome.retryAfterSeconds ? ` Try again in ${outcome.retryAfterSeconds} s.` : ''}
          </p>
        </section>
      );
    case 'consent_required':
      return (
        <section className="feedback ai-review stack" aria-label="AI review" data-testid="ai-consent">
          <h3>AI review available</h3>
          <p>
            This server can also ask an AI model to review your typed answers. Your answer, the question and its rubric
            would be sent to <strong>{outcome.provider}</strong>. Nothing has been sent yet, and the offline feedback
            stays either way.
          </p>
          <div className="choice-row">
            <button
              type="button"
              className="button primary"
              disabled={consentPending}
              onClick={() => onConsent('accepted')}
            >
              Send my answers for AI review
            </button>
            <button type="button" className="button" disabled={consentPending} onClick={() => onConsent('declined')}>
              No thanks
            </button>
          </div>
        </section>
      );
    case 'opted_out':
      return null;
  }
}

function AiReviewView({ review, offlineVerdict }: { review: AiReviewDto; offlineVerdict: Verdict }) {
  const covered = review.points.filter((p) => p.status === 'covered').length;
  return (
    <section className="feedback ai-review stack" aria-label="AI review" data-testid="ai-review">
      <h3>
        AI review{' '}
        <span className={`verdict verdict-${review.verdict}`} data-testid="ai-verdict">
          {review.verdict}
        </span>{' '}
        · {covered} of {review.points.length} key points
      </h3>
      <p className="small muted">
        By {review.model}
        {review.cached ? ' (from cache)' : ''}. Only quotes found in your answer count.
      </p>
      {review.agreesWithOffline ? null : (
        <p className="small" data-testid="ai-disagrees">
          <strong>The two reviews disagree:</strong> the offline judge says {offlineVerdict}, the AI says{' '}
          {review.verdict}. Each is shown with its own evidence; neither overrides the other.
        </p>
      )}
      {review.notes.length > 0 ? (
        <ul className="reasons" aria-label="Checks applied to the AI review">
          {review.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <WrongClaims claims={review.misconceptions} />
      <ul className="points">
        {review.points.map((point) => (
          <li key={point.id} className={point.status}>
            <PointStatusMark status={point.status} /> {point.statement}
            {point.quote ? <span className="small muted"> — you said: “{point.quote}”</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
