import { useId } from 'react';
import type { Diagram } from '../../shared/diagram.js';
import { DiagramEdgeHandle, DiagramEdgeLine, type DrawnEdge } from './diagram-edge.js';
import { DiagramInlineEditor } from './diagram-inline-editor.js';
import { CANVAS_HEIGHT, CANVAS_WIDTH, describeDiagram, NODE_HEIGHT, NODE_WIDTH } from './diagram-model.js';
import { DiagramNodeView } from './diagram-node.js';
import { EDGE_FONT_SIZE, edgeGeometry, edgeLabelText } from './diagram-svg.js';
import { DiagramToolbar } from './diagram-toolbar.js';
import { useDiagramInteraction } from './use-diagram-interaction.js';
import './diagram-editor.css';

interface DiagramEditorProps {
  value: Diagram;
  onChange: (diagram: Diagram) => void;
  /** Shows the diagram (focusable, exportable) without editing tools. */
  readOnly?: boolean;
  /** Accessible name of the canvas, e.g. "Design diagram for a URL shortener". */
  label: string;
}

/**
 * A system-design diagram editor: boxes of a few kinds joined by labelled arrows, drawn in SVG on a
 * 960×540 canvas scaled to the container's width. Controlled: every edit calls `onChange` with a new
 * diagram built by the model's pure helpers (a drag calls it once, on release). Works with a mouse,
 * touch (pointer events) and the keyboard, and announces additions and deletions to screen readers.
 * Its behaviour lives in `useDiagramInteraction`; this draws the toolbar, the canvas and the inline editor.
 */
