import type { DOMAttributes, RefCallback } from 'react';
import type { DiagramEdge } from './diagram-model.js';
import { EDGE_FONT_SIZE, type EdgeGeometry, GLYPH_WIDTH } from './diagram-svg.js';

/** An arrow as it is drawn, with the one line of its label that fits. */
export interface DrawnEdge {
  edge: DiagramEdge;
  geometry: EdgeGeometry;
  isSelected: boolean;
  text: string;
}

/** The visible arrow, drawn beneath the boxes; hidden from screen readers (its handle names it). */
export function DiagramEdgeLine({
  drawn: { geometry, isSelected, text },
  markerId,
  editing,
}: {
  drawn: DrawnEdge;
  /** Id of the arrowhead marker; `-selected` is appended for a selected arrow. */
  markerId: string;
  /** Its label is being edited, so the inline editor stands in for the drawn label. */
  editing: boolean;
}) {
  return (
    <g className={`diagram-edge${isSelected ? ' selected' : ''}`}>
      <line
        className="diagram-edge-line"
        x1={geometry.x1}
        y1={geometry.y1}
        x2={geometry.x2}
        y2={geometry.y2}
        markerEnd={`url(#${markerId}${isSelected ? '-selected' : ''})`}
      />
      {text && !editing ? (
        <text className="diagram-edge-label" x={geometry.labelX} y={geometry.labelY} textAnchor="middle">
          {text}
        </text>
      ) : null}
    </g>
  );
}

/**
 * The arrow's focus and click target: an invisible wide line (and label area) above the boxes, so
 * Tab reaches boxes first and arrows after them while the arrows themselves are drawn beneath.
 */
export function DiagramEdgeHandle({
  drawn: { geometry, text },
  name,
  elementRef,
  handlers,
}: {
  drawn: DrawnEdge;
  /** Accessible name, e.g. "Connection: API → Users (reads)". */
  name: string;
  elementRef: RefCallback<SVGGElement>;
  handlers: DOMAttributes<SVGGElement>;
}) {
  return (
    <g ref={elementRef} className="diagram-edge-handle" role="button" tabIndex={0} aria-label={name} {...handlers}>
      <line className="diagram-edge-hit" x1={geometry.x1} y1={geometry.y1} x2={geometry.x2} y2={geometry.y2} />
      {text ? (
        <rect
          className="diagram-edge-label-hit"
          x={geometry.labelX - (text.length * EDGE_FONT_SIZE * GLYPH_WIDTH) / 2 - 4}
          y={geometry.labelY - EDGE_FONT_SIZE}
          width={text.length * EDGE_FONT_SIZE * GLYPH_WIDTH + 8}
          height={EDGE_FONT_SIZE + 6}
        />
      ) : null}
    </g>
  );
}
