import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { LEVEL_IDS } from '../../shared/ids.js';
import { LAB_LANGUAGES } from '../../shared/labs.js';
import { useSearchFilters } from '../hooks.js';
import { api } from '../api.js';
import { LevelChips } from '../components/chips.js';
import { FilterSelect } from '../components/filter-select.js';
import { QueryView } from '../components/status.js';
import { LAB_STATUS_LABELS, LANGUAGE_LABELS, LEVEL_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';

const FILTER_KEYS = ['area', 'level', 'language'] as const;

/** The lab list: filters live in the URL so a filtered view can be bookmarked and shared. */
export function LabsPage() {
  const { filters, setFilter, clearFilters } = useSearchFilters(FILTER_KEYS);
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: api.areas });
  const labs = useQuery({ queryKey: queryKeys.labList(filters), queryFn: () => api.labs(filters) });
  const areaName = (id: string) => areas.data?.find((area) => area.id === id)?.name ?? id;

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
        <FilterSelect
          id="lab-area"
          label="Area"
          allLabel="All areas"
          value={filters.area}
          options={areas.data?.map((area) => ({ value: area.id, label: area.name })) ?? []}
          onChange={(value) => setFilter('area', value)}
        />
        <FilterSelect
          id="lab-level"
          label="Level"
          allLabel="All levels"
          value={filters.level}
          options={LEVEL_IDS.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
          onChange={(value) => setFilter('level', value)}
        />
        <FilterSelect
          id="lab-language"
          label="Language"
          allLabel="All languages"
          value={filters.language}
          options={LAB_LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_LABELS[language] }))}
          onChange={(value) => setFilter('language', value)}
        />
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
                <button type="button" className="link-button" onClick={() => clearFilters()}>
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
