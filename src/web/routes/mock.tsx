import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { MockDto } from '../../shared/mocks.js';
import { api } from '../api.js';
import { CODING_STAGES_NOTE, GradingBanner, useGradingUnavailable } from '../components/grading-banner.js';
import { MockItemCard } from '../components/mock-items.js';
import { ScorecardView } from '../components/scorecard.js';
import { Countdown, ErrorMessage, Loading } from '../components/status.js';
import { useCountdown, useLive } from '../hooks.js';
import { LEVEL_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';

/** A mock interview: the stages in order with their timers, the current stage's items, then the scorecard. */
export function MockPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const mock = useQuery({ queryKey: queryKeys.mock(id), queryFn: () => api.mock(id) });
  const refetch = mock.refetch;
  useLive(`/v1/mocks/${id}/live`, () => void refetch());
  const setMock = useCallback((data: MockDto) => queryClient.setQueryData(queryKeys.mock(id), data), [queryClient, id]);
  // Each item registers how to save its unsaved typing, so a timer ending or "finish" saves first.
  const [flushers] = useState(() => new Map<string, () => Promise<void>>());
  const registerFlush = useCallback(
    (itemId: string, flush: () => Promise<void>) => {
      flushers.set(itemId, flush);
    },
    [flushers],
  );
  const flushAll = () => Promise.all([...flushers.values()].map((flush) => flush()));

  const index = mock.data?.current ?? null;
  const stage = index === null ? undefined : mock.data?.stages[index];
  const seconds = useCountdown(stage?.remainingSeconds, mock.dataUpdatedAt);
  const gradingOff = useGradingUnavailable() !== null;

  // Begin and Finish replace the button that was pressed: focus goes to the stage (or the
  // scorecard) that took its place, not to <body>, so a keyboard user carries on from there.
  const moveFocus = (data: MockDto) => {
    setMock(data);
    setTimeout(() =>
      (document.getElementById('stage-heading') ?? document.getElementById('scorecard-heading'))?.focus(),
    );
  };
  const begin = useMutation({ mutationFn: (i: number) => api.beginStage(id, i), onSuccess: moveFocus });
  const finish = useMutation({
    mutationFn: async (i: number) => {
      await flushAll();
      return api.finishStage(id, i);
    },
    onSuccess: moveFocus,
  });
  // At zero: save what was typed, then re-read — the server closes the stage and grades it.
  const expired = seconds === 0 && stage?.startedAt && !stage.finishedAt;
  useEffect(() => {
    if (!expired) return;
    void Promise.all([...flushers.values()].map((flush) => flush())).then(() => refetch());
  }, [expired, flushers, refetch]);

  if (mock.isError) return <ErrorMessage error={mock.error} />;
  if (!mock.data) return <Loading label="Loading the mock interview…" />;
  const data = mock.data;
  const codingAhead = data.stages.some((s) => CODING_STAGES.has(s.stage) && !s.finishedAt);
  // The online assessment cannot begin without grading (the server would answer 503): skip it instead.
  const mustSkip = gradingOff && stage?.stage === 'online-assessment' && !stage.startedAt;

  return (
    <div className="page mock-page">
      <div className="page-heading">
        <h1>Mock interview · {data.levels.map((l) => LEVEL_LABELS[l]).join(' / ')}</h1>
        <ShareButton mockId={id} connected={data.interviewerConnected} />
      </div>
      {codingAhead ? <GradingBanner>{CODING_STAGES_NOTE}</GradingBanner> : null}
      <ol className="stage-steps" aria-label="Stages">
        {data.stages.map((s, i) => (
          <li key={s.stage} aria-current={i === index ? 'step' : undefined} className={s.finishedAt ? 'done' : ''}>
            {s.name}
            <span className="muted small">
              {s.finishedAt
                ? s.skipped
                  ? ' · skipped'
                  : s.expired
                    ? ' · time ran out'
                    : ' · done'
                : i === index && s.startedAt
                  ? ' · now'
                  : ''}
            </span>
          </li>
        ))}
      </ol>
      {data.messages.length ? (
        <div className="notice" role="status" aria-live="polite" data-testid="interviewer-messages">
          <strong>From your interviewer:</strong>
          <ul>
            {data.messages.map((m) => (
              <li key={m.at}>{m.text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {begin.isError ? <ErrorMessage error={begin.error} /> : null}
      {finish.isError ? <ErrorMessage error={finish.error} /> : null}

      {stage && index !== null ? (
        <section aria-labelledby="stage-heading">
          <div className="stage-bar">
            <h2 id="stage-heading" tabIndex={-1}>
              {stage.name}
            </h2>
            {seconds !== null ? (
              <Countdown seconds={seconds} label="Time left in this stage" testId="stage-countdown" />
            ) : (
              <span className="muted">{stage.minutes} minutes</span>
            )}
            {stage.startedAt ? (
              <button type="button" className="button" disabled={finish.isPending} onClick={() => finish.mutate(index)}>
                Finish this stage
              </button>
            ) : mustSkip ? (
              <button
                type="button"
                className="button primary"
                disabled={finish.isPending}
                aria-describedby="skip-reason"
                onClick={() => finish.mutate(index)}
              >
                Skip this stage
              </button>
            ) : (
              <button
                type="button"
                className="button primary"
                disabled={begin.isPending}
                onClick={() => begin.mutate(index)}
              >
                Begin: start the {stage.minutes}-minute timer
              </button>
            )}
          </div>
          {stage.startedAt ? (
            stage.items.map((item) => (
              <MockItemCard
                key={item.id}
                mockId={id}
                item={item}
                running={!stage.finishedAt && seconds !== 0}
                onUpdated={setMock}
                registerFlush={registerFlush}
              />
            ))
          ) : (
            <>
              {mustSkip ? (
                <p id="skip-reason" className="notice">
                  The timed labs cannot be graded on this server, so this stage cannot begin. Skip it to go on with the
                  rest of the loop; the scorecard then has no online-assessment evidence.
                </p>
              ) : null}
              <StageIntro stageId={stage.stage} />
              {index > 0 ? (
                <div className="previous-stage">
                  <h3>How the {data.stages[index - 1]!.name.toLowerCase()} went</h3>
                  <FinishedItems mockId={id} stage={data.stages[index - 1]!} />
                </div>
              ) : null}
            </>
          )}
        </section>
      ) : null}

      {data.scorecard ? <ScorecardView scorecard={data.scorecard} /> : null}
      {data.finishedAt ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">Your answers</h2>
          {data.stages.map((s) => (
            <div key={s.stage}>
              <h3>{s.name}</h3>
              <FinishedItems mockId={id} stage={s} />
            </div>
          ))}
          <p>
            <Link to="/mocks" className="button">
              All mock interviews
            </Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}

/** Stages with code to grade: the online assessment's labs and the technical round's coding task. */
const CODING_STAGES = new Set(['online-assessment', 'technical']);

/** A finished stage's items, read-only with their feedback. */
function FinishedItems({ mockId, stage }: { mockId: string; stage: MockDto['stages'][number] }) {
  return stage.items.map((item) => (
    <MockItemCard
      key={item.id}
      mockId={mockId}
      item={item}
      running={false}
      onUpdated={() => {}}
      registerFlush={() => {}}
    />
  ));
}

function StageIntro({ stageId }: { stageId: string }) {
  const stages = useQuery({ queryKey: queryKeys.stages, queryFn: api.stages });
  const stage = stages.data?.find((s) => s.id === stageId);
  if (!stage) return null;
  return (
    <div className="card">
      <p>{stage.summary}</p>
      <h3>Before you begin</h3>
      <ul>
        {stage.checklist.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

/** "Practise with a friend": a link for the interviewer's device. */
function ShareButton({ mockId, connected }: { mockId: string; connected: boolean }) {
  const share = useMutation({ mutationFn: () => api.shareMock(mockId) });
  const url = share.data ? new URL(share.data.url, window.location.href).toString() : null;
  return (
    <div className="share">
      {connected ? <span className="chip">Interviewer connected</span> : null}
      {url ? (
        <label>
          Interviewer link{' '}
          <input readOnly value={url} onFocus={(e) => e.target.select()} data-testid="interviewer-link" size={40} />
        </label>
      ) : (
        <button type="button" className="button small" disabled={share.isPending} onClick={() => share.mutate()}>
          Practise with a friend
        </button>
      )}
    </div>
  );
}
