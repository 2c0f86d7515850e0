import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { Compartment, EditorState, type Extension, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { indentWithTab } from '@codemirror/commands';
import { useEffect, useId, useRef } from 'react';
import { accessibleDark, accessibleLight } from './editor-theme.js';
import type { LabLanguage } from '../../shared/labs.js';

const LANGUAGE_SUPPORT: Record<LabLanguage, () => Extension> = {
  javascript: () => javascript(),
  typescript: () => javascript({ typescript: true }),
  python: () => python(),
  sql: () => sql({ dialect: PostgreSQL }),
};

interface CodeEditorProps {
  /** The document to show; replacing it (reset, language switch) replaces the editor's content. */
  value: string;
  language: LabLanguage;
  onChange: (code: string) => void;
  dark: boolean;
  label: string;
  /** Ctrl/Cmd+Enter. */
  onRun?: () => void;
}

/**
 * Tab indents inside the editor, so a keyboard user needs another way out: Escape switches Tab
 * back to moving focus (until the editor is focused again or another key is typed), and the hint
 * under the editor says so.
 * Escape still closes completions and collapses a selection, because this handler does not claim it.
 */
const escapeReleasesTab = Prec.highest(
  EditorView.domEventHandlers({
    keydown: (event, view) => {
      if (event.key === 'Escape') view.setTabFocusMode(true);
      else if (!['Tab', 'Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) view.setTabFocusMode(false);
      return false;
    },
    focus: (_event, view) => {
      view.setTabFocusMode(false);
      return false;
    },
  }),
);

/**
 * CodeMirror 6 as a controlled-enough React component: the editor owns the text while the user
 * types (React never re-renders it per keystroke), and a `value` that differs from the editor's
 * text — a reset, a loaded draft, another language — replaces the document.
 */
export function CodeEditor({ value, language, onChange, dark, label, onRun }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const view = useRef<EditorView | null>(null);
  const compartments = useRef({ language: new Compartment(), theme: new Compartment() });
  const callbacks = useRef({ onChange, onRun });
  useEffect(() => {
    callbacks.current = { onChange, onRun };
  });

  useEffect(() => {
    const { language: languageSlot, theme } = compartments.current;
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                callbacks.current.onRun?.();
                return true;
              },
            },
            indentWithTab,
          ]),
          escapeReleasesTab,
          basicSetup,
          languageSlot.of(LANGUAGE_SUPPORT[language]()),
          theme.of(dark ? accessibleDark : accessibleLight),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': hintId, tabindex: '0' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; the effects below keep it in step with later props.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.state.doc.toString() === value) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: compartments.current.language.reconfigure(LANGUAGE_SUPPORT[language]()),
    });
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({
      effects: compartments.current.theme.reconfigure(dark ? accessibleDark : accessibleLight),
    });
  }, [dark]);

  return (
    <div className="code-editor-frame">
      <div className="code-editor" ref={host} data-language={language} />
      <p id={hintId} className="muted small editor-hint">
        Tab indents. Press <kbd>Esc</kbd> then <kbd>Tab</kbd> to move on to Run and Submit.
      </p>
    </div>
  );
}
