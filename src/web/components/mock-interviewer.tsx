import { type ReactNode, useEffect, useState } from 'react';
import type { AiOutcome } from '../../shared/ai.js';
import type { Verdict } from '../../shared/judgement.js';
import type { ItemDraftBody, MockItemView, TranscriptTurn } from '../../shared/mocks.js';
import { api } from '../api.js';
import { SAVE_STATE_LABELS, useAutosave } from '../hooks.js';
import { AiPanel } from './ai-review.js';
import { useAiStatusChange } from './ai-settings.js';
import { ConceptFeedbackView } from './mock-feedback.js';
import { ErrorMessage } from './status.js';

/**
 * The AI interviewer's part of a mock item: the AI review beside the offline feedback (never in
 * its place), and the conversation of follow-ups — each AI question with the words of yours it
 * quotes, each answer with its judgement, and a box for the one waiting.
 */

/** The offline feedback and, when the AI layer reviewed the answer, the AI review beside it. */
export function FeedbackWithAi({
  offline,
  outcome,
  offlineVerdict,
}: {
  offline: ReactNode;
  outcome: AiOutcome | undefined;
  offlineVerdict: Verdict;
}) {
  const consent = useAiStatusChange(api.setAiConsent);
  if (!outcome || outcome.status === 'opted_out') return offline;
  return (
    <div className="feedback-pair">
      {offline}
      {consent.isSuccess && outcome.status === 'consent_required' ? (
        <p className="notice small" role="status">
          {consent.data.consent === 'accepted'
            ? 'Your next answers will get an AI review and follow-ups.'
            : 'Nothing of yours will be sent to the AI provider.'}
        </p>
      ) : (
        <AiPanel
          outcome={outcome}
          offlineVerdict={offlineVerdict}
          onConsent={(choice) => consent.mutate(choice)}
          consentPending={consent.isPending}
        />
      )}
      {consent.isError ? <ErrorMessage error={consent.error} /> : null}
    </div>
  );
}

interface ConversationProps {
  mockId: string;
  item: MockItemView;
  running: boolean;
  /** Submits the open follow-up's answer. */
  onAnswer: (body: ItemDraftBody) => void;
  pending: boolean;
  registerFlush: (key: string, flush: () => Promise<void>) => void;
}

/** The follow-ups after the answer (turn 3 on), and the answer box of the one still open. */
export function Conversation(props: ConversationProps) {
  const { item } = props;
  const turns = item.transcript.filter((turn) => turn.turn > 2);
  if (turns.length === 0) return null;
  const last = turns.at(-1)!;
  const open = last.speaker === 'interviewer' ? last : null;
  return (
    <section className="follow-up conversation" aria-label="Follow-up questions" data-testid="conversation">
      <h4>Follow-up questions</h4>
      <ol className="turns">
        {turns.map((turn) => (
          <li key={turn.turn} className={`turn turn-${turn.speaker}`} data-turn={turn.turn}>
            <TurnView turn={turn} answerOf={item.transcript} />
          </li>
        ))}
      </ol>
      {open ? <OpenFollowUp key={open.turn} {...props} turn={open} /> : null}
    </section>
  );
}

function TurnView({ turn, answerOf }: { turn: TranscriptTurn; answerOf: TranscriptTurn[] }) {
  if (turn.speaker === 'candidate') {
    return (
      <>
        <p className="small muted">Turn {turn.turn} · you</p>
        <p className="pre-wrap">{turn.text}</p>
        {turn.feedback ? (
          <FeedbackWithAi
            offline={<ConceptFeedbackView feedback={turn.feedback} answer={turn.text} />}
            outcome={turn.ai ?? undefined}
            offlineVerdict={turn.feedback.verdict}
          />
        ) : null}
      </>
    );
  }
  const quoted = turn.quote && answerOf.find((t) => t.turn === turn.quote!.turn);
  return (
    <>
      <p className="small muted">
        Turn {turn.turn} · interviewer {turn.source === 'ai' ? '(AI)' : '(from the rubric)'}
      </p>
      <p className="mock-prompt" data-testid="follow-up-question">
        {turn.text}
      </p>
      {turn.quote && quoted ? (
        <p className="small muted" data-testid="follow-up-quote">
          Quoting your turn {turn.quote.turn}: “{turn.quote.text}”
        </p>
      ) : null}
      {turn.note ? (
        <p className="small muted" data-testid="follow-up-note">
          {turn.note}
        </p>
      ) : null}
    </>
  );
}

/** The answer box of the open follow-up, autosaved on its own so a design's autosave never replaces it. */
function OpenFollowUp({
  mockId,
  item,
  turn,
  running,
  onAnswer,
  pending,
  registerFlush,
}: ConversationProps & { turn: TranscriptTurn }) {
  const [text, setText] = useState('');
  const autosave = useAutosave((body: ItemDraftBody) => api.saveMockItem(mockId, item.id, body));
  useEffect(() => registerFlush(`${item.id}#follow-up`, autosave.flush), [registerFlush, item.id, autosave.flush]);
  if (!running) return <p className="muted small">The stage ended before this follow-up was answered.</p>;
  const id = `follow-${item.id}-${turn.turn}`;
  return (
    <>
      <label htmlFor={id}>Your answer to turn {turn.turn}</label>
      <textarea
        id={id}
        className="answer-box"
        rows={5}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          autosave.schedule({ followUpAnswer: e.target.value });
        }}
      />
      <div className="editor-actions">
        <button
          type="button"
          className="button primary"
          disabled={pending || !text.trim()}
          onClick={() => void autosave.flush().then(() => onAnswer({ followUpAnswer: text }))}
        >
          Answer the follow-up
        </button>
        <span className={`save-state save-${autosave.state}`} role="status">
          {SAVE_STATE_LABELS[autosave.state]}
        </span>
      </div>
    </>
  );
}
