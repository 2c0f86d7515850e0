import {
  useEffect,
  useReducer,
  useRef,
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  type RefCallback,
} from 'react';
import type { Diagram } from '../../shared/diagram.js';
import { type DiagramSelection, diagramInteraction, initialDiagramInteraction } from './diagram-interaction.js';
import {
  addNode,
  clampPosition,
  connect,
  DIAGRAM_LIMITS,
  type DiagramEdge,
  type DiagramNode,
  moveNode,
  type Point,
  relabelEdge,
  removeEdge,
  removeNode,
  renameNode,
} from './diagram-model.js';
import { bidirectionalEdges, diagramToSvg, downloadBlob, placedPositions, svgToPng } from './diagram-svg.js';

type Focusable = HTMLElement | SVGElement | null | undefined;

const ARROW_STEPS: Record<string, Point> = {
  ArrowLeft: { x: -10, y: 0 },
  ArrowRight: { x: 10, y: 0 },
  ArrowUp: { x: 0, y: -10 },
  ArrowDown: { x: 0, y: 10 },
};

/** A ref callback that keeps `elements` mapping `id` to the mounted element. */
const registerIn =
  (elements: Map<string, SVGGElement>, id: string): RefCallback<SVGGElement> =>
  (element) => {
    if (element) elements.set(id, element);
    return () => {
      elements.delete(id);
    };
  };

/**
 * The diagram editor's behaviour: the interaction reducer (diagram-interaction.ts) plus what it
 * cannot hold, as commands and event handlers that change the diagram through `onChange`. The refs
 * are what a handler must read or write within the same event, before React re-renders, and the
 * elements that focus returns to once the parent has re-rendered with the new diagram.
 */
