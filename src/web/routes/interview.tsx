import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import type { InterviewerDto, MockItemView } from '../../shared/mocks.js';
import { api } from '../api.js';
import { DiagramEditor } from '../components/diagram-editor.js';
import {
  ConceptFeedbackView,
  DesignFeedbackView,
  ScreenFeedbackView,
  StarFeedbackView,
} from '../components/mock-feedback.js';
import { ScorecardView } from '../components/scorecard.js';
import { Countdown, ErrorMessage, Loading } from '../components/status.js';
import { useCountdown, useLive } from '../hooks.js';
import { LEVEL_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';

/**
 * The interviewer's device: the candidate's answers as they are typed (autosaved), the rubric,
 * hints and follow-ups the candidate does not see, a way to send a follow-up, and the scoring form.
 */
export function InterviewPage() {
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const view = useQuery({ queryKey: queryKeys.interview(token), queryFn: () => api.interview(token) });
  const refetch = view.refetch;
  const live = useLive(`/v1/interviews/${token}/live`, () => void refetch());
  const setView = (data: InterviewerDto) => queryClient.setQueryData(queryKeys.interview(token), data);
  const index = view.data?.current ?? null;
  const stage = index === null ? undefined : view.data?.stages[index];
  const seconds = useCountdown(stage?.remainingSeconds, view.dataUpdatedAt);

  if (view.isError) return <ErrorMessage error={view.error} />;
  if (!view.data) return <Loading label="Loading the interview…" />;
  const data = view.data;
  return (
    <div className="page interview-page">
      <div className="page-heading">
        <h1>Interviewer view · {data.levels.map((l) => LEVEL_LABELS[l]).join(' / ')}</h1>
        <span className="chip" data-testid="live-status">
          {live ? 'Live' : 'Reconnecting…'}
        </span>
      </div>
      <p className="muted">
        The candidate sees the prompts and their own feedback; only you see the rubric, hints and follow-ups below.
      </p>
      {stage ? (
        <p className="stage-bar">
          <strong>Now: {stage.name}</strong>{' '}
          {seconds !== null ? (
            <Countdown seconds={seconds} label="Time left in this stage" />
          ) : (
            <span className="muted">not started</span>
          )}
        </p>
      ) : (
        <p>
          <strong>The loop is finished.</strong>
        </p>
      )}
      <div className="interview-grid">
        <div>
          {data.stages.every((s) => !s.startedAt) ? (
            <section className="card" data-testid="interviewer-waiting" aria-labelledby="waiting-heading">
              <h2 id="waiting-heading">Waiting for the candidate to start</h2>
              <p>
                Nothing has been answered yet. When the candidate starts the first stage (
                {data.stages[0]?.name ?? 'the first stage'}), its prompts appear here and their answers fill in as they
                type — this page updates by itself.
              </p>
              <ol>
                <li>Read each prompt with the rubric, hints and follow-ups this view adds.</li>
                <li>Send a follow-up with “Ask” when an answer stops short of a rubric point.</li>
                <li>Rate each signal on the right as you go; the scorecard combines your ratings with the judge’s.</li>
              </ol>
              <p className="muted small">Stages in this loop: {data.stages.map((s) => s.name).join(' → ')}.</p>
            </section>
          ) : null}
          {data.stages.map((s, i) =>
            s.startedAt ? (
              <section key={s.stage} aria-label={s.name}>
                <h2>
                  {s.name}
                  {i === index ? ' (now)' : s.finishedAt ? ' (done)' : ''}
                </h2>
                {s.items.map((item) => (
                  <InterviewerItem key={item.id} item={item} token={token} onUpdated={setView} />
                ))}
              </section>
            ) : null,
          )}
          {data.scorecard ? <ScorecardView scorecard={data.scorecard} /> : null}
        </div>
        <ScoringForm data={data} token={token} onUpdated={setView} />
      </div>
    </div>
  );
}

function AskButton({
  token,
  text,
  onUpdated,
}: {
  token: string;
  text: string;
  onUpdated: (d: InterviewerDto) => void;
}) {
  const ask = useMutation({ mutationFn: () => api.messageCandidate(token, text), onSuccess: onUpdated });
  return (
    <button
      type="button"
      className="link-button"
      disabled={ask.isPending || ask.isSuccess}
      onClick={() => ask.mutate()}
    >
      {ask.isSuccess ? 'Sent' : 'Ask'}
    </button>
  );
}

function InterviewerItem({
  item,
  token,
  onUpdated,
}: {
  item: MockItemView;
  token: string;
  onUpdated: (d: InterviewerDto) => void;
}) {
  const state = item.state;
  const answer =
    state.kind === 'screen' || state.kind === 'star' || state.kind === 'concept'
      ? state.answer
      : state.kind === 'coding'
        ? state.notes
        : state.kind === 'design'
          ? Object.entries(state.text)
              .filter(([, text]) => text.trim())
              .map(([section, text]) => `${section.toUpperCase()}\n${text}`)
              .join('\n\n')
          : '';
  return (
    <article className="card mock-item" data-item={item.id}>
      <p className="muted small">{item.title}</p>
      <h3 className="mock-prompt">{item.prompt}</h3>
      <h4>Candidate’s answer{state.kind === 'coding' ? ' (narration)' : ''}</h4>
      <p className="pre-wrap candidate-answer" data-testid={`answer-${item.id}`}>
        {answer || '—'}
      </p>
      {state.kind === 'concept' && state.followUp ? (
        <p className="pre-wrap">
          <strong>Follow-up:</strong> {state.followUp.question}
          {'\n'}
          {state.followUp.answer || '—'}
        </p>
      ) : null}
      {!(state.kind === 'concept' && state.followUp) && item.transcript.length > 2 ? (
        <ol className="turns" aria-label="Follow-up questions">
          {item.transcript
            .filter((turn) => turn.turn > 2)
            .map((turn) => (
              <li key={turn.turn} className={`pre-wrap turn turn-${turn.speaker}`}>
                <strong>
                  Turn {turn.turn} ·{' '}
                  {turn.speaker === 'candidate'
                    ? 'candidate'
                    : turn.source === 'ai'
                      ? 'AI interviewer'
                      : 'rubric follow-up'}
                  :
                </strong>{' '}
                {turn.text}
              </li>
            ))}
        </ol>
      ) : null}
      {state.kind === 'design' ? (
        <DiagramEditor value={state.diagram} onChange={() => {}} readOnly label="Candidate’s diagram" />
      ) : null}
      {state.kind === 'screen' && state.feedback ? <ScreenFeedbackView feedback={state.feedback} /> : null}
      {state.kind === 'star' && state.feedback ? <StarFeedbackView feedback={state.feedback} /> : null}
      {state.kind === 'concept' && state.feedback ? (
        <ConceptFeedbackView feedback={state.feedback} answer={state.answer} />
      ) : null}
      {state.kind === 'design' && state.feedback ? <DesignFeedbackView feedback={state.feedback} /> : null}
      {item.guide ? (
        <details className="guide" open>
          <summary>Rubric and follow-ups</summary>
          {item.guide.hint ? <p className="hint">Hint to give if stuck: {item.guide.hint}</p> : null}
          <ul>
            {item.guide.points.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          {item.guide.followUps.length ? (
            <>
              <h4>Follow-ups</h4>
              <ul>
                {item.guide.followUps.map((f) => (
                  <li key={f}>
                    {f} <AskButton token={token} text={f} onUpdated={onUpdated} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </details>
      ) : null}
    </article>
  );
}

function ScoringForm({
  data,
  token,
  onUpdated,
}: {
  data: InterviewerDto;
  token: string;
  onUpdated: (d: InterviewerDto) => void;
}) {
  const [message, setMessage] = useState('');
  // The choice shows at once; the server's copy catches up when the save returns.
  const [picked, setPicked] = useState<Record<string, number>>({});
  const save = useMutation({
    mutationFn: (body: Parameters<typeof api.scoreInterview>[1]) => api.scoreInterview(token, body),
    onSuccess: onUpdated,
  });
  const send = useMutation({
    mutationFn: () => api.messageCandidate(token, message),
    onSuccess: (d) => {
      setMessage('');
      onUpdated(d);
    },
  });
  return (
    <aside className="card scoring" aria-labelledby="scoring-heading">
      <h2 id="scoring-heading">Your scores</h2>
      <p className="muted small">
        1 = no evidence, 4 = strong. Your ratings are averaged into the candidate’s scorecard.
      </p>
      {data.signals.map((signal) => {
        const current = data.interviewer.scores[signal.id];
        const rating = picked[signal.id] ?? current?.rating;
        return (
          <fieldset key={signal.id} className="signal-score">
            <legend>
              {signal.name} <span className="muted small">({LEVEL_LABELS[signal.level]})</span>
            </legend>
            <p className="muted small">{signal.description}</p>
            <div className="choice-row">
              {[1, 2, 3, 4].map((value) => (
                <label key={value} className="choice">
                  <input
                    type="radio"
                    name={`score-${signal.id}`}
                    checked={rating === value}
                    onChange={() => {
                      setPicked({ ...picked, [signal.id]: value });
                      save.mutate({ scores: { [signal.id]: { rating: value, note: current?.note ?? '' } } });
                    }}
                  />{' '}
                  {value}
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      {save.isError ? <ErrorMessage error={save.error} /> : null}
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (message.trim()) send.mutate();
        }}
      >
        <label htmlFor="message">Send the candidate a hint or follow-up</label>
        <textarea id="message" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />
        <button type="submit" className="button" disabled={send.isPending || !message.trim()}>
          Send
        </button>
        {send.isError ? <ErrorMessage error={send.error} /> : null}
      </form>
    </aside>
  );
}
