import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { DraftDto, LabDetail, LabLanguage, SubmissionDto } from '../../shared/labs.js';
import { api } from '../api.js';
import { SAVE_STATE_LABELS, useAutosave } from '../hooks.js';
import { LANGUAGE_LABELS } from '../labels.js';
import { useTheme } from '../theme.js';
import { CodeEditor } from './code-editor.js';
import { GRADING_OFF_REASON, useGradingUnavailable } from './grading-banner.js';
import { AttemptHistory } from './lab-attempts.js';
import { ReferenceSolution } from './lab-reference.js';
import { LabResults } from './lab-results.js';
import { ErrorMessage } from './status.js';
import { queryKeys } from '../queries.js';

/**
 * Keeps one draft per language, saved to the server a moment after typing stops. `flush` saves
 * at once: before a run, and before a timed assessment ends, so the server grades what is on screen.
 */
function useDrafts(lab: LabDetail, drafts: DraftDto[]) {
  const [codes, setCodes] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      lab.starters.map(({ language, code }) => [
        language,
        drafts.find((draft) => draft.language === language)?.code ?? code,
      ]),
    ),
  );
  const autosave = useAutosave(({ language, code }: { language: LabLanguage; code: string }) =>
    api.saveDraft(lab.slug, language, code),
  );
  const edit = (language: LabLanguage, code: string) => {
    setCodes((current) => ({ ...current, [language]: code }));
    autosave.schedule({ language, code });
  };
  return { codes, edit, flush: autosave.flush, saveState: autosave.state };
}

/** Runs or submits code and long-polls until the grader has a verdict. */
function useGrading(lab: LabDetail, assessmentId: string | undefined, onGraded?: (s: SubmissionDto) => void) {
  const queryClient = useQueryClient();
  const [submission, setSubmission] = useState<SubmissionDto | null>(null);
  const grading = useMutation({
    mutationFn: async (body: { language: LabLanguage; code: string; mode: 'run' | 'submit' }) => {
      let current = await api.submit(
        lab.slug,
        { ...body, ...(assessmentId ? { assessmentId } : {}) },
        crypto.randomUUID(),
      );
      setSubmission(current);
      while (current.status === 'queued' || current.status === 'running') {
        current = await api.submission(current.id);
        setSubmission(current);
      }
      return current;
    },
    onSuccess: async (result) => {
      onGraded?.(result);
      if (result.mode === 'submit') {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: queryKeys.labs }),
          queryClient.invalidateQueries({ queryKey: queryKeys.lab(lab.slug) }),
          queryClient.invalidateQueries({ queryKey: queryKeys.attempts(lab.slug) }),
        ]);
      }
    },
  });
  return { submission, setSubmission, grading };
}

interface LabWorkspaceProps {
  lab: LabDetail;
  drafts: DraftDto[];
  /** Inside a timed assessment: submissions count for it, and history and the reference stay hidden. */
  assessmentId?: string;
  /** Registers the function that saves unsaved typing now (a timed assessment calls it at zero). */
  onFlushReady?: (flush: () => Promise<void>) => void;
  onGraded?: (submission: SubmissionDto) => void;
  disabled?: boolean;
}

/** The editor, its toolbar, Run and Submit, the results, and (outside assessments) history and reference. */
export function LabWorkspace({ lab, drafts, assessmentId, onFlushReady, onGraded, disabled }: LabWorkspaceProps) {
  const dark = useTheme() === 'dark';
  const [language, setLanguage] = useState<LabLanguage>(() => {
    const recent = drafts.find((draft) => lab.languages.includes(draft.language));
    return recent?.language ?? lab.languages[0]!;
  });
  const { codes, edit, flush, saveState } = useDrafts(lab, drafts);
  const { submission, setSubmission, grading } = useGrading(lab, assessmentId, onGraded);
  const [undo, setUndo] = useState<{ language: LabLanguage; code: string } | null>(null);
  const gradingOff = useGradingUnavailable() !== null;
  const code = codes[language] ?? '';
  const starter = lab.starters.find((s) => s.language === language)?.code ?? '';

  useEffect(() => {
    onFlushReady?.(flush);
  }, [flush, onFlushReady]);

  const run = (mode: 'run' | 'submit') => {
    if (grading.isPending || disabled || gradingOff) return;
    void flush();
    grading.mutate({ language, code, mode });
  };

  return (
    <div className="lab-workspace">
      <div className="editor-toolbar">
        <div className="field inline">
          <label htmlFor={`language-${lab.slug}`}>Language</label>
          <select
            id={`language-${lab.slug}`}
            value={language}
            onChange={(e) => {
              setLanguage(e.target.value as LabLanguage);
              setUndo(null);
            }}
          >
            {lab.languages.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_LABELS[l]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button small"
          disabled={code === starter || disabled}
          onClick={() => {
            setUndo({ language, code });
            edit(language, starter);
          }}
        >
          Reset to starter
        </button>
        {undo && undo.language === language ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              edit(undo.language, undo.code);
              setUndo(null);
            }}
          >
            Undo reset
          </button>
        ) : null}
        <span className={`save-state save-${saveState}`} role="status" data-testid="save-state">
          {saveState === 'saved' ? 'Draft saved' : SAVE_STATE_LABELS[saveState]}
        </span>
      </div>
      <CodeEditor
        value={code}
        language={language}
        dark={dark}
        label={`Your ${LANGUAGE_LABELS[language]} solution`}
        onChange={(next) => edit(language, next)}
        onRun={() => run('run')}
      />
      <div className="editor-actions">
        <button
          type="button"
          className="button"
          disabled={grading.isPending || disabled || gradingOff}
          aria-describedby={`grading-hint-${lab.slug}`}
          onClick={() => run('run')}
        >
          Run examples
        </button>
        <button
          type="button"
          className="button primary"
          disabled={grading.isPending || disabled || gradingOff}
          aria-describedby={`grading-hint-${lab.slug}`}
          onClick={() => run('submit')}
        >
          Submit
        </button>
        <span className="muted small" id={`grading-hint-${lab.slug}`} data-testid="grading-hint">
          {gradingOff ? (
            GRADING_OFF_REASON
          ) : (
            <>
              Run checks the {lab.visibleTests.length} examples (Ctrl/⌘ + Enter); Submit runs all{' '}
              {lab.visibleTests.length + lab.hiddenTestCount} tests and records an attempt.
            </>
          )}
        </span>
      </div>
      {grading.isError ? <ErrorMessage error={grading.error} /> : null}
      {submission ? <LabResults submission={submission} visibleTests={lab.visibleTests} /> : null}
      {assessmentId ? null : (
        <>
          <ReferenceSolution lab={lab} language={language} passed={lab.status === 'solved'} />
          <AttemptHistory
            slug={lab.slug}
            onShow={(attempt) => setSubmission(attempt)}
            onRestore={(attempt) => {
              setLanguage(attempt.language);
              edit(attempt.language, attempt.code);
            }}
          />
        </>
      )}
    </div>
  );
}
