import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { LEVEL_IDS } from '../../shared/ids.js';
import { LAB_LANGUAGES } from '../../shared/labs.js';
import { api, type LabFilters } from '../api.js';
import { LevelChips } from '../components/chips.js';
import { QueryView } from '../components/status.js';
import { LAB_STATUS_LABELS, LANGUAGE_LABELS, LEVEL_LABELS } from '../labels.js';

const FILTER_KEYS = ['area', 'level', 'language'] as const;

/** The lab list: filters live in the URL so a filtered view can be bookmarked and shared. */
export function LabsPage() {
  const [params, setParams] = useSearchParams();
  const filters: LabFilters = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]));
  const areas = useQuery({ queryKey: ['areas'], queryFn: api.areas });
  const labs = useQuery({ queryKey: ['labs', filters], queryFn: () => api.labs(filters) });
  const areaName = (id: string) => areas.data?.find((area) => area.id === id)?.name ?? id;

  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  return (
    <div className="page">
      <div className="page-heading">
        <h1>Labs</h1>
        <Link to="/assessments" className="button">
          Timed assessment
        </Link>
      </div>
      <p className="lead">
        Real backend problems. Your code runs in a sandbox against visible examples and hidden tests — correctness and
        performance — and you see each test&apos;s verdict in seconds.
      </p>
      <form className="filters" aria-label="Filter labs" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="lab-area">Area</label>
          <select id="lab-area" value={filters.area ?? ''} onChange={(e) => setFilter('area', e.target.value)}>
            <option value="">All areas</option>
            {areas.data?.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lab-level">Level</label>
          <select id="lab-level" value={filters.level ?? ''} onChange={(e) => setFilter('level', e.target.value)}>
            <option value="">All levels</option>
            {LEVEL_IDS.map((level) => (
              <option key={level} value={level}>
                {LEVEL_LABELS[level]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lab-language">Language</label>
          <select
            id="lab-language"
            value={filters.language ?? ''}
            onChange={(e) => setFilter('language', e.target.value)}
          >
            <option value="">All languages</option>
            {LAB_LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {LANGUAGE_LABELS[language]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <QueryView query={labs} loading="Loading labs…">
        {(items) => (
          <>
            <p className="muted" role="status" aria-live="polite">
              {items.length === 1 ? '1 lab' : `${items.length} labs`} ·{' '}
              {items.filter((l) => l.status === 'solved').length} solved
            </p>
            {items.length === 0 ? (
              <p className="empty">
                No labs match.{' '}
                <button type="button" className="link-button" onClick={() => setParams(new URLSearchParams())}>
                  Clear the filters
                </button>
              </p>
            ) : (
              <ol className="question-list" aria-label="Labs">
                {items.map((lab) => (
                  <li key={lab.slug} className="card question-row lab-row">
                    <Link to={`/labs/${lab.slug}`} className="stretched question-link">
                      {lab.title}
                    </Link>
                    <span className={`lab-status status-${lab.status}`}>{LAB_STATUS_LABELS[lab.status]}</span>
                    <p className="muted small">{lab.summary}</p>
                    <div className="row-meta">
                      <span className="area-label">{areaName(lab.area)}</span>
                      <LevelChips levels={lab.levels} />
                      <span className="muted small">
                        {lab.languages.map((l) => LANGUAGE_LABELS[l]).join(' · ')} · {lab.testCount} tests ·{' '}
                        {lab.timeLimitMinutes} min
                      </span>
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}
