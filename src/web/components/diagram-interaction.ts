/**
 * The diagram editor's interaction state as one pure reducer: what is selected, connect mode and its
 * start box, the inline label editor, the box being dragged, the clear confirmation, export progress
 * and the message read to screen readers. Actions describe what happened; the editor computes the
 * new diagram with the model (diagram-model.ts) and passes here only what the messages name.
 */
import { DIAGRAM_KIND_LABELS, type DiagramNode, type DiagramNodeKind } from './diagram-model.js';

export type DiagramSelection = { type: 'node' | 'edge'; id: string };
export type DiagramEditing = DiagramSelection & { draft: string };

export interface DiagramInteraction {
  /** The kind the next "Add box" adds. */
  kind: DiagramNodeKind;
  selection: DiagramSelection | null;
  connecting: boolean;
  /** The box the next arrow starts from, while connecting. */
  source: string | null;
  editing: DiagramEditing | null;
  /** Where the dragged box is drawn until the drag ends (the diagram changes once, on release). */
  drag: { id: string; x: number; y: number } | null;
  confirmingClear: boolean;
  /** The latest message for the polite live region. */
  announcement: string;
  exporting: boolean;
  exportFailed: boolean;
}

export type DiagramAction =
  | { type: 'kindChosen'; kind: DiagramNodeKind }
  | { type: 'selected'; item: DiagramSelection }
  | { type: 'nodeAdded'; node: DiagramNode }
  | { type: 'nodeDeleted'; node: DiagramNode; arrows: number }
  | { type: 'edgeDeleted'; from: string; to: string }
  | { type: 'connectToggled' }
  /** A box picked as the start of an arrow. */
  | { type: 'sourcePicked'; id: string; name: string }
  /** The start box picked again: it is no longer the start. */
  | { type: 'sourceCleared' }
  /** The end box picked: `added` false when the arrow exists already or the diagram is full. */
  | { type: 'connected'; from: string; to: string; added: boolean; full: boolean }
  | { type: 'backgroundPressed' }
  /** Escape on the canvas: undoes the innermost of start box, connect mode, selection. */
  | { type: 'escaped' }
  | { type: 'clearAsked' }
  | { type: 'clearCancelled' }
  | { type: 'cleared' }
  | { type: 'editStarted'; item: DiagramSelection; draft: string }
  | { type: 'draftChanged'; draft: string }
  | { type: 'editFinished' }
  | { type: 'dragMoved'; id: string; x: number; y: number }
  | { type: 'dragEnded' }
  | { type: 'exportStarted' }
  | { type: 'exportSucceeded' }
  | { type: 'exportFailed' };

export const initialDiagramInteraction: DiagramInteraction = {
  kind: 'service',
  selection: null,
  connecting: false,
  source: null,
  editing: null,
  drag: null,
  confirmingClear: false,
  announcement: '',
  exporting: false,
  exportFailed: false,
};

function toggleConnecting(state: DiagramInteraction): DiagramInteraction {
  const connecting = !state.connecting;
  return {
    ...state,
    connecting,
    source: null,
    announcement: connecting ? 'Connect mode: choose the box the arrow starts from.' : 'Connect mode off.',
  };
}

/** The next interaction state after `action`. Pure: no DOM, no diagram change, no focus. */
export function diagramInteraction(state: DiagramInteraction, action: DiagramAction): DiagramInteraction {
  switch (action.type) {
    case 'kindChosen':
      return { ...state, kind: action.kind };
    case 'selected':
      return { ...state, selection: action.item };
    case 'nodeAdded': {
      const { node } = action;
      return {
        ...state,
        announcement: `Added ${DIAGRAM_KIND_LABELS[node.kind]} "${node.label}". Type a name and press Enter.`,
        selection: { type: 'node', id: node.id },
        confirmingClear: false,
        editing: { type: 'node', id: node.id, draft: node.label },
      };
    }
    case 'nodeDeleted': {
      const { node, arrows } = action;
      const also = arrows ? ` and ${arrows} connection${arrows === 1 ? '' : 's'}` : '';
      return {
        ...state,
        announcement: `Deleted ${DIAGRAM_KIND_LABELS[node.kind]} "${node.label || 'untitled'}"${also}.`,
        source: state.source === node.id ? null : state.source,
        selection: null,
      };
    }
    case 'edgeDeleted':
      return { ...state, announcement: `Deleted connection ${action.from} → ${action.to}.`, selection: null };
    case 'connectToggled':
      return toggleConnecting(state);
    case 'sourcePicked':
      return {
        ...state,
        source: action.id,
        announcement: `Arrow from "${action.name}": now choose the box it points to.`,
      };
    case 'sourceCleared':
      return { ...state, source: null, announcement: 'Start box cleared. Choose the box the arrow starts from.' };
    case 'connected': {
      const { from, to } = action;
      const announcement = action.added
        ? `Connected "${from}" to "${to}". Choose the next start box, or press Escape to stop.`
        : action.full
          ? 'The diagram holds the most arrows it can.'
          : `"${from}" already points to "${to}".`;
      return { ...state, source: null, announcement };
    }
    case 'backgroundPressed':
      return { ...state, selection: null, source: null };
    case 'escaped':
      if (state.source) return { ...state, source: null };
      if (state.connecting) return toggleConnecting(state);
      return { ...state, selection: null };
    case 'clearAsked':
      return { ...state, confirmingClear: true };
    case 'clearCancelled':
      return { ...state, confirmingClear: false };
    case 'cleared':
      return {
        ...state,
        announcement: 'Cleared the diagram.',
        confirmingClear: false,
        selection: null,
        source: null,
      };
    case 'editStarted':
      return { ...state, editing: { ...action.item, draft: action.draft } };
    case 'draftChanged':
      return state.editing ? { ...state, editing: { ...state.editing, draft: action.draft } } : state;
    case 'editFinished':
      return { ...state, editing: null };
    case 'dragMoved':
      return { ...state, drag: { id: action.id, x: action.x, y: action.y } };
    case 'dragEnded':
      return state.drag ? { ...state, drag: null } : state;
    case 'exportStarted':
      return { ...state, exporting: true, exportFailed: false };
    case 'exportSucceeded':
      return { ...state, exporting: false, announcement: 'Downloaded design.png.' };
    case 'exportFailed':
      return { ...state, exporting: false, exportFailed: true };
  }
}
