import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api.js';
import { Markdown } from '../components/markdown.js';
import { QueryView } from '../components/status.js';
import { queryKeys } from '../queries.js';

/** The levels guide: what each level focuses on and the signals interviewers look for. */
export function LevelsPage() {
  const levels = useQuery({ queryKey: queryKeys.levels, queryFn: api.levels });
  return (
    <div className="page">
      <h1>Levels</h1>
      <p className="lead">
        What interviewers focus on at each level, and the signals they look for. Between two levels? Blend both columns.
      </p>
      <QueryView query={levels}>
        {(data) => (
          <div className="guide-grid">
            {data.map((level) => (
              <section key={level.id} className="card guide-card" aria-labelledby={`level-${level.id}`}>
                <h2 id={`level-${level.id}`}>{level.name}</h2>
                <p className="lead-small">{level.summary}</p>
                <h3>Focus areas</h3>
                <ul>
                  {level.focusAreas.map((focus) => (
                    <li key={focus}>{focus}</li>
                  ))}
                </ul>
                <h3>Signals interviewers look for</h3>
                <dl>
                  {level.signals.map((signal) => (
                    <div key={signal.id}>
                      <dt>{signal.name}</dt>
                      <dd>{signal.description}</dd>
                    </div>
                  ))}
                </dl>
                <Markdown>{level.guide}</Markdown>
                <Link className="button" to={`/questions?level=${level.id}`}>
                  {level.name} questions
                </Link>
              </section>
            ))}
          </div>
        )}
      </QueryView>
    </div>
  );
}
