import type { AiCoachingOutcome } from '../../shared/ai.js';

const PART_NAMES = { situation: 'Situation', task: 'Task', action: 'Action', result: 'Result' } as const;

/**
 * The AI coach on a behavioural story, beside the offline STAR feedback: the part to work on
 * first, each part quoted in the candidate's own words, and how to strengthen it — never a rewrite.
 */
export function AiCoachingPanel({ outcome }: { outcome: AiCoachingOutcome }) {
  if (outcome.status === 'opted_out' || outcome.status === 'consent_required') return null;
  if (outcome.status === 'unavailable')
    return (
      <section className="feedback ai-review stack" aria-label="AI coaching" data-testid="ai-coaching">
        <h3>AI coaching</h3>
        <p className="muted" data-code={outcome.code}>
          {outcome.note}
        </p>
      </section>
    );
  const { coaching } = outcome;
  return (
    <section className="feedback ai-review stack" aria-label="AI coaching" data-testid="ai-coaching">
      <h3>
        AI coaching · work on the <span data-testid="ai-coaching-focus">{PART_NAMES[coaching.focus]}</span> first
      </h3>
      <p className="small muted">By {coaching.model}. It points at your story; the words have to be yours.</p>
      <ul className="stack">
        {coaching.parts.map((part) => (
          <li key={part.part}>
            <strong>{PART_NAMES[part.part]}</strong> — {part.status}. {part.problem}
            {part.quote ? <blockquote className="small">you said: “{part.quote}”</blockquote> : null}
            {part.suggestion ? <p className="small">Try: {part.suggestion}</p> : null}
          </li>
        ))}
      </ul>
      {coaching.notes.map((note) => (
        <p key={note} className="small muted">
          {note}
        </p>
      ))}
    </section>
  );
}
