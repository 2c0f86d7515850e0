import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { AreaDto } from '../../shared/api.js';
import { LEVEL_IDS } from '../../shared/ids.js';
import { api } from '../api.js';
import { QueryView } from '../components/status.js';
import { LEVEL_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';

export function AreasPage() {
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: api.areas });
  return (
    <div className="page">
      <h1>Areas</h1>
      <p className="lead">Every area a backend interview covers. Pick one to see its questions.</p>
      <QueryView query={areas}>{(data) => <AreaGrid areas={data} detailed />}</QueryView>
    </div>
  );
}

export function AreaGrid({ areas, detailed = false }: { areas: AreaDto[]; detailed?: boolean }) {
  return (
    <ul className="card-grid" aria-label="Areas">
      {areas.map((area) => (
        <li key={area.id} className="card area-card">
          <h3>
            <Link to={`/questions?area=${area.id}`} className="stretched">
              {area.name}
            </Link>
          </h3>
          <p>{detailed ? area.description : area.summary}</p>
          <p className="muted small">
            {area.questionCount} questions ·{' '}
            {LEVEL_IDS.filter((level) => area.levelCounts[level])
              .map((level) => `${area.levelCounts[level]} ${LEVEL_LABELS[level].toLowerCase()}`)
              .join(' · ')}
          </p>
        </li>
      ))}
    </ul>
  );
}
