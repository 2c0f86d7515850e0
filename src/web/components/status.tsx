import { ApiError } from '../api.js';

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
