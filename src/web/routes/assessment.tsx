import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { AssessmentDto } from '../../shared/labs.js';
import { api } from '../api.js';
import { LabResults, submissionHeadline } from '../components/lab-results.js';
import { GradingBanner } from '../components/grading-banner.js';
import { LabWorkspace } from '../components/lab-workspace.js';
import { Countdown, ErrorMessage, Loading } from '../components/status.js';
import { useCountdown } from '../hooks.js';
import { LabBrief } from './lab.js';
import { queryKeys } from '../queries.js';

export function AssessmentPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const assessment = useQuery({
    queryKey: queryKeys.assessment(id),
    queryFn: () => api.assessment(id),
    // While grading finishes, poll for the score.
    refetchInterval: (query) => (query.state.data?.finishedAt && query.state.data.score === null ? 1000 : false),
  });
  const seconds = useCountdown(assessment.data?.remainingSeconds, assessment.dataUpdatedAt) ?? 0;
  // One registry for the page's lifetime: each lab's editor registers how to save its unsaved typing.
  const [flushers] = useState(() => new Map<string, () => Promise<void>>());
  const finished = Boolean(assessment.data?.finishedAt);

  const finish = useMutation({
    mutationFn: async () => {
      await Promise.all([...flushers.values()].map((flush) => flush()));
      return api.finishAssessment(id);
    },
    onSuccess: (data) => queryClient.setQueryData(queryKeys.assessment(id), data),
  });

  // At zero the editors' contents are saved and the assessment closed; the server would close it anyway.
  const expired = assessment.data && !finished && seconds === 0;
  const { mutate: finishNow, isIdle } = finish;
  useEffect(() => {
    if (expired && isIdle) finishNow();
  }, [expired, isIdle, finishNow]);

  if (assessment.isError) return <ErrorMessage error={assessment.error} />;
  if (!assessment.data) return <Loading label="Loading the assessment…" />;
  if (finished) return <AssessmentResults assessment={assessment.data} />;
  return (
    <RunningAssessment
      assessment={assessment.data}
      seconds={seconds}
      finishing={finish.isPending}
      onFinish={() => finish.mutate()}
      flushers={flushers}
      error={finish.error}
    />
  );
}

function RunningAssessment({
  assessment,
  seconds,
  finishing,
  onFinish,
  flushers,
  error,
}: {
  assessment: AssessmentDto;
  seconds: number;
  finishing: boolean;
  onFinish: () => void;
  flushers: Map<string, () => Promise<void>>;
  error: unknown;
}) {
  const queryClient = useQueryClient();
  const [active, setActive] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const labs = useQueries({
    queries: assessment.labs.map((lab) => ({ queryKey: queryKeys.lab(lab.slug), queryFn: () => api.lab(lab.slug) })),
  });
  const drafts = useQueries({
    queries: assessment.labs.map((lab) => ({
      queryKey: queryKeys.drafts(lab.slug),
      queryFn: () => api.drafts(lab.slug),
      staleTime: Infinity,
      gcTime: 0,
    })),
  });
  const registerFlush = useCallback(
    (slug: string) => (flush: () => Promise<void>) => flushers.set(slug, flush),
    [flushers],
  );
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.assessment(assessment.id) });

  const failed = [...labs, ...drafts].find((q) => q.isError);
  if (failed) return <ErrorMessage error={failed.error} />;
  if (labs.some((q) => !q.data) || drafts.some((q) => !q.data)) return <Loading label="Loading the labs…" />;

  return (
    <div className="assessment">
      <GradingBanner>The countdown runs on; Finish now still closes the assessment.</GradingBanner>
      <div className="assessment-bar">
        <strong>Timed assessment</strong>
        <Countdown seconds={seconds} label="Time left" testId="countdown" />
        <div role="tablist" aria-label="Labs in this assessment" className="lab-tabs">
          {assessment.labs.map((lab, i) => (
            <button
              key={lab.slug}
              type="button"
              role="tab"
              id={`tab-${lab.slug}`}
              aria-selected={active === i}
              aria-controls={`panel-${lab.slug}`}
              onClick={() => setActive(i)}
            >
              {i + 1}. {lab.title}
              {lab.submission ? ' ✓' : ''}
            </button>
          ))}
        </div>
        {confirming ? (
          <span>
            Submit everything and finish?{' '}
            <button type="button" className="button primary small" disabled={finishing} onClick={onFinish}>
              Yes, finish
            </button>{' '}
            <button type="button" className="link-button" onClick={() => setConfirming(false)}>
              Keep going
            </button>
          </span>
        ) : (
          <button type="button" className="button small" onClick={() => setConfirming(true)}>
            Finish now
          </button>
        )}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {assessment.labs.map((entry, i) => (
        <div
          key={entry.slug}
          role="tabpanel"
          id={`panel-${entry.slug}`}
          aria-labelledby={`tab-${entry.slug}`}
          hidden={active !== i}
          className="lab-page"
        >
          <LabBrief lab={labs[i]!.data!} />
          <div>
            {entry.submission ? (
              <p className="muted small">Submitted: {submissionHeadline(entry.submission)}. You may submit again.</p>
            ) : null}
            <LabWorkspace
              lab={labs[i]!.data!}
              drafts={drafts[i]!.data!}
              assessmentId={assessment.id}
              onFlushReady={registerFlush(entry.slug)}
              onGraded={refresh}
              disabled={finishing || seconds === 0}
            />
          </div>
        </div>
      ))}
    </div>
  );
}

/** The report an assessment platform shows at the end: overall score and each lab's result. */
function AssessmentResults({ assessment }: { assessment: AssessmentDto }) {
  const [open, setOpen] = useState<string | null>(null);
  // Opened from a mock interview's online-assessment stage: offer the way back.
  const mock = useSearchParams()[0].get('mock');
  return (
    <div className="page">
      <h1>Assessment results</h1>
      <p className="lead" data-testid="assessment-score">
        {assessment.score === null ? 'Grading your answers…' : `Score: ${assessment.score}%`}
        {assessment.autoSubmitted ? ' — time ran out, so your editors were submitted at zero.' : ''}
      </p>
      <ol className="question-list">
        {assessment.labs.map((lab) => (
          <li key={lab.slug} className="card">
            <h2 className="h3">
              <Link to={`/labs/${lab.slug}`}>{lab.title}</Link>
            </h2>
            <p>
              {lab.submission
                ? `${submissionHeadline(lab.submission)} · score ${lab.submission.score ?? '…'}%`
                : 'Not submitted: the editor still held the starter code when the assessment ended, so there was nothing of yours to grade.'}
            </p>
            {lab.submission?.result ? (
              <button
                type="button"
                className="link-button"
                aria-expanded={open === lab.slug}
                onClick={() => setOpen(open === lab.slug ? null : lab.slug)}
              >
                {open === lab.slug ? 'Hide tests' : 'Show tests'}
              </button>
            ) : null}
            {open === lab.slug && lab.submission ? <LabResults submission={lab.submission} /> : null}
          </li>
        ))}
      </ol>
      <p>
        {mock && /^[0-9a-f-]{36}$/.test(mock) ? (
          <Link to={`/mocks/${mock}`} className="button primary">
            Back to the mock interview
          </Link>
        ) : (
          <Link to="/assessments" className="button">
            Start another
          </Link>
        )}{' '}
        <Link to="/labs">Back to labs</Link>
      </p>
    </div>
  );
}
