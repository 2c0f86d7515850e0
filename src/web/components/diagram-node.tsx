import type { DOMAttributes, RefCallback } from 'react';
import { DIAGRAM_KIND_LABELS, type DiagramNode, NODE_HEIGHT, NODE_WIDTH, type Point } from './diagram-model.js';
import { KIND_SHAPES, layoutNodeText } from './diagram-svg.js';

interface DiagramNodeViewProps {
  node: DiagramNode;
  /** Where the box is drawn: its clamped position, or where it is being dragged. */
  position: Point;
  selected: boolean;
  /** The start of the arrow being connected. */
  source: boolean;
  dragging: boolean;
  /** Its label is being edited, so the inline editor stands in for the drawn label. */
  editing: boolean;
  elementRef: RefCallback<SVGGElement>;
  /** Pointer, focus and key handlers of the focusable box. */
  handlers: DOMAttributes<SVGGElement>;
}

/** One box of the diagram: a focusable shape named for screen readers, and its words drawn beside it. */
export function DiagramNodeView({
  node,
  position,
  selected,
  source,
  dragging,
  editing,
  elementRef,
  handlers,
}: DiagramNodeViewProps) {
  const text = layoutNodeText(node);
  const name = `${DIAGRAM_KIND_LABELS[node.kind]}: ${node.label || 'untitled'}`;
  const classes = ['diagram-node', selected && 'selected', source && 'source', dragging && 'dragging'].filter(Boolean);
  const transform = `translate(${position.x} ${position.y})`;
  return (
    <>
      <g
        ref={elementRef}
        className={classes.join(' ')}
        data-kind={node.kind}
        transform={transform}
        role="button"
        tabIndex={0}
        aria-label={name}
        {...handlers}
      >
        <title>{name}</title>
        <rect className="diagram-node-ring" x={-6} y={-6} width={NODE_WIDTH + 12} height={NODE_HEIGHT + 12} rx={12} />
        {KIND_SHAPES[node.kind].paths.map((path, i) => (
          <path
            key={i}
            d={path.d}
            className={`${path.body ? 'diagram-node-body' : 'diagram-node-detail'}${path.dashed ? ' dashed' : ''}`}
          />
        ))}
      </g>
      {/* The words drawn on the box sit outside the focusable group: its name
          (aria-label) says them once, and axe finds no visible text missing from it. */}
      <g className="diagram-node-text" data-kind={node.kind} transform={transform} aria-hidden="true">
        <text className="diagram-node-kind" x={text.caption.x} y={text.caption.y} textAnchor="middle">
          {text.caption.text}
        </text>
        {editing ? null : (
          <text className="diagram-node-label" textAnchor="middle">
            {text.lines.map((line, i) => (
              <tspan key={i} x={line.x} y={line.y}>
                {line.text}
              </tspan>
            ))}
          </text>
        )}
      </g>
    </>
  );
}
