import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api.js';
import { AreaGrid } from './areas.js';
import { QueryView } from '../components/status.js';
import { queryKeys } from '../queries.js';

export function HomePage() {
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: api.areas });
  const total = areas.data?.reduce((sum, area) => sum + area.questionCount, 0);
  return (
    <div className="page">
      <section className="hero">
        <h1>Practise the whole backend interview loop.</h1>
        <p className="lead">
          Concept questions with model answers and rubrics, drilled with spaced repetition; hands-on coding and SQL labs
          graded by hidden tests in a real sandbox; and mock interviews that chain every stage of a loop — from the
          recruiter screen to the system-design onsite — and end in a scorecard.
        </p>
        <div className="hero-actions">
          <Link className="button primary" to="/drill">
            Start today’s drill
          </Link>
          <Link className="button" to="/mocks">
            Start a mock interview
          </Link>
          <Link className="button" to="/labs">
            Solve a lab
          </Link>
          <Link className="button" to="/questions">
            Browse {total ? `${total} ` : ''}questions
          </Link>
          <Link className="button" to="/levels">
            What your level is judged on
          </Link>
          <Link className="button" to="/stages">
            The stages of a loop
          </Link>
        </div>
      </section>
      <section aria-labelledby="areas-heading">
        <h2 id="areas-heading">Areas</h2>
        <QueryView query={areas}>{(data) => <AreaGrid areas={data} />}</QueryView>
      </section>
    </div>
  );
}
