import { Link } from 'react-router-dom';
import type { Scorecard } from '../../shared/mocks.js';
import { LEVEL_LABELS } from '../labels.js';

const DECISION_LABELS = { 'strong-hire': 'Strong hire', hire: 'Hire', 'lean-no': 'Lean no', no: 'No' } as const;

/** The panel's view: overall, per stage, each signal with its evidence (links to the answers), decisions, practice. */
export function ScorecardView({ scorecard }: { scorecard: Scorecard }) {
  return (
    <section className="scorecard" aria-labelledby="scorecard-heading">
      <h2 id="scorecard-heading" tabIndex={-1}>
        Scorecard
      </h2>
      <p className="lead" data-testid="overall">
        Overall {scorecard.overall}%
      </p>
      <ul className="recommendations" aria-label="Recommendation per level">
        {scorecard.recommendations.map((r) => (
          <li key={r.level} className={`decision decision-${r.decision}`}>
            <strong>
              {LEVEL_LABELS[r.level]}: {DECISION_LABELS[r.decision]}
            </strong>
            <span className="muted small"> — {r.reason}</span>
          </li>
        ))}
      </ul>
      <h3>Stages</h3>
      <ul className="stage-scores">
        {scorecard.stages.map((s) => (
          <li key={s.stage}>
            {s.name}: {s.score === null ? 'not scored' : `${s.score}%`}
          </li>
        ))}
      </ul>
      <h3>Signals</h3>
      <table className="table signals-table stack-on-phone">
        <thead>
          <tr>
            <th scope="col">Signal</th>
            <th scope="col">Rating</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {scorecard.signals.map((signal) => (
            <tr key={signal.id} data-signal={signal.id}>
              <th scope="row">
                {signal.name}
                <div className="muted small">{LEVEL_LABELS[signal.level]}</div>
              </th>
              <td data-label="Rating">
                {signal.rating === null ? 'Not observed' : `${signal.rating} / 4`}
                {signal.interviewerRating !== null ? (
                  <div className="muted small">interviewer: {signal.interviewerRating}</div>
                ) : null}
              </td>
              <td data-label="Evidence">
                {signal.evidence.length === 0 ? (
                  <span className="muted small">No answer in this mock showed it.</span>
                ) : (
                  <ul className="evidence">
                    {signal.evidence.map((e, i) => (
                      <li key={i}>
                        <a href={`#item-${e.itemId}`}>{e.label}</a>{' '}
                        <span className="muted small">
                          — {e.detail} ({Math.round(e.score * 100)}%)
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {scorecard.practice.length ? (
        <>
          <h3>Practise next</h3>
          <ul className="practice">
            {scorecard.practice.map((p) => (
              <li key={p.href}>
                <Link to={p.href}>{p.label}</Link> <span className="muted small">— {p.why}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
