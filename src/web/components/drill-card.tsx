import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { GradeResultDto, QueueDto } from '../../shared/api.js';
import type { SpeakingMeasures } from '../../shared/speech.js';
import { api } from '../api.js';
import { formatClock, useElapsedSeconds, useKeyboardShortcuts } from '../hooks.js';
import { queryKeys } from '../queries.js';
import { useAiStatusChange } from './ai-settings.js';
import { LevelChips } from './chips.js';
import { FeedbackPanel, ModelAnswer, RatingChoice } from './drill-result.js';
import { SpeakingPanel, SpokenAnswer } from './spoken-answer.js';
import { ErrorMessage } from './status.js';

type Item = QueueDto['items'][number];
/**
 * One card of the drill: answer it typed or aloud, check or reveal, read the feedback and the model
 * answer, rate your recall (which records the review), with the keyboard shortcuts shown below it.
 */
export function DrillCard({ item, onDone }: { item: Item; onDone: () => void }) {
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
  // Consent given or refused here updates the AI status every page shows, then grades again.
  const consent = useAiStatusChange(api.setAiConsent);
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
              onConsent={(choice) => consent.mutate(choice, { onSuccess: () => grade.mutate(text) })}
              consentPending={consent.isPending}
            />
          ) : null}
          {grade.isError ? <ErrorMessage error={grade.error} /> : null}
          {consent.isError ? <ErrorMessage error={consent.error} /> : null}
          <ModelAnswer question={question.data} />
          <RatingChoice rating={rating} suggested={feedback !== null} pending={record.isPending} onRate={rate} />
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
