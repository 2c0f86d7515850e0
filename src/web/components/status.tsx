import type { ReactNode } from 'react';
import { ApiError } from '../api.js';
import { formatClock } from '../hooks.js';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="status" role="status">
      {label}
    </p>
  );
}

/** Shows an API problem's detail and request id, so a user can report it precisely. */
export function ErrorMessage({ error }: { error: unknown }) {
  const problem = error instanceof ApiError ? error.problem : undefined;
  return (
    <div className="error-box" role="alert">
      <p>{problem?.detail ?? 'Something went wrong. Check your connection and try again.'}</p>
      {problem?.requestId ? <p className="muted small">Request id: {problem.requestId}</p> : null}
    </div>
  );
}

/**
 * Renders a query's three states the same way everywhere: a loading line, the problem it failed
 * with, or its data.
 */
export function QueryView<T>({
  query,
  loading,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined };
  loading?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading {...(loading ? { label: loading } : {})} />;
  if (query.isError || query.data === undefined) return <ErrorMessage error={query.error} />;
  return <>{children(query.data)}</>;
}

/** A running countdown as m:ss, red in its last minute; `label` says what time it measures. */
export function Countdown({ seconds, label, testId }: { seconds: number; label: string; testId?: string }) {
  return (
    <span
      role="timer"
      aria-label={label}
      className={seconds <= 60 ? 'countdown urgent' : 'countdown'}
      {...(testId ? { 'data-testid': testId } : {})}
    >
      {formatClock(seconds)}
    </span>
  );
}
