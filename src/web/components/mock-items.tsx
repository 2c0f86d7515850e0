/**
 * The candidate's view of each kind of mock item (text, concept, coding, design, assessment) and
 * the pieces they share (autosave, answer box, reference). Past ~400 lines, kept as one file on
 * purpose: it is one component per item kind, none over ~80 lines or hiding a hook, dispatched by
 * `ItemBody`, and splitting it would scatter one switch over five files.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ComponentProps, lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { DesignAssumptions } from '../../shared/mock-content.js';
import { DESIGN_SECTIONS } from '../../shared/mock-content.js';
import type { Diagram } from '../../shared/diagram.js';
import type { DesignText, ItemDraftBody, MockDto, MockItemView } from '../../shared/mocks.js';
import { verdictOfScore } from '../../shared/judgement.js';
import { api } from '../api.js';
import { SAVE_STATE_LABELS, useAutosave } from '../hooks.js';
import { DiagramEditor } from './diagram-editor.js';
import { EnvelopeCalculator } from './envelope-calculator.js';
import { Markdown } from './markdown.js';
import type { SpeakingMeasures } from '../../shared/speech.js';
import { AiCoachingPanel } from './ai-coaching.js';
import { SpeakingPanel, SpokenAnswer } from './spoken-answer.js';
import { ConceptFeedbackView, DesignFeedbackView, ScreenFeedbackView, StarFeedbackView } from './mock-feedback.js';
import { Conversation, FeedbackWithAi } from './mock-interviewer.js';
import { ErrorMessage, Loading } from './status.js';
import { queryKeys } from '../queries.js';

// The code editor is large: only the live-coding item loads it.
const LabWorkspace = lazy(() => import('./lab-workspace.js').then((m) => ({ default: m.LabWorkspace })));

const SECTION_LABELS: Record<(typeof DESIGN_SECTIONS)[number], string> = {
  requirements: 'Requirements',
  'high-level': 'High-level design',
  bottlenecks: 'Bottlenecks',
  'trade-offs': 'Trade-offs',
};

interface ItemProps {
  mockId: string;
  item: MockItemView;
  /** The stage is running: answers can be edited and graded. */
  running: boolean;
  onUpdated: (mock: MockDto) => void;
  registerFlush: (itemId: string, flush: () => Promise<void>) => void;
}

/** Autosave for one item, registered with the page so a timer ending saves first. */
function useItemSave(props: ItemProps) {
  const { mockId, item, onUpdated, registerFlush } = props;
  const autosave = useAutosave((body: ItemDraftBody) => api.saveMockItem(mockId, item.id, body));
  useEffect(() => registerFlush(item.id, autosave.flush), [registerFlush, item.id, autosave.flush]);
  const answer = useMutation({
    mutationFn: async (body: ItemDraftBody) => {
      await autosave.flush();
      return api.answerMockItem(mockId, item.id, body);
    },
    onSuccess: onUpdated,
  });
  return { autosave, answer };
}

function SaveStatus({ state }: { state: keyof typeof SAVE_STATE_LABELS }) {
  return (
    <span className={`save-state save-${state}`} role="status">
      {SAVE_STATE_LABELS[state]}
    </span>
  );
}

function Reference({ item, label }: { item: MockItemView; label: string }) {
  if (!item.reference) return null;
  return (
    <details className="reference-details">
      <summary>{label}</summary>
      <Markdown>{item.reference}</Markdown>
    </details>
  );
}

