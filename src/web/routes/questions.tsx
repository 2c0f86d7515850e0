import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { LEVEL_IDS } from '../../shared/ids.js';
import { useSearchFilters } from '../hooks.js';
import { api } from '../api.js';
import { LevelChips } from '../components/chips.js';
import { FilterSelect } from '../components/filter-select.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { LEVEL_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';

const FILTER_KEYS = ['area', 'level', 'tag', 'q'] as const;

/** Question browser: filters and search live in the URL, so every view can be shared and bookmarked. */
export function QuestionsPage() {
  const { filters, setFilter, clearFilters } = useSearchFilters(FILTER_KEYS);
  // What the user is typing, reset whenever the URL's search changes (back button, tag links).
  const [typed, setTyped] = useState({ forQuery: filters.q, text: filters.q ?? '' });
  const draft = typed.forQuery === filters.q ? typed.text : (filters.q ?? '');
  const setDraft = (text: string) => setTyped({ forQuery: filters.q, text });
  // Search as you type, like the filters: a pause of a fifth of a second applies the words.
  useEffect(() => {
    const words = draft.trim();
    if (words === (filters.q ?? '')) return;
    const timer = setTimeout(() => {
      setTyped({ forQuery: words || undefined, text: draft });
      setFilter('q', words, { replace: true });
    }, 200);
    return () => clearTimeout(timer);
  }, [draft, filters.q, setFilter]);

  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: api.areas });
  const tags = useQuery({ queryKey: queryKeys.tags, queryFn: api.tags });
  const results = useInfiniteQuery({
    queryKey: queryKeys.questions(filters),
    queryFn: ({ pageParam }) => api.questions(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // While the next words are searched, the current results stay instead of a loading message.
    placeholderData: keepPreviousData,
  });

  const areaName = (id: string) => areas.data?.find((area) => area.id === id)?.name ?? id;
  const total = results.data?.pages[0]?.total;
  const items = results.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="page">
      <h1>{filters.area ? areaName(filters.area) : 'Questions'}</h1>
      <form
        className="filters"
        role="search"
        aria-label="Filter questions"
        onSubmit={(event) => {
          event.preventDefault();
          const words = draft.trim();
          setTyped({ forQuery: words || undefined, text: draft });
          setFilter('q', words);
        }}
      >
        <div className="field grow">
          <label htmlFor="q">Search</label>
          <input
            id="q"
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="e.g. idempotency, N+1, event loop"
          />
        </div>
        <FilterSelect
          id="area"
          label="Area"
          allLabel="All areas"
          value={filters.area}
          options={areas.data?.map((area) => ({ value: area.id, label: area.name })) ?? []}
          onChange={(value) => setFilter('area', value)}
        />
        <FilterSelect
          id="level"
          label="Level"
          allLabel="All levels"
          value={filters.level}
          options={LEVEL_IDS.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
          onChange={(value) => setFilter('level', value)}
        />
        <FilterSelect
          id="tag"
          label="Tag"
          allLabel="All tags"
          value={filters.tag}
          options={tags.data?.map(({ tag, count }) => ({ value: tag, label: `${tag} (${count})` })) ?? []}
          onChange={(value) => setFilter('tag', value)}
        />
      </form>

      {FILTER_KEYS.some((key) => filters[key]) ? (
        <p className="muted">
          <button type="button" className="link-button" onClick={() => clearFilters()}>
            Clear all filters
          </button>
        </p>
      ) : null}

      {results.isPending ? (
        <Loading label="Loading questions…" />
      ) : results.isError ? (
        <ErrorMessage error={results.error} />
      ) : (
        <>
          <p className="muted" role="status" aria-live="polite">
            {total === 1 ? '1 question' : `${total} questions`}
            {filters.q ? ` matching “${filters.q}”` : ''}
          </p>
          {items.length === 0 ? (
            <p className="empty">No questions match. Try fewer filters or other words.</p>
          ) : (
            <ol className="question-list">
              {items.map((question) => (
                <li key={question.id} className="card question-row">
                  <Link to={`/questions/${question.id}`} className="stretched question-link">
                    <Highlighted text={question.question} terms={question.matches ?? []} />
                  </Link>
                  <div className="row-meta">
                    <span className="area-label">{areaName(question.area)}</span>
                    <LevelChips levels={question.levels} />
                  </div>
                </li>
              ))}
            </ol>
          )}
          {results.hasNextPage ? (
            <button
              type="button"
              className="button"
              onClick={() => void results.fetchNextPage()}
              disabled={results.isFetchingNextPage}
            >
              {results.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}

/**
 * The question with the words the search matched marked. The server names the indexed words that
 * matched (typos already forgiven, stems such as "cach" included), so a word is marked when it is
 * one of them or starts with a stem of three letters or more.
 */
function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  if (terms.length === 0) return <>{text}</>;
  const wanted = terms.map((term) => term.toLowerCase());
  const matches = (word: string) => {
    const lower = word.toLowerCase();
    return wanted.some((term) => lower === term || (term.length >= 3 && lower.startsWith(term)));
  };
  return (
    <>
      {text
        .split(/([\p{L}\p{N}+#]+)/u)
        .map((part, i) => (i % 2 === 1 && matches(part) ? <mark key={i}>{part}</mark> : part))}
    </>
  );
}
