import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, Navigate } from 'react-router-dom';
import type { GradeResultDto, QueueDto } from '../../shared/api.js';
import { AiCoachingPanel } from '../components/ai-coaching.js';
import { AiPanel } from '../components/ai-review.js';
import { SpeakingPanel, SpokenAnswer } from '../components/spoken-answer.js';
import type { SpeakingMeasures } from '../../shared/speech.js';
import { AnswerFeedback } from '../components/answer-feedback.js';
import { ApiError, api } from '../api.js';
import { formatClock, useElapsedSeconds, useKeyboardShortcuts } from '../hooks.js';
import { LevelChips } from '../components/chips.js';
import { Markdown } from '../components/markdown.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { queryKeys } from '../queries.js';

type Item = QueueDto['items'][number];
const RATINGS = [
  { value: 1, name: 'Again', help: 'forgot it' },
  { value: 2, name: 'Hard', help: 'got there with effort' },
  { value: 3, name: 'Good', help: 'recalled it' },
  { value: 4, name: 'Easy', help: 'instant and complete' },
] as const;

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

function DrillCard({ item, onDone }: { item: Item; onDone: () => void }) {
  const question = useQuery({
    queryKey: queryKeys.question(item.questionId),
    queryFn: () => api.question(item.questionId),
  });
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: api.areas });
  const [mode, setMode] = useState<'typed' | 'spoken'>('typed');
  const [text, setText] = useState('');
  const [hintUsed, setHintUsed] = useState(false);
  const [revealed, setRevealed] = useState(false);
  const [feedback, setFeedback] = useState<GradeResultDto | null>(null);
  // A spoken answer's transcript is graded like a typed answer, with how it sounded beside it.
  const [speaking, setSpeaking] = useState<SpeakingMeasures | null>(null);
  const [rating, setRating] = useState<number>(3);
  const [marked, setMarked] = useState(item.marked);
  const [startedAt] = useState(() => Date.now());
  // One key per attempt: a retried submission of this rating is recorded once.
  const [attemptKey] = useState(() => crypto.randomUUID());
  const elapsed = useElapsedSeconds(startedAt, revealed);
  // After checking, focus moves to the result (not to <body>), so Enter and 1–4 rate at once and a
  // screen reader reads the verdict.
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (revealed) resultRef.current?.focus();
  }, [revealed]);

  const grade = useMutation({
    mutationFn: (answer: string) => api.grade({ questionId: item.questionId, answer, hintUsed }),
    onSuccess: (result) => {
      setFeedback(result);
      setRating(result.suggestedRating);
    },
  });
  const consent = useMutation({
    mutationFn: (choice: 'accepted' | 'declined') => api.setAiConsent(choice),
    onSuccess: () => grade.mutate(text),
  });
  const record = useMutation({
    mutationFn: (value: number) =>
      api.review(
        {
          questionId: item.questionId,
          rating: value,
          mode,
          ...(text.trim() ? { answer: text } : {}),
          hintUsed,
          durationMs: Date.now() - startedAt,
        },
        attemptKey,
      ),
    onSuccess: onDone,
  });
  const mark = useMutation({
    mutationFn: (value: boolean) => api.updateCard(item.questionId, { marked: value }),
    onSuccess: (card) => setMarked(card.marked),
  });

  const reveal = useCallback(() => {
    if (revealed) return;
    if (mode === 'typed' && text.trim()) grade.mutate(text);
    setRevealed(true);
  }, [revealed, mode, text, grade]);
  const rate = useCallback(
    (value: number) => {
      if (!revealed || record.isPending) return;
      setRating(value);
      record.mutate(value);
    },
    [revealed, record],
  );

  useKeyboardShortcuts((event, typing) => {
    if (typing) {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        reveal();
      }
      return;
    }
    if (event.key === ' ' && !revealed) {
      event.preventDefault();
      reveal();
    } else if (['1', '2', '3', '4'].includes(event.key)) rate(Number(event.key));
    else if (event.key === 'Enter' && revealed) rate(rating);
    else if (event.key.toLowerCase() === 'h') setHintUsed(true);
    else if (event.key.toLowerCase() === 'm') mark.mutate(!marked);
  });

  return (
    <article className="card stack drill-card" aria-labelledby="drill-question">
      <div className="row-meta">
        <span className="chip">{item.kind === 'review' ? 'Review' : 'New'}</span>
        <span className="area-label">{areas.data?.find((area) => area.id === item.area)?.name ?? item.area}</span>
        <LevelChips levels={item.levels} />
        <span className="timer" aria-label="Time on this card">
          {formatClock(elapsed)}
        </span>
      </div>
      <h2 id="drill-question" className="question-title">
        {item.question}
      </h2>

      {hintUsed ? (
        <p className="hint">Hint: {question.data?.hint ?? '…'}</p>
      ) : (
        <button type="button" className="link-button" onClick={() => setHintUsed(true)}>
          Show hint (H)
        </button>
      )}

      {!revealed ? (
        <>
          <div className="choice-row" role="radiogroup" aria-label="How will you answer?">
            <label className="choice">
              <input type="radio" name="mode" checked={mode === 'typed'} onChange={() => setMode('typed')} /> Type my
              answer
            </label>
            <label className="choice">
              <input type="radio" name="mode" checked={mode === 'spoken'} onChange={() => setMode('spoken')} /> Say it
              out loud
            </label>
          </div>
          {mode === 'typed' ? (
            <div className="field">
              <label htmlFor="answer">Your answer</label>
              <textarea
                id="answer"
                // The answer is the first thing to do on every card.
                autoFocus
                rows={7}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder="Answer as you would in the interview. Ctrl+Enter to check."
              />
            </div>
          ) : (
            <>
              <p className="muted">Answer out loud, as in the interview, then reveal and rate yourself honestly.</p>
              <SpokenAnswer
                subject={{ for: 'drill', id: item.questionId }}
                onTranscript={(transcript, result) => {
                  setText(transcript);
                  setSpeaking(result.speaking);
                  grade.mutate(transcript);
                  setRevealed(true);
                }}
              />
            </>
          )}
          <button type="button" className="button primary" onClick={reveal}>
            {mode === 'typed' && text.trim() ? 'Check my answer' : 'Reveal answer'} (Space)
          </button>
        </>
      ) : (
        <div
          className="stack drill-result"
          ref={resultRef}
          tabIndex={-1}
          aria-label="Result"
          data-testid="drill-result"
        >
          {speaking ? <SpeakingPanel measures={speaking} /> : null}
          {text.trim() && (mode === 'typed' || speaking) ? (
            <FeedbackPanel
              text={text}
              feedback={feedback}
              pending={grade.isPending}
              onConsent={(choice) => consent.mutate(choice)}
              consentPending={consent.isPending}
            />
          ) : null}
          {grade.isError ? <ErrorMessage error={grade.error} /> : null}
          {consent.isError ? <ErrorMessage error={consent.error} /> : null}
          <section aria-labelledby="model-heading">
            <h3 id="model-heading">Model answer</h3>
            {question.data ? <Markdown>{question.data.answer}</Markdown> : <Loading />}
            {question.data ? (
              <>
                <h4>Key points</h4>
                <ol className="key-points">
                  {question.data.keyPoints.map((point) => (
                    <li key={point.id}>{point.statement}</li>
                  ))}
                </ol>
              </>
            ) : null}
          </section>
          <fieldset className="ratings">
            <legend>
              How well did you recall it?{feedback ? ' The rubric suggests one — change it if you disagree.' : ''}
            </legend>
            <div className="rating-row">
              {RATINGS.map((r) => (
                <button
                  key={r.value}
                  type="button"
                  className={`button rating ${rating === r.value ? 'selected' : ''}`}
                  aria-pressed={rating === r.value}
                  onClick={() => rate(r.value)}
                  disabled={record.isPending}
                >
                  <kbd>{r.value}</kbd> {r.name}
                  <span className="small muted"> {r.help}</span>
                </button>
              ))}
            </div>
          </fieldset>
          {record.isError ? <ErrorMessage error={record.error} /> : null}
        </div>
      )}
      <div className="row-meta">
        <button type="button" className="link-button" onClick={() => mark.mutate(!marked)}>
          {marked ? 'Marked for review ✓' : 'Mark for review'} (M)
        </button>
        <Link to={`/questions/${item.questionId}`} target="_blank" className="small">
          Open question page
        </Link>
      </div>
      <p className="small muted">Shortcuts: Space reveal · 1–4 rate · Enter accept suggestion · H hint · M mark</p>
    </article>
  );
}

/** The offline judgement and, beside it when the AI layer answered, the AI review: never merged. */
function FeedbackPanel({
  text,
  feedback,
  pending,
  onConsent,
  consentPending,
}: {
  text: string;
  feedback: GradeResultDto | null;
  pending: boolean;
  onConsent: (choice: 'accepted' | 'declined') => void;
  consentPending: boolean;
}) {
  if (pending || !feedback) return <Loading label="Checking your answer against the rubric…" />;
  const coaching = feedback.coaching ? <AiCoachingPanel outcome={feedback.coaching} /> : null;
  if (!feedback.ai || feedback.ai.status === 'opted_out')
    return (
      <>
        <AnswerFeedback text={text} feedback={feedback} />
        {coaching}
      </>
    );
  return (
    <div className="feedback-pair">
      <AnswerFeedback text={text} feedback={feedback} />
      <AiPanel
        outcome={feedback.ai}
        offlineVerdict={feedback.verdict}
        onConsent={onConsent}
        consentPending={consentPending}
      />
      {coaching}
    </div>
  );
}
