import type { Dispatch, RefObject } from 'react';
import { DIAGRAM_NODE_KINDS } from '../../shared/diagram.js';
import { DIAGRAM_KIND_LABELS, DIAGRAM_LIMITS, type DiagramNodeKind } from './diagram-model.js';
import type { DiagramAction, DiagramInteraction } from './diagram-interaction.js';

interface DiagramToolbarProps {
  state: DiagramInteraction;
  dispatch: Dispatch<DiagramAction>;
  /** False for a read-only diagram: only the export is offered. */
  editable: boolean;
  idBase: string;
  counts: { nodes: number; edges: number };
  hasSelection: boolean;
  clearButtonRef: RefObject<HTMLButtonElement | null>;
  onAdd: () => void;
  onToggleConnecting: () => void;
  onRename: () => void;
  onDelete: () => void;
  onExport: () => void;
  onClear: () => void;
  onCancelClear: () => void;
}

/** The editor's tools: kind and "Add box", connect, rename, delete, PNG export and a confirmed clear. */
export function DiagramToolbar({
  state,
  dispatch,
  editable,
  idBase,
  counts,
  hasSelection,
  clearButtonRef,
  onAdd,
  onToggleConnecting,
  onRename,
  onDelete,
  onExport,
  onClear,
  onCancelClear,
}: DiagramToolbarProps) {
  const { kind, connecting, confirmingClear, exporting, exportFailed } = state;
  const nodesFull = counts.nodes >= DIAGRAM_LIMITS.nodes;
  const edgesFull = counts.edges >= DIAGRAM_LIMITS.edges;
  return (
    <div className="diagram-toolbar">
      {editable ? (
        <>
          <div className="diagram-tool-group">
            <label className="visually-hidden" htmlFor={`${idBase}-kind`}>
              Kind of box
            </label>
            <select
              id={`${idBase}-kind`}
              value={kind}
              onChange={(event) => dispatch({ type: 'kindChosen', kind: event.target.value as DiagramNodeKind })}
            >
              {DIAGRAM_NODE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {DIAGRAM_KIND_LABELS[k]}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button small"
              onClick={onAdd}
              disabled={nodesFull}
              title={nodesFull ? `A diagram holds at most ${DIAGRAM_LIMITS.nodes} boxes` : undefined}
            >
              Add box
            </button>
          </div>
          <button
            type="button"
            className={`button small${connecting ? ' active' : ''}`}
            aria-pressed={connecting}
            onClick={onToggleConnecting}
            disabled={!connecting && (counts.nodes < 2 || edgesFull)}
            title={edgesFull ? `A diagram holds at most ${DIAGRAM_LIMITS.edges} arrows` : undefined}
          >
            Connect
          </button>
          <button type="button" className="button small" onClick={onRename} disabled={!hasSelection}>
            Rename
          </button>
          <button type="button" className="button small" onClick={onDelete} disabled={!hasSelection}>
            Delete
          </button>
        </>
      ) : null}
      <button type="button" className="button small" onClick={onExport} disabled={exporting}>
        {exporting ? 'Exporting…' : 'Export PNG'}
      </button>
      {editable ? (
        confirmingClear ? (
          <span className="diagram-confirm" role="group" aria-label="Confirm clearing the diagram">
            <span>
              Remove all {counts.nodes} boxes and {counts.edges} arrows?
            </span>
            <button type="button" className="button small danger" onClick={onClear}>
              Clear all
            </button>
            <button type="button" className="button small" autoFocus onClick={onCancelClear}>
              Cancel
            </button>
          </span>
        ) : (
          <button
            ref={clearButtonRef}
            type="button"
            className="button small"
            onClick={() => dispatch({ type: 'clearAsked' })}
            disabled={counts.nodes === 0 && counts.edges === 0}
          >
            Clear
          </button>
        )
      ) : null}
      {exportFailed ? (
        <span className="diagram-error" role="alert">
          Could not export the PNG in this browser.
        </span>
      ) : null}
    </div>
  );
}
