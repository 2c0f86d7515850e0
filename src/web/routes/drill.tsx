import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { ApiError, api } from '../api.js';
import { DrillCard } from '../components/drill-card.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { queryKeys } from '../queries.js';

/** Today's drill: due reviews, then new questions; answer typed or aloud, reveal, rate. */
export function DrillPage() {
  const queryClient = useQueryClient();
  const queue = useQuery({ queryKey: queryKeys.queue, queryFn: api.queue, retry: false, staleTime: 0 });
  const [done, setDone] = useState<string[]>([]);
  if (queue.isPending) return <Loading label="Building today’s queue…" />;
  if (queue.isError) {
    if (queue.error instanceof ApiError && queue.error.problem.code === 'plan_required')
      return <Navigate to="/plan" replace />;
    return <ErrorMessage error={queue.error} />;
  }
  const remaining = queue.data.items.filter((item) => !done.includes(item.questionId));
  const current = remaining[0];
  const next = () => {
    if (!current) return;
    const finished = [...done, current.questionId];
    setDone(finished);
    if (finished.length >= queue.data.items.length) {
      // Learning steps may bring cards back within minutes: ask for a fresh queue.
      setDone([]);
      void queryClient.invalidateQueries({ queryKey: queryKeys.queue });
    }
  };
  return (
    <div className="page drill-page">
      <div className="drill-header">
        <h1>Drill</h1>
        <p className="muted" role="status" data-testid="queue-status">
          {queue.data.day} · {remaining.length} left · {queue.data.reviewsDue} due reviews · {queue.data.newBudgetLeft}{' '}
          new today
        </p>
      </div>
      {current ? (
        <DrillCard key={`${current.questionId}-${done.length}`} item={current} onDone={next} />
      ) : (
        <section className="card stack" aria-live="polite">
          <h2>All done for today</h2>
          <p>Nothing else is due. Come back tomorrow — or see how you are doing.</p>
          <div className="hero-actions">
            <Link className="button primary" to="/progress">
              See progress
            </Link>
            <Link className="button" to="/plan">
              Adjust plan
            </Link>
          </div>
        </section>
      )}
    </div>
  );
}
