import type { ConceptFeedback, DesignFeedback, ScreenFeedback, StarFeedback } from '../../shared/mock-feedback.js';
import { AnswerFeedback } from './answer-feedback.js';
import { WrongClaims } from './wrong-claims.js';

const pct = (share: number) => `${Math.round(share * 100)}%`;

function Points({ points }: { points: { id: string; statement: string; covered: boolean }[] }) {
  return (
    <ul className="points">
      {points.map((p) => (
        <li key={p.id} className={p.covered ? 'covered' : 'missed'}>
          <span aria-hidden="true">{p.covered ? '✓ ' : '✗ '}</span>
          <span className="visually-hidden">{p.covered ? 'Covered: ' : 'Missed: '}</span>
          {p.statement}
        </li>
      ))}
    </ul>
  );
}

function Tips({ tips }: { tips: string[] }) {
  if (tips.length === 0) return <p className="muted">Nothing to fix — a strong answer.</p>;
  return (
    <ul className="tips" aria-label="What to improve">
      {tips.map((tip) => (
        <li key={tip}>{tip}</li>
      ))}
    </ul>
  );
}

export function ScreenFeedbackView({ feedback }: { feedback: ScreenFeedback }) {
  const covered = feedback.checklist.filter((c) => c.covered).length;
  return (
    <div className="feedback" data-testid="screen-feedback">
      <p>
        <strong>{pct(feedback.score)}</strong> · {feedback.words} words ({feedback.targetWords.min}–
        {feedback.targetWords.max} fits, {feedback.length.replace('-', ' ')}) · {feedback.sentences} sentences, about{' '}
        {Math.round(feedback.averageSentenceWords)} words each
        {feedback.fillers.length
          ? ` · fillers: ${feedback.fillers.map((f) => `${f.word} ×${f.count}`).join(', ')}`
          : ''}
      </p>
      <h4>
        Checklist: {covered} of {feedback.checklist.length}
      </h4>
      <Points points={feedback.checklist} />
      <Tips tips={feedback.tips} />
    </div>
  );
}

export function StarFeedbackView({ feedback }: { feedback: StarFeedback }) {
  return (
    <div className="feedback" data-testid="star-feedback">
      <p>
        <strong>{pct(feedback.score)}</strong> · {feedback.words} words · Action {pct(feedback.actionShare)} of the
        answer {feedback.balanced ? '(well balanced)' : '(unbalanced)'} · “I” {feedback.ownership.i} vs “we”{' '}
        {feedback.ownership.we}
        {feedback.measurableResult
          ? ` · measurable result: ${feedback.resultNumbers.join(', ')}`
          : ' · no number in the result'}
      </p>
      <table className="table star-table">
        <caption className="visually-hidden">STAR structure</caption>
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Present</th>
            <th scope="col">Share</th>
            <th scope="col">Starts with</th>
          </tr>
        </thead>
        <tbody>
          {feedback.parts.map((part) => (
            <tr key={part.part} className={part.present ? 'covered' : 'missed'}>
              <th scope="row">{part.part[0]!.toUpperCase() + part.part.slice(1)}</th>
              <td>{part.present ? 'Yes' : 'Missing'}</td>
              <td>{pct(part.share)}</td>
              <td className="muted small">{part.excerpt ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Tips tips={feedback.tips} />
      <p className="muted small">
        <strong>A strong answer at this level:</strong> {feedback.levelExpectation}
      </p>
    </div>
  );
}

export function ConceptFeedbackView({ feedback, answer }: { feedback: ConceptFeedback; answer: string }) {
  return <AnswerFeedback text={answer} feedback={feedback} heading="h4" />;
}

export function DesignFeedbackView({ feedback }: { feedback: DesignFeedback }) {
  const expected = feedback.points.filter((p) => !p.stretch);
  const stretch = feedback.points.filter((p) => p.stretch);
  return (
    <div className="feedback" data-testid="design-feedback">
      <p>
        <strong>{pct(feedback.score)}</strong> · rubric for your level {pct(feedback.coverage ?? feedback.score)}{' '}
        covered · {feedback.reasons} reasons and trade-offs given · diagram: {feedback.diagram.nodes} boxes,{' '}
        {feedback.diagram.edges} arrows
      </p>
      <p className="small" data-testid="design-estimates">
        {feedback.estimates.length
          ? `Your numbers: ${feedback.estimates.join(', ')}`
          : 'No capacity numbers in your design yet.'}
      </p>
      <WrongClaims testId="design-misconceptions" claims={feedback.misconceptions} />
      {feedback.tips.length ? <Tips tips={feedback.tips} /> : null}
      <table className="table">
        <caption className="visually-hidden">Coverage by section</caption>
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Covered</th>
          </tr>
        </thead>
        <tbody>
          {feedback.sections.map((s) => (
            <tr key={s.section}>
              <th scope="row">{s.section}</th>
              <td>
                {s.covered} of {s.total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Points points={expected} />
      {stretch.length ? (
        <>
          <h4>Stretch (the next level up)</h4>
          <Points points={stretch} />
        </>
      ) : null}
      {feedback.followUps.length ? (
        <>
          <h4>The interviewer would ask next</h4>
          <ul className="tips">
            {feedback.followUps.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