/** A labelled textarea for an answer; `label` is read by screen readers, or shown when `visibleLabel`. */
function AnswerBox({
  id,
  label,
  visibleLabel = false,
  value,
  onChange,
  readOnly,
  rows,
  placeholder,
}: {
  id: string;
  label: ReactNode;
  visibleLabel?: boolean;
  value: string;
  onChange: (text: string) => void;
  readOnly: boolean;
  rows: number;
  placeholder?: string;
}) {
  return (
    <>
      <label htmlFor={id} className={visibleLabel ? undefined : 'visually-hidden'}>
        {label}
      </label>
      <textarea
        id={id}
        className="answer-box"
        rows={rows}
        value={value}
        readOnly={readOnly}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

/** One item of a stage, in the candidate's view. */
export function MockItemCard(props: ItemProps) {
  const { item } = props;
  return (
    <section className="card mock-item" id={`item-${item.id}`} aria-labelledby={`title-${item.id}`}>
      <p className="muted small" id={`title-${item.id}`}>
        {item.title}
      </p>
      <h3 className="mock-prompt">{item.prompt}</h3>
      <ItemBody {...props} />
    </section>
  );
}

function ItemBody(props: ItemProps) {
  const { item } = props;
  switch (item.state.kind) {
    case 'screen':
    case 'star':
      return <TextItem {...props} />;
    case 'concept':
      return <ConceptItem {...props} />;
    case 'coding':
      return <CodingItem {...props} />;
    case 'design':
      return <DesignItem {...props} />;
    case 'assessment':
      return <AssessmentItem {...props} />;
  }
}

/** "Answer out loud instead", folded away: the recorder whose transcript becomes the item's answer. */
function AnswerOutLoud(props: ComponentProps<typeof SpokenAnswer>) {
  return (
    <details>
      <summary>Answer out loud instead</summary>
      <SpokenAnswer {...props} />
    </details>
  );
}

function TextItem(props: ItemProps) {
  const { item, running } = props;
  const state = item.state;
  const saved = state.kind === 'screen' || state.kind === 'star' ? state.answer : '';
  const [text, setText] = useState(saved);
  const { autosave, answer } = useItemSave(props);
  const feedback = state.kind === 'screen' || state.kind === 'star' ? state.feedback : null;
  const words = text.trim() ? text.trim().split(/\s+/).length : 0;
  const [speaking, setSpeaking] = useState<SpeakingMeasures | null>(null);
  return (
    <>
      <AnswerBox
        id={`answer-${item.id}`}
        label="Your answer"
        rows={state.kind === 'star' ? 12 : 7}
        value={text}
        readOnly={!running}
        placeholder={
          state.kind === 'star'
            ? 'Situation: … Task: … Action: … Result: … (labels are optional)'
            : 'Answer as you would say it out loud.'
        }
        onChange={(next) => {
          setText(next);
          autosave.schedule({ answer: next });
        }}
      />
      <div className="editor-actions">
        {running ? (
          <button
            type="button"
            className="button primary"
            disabled={answer.isPending || !text.trim()}
            onClick={() => answer.mutate({ answer: text })}
          >
            {feedback ? 'Get feedback again' : 'Get feedback'}
          </button>
        ) : null}
        <span className="muted small">{words} words</span>
        {running ? <SaveStatus state={autosave.state} /> : null}
      </div>
      {running && (state.kind === 'screen' || state.kind === 'star') ? (
        <AnswerOutLoud
          subject={{ for: state.kind, id: state.promptId }}
          onTranscript={(transcript, result) => {
            setText(transcript);
            setSpeaking(result.speaking);
            answer.mutate({ answer: transcript });
          }}
        />
      ) : null}
      {answer.isError ? <ErrorMessage error={answer.error} /> : null}
      {speaking ? <SpeakingPanel measures={speaking} /> : null}
      {state.kind === 'screen' && state.feedback ? (
        <FeedbackWithAi
          offline={<ScreenFeedbackView feedback={state.feedback} />}
          outcome={state.ai}
          offlineVerdict={verdictOfScore(state.feedback.score)}
        />
      ) : null}
      {state.kind === 'star' && state.feedback ? <StarFeedbackView feedback={state.feedback} /> : null}
      {state.kind === 'star' && state.coaching ? <AiCoachingPanel outcome={state.coaching} /> : null}
      <Reference item={item} label={state.kind === 'star' ? 'An example strong answer' : 'What a good answer does'} />
    </>
  );
}

function ConceptItem(props: ItemProps) {
  const { item, running } = props;
  const state = item.state.kind === 'concept' ? item.state : null;
  const [text, setText] = useState(state?.answer ?? '');
  const [followText, setFollowText] = useState(state?.followUp?.answer ?? '');
  const [speaking, setSpeaking] = useState<SpeakingMeasures | null>(null);
  const { autosave, answer } = useItemSave(props);
  if (!state) return null;
  return (
    <>
      <AnswerBox
        id={`answer-${item.id}`}
        label="Your answer"
        rows={7}
        value={text}
        readOnly={!running || Boolean(state.feedback)}
        onChange={(next) => {
          setText(next);
          autosave.schedule({ answer: next });
        }}
      />
      {running && !state.feedback ? (
        <div className="editor-actions">
          <button
            type="button"
            className="button primary"
            disabled={answer.isPending || !text.trim()}
            onClick={() => answer.mutate({ answer: text })}
          >
            Answer
          </button>
          <SaveStatus state={autosave.state} />
        </div>
      ) : null}
      {running && !state.feedback ? (
        <AnswerOutLoud
          subject={{ for: 'concept', id: state.questionId }}
          onTranscript={(transcript, result) => {
            setText(transcript);
            setSpeaking(result.speaking);
            answer.mutate({ answer: transcript });
          }}
        />
      ) : null}
      {answer.isError ? <ErrorMessage error={answer.error} /> : null}
      {speaking ? <SpeakingPanel measures={speaking} /> : null}
      {state.feedback ? (
        <FeedbackWithAi
          offline={<ConceptFeedbackView feedback={state.feedback} answer={state.answer} />}
          outcome={state.ai}
          offlineVerdict={state.feedback.verdict}
        />
      ) : null}
      {state.followUp ? null : (
        <Conversation
          mockId={props.mockId}
          item={item}
          running={running}
          onAnswer={(body) => answer.mutate(body)}
          pending={answer.isPending}
          registerFlush={props.registerFlush}
        />
      )}
      {state.followUp ? (
        <div className="follow-up">
          <h4>Follow-up</h4>
          <p className="mock-prompt" data-testid="follow-up">
            {state.followUp.question}
          </p>
          <AnswerBox
            id={`follow-${item.id}`}
            label="Your answer to the follow-up"
            rows={5}
            value={followText}
            readOnly={!running || Boolean(state.followUp.feedback)}
            onChange={(next) => {
              setFollowText(next);
              autosave.schedule({ followUpAnswer: next });
            }}
          />
          {running && !state.followUp.feedback ? (
            <button
              type="button"
              className="button primary"
              disabled={answer.isPending || !followText.trim()}
              onClick={() => answer.mutate({ followUpAnswer: followText })}
            >
              Answer the follow-up
            </button>
          ) : null}
          {state.followUp.feedback ? (
            <ConceptFeedbackView feedback={state.followUp.feedback} answer={state.followUp.answer} />
          ) : null}
        </div>
      ) : null}
      <Reference item={item} label="Model answer" />
    </>
  );
}

function CodingItem(props: ItemProps) {
  const { item, running } = props;
  const state = item.state.kind === 'coding' ? item.state : null;
  const slug = state?.labSlug ?? '';
  const [notes, setNotes] = useState(state?.notes ?? '');
  const { autosave, answer } = useItemSave(props);
  const lab = useQuery({ queryKey: queryKeys.lab(slug), queryFn: () => api.lab(slug), enabled: running });
  const drafts = useQuery({
    queryKey: queryKeys.drafts(slug),
    queryFn: () => api.drafts(slug),
    enabled: running,
    staleTime: Infinity,
    gcTime: 0,
  });
  if (!state) return null;
  return (
    <>
      {running && !state.done ? (
        lab.data && drafts.data ? (
          <div className="lab-page">
            <div>
              <Markdown>{lab.data.prompt}</Markdown>
              <AnswerBox
                id={`notes-${item.id}`}
                visibleLabel
                label={
                  <>
                    <strong>Narrate your thinking</strong>{' '}
                    <span className="muted small">(what you clarify, the approach, its complexity, how you test)</span>
                  </>
                }
                rows={8}
                value={notes}
                readOnly={false}
                onChange={(next) => {
                  setNotes(next);
                  autosave.schedule({ notes: next });
                }}
              />
              <SaveStatus state={autosave.state} />
            </div>
            <Suspense fallback={<Loading label="Loading the editor…" />}>
              <LabWorkspace lab={lab.data} drafts={drafts.data} />
            </Suspense>
          </div>
        ) : lab.isError ? (
          <ErrorMessage error={lab.error} />
        ) : (
          <Loading label="Loading the lab…" />
        )
      ) : (
        <>
          <p>
            {state.score !== null ? `Tests passed: ${state.score}%` : 'No graded submission.'}{' '}
            <Link to={`/labs/${slug}`}>Open the lab</Link>
          </p>
          <h4>Your narration</h4>
          <p className="pre-wrap">{state.notes || '—'}</p>
        </>
      )}
      {running && !state.done ? (
        <button
          type="button"
          className="button primary"
          disabled={answer.isPending}
          onClick={() => answer.mutate({ notes })}
        >
          I’m done coding
        </button>
      ) : null}
      {answer.isError ? <ErrorMessage error={answer.error} /> : null}
    </>
  );
}

function DesignItem(props: ItemProps) {
  const { item, running } = props;
  const state = item.state.kind === 'design' ? item.state : null;
  const [text, setText] = useState<DesignText>(
    state?.text ?? { requirements: '', 'high-level': '', bottlenecks: '', 'trade-offs': '' },
  );
  const [diagram, setDiagram] = useState<Diagram>(state?.diagram ?? { nodes: [], edges: [] });
  const [assumptions, setAssumptions] = useState<DesignAssumptions | null>(state?.assumptions ?? null);
  const { autosave, answer } = useItemSave(props);
  if (!state || !assumptions) return null;
  const save = (next: { text?: DesignText; diagram?: Diagram; assumptions?: DesignAssumptions }) =>
    autosave.schedule({
      text: next.text ?? text,
      diagram: next.diagram ?? diagram,
      assumptions: next.assumptions ?? assumptions,
    });
  return (
    <>
      <div className="design-grid">
        <div className="design-sections">
          {DESIGN_SECTIONS.map((section, i) => (
            <div className="field" key={section}>
              <AnswerBox
                id={`${item.id}-${section}`}
                visibleLabel
                label={`${i + 1}. ${SECTION_LABELS[section]}`}
                rows={5}
                readOnly={!running}
                value={text[section]}
                onChange={(next) => {
                  const updated = { ...text, [section]: next };
                  setText(updated);
                  save({ text: updated });
                }}
              />
            </div>
          ))}
        </div>
        <div>
          <h4>Back of the envelope</h4>
          <EnvelopeCalculator
            value={assumptions}
            onChange={(next) => {
              setAssumptions(next);
              if (running) save({ assumptions: next });
            }}
          />
        </div>
      </div>
      <h4>Diagram</h4>
      <DiagramEditor
        value={diagram}
        readOnly={!running}
        label="System design diagram"
        onChange={(next) => {
          setDiagram(next);
          save({ diagram: next });
        }}
      />
      <div className="editor-actions">
        {running ? (
          <button
            type="button"
            className="button primary"
            disabled={answer.isPending}
            onClick={() => answer.mutate({ text, diagram, assumptions })}
          >
            {state.feedback ? 'Check coverage again' : 'Check my design against the rubric'}
          </button>
        ) : null}
        {running ? <SaveStatus state={autosave.state} /> : null}
      </div>
      {answer.isError ? <ErrorMessage error={answer.error} /> : null}
      {state.feedback ? (
        <FeedbackWithAi
          offline={<DesignFeedbackView feedback={state.feedback} />}
          outcome={state.ai}
          offlineVerdict={verdictOfScore(state.feedback.score)}
        />
      ) : null}
      <Conversation
        mockId={props.mockId}
        item={item}
        running={running}
        onAnswer={(body) => answer.mutate(body)}
        pending={answer.isPending}
        registerFlush={props.registerFlush}
      />
      <Reference item={item} label="Reference design to compare" />
    </>
  );
}

function AssessmentItem({ mockId, item, running }: ItemProps) {
  const state = item.state.kind === 'assessment' ? item.state : null;
  if (!state) return null;
  return (
    <p>
      {state.assessmentId ? (
        <Link className={running ? 'button primary' : ''} to={`/assessments/${state.assessmentId}?mock=${mockId}`}>
          {running ? 'Open the timed labs' : 'See the assessment'}
        </Link>
      ) : (
        'The labs are picked when you begin this stage.'
      )}{' '}
      {state.score !== null ? `Score: ${state.score}%` : null}
    </p>
  );
}
