import type { ReactNode } from 'react';
import type { AnswerJudgement, PointStatus, Span } from '../../shared/judgement.js';
import { WrongClaims } from './wrong-claims.js';

const STATUS: Record<PointStatus, { icon: string; label: string }> = {
  covered: { icon: '✓', label: 'Covered' },
  partly: { icon: '◐', label: 'Partly' },
  missed: { icon: '✗', label: 'Missed' },
  contradicted: { icon: '⚠', label: 'Contradicted' },
};

/** A key point's status as an icon, with its name for screen readers: the same in every review. */
export function PointStatusMark({ status }: { status: PointStatus }) {
  return (
    <>
      <span aria-hidden="true">{STATUS[status].icon}</span>{' '}
      <span className="visually-hidden">{STATUS[status].label}:</span>
    </>
  );
}

interface Marked extends Span {
  kind: 'evidence' | 'wrong';
}

/**
 * The answer judge's result for a typed answer, shared by drills and mock interviews: the verdict
 * and why, the answer with the words that showed each point (and any wrong claim) highlighted —
 * only where the judge found them — each key point, every wrong claim with its correction, and the
 * mistakes the candidate rightly warned against.
 */
export function AnswerFeedback({
  text,
  feedback,
  heading = 'h3',
}: {
  text: string;
  feedback: AnswerJudgement;
  heading?: 'h3' | 'h4';
}) {
  const Heading = heading;
  const covered = feedback.points.filter((p) => p.status === 'covered').length;
  const marks: Marked[] = [
    ...feedback.points
      .filter((p) => p.status === 'covered' || p.status === 'partly')
      .flatMap((p) => p.evidence.map((span) => ({ ...span, kind: 'evidence' as const }))),
    ...feedback.misconceptions.flatMap((m) => m.evidence.map((span) => ({ ...span, kind: 'wrong' as const }))),
    ...feedback.points
      .filter((p) => p.status === 'contradicted')
      .flatMap((p) => p.evidence.map((span) => ({ ...span, kind: 'wrong' as const }))),
  ].sort((a, b) => a.start - b.start);
  const quote = (spans: Span[]) => spans.map((span) => text.slice(span.start, span.end)).join(' … ');
  return (
    <section className="feedback stack" aria-label="Feedback on your answer" data-testid="answer-feedback">
      <Heading>
        <span className={`verdict verdict-${feedback.verdict}`} data-testid="verdict">
          {feedback.verdict}
        </span>{' '}
        · {covered} of {feedback.points.length} key points ({Math.round(feedback.score * 100)}%)
      </Heading>
      <ul className="reasons" aria-label="Why this verdict">
        {feedback.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {text.trim() ? (
        <blockquote className="your-answer" data-testid="highlighted-answer">
          {highlight(text, marks)}
        </blockquote>
      ) : null}
      <WrongClaims
        testId="misconceptions"
        claims={feedback.misconceptions.map((m) => ({ ...m, quote: quote(m.evidence) }))}
      />
      <ul className="points">
        {feedback.points.map((point) => (
          <li key={point.id} className={point.status}>
            <PointStatusMark status={point.status} /> {point.statement}
            {point.evidence.length > 0 && point.status !== 'missed' ? (
              <span className="small muted">
                {' '}
                —{' '}
                {point.status === 'contradicted'
                  ? 'you denied it'
                  : point.status === 'partly'
                    ? 'only named or hedged'
                    : 'you said'}
                : “{quote(point.evidence)}”
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {feedback.warnings.length > 0 ? (
        <p className="small" data-testid="warnings">
          <strong>Good catch:</strong> you warned against{' '}
          {feedback.warnings.map((w) => w.text.replace(/\.$/, '').toLowerCase()).join('; ')}.
        </p>
      ) : null}
    </section>
  );
}

function highlight(text: string, marks: Marked[]): ReactNode[] {
  const parts: ReactNode[] = [];
  let cursor = 0;
  for (const mark of marks) {
    if (mark.start < cursor) continue;
    parts.push(text.slice(cursor, mark.start));
    parts.push(
      <mark key={mark.start} className={mark.kind === 'wrong' ? 'wrong' : undefined}>
        {text.slice(mark.start, mark.end)}
      </mark>,
    );
    cursor = mark.end;
  }
  parts.push(text.slice(cursor));
  return parts;
}