export function useDiagramInteraction({
  value,
  onChange,
  readOnly,
}: {
  value: Diagram;
  onChange: (diagram: Diagram) => void;
  readOnly: boolean;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const clearButtonRef = useRef<HTMLButtonElement>(null);
  const nodeElements = useRef(new Map<string, SVGGElement>());
  const edgeElements = useRef(new Map<string, SVGGElement>());
  /** Focus to move once the element exists: after the parent has re-rendered with the new diagram. */
  const pendingFocus = useRef<(() => Focusable) | null>(null);
  const dragStart = useRef<{
    id: string;
    pointerId: number;
    grab: Point;
    start: Point;
    moved: boolean;
  } | null>(null);
  /** How the inline editor closes: set by Enter/Escape just before they blur it. */
  const editClose = useRef<'commit' | 'commit-and-return' | 'cancel'>('commit');
  const editOpen = useRef(false);

  const [state, dispatch] = useReducer(diagramInteraction, initialDiagramInteraction);
  const { selection, connecting, source, editing, drag } = state;

  useEffect(() => {
    const target = pendingFocus.current?.();
    if (target) {
      target.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const nodesById = new Map(value.nodes.map((n) => [n.id, n]));
  const edgesById = new Map(value.edges.map((e) => [e.id, e]));
  const positions = placedPositions(value);
  if (drag && positions.has(drag.id)) positions.set(drag.id, { x: drag.x, y: drag.y });
  const bidirectional = bidirectionalEdges(value);
  const selected =
    selection && (selection.type === 'node' ? nodesById.has(selection.id) : edgesById.has(selection.id))
      ? selection
      : null;
  const sourceNode = connecting && source ? nodesById.get(source) : undefined;
  const edgesFull = value.edges.length >= DIAGRAM_LIMITS.edges;
  const editable = !readOnly;
  const nameOf = (id: string) => nodesById.get(id)?.label || 'untitled';
  const select = (item: DiagramSelection) => dispatch({ type: 'selected', item });

  function commit(next: Diagram) {
    if (next !== value) onChange(next);
  }

  function focusLater(target: () => Focusable) {
    pendingFocus.current = target;
  }

  function addBox() {
    const next = addNode(value, state.kind);
    const node = next.nodes.at(-1);
    if (next === value || !node) return;
    commit(next);
    editClose.current = 'commit';
    editOpen.current = true;
    dispatch({ type: 'nodeAdded', node });
  }

  function deleteSelection() {
    if (!selected) return;
    if (selected.type === 'node') {
      const node = nodesById.get(selected.id);
      if (!node) return;
      const arrows = value.edges.filter((e) => e.from === selected.id || e.to === selected.id).length;
      commit(removeNode(value, selected.id));
      dispatch({ type: 'nodeDeleted', node, arrows });
    } else {
      const edge = edgesById.get(selected.id);
      if (!edge) return;
      commit(removeEdge(value, selected.id));
      dispatch({ type: 'edgeDeleted', from: nameOf(edge.from), to: nameOf(edge.to) });
    }
    focusLater(() => svgRef.current);
  }

  function pickForConnection(node: DiagramNode) {
    if (!sourceNode) {
      dispatch({ type: 'sourcePicked', id: node.id, name: nameOf(node.id) });
      return;
    }
    if (sourceNode.id === node.id) {
      dispatch({ type: 'sourceCleared' });
      return;
    }
    const next = connect(value, sourceNode.id, node.id);
    commit(next);
    dispatch({
      type: 'connected',
      from: nameOf(sourceNode.id),
      to: nameOf(node.id),
      added: next !== value,
      full: edgesFull,
    });
  }

  function clearAll() {
    commit({ nodes: [], edges: [] });
    dispatch({ type: 'cleared' });
    focusLater(() => svgRef.current);
  }

  async function exportPng() {
    dispatch({ type: 'exportStarted' });
    try {
      downloadBlob(await svgToPng(diagramToSvg(value)), 'design.png');
      dispatch({ type: 'exportSucceeded' });
    } catch {
      dispatch({ type: 'exportFailed' });
    }
  }

  function startEditing(item: DiagramSelection) {
    if (readOnly) return;
    const text = item.type === 'node' ? nodesById.get(item.id)?.label : edgesById.get(item.id)?.label;
    if (text === undefined) return;
    editClose.current = 'commit';
    editOpen.current = true;
    dispatch({ type: 'editStarted', item, draft: text });
  }

  function finishEditing() {
    // Blur can fire twice (Enter blurs, then the input unmounts): close once.
    if (!editing || !editOpen.current) return;
    editOpen.current = false;
    const how = editClose.current;
    editClose.current = 'commit';
    dispatch({ type: 'editFinished' });
    if (how !== 'cancel') {
      // An emptied box name keeps the old one: a box without a name helps no one.
      if (editing.type === 'node' && editing.draft.trim()) commit(renameNode(value, editing.id, editing.draft));
      if (editing.type === 'edge') commit(relabelEdge(value, editing.id, editing.draft));
    }
    if (how !== 'commit') {
      const elements = editing.type === 'node' ? nodeElements : edgeElements;
      focusLater(() => elements.current.get(editing.id));
    }
  }

  // ------------------------------------------------ pointer

  function toCanvas(event: { clientX: number; clientY: number }): Point | null {
    const matrix = svgRef.current?.getScreenCTM();
    if (!matrix) return null;
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return { x: p.x, y: p.y };
  }

  function onNodePointerDown(event: ReactPointerEvent<SVGGElement>, node: DiagramNode) {
    if (event.button !== 0) return;
    event.currentTarget.focus({ preventScroll: true });
    select({ type: 'node', id: node.id });
    if (readOnly || connecting) return;
    const p = toCanvas(event);
    const position = positions.get(node.id);
    if (!p || !position) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    dragStart.current = {
      id: node.id,
      pointerId: event.pointerId,
      grab: { x: p.x - position.x, y: p.y - position.y },
      start: p,
      moved: false,
    };
  }

  function onNodePointerMove(event: ReactPointerEvent<SVGGElement>) {
    const start = dragStart.current;
    if (!start || start.pointerId !== event.pointerId) return;
    const p = toCanvas(event);
    if (!p) return;
    if (!start.moved && Math.hypot(p.x - start.start.x, p.y - start.start.y) < 3) return;
    start.moved = true;
    dispatch({ type: 'dragMoved', id: start.id, ...clampPosition(p.x - start.grab.x, p.y - start.grab.y) });
  }

  function onNodePointerUp(event: ReactPointerEvent<SVGGElement>) {
    const start = dragStart.current;
    if (!start || start.pointerId !== event.pointerId) return;
    dragStart.current = null;
    dispatch({ type: 'dragEnded' });
    const p = toCanvas(event);
    if (start.moved && p) commit(moveNode(value, start.id, p.x - start.grab.x, p.y - start.grab.y));
  }

  function cancelDrag() {
    dragStart.current = null;
    dispatch({ type: 'dragEnded' });
  }

  function onCanvasPointerDown(event: ReactPointerEvent<SVGSVGElement>) {
    const target = event.target as Element;
    if (target !== event.currentTarget && !target.classList.contains('diagram-background')) return;
    dispatch({ type: 'backgroundPressed' });
  }

  // ------------------------------------------------ keyboard

  function onCanvasKeyDown(event: ReactKeyboardEvent<SVGSVGElement>) {
    if (event.key === 'Escape') {
      if (!source && !connecting && !selected) return;
      dispatch({ type: 'escaped' });
      event.preventDefault();
      return;
    }
    if (readOnly || !selected) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      deleteSelection();
    }
  }

  function onNodeKeyDown(event: ReactKeyboardEvent<SVGGElement>, node: DiagramNode) {
    const step = ARROW_STEPS[event.key];
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select({ type: 'node', id: node.id });
      if (connecting && editable) pickForConnection(node);
      else if (event.key === 'Enter') startEditing({ type: 'node', id: node.id });
    } else if (step && editable && !event.altKey && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      const position = positions.get(node.id) ?? node;
      commit(moveNode(value, node.id, position.x + step.x, position.y + step.y));
    }
  }

  function onEdgeKeyDown(event: ReactKeyboardEvent<SVGGElement>, edge: DiagramEdge) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select({ type: 'edge', id: edge.id });
      if (event.key === 'Enter') startEditing({ type: 'edge', id: edge.id });
    }
  }

  return {
    state,
    dispatch,
    svgRef,
    clearButtonRef,
    registerNode: (id: string) => registerIn(nodeElements.current, id),
    registerEdge: (id: string) => registerIn(edgeElements.current, id),
    edgesById,
    positions,
    bidirectional,
    selected,
    sourceNode,
    nameOf,
    select,
    addBox,
    deleteSelection,
    pickForConnection,
    clearAll,
    cancelClear() {
      dispatch({ type: 'clearCancelled' });
      focusLater(() => clearButtonRef.current);
    },
    exportPng,
    startEditing,
    finishEditing,
    /** Enter or Escape in the inline editor: how the blur that follows closes it. */
    closeEditorWith(how: 'commit-and-return' | 'cancel') {
      editClose.current = how;
    },
    onNodePointerDown,
    onNodePointerMove,
    onNodePointerUp,
    cancelDrag,
    onCanvasPointerDown,
    onCanvasKeyDown,
    onNodeKeyDown,
    onEdgeKeyDown,
  };
}
