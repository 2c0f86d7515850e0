import { describe, expect, it } from 'vitest';
import { Diagram, EMPTY_DIAGRAM } from '../../shared/diagram.js';
import {
  addNode,
  CANVAS_HEIGHT,
  CANVAS_WIDTH,
  connect,
  describeDiagram,
  DIAGRAM_LIMITS,
  moveNode,
  NODE_HEIGHT,
  NODE_WIDTH,
  relabelEdge,
  removeEdge,
  removeNode,
  renameNode,
} from './diagram-model.js';

/** A diagram of boxes `a`, `b`, `c` (services) and the arrows given as "a>b" pairs. */
function diagramOf(...arrows: string[]): Diagram {
  return {
    nodes: ['a', 'b', 'c'].map((id, i) => ({
      id,
      label: id.toUpperCase(),
      kind: 'service' as const,
      x: i * 200,
      y: 0,
    })),
    edges: arrows.map((pair, i) => {
      const [from = '', to = ''] = pair.split('>');
      return { id: `x${i}`, from, to, label: '' };
    }),
  };
}

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return a.x < b.x + NODE_WIDTH && b.x < a.x + NODE_WIDTH && a.y < b.y + NODE_HEIGHT && b.y < a.y + NODE_HEIGHT;
}

describe('addNode', () => {
  it('adds a box with a fresh id, the kind as its label, inside the canvas', () => {
    const next = addNode(EMPTY_DIAGRAM, 'database');
    expect(next.nodes).toEqual([
      { id: 'n1', label: 'Database', kind: 'database', x: expect.any(Number), y: expect.any(Number) },
    ]);
    const [node] = next.nodes;
    expect(node!.x).toBeGreaterThanOrEqual(0);
    expect(node!.x + NODE_WIDTH).toBeLessThanOrEqual(CANVAS_WIDTH);
    expect(EMPTY_DIAGRAM.nodes).toEqual([]);
  });

  it('never reuses an id and numbers repeated default labels', () => {
    const start: Diagram = {
      nodes: [
        { id: 'n7', label: 'Cache', kind: 'cache', x: 0, y: 0 },
        { id: 'custom', label: 'Cache 2', kind: 'cache', x: 300, y: 0 },
      ],
      edges: [],
    };
    const next = addNode(start, 'cache');
    expect(next.nodes.at(-1)).toMatchObject({ id: 'n8', label: 'Cache 3' });
    expect(new Set(addNode(next, 'cache').nodes.map((n) => n.id)).size).toBe(4);
  });

  it('places each new box where it overlaps no other box while there is room', () => {
    let diagram: Diagram = EMPTY_DIAGRAM;
    for (let i = 0; i < 20; i++) diagram = addNode(diagram, 'service');
    for (const [i, a] of diagram.nodes.entries()) {
      for (const b of diagram.nodes.slice(i + 1)) expect(overlaps(a, b), `${a.id} and ${b.id}`).toBe(false);
    }
  });

  it('takes a label and a position, trimmed, cut to the schema and clamped', () => {
    const next = addNode(EMPTY_DIAGRAM, 'client', { label: `  ${'x'.repeat(100)}  `, x: 5000, y: -50 });
    expect(next.nodes[0]).toMatchObject({ label: 'x'.repeat(80), x: CANVAS_WIDTH - NODE_WIDTH, y: 0 });
  });

  it('stops at the schema limit of boxes, returning the same diagram', () => {
    let diagram: Diagram = EMPTY_DIAGRAM;
    for (let i = 0; i < DIAGRAM_LIMITS.nodes; i++) diagram = addNode(diagram, 'queue');
    expect(diagram.nodes).toHaveLength(80);
    expect(Diagram.safeParse(diagram).success).toBe(true);
    expect(addNode(diagram, 'queue')).toBe(diagram);
  });
});

describe('moveNode', () => {
  it('moves a box, clamped inside the canvas, without mutating', () => {
    const start = diagramOf();
    const next = moveNode(start, 'b', 10.4, 9999);
    expect(next.nodes[1]).toMatchObject({ x: 10, y: CANVAS_HEIGHT - NODE_HEIGHT });
    expect(start.nodes[1]).toMatchObject({ x: 200, y: 0 });
    expect(next.nodes[0]).toBe(start.nodes[0]);
  });

  it('returns the same diagram for an unknown box, no change or a non-finite position', () => {
    const start = diagramOf();
    expect(moveNode(start, 'zz', 1, 1)).toBe(start);
    expect(moveNode(start, 'a', 0, 0)).toBe(start);
    expect(moveNode(start, 'a', Number.NaN, 0)).toBe(start);
  });
});

