import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api.js';
import { AreaGrid } from './areas.js';
import { QueryView } from '../components/status.js';

export function HomePage() {
  const areas = useQuery({ queryKey: ['areas'], queryFn: api.areas });
  const total = areas.data?.reduce((sum, area) => sum + area.questionCount, 0);
  return (
    <div className="page">
      <section className="hero">
        <h1>Practise the whole backend interview loop.</h1>
        <p className="lead">
          Concept questions with model answers and rubrics, across every area a backend interview covers — from data
          structures to distributed systems, security and behavioural rounds.
        </p>
        <div className="hero-actions">
          <Link className="button primary" to="/questions">
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
