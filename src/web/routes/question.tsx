import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CardDto } from '../../shared/api.js';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { REPORT_KINDS, type ReportKind } from '../../shared/ids.js';
import { LEVEL_IDS } from '../../shared/ids.js';
import { api } from '../api.js';
import { LevelChips, TagChips } from '../components/chips.js';
import { Markdown } from '../components/markdown.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { LEVEL_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';

/** One question: think first, then reveal the hint, then the model answer and its rubric. */
export function QuestionPage() {
  const { id = '' } = useParams();
  const question = useQuery({ queryKey: queryKeys.question(id), queryFn: () => api.question(id) });
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: api.areas });
  const [showHint, setShowHint] = useState(false);
  const [showAnswer, setShowAnswer] = useState(false);

  if (question.isPending) return <Loading label="Loading question…" />;
  if (question.isError) {
    return (
      <div className="page">
        <ErrorMessage error={question.error} />
        <Link to="/questions">Back to all questions</Link>
      </div>
    );
  }
  const q = question.data;
  const area = areas.data?.find((a) => a.id === q.area);

  return (
    <article className="page question-page" key={q.id}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/questions">Questions</Link> › <Link to={`/questions?area=${q.area}`}>{area?.name ?? q.area}</Link>
      </nav>
      <h1 className="question-title">{q.question}</h1>
      <div className="row-meta">
        <LevelChips levels={q.levels} />
        <TagChips tags={q.tags} />
      </div>

      <section className="reveal" aria-labelledby="hint-heading">
        <h2 id="hint-heading">Hint</h2>
        {showHint ? (
          <p className="hint">{q.hint}</p>
        ) : (
          <button type="button" className="button" onClick={() => setShowHint(true)}>
            Show hint
          </button>
        )}
      </section>

      <section className="reveal" aria-labelledby="answer-heading">
        <h2 id="answer-heading">Model answer</h2>
        {showAnswer ? (
          <>
            <Markdown>{q.answer}</Markdown>
            <h3>Key points an interviewer listens for</h3>
            <ol className="key-points">
              {q.keyPoints.map((point) => (
                <li key={point.id}>
                  <strong>{point.statement}</strong>
                  <span className="muted small"> — listen for: {point.phrases.join(', ')}</span>
                </li>
              ))}
            </ol>
            {q.levelSignals ? (
              <>
                <h3>What a strong answer shows at each level</h3>
                <dl className="level-signals">
                  {LEVEL_IDS.filter((level) => q.levelSignals?.[level]).map((level) => (
                    <div key={level}>
                      <dt>{LEVEL_LABELS[level]}</dt>
                      <dd>{q.levelSignals?.[level]}</dd>
                    </div>
                  ))}
                </dl>
              </>
            ) : null}
          </>
        ) : (
          <>
            <p className="muted">Answer out loud or on paper first, then compare.</p>
            <button type="button" className="button primary" onClick={() => setShowAnswer(true)}>
              Reveal answer
            </button>
          </>
        )}
      </section>

      <section aria-labelledby="followups-heading">
        <h2 id="followups-heading">Follow-up questions</h2>
        <ul>
          {q.followUps.map((followUp) => (
            <li key={followUp.question}>{followUp.question}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="pitfalls-heading">
        <h2 id="pitfalls-heading">Common pitfalls</h2>
        <ul>
          {q.pitfalls.map((pitfall) => (
            <li key={pitfall.text}>{pitfall.text}</li>
          ))}
        </ul>
      </section>

      {q.misconceptions.length > 0 ? (
        <section aria-labelledby="misconceptions-heading">
          <h2 id="misconceptions-heading">Common misconceptions</h2>
          <dl className="misconceptions">
            {q.misconceptions.map((m) => (
              <div key={m.claim}>
                <dt>✗ {m.claim}</dt>
                <dd>{m.correction}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      {q.references.length > 0 ? (
        <section aria-labelledby="refs-heading">
          <h2 id="refs-heading">References</h2>
          <ul>
            {q.references.map((ref) => (
              <li key={ref.url}>
                <a href={ref.url} rel="noreferrer noopener" target="_blank">
                  {ref.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <CardControls questionId={q.id} />
      <ReportForm questionId={q.id} />
    </article>
  );
}

function ReportForm({ questionId }: { questionId: string }) {
  const [open, setOpen] = useState(false);
  const report = useMutation({
    mutationFn: (body: { kind: ReportKind; message: string }) => api.reportQuestion(questionId, body),
  });
  if (report.isSuccess) return <p role="status">Thanks — your report was recorded.</p>;
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        Report a problem with this question
      </button>
    );
  }
  return (
    <form
      className="report-form"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        report.mutate({ kind: data.get('kind') as ReportKind, message: String(data.get('message') ?? '') });
      }}
    >
      <h2>Report a problem</h2>
      <div className="field">
        <label htmlFor="report-kind">What is wrong?</label>
        <select id="report-kind" name="kind" defaultValue="incorrect">
          {REPORT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-message">Details</label>
        <textarea id="report-message" name="message" required maxLength={2000} rows={3} />
      </div>
      {report.isError ? <ErrorMessage error={report.error} /> : null}
      <button type="submit" className="button" disabled={report.isPending}>
        Send report
      </button>
    </form>
  );
}

/** The candidate's own card for this question: schedule, mark, note, suspend, reset. */
function CardControls({ questionId }: { questionId: string }) {
  const queryClient = useQueryClient();
  const card = useQuery({ queryKey: queryKeys.card(questionId), queryFn: () => api.card(questionId), retry: false });
  const onSuccess = (updated: CardDto) => {
    queryClient.setQueryData(queryKeys.card(questionId), updated);
    void queryClient.invalidateQueries({ queryKey: queryKeys.queue });
  };
  const update = useMutation({
    mutationFn: (patch: { marked?: boolean; note?: string; suspended?: boolean }) => api.updateCard(questionId, patch),
    onSuccess,
  });
  const reset = useMutation({ mutationFn: () => api.resetCard(questionId), onSuccess });
  if (!card.data) return null;
  const c = card.data;
  return (
    <section className="card stack" aria-labelledby="card-heading">
      <h2 id="card-heading">Your card</h2>
      <p className="muted small" data-testid="card-state">
        {c.state === 'new'
          ? 'Not studied yet.'
          : `${c.state} · ${c.reps} answers · ${c.lapses} lapses · next review ${c.due ? new Date(c.due).toLocaleString() : '—'} · recall now ${Math.round((c.retrievability ?? 0) * 100)}%`}
        {c.suspended ? ' · suspended' : ''}
      </p>
      <div className="row-meta">
        <button
          type="button"
          className="button"
          aria-pressed={c.marked}
          onClick={() => update.mutate({ marked: !c.marked })}
        >
          {c.marked ? 'Marked for review ✓' : 'Mark for review'}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={c.suspended}
          onClick={() => update.mutate({ suspended: !c.suspended })}
        >
          {c.suspended ? 'Unsuspend' : 'Suspend'}
        </button>
        {c.state !== 'new' ? (
          <button type="button" className="button" onClick={() => reset.mutate()}>
            Reset progress
          </button>
        ) : null}
      </div>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({ note: String(new FormData(event.currentTarget).get('note') ?? '') });
        }}
      >
        <div className="field">
          <label htmlFor="card-note">Your note</label>
          <textarea id="card-note" name="note" rows={2} maxLength={5000} defaultValue={c.note} key={c.note} />
        </div>
        <button type="submit" className="button">
          Save note
        </button>
      </form>
      {update.isError ? <ErrorMessage error={update.error} /> : null}
      {reset.isError ? <ErrorMessage error={reset.error} /> : null}
    </section>
  );
}