export function DiagramEditor({ value, onChange, readOnly = false, label }: DiagramEditorProps) {
  const idBase = useId().replace(/[^\w-]/g, '');
  // Taken apart here: the React hooks lint treats an object that holds refs as a ref, not to be read in render.
  const {
    state,
    dispatch,
    positions,
    bidirectional,
    selected,
    sourceNode,
    nameOf,
    select,
    addBox,
    cancelClear,
    cancelDrag,
    clearAll,
    clearButtonRef,
    closeEditorWith,
    deleteSelection,
    edgesById,
    exportPng,
    finishEditing,
    onCanvasKeyDown,
    onCanvasPointerDown,
    onEdgeKeyDown,
    onNodeKeyDown,
    onNodePointerDown,
    onNodePointerMove,
    onNodePointerUp,
    pickForConnection,
    registerEdge,
    registerNode,
    startEditing,
    svgRef,
  } = useDiagramInteraction({ value, onChange, readOnly });
  const { connecting, editing, drag } = state;
  const editable = !readOnly;

  const drawnEdges: DrawnEdge[] = value.edges.flatMap((edge) => {
    const from = positions.get(edge.from);
    const to = positions.get(edge.to);
    const geometry = from && to ? edgeGeometry(from, to, bidirectional.has(edge.id)) : null;
    if (!geometry) return [];
    const isSelected = selected?.type === 'edge' && selected.id === edge.id;
    return [{ edge, geometry, isSelected, text: edgeLabelText(edge.label) }];
  });

  const editingNode = editing?.type === 'node' ? positions.get(editing.id) : undefined;
  const editingEdge = editing?.type === 'edge' ? edgesById.get(editing.id) : undefined;
  const editingEdgeGeometry = (() => {
    if (!editingEdge) return null;
    const from = positions.get(editingEdge.from);
    const to = positions.get(editingEdge.to);
    return from && to ? edgeGeometry(from, to, bidirectional.has(editingEdge.id)) : null;
  })();
  const editorAnchor = editingNode
    ? { x: editingNode.x + NODE_WIDTH / 2, y: editingNode.y + NODE_HEIGHT / 2 }
    : editingEdgeGeometry
      ? { x: editingEdgeGeometry.labelX, y: editingEdgeGeometry.labelY - EDGE_FONT_SIZE / 3 }
      : null;

  const hint = readOnly
    ? 'Tab through the boxes and arrows to hear them; the list below describes the whole diagram.'
    : connecting
      ? sourceNode
        ? `Choose the box the arrow from "${sourceNode.label || 'untitled'}" points to. Escape stops connecting.`
        : 'Choose the box the arrow starts from, then the box it points to. Escape stops connecting.'
      : 'Drag boxes to move them; double-click a box or arrow to rename it. Keyboard: Tab to a box, arrow keys move it, Enter renames, Delete removes, Escape deselects.';

  return (
    <div className={`diagram-editor${readOnly ? ' read-only' : ''}`}>
      <DiagramToolbar
        state={state}
        dispatch={dispatch}
        editable={editable}
        idBase={idBase}
        counts={{ nodes: value.nodes.length, edges: value.edges.length }}
        hasSelection={selected !== null}
        clearButtonRef={clearButtonRef}
        onAdd={addBox}
        onToggleConnecting={() => dispatch({ type: 'connectToggled' })}
        onRename={() => selected && startEditing(selected)}
        onDelete={deleteSelection}
        onExport={() => void exportPng()}
        onClear={clearAll}
        onCancelClear={cancelClear}
      />

      <p id={`${idBase}-hint`} className="diagram-hint small muted">
        {hint}
      </p>

      <div className="diagram-canvas">
        <svg
          ref={svgRef}
          viewBox={`0 0 ${CANVAS_WIDTH} ${CANVAS_HEIGHT}`}
          role="application"
          aria-label={label}
          aria-describedby={`${idBase}-hint`}
          tabIndex={0}
          className={connecting ? 'connecting' : undefined}
          onPointerDown={onCanvasPointerDown}
          onKeyDown={onCanvasKeyDown}
        >
          <CanvasDefs idBase={idBase} />
          <rect
            className="diagram-background"
            width={CANVAS_WIDTH}
            height={CANVAS_HEIGHT}
            fill={`url(#${idBase}-grid)`}
          />
          {value.nodes.length === 0 ? (
            <text
              className="diagram-empty"
              x={CANVAS_WIDTH / 2}
              y={CANVAS_HEIGHT / 2}
              textAnchor="middle"
              aria-hidden="true"
            >
              {readOnly ? 'No diagram' : 'Choose a kind and press “Add box” to start your design'}
            </text>
          ) : null}

          <g className="diagram-edges" aria-hidden="true">
            {drawnEdges.map((drawn) => (
              <DiagramEdgeLine
                key={drawn.edge.id}
                drawn={drawn}
                markerId={`${idBase}-arrow`}
                editing={editing?.type === 'edge' && editing.id === drawn.edge.id}
              />
            ))}
          </g>

          <g className="diagram-nodes">
            {value.nodes.map((node) => (
              <DiagramNodeView
                key={node.id}
                node={node}
                position={positions.get(node.id) ?? node}
                selected={selected?.type === 'node' && selected.id === node.id}
                source={sourceNode?.id === node.id}
                dragging={drag?.id === node.id}
                editing={editing?.type === 'node' && editing.id === node.id}
                elementRef={registerNode(node.id)}
                handlers={{
                  onFocus: () => select({ type: 'node', id: node.id }),
                  onPointerDown: (event) => onNodePointerDown(event, node),
                  onPointerMove: onNodePointerMove,
                  onPointerUp: onNodePointerUp,
                  onPointerCancel: cancelDrag,
                  onLostPointerCapture: cancelDrag,
                  onClick: () => {
                    if (connecting && editable) pickForConnection(node);
                  },
                  onDoubleClick: () => {
                    if (!connecting) startEditing({ type: 'node', id: node.id });
                  },
                  onKeyDown: (event) => onNodeKeyDown(event, node),
                }}
              />
            ))}
          </g>

          <g className="diagram-edge-handles">
            {drawnEdges.map((drawn) => {
              const { edge } = drawn;
              return (
                <DiagramEdgeHandle
                  key={edge.id}
                  drawn={drawn}
                  name={`Connection: ${nameOf(edge.from)} → ${nameOf(edge.to)}${edge.label ? ` (${edge.label})` : ''}`}
                  elementRef={registerEdge(edge.id)}
                  handlers={{
                    onFocus: () => select({ type: 'edge', id: edge.id }),
                    onPointerDown: (event) => {
                      if (event.button !== 0) return;
                      event.currentTarget.focus({ preventScroll: true });
                      select({ type: 'edge', id: edge.id });
                    },
                    onDoubleClick: () => startEditing({ type: 'edge', id: edge.id }),
                    onKeyDown: (event) => onEdgeKeyDown(event, edge),
                  }}
                />
              );
            })}
          </g>
        </svg>

        {editing && editorAnchor ? (
          <DiagramInlineEditor
            editing={editing}
            anchor={editorAnchor}
            name={
              editing.type === 'node'
                ? `Name of ${nameOf(editing.id)}`
                : `Label of the arrow ${editingEdge ? `${nameOf(editingEdge.from)} → ${nameOf(editingEdge.to)}` : ''}`
            }
            onDraftChange={(draft) => dispatch({ type: 'draftChanged', draft })}
            onCloseKey={closeEditorWith}
            onBlur={finishEditing}
          />
        ) : null}
      </div>

      <p className="diagram-summary small">{describeDiagram(value)}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {state.announcement}
      </p>
    </div>
  );
}

/** The canvas's dotted grid and its two arrowheads (plain and selected). */
function CanvasDefs({ idBase }: { idBase: string }) {
  return (
    <defs>
      <pattern id={`${idBase}-grid`} width="24" height="24" patternUnits="userSpaceOnUse">
        <circle className="diagram-grid-dot" cx="12" cy="12" r="1" />
      </pattern>
      <marker
        id={`${idBase}-arrow`}
        className="diagram-arrowhead"
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="8"
        markerHeight="8"
        orient="auto-start-reverse"
      >
        <path d="M0,0 L10,5 L0,10 Z" />
      </marker>
      <marker
        id={`${idBase}-arrow-selected`}
        className="diagram-arrowhead selected"
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="7"
        markerHeight="7"
        orient="auto-start-reverse"
      >
        <path d="M0,0 L10,5 L0,10 Z" />
      </marker>
    </defs>
  );
}