describe('renameNode', () => {
  it('trims and cuts the label to 80 characters', () => {
    expect(renameNode(diagramOf(), 'a', '  API gateway ').nodes[0]!.label).toBe('API gateway');
    expect(renameNode(diagramOf(), 'a', 'y'.repeat(90)).nodes[0]!.label).toHaveLength(80);
  });

  it('does not split a surrogate pair at the limit', () => {
    const label = renameNode(diagramOf(), 'a', `${'y'.repeat(79)}😀`).nodes[0]!.label;
    expect(label).toBe('y'.repeat(79));
  });

  it('returns the same diagram for an unknown box or the same label', () => {
    const start = diagramOf();
    expect(renameNode(start, 'zz', 'x')).toBe(start);
    expect(renameNode(start, 'a', 'A')).toBe(start);
  });
});

describe('removeNode', () => {
  it('removes the box and every arrow from or to it', () => {
    const next = removeNode(diagramOf('a>b', 'b>c', 'c>a'), 'b');
    expect(next.nodes.map((n) => n.id)).toEqual(['a', 'c']);
    expect(next.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['c>a']);
  });

  it('returns the same diagram for an unknown box', () => {
    const start = diagramOf('a>b');
    expect(removeNode(start, 'zz')).toBe(start);
  });
});

describe('connect', () => {
  it('adds an arrow with a fresh id and a trimmed label', () => {
    const next = connect(diagramOf(), 'a', 'b', '  reads ');
    expect(next.edges).toEqual([{ id: 'e1', from: 'a', to: 'b', label: 'reads' }]);
    expect(connect(next, 'b', 'c').edges.at(-1)!.id).toBe('e2');
  });

  it('allows the reverse arrow', () => {
    expect(connect(diagramOf('a>b'), 'b', 'a').edges).toHaveLength(2);
  });

  it('refuses self-loops, duplicates, missing boxes and more than 160 arrows', () => {
    const start = diagramOf('a>b');
    expect(connect(start, 'a', 'a')).toBe(start);
    expect(connect(start, 'a', 'b')).toBe(start);
    expect(connect(start, 'a', 'zz')).toBe(start);
    expect(connect(start, 'zz', 'a')).toBe(start);

    let full: Diagram = { nodes: [], edges: [] };
    for (let i = 0; i < 14; i++) full = addNode(full, 'service'); // 14 × 13 = 182 possible arrows
    for (const from of full.nodes) for (const to of full.nodes) full = connect(full, from.id, to.id);
    expect(full.edges).toHaveLength(DIAGRAM_LIMITS.edges);
    expect(Diagram.safeParse(full).success).toBe(true);
    expect(new Set(full.edges.map((e) => e.id)).size).toBe(160);
    const [last, first] = [full.nodes.at(-1)!, full.nodes[0]!];
    expect(full.edges.some((e) => e.from === last.id && e.to === first.id)).toBe(false);
    expect(connect(full, last.id, first.id)).toBe(full);
  });
});

describe('removeEdge and relabelEdge', () => {
  it('removes one arrow', () => {
    const next = removeEdge(diagramOf('a>b', 'b>c'), 'x0');
    expect(next.edges.map((e) => e.id)).toEqual(['x1']);
    expect(next.nodes).toHaveLength(3);
  });

  it('relabels an arrow, trimmed and cut to 60 characters; empty clears it', () => {
    const start = diagramOf('a>b');
    expect(relabelEdge(start, 'x0', ' HTTPS ').edges[0]!.label).toBe('HTTPS');
    expect(relabelEdge(start, 'x0', 'z'.repeat(70)).edges[0]!.label).toHaveLength(60);
    expect(relabelEdge(relabelEdge(start, 'x0', 'events'), 'x0', '  ').edges[0]!.label).toBe('');
    expect(start.edges[0]!.label).toBe('');
  });

  it('returns the same diagram for an unknown arrow or no change', () => {
    const start = diagramOf('a>b');
    expect(removeEdge(start, 'nope')).toBe(start);
    expect(relabelEdge(start, 'nope', 'x')).toBe(start);
    expect(relabelEdge(start, 'x0', '')).toBe(start);
  });
});

describe('describeDiagram', () => {
  it('lists components and connections with labels', () => {
    const diagram = relabelEdge(diagramOf('a>b', 'b>c'), 'x0', 'reads');
    expect(describeDiagram(diagram)).toBe(
      'Components: A (Service), B (Service), C (Service); Connections: A → B (reads), B → C',
    );
    expect(describeDiagram(EMPTY_DIAGRAM)).toBe('Components: none; Connections: none');
  });
});
