import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api.js';
import { Markdown } from '../components/markdown.js';
import { QueryView } from '../components/status.js';
import { queryKeys } from '../queries.js';

/** The stages guide: each step of a backend interview loop, what happens and how to prepare. */
export function StagesPage() {
  const stages = useQuery({ queryKey: queryKeys.stages, queryFn: api.stages });
  return (
    <div className="page">
      <h1>Stages of the loop</h1>
      <p className="lead">
        From the recruiter screen to the final onsite: what happens at each stage and how to prepare.
      </p>
      <QueryView query={stages}>
        {(data) => (
          <ol className="stage-list">
            {data.map((stage, index) => (
              <li key={stage.id} className="card stage-card" aria-labelledby={`stage-${stage.id}`}>
                <h2 id={`stage-${stage.id}`}>
                  <span className="stage-number">{index + 1}</span> {stage.name}
                </h2>
                <p className="lead-small">{stage.summary}</p>
                <div className="two-col">
                  <div>
                    <h3>What happens</h3>
                    <ul>
                      {stage.whatHappens.map((item) => (
                        <li key={item}>{item}</li>
                      ))}
                    </ul>
                  </div>
                  <div>
                    <h3>Checklist</h3>
                    <ul className="checklist">
                      {stage.checklist.map((item) => (
                        <li key={item}>{item}</li>
                      ))}
                    </ul>
                  </div>
                </div>
                <Markdown>{stage.guide}</Markdown>
                <Link className="button" to={`/mocks?stage=${stage.id}`}>
                  Rehearse this stage
                </Link>
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </div>
  );
}
