/**
 * The diagram's pure model: the limits and names of the `Diagram` schema (src/shared/diagram.ts) and
 * the edits the editor makes, each returning a new diagram (or the same one when nothing changes)
 * that never goes beyond the schema's limits.
 */
import type { Diagram } from '../../shared/diagram.js';

export type DiagramNode = Diagram['nodes'][number];
export type DiagramEdge = Diagram['edges'][number];
export type DiagramNodeKind = DiagramNode['kind'];

/** The logical drawing area; the SVG scales it to the container's width. Node `x`/`y` are box top-left corners in it. */
export const CANVAS_WIDTH = 960;
export const CANVAS_HEIGHT = 540;
export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 64;

/** The `Diagram` schema's limits (src/shared/diagram.ts); the helpers below never produce a diagram beyond them. */
export const DIAGRAM_LIMITS = { nodes: 80, edges: 160, nodeLabel: 80, edgeLabel: 60 } as const;

export const DIAGRAM_KIND_LABELS: Record<DiagramNodeKind, string> = {
  client: 'Client',
  service: 'Service',
  database: 'Database',
  cache: 'Cache',
  queue: 'Queue',
  storage: 'Storage',
  cdn: 'CDN',
  'load-balancer': 'Load balancer',
  external: 'External',
};

export interface Point {
  x: number;
  y: number;
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** A box position rounded to whole pixels and kept inside the canvas. */
export function clampPosition(x: number, y: number): Point {
  return {
    x: clamp(Math.round(x), 0, CANVAS_WIDTH - NODE_WIDTH),
    y: clamp(Math.round(y), 0, CANVAS_HEIGHT - NODE_HEIGHT),
  };
}

/** Cuts to `max` UTF-16 units (the schema's measure) without leaving half a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** `n1`, `n2`, … : one more than the highest such id, so ids stay short, readable and unique. */
function nextId(prefix: 'n' | 'e', items: readonly { id: string }[]): string {
  const pattern = new RegExp(`^${prefix}(\\d{1,9})$`);
  const taken = new Set(items.map((item) => item.id));
  let n = 1;
  for (const { id } of items) {
    const match = pattern.exec(id);
    if (match) n = Math.max(n, Number(match[1]) + 1);
  }
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

const PLACEMENT_GAP = 24;

/**
 * The first free spot, scanning rows from the top left, at least `PLACEMENT_GAP` away from every
 * box; when the canvas is too full for that, the spot that overlaps least.
 */
function findFreeSpot(nodes: readonly DiagramNode[]): Point {
  const boxes = nodes.map((node) => clampPosition(node.x, node.y));
  let best = { x: PLACEMENT_GAP, y: PLACEMENT_GAP, overlap: Infinity };
  for (let y = PLACEMENT_GAP; y <= CANVAS_HEIGHT - NODE_HEIGHT; y += PLACEMENT_GAP) {
    for (let x = PLACEMENT_GAP; x <= CANVAS_WIDTH - NODE_WIDTH; x += PLACEMENT_GAP) {
      let overlap = 0;
      for (const box of boxes) {
        const w = Math.min(x, box.x) + NODE_WIDTH + PLACEMENT_GAP - Math.max(x, box.x);
        const h = Math.min(y, box.y) + NODE_HEIGHT + PLACEMENT_GAP - Math.max(y, box.y);
        if (w > 0 && h > 0) overlap += w * h;
      }
      if (overlap === 0) return { x, y };
      if (overlap < best.overlap) best = { x, y, overlap };
    }
  }
  return { x: best.x, y: best.y };
}

function defaultLabel(diagram: Diagram, kind: DiagramNodeKind): string {
  const base = DIAGRAM_KIND_LABELS[kind];
  const labels = new Set(diagram.nodes.map((node) => node.label));
  if (!labels.has(base)) return base;
  let n = 2;
  while (labels.has(`${base} ${n}`)) n += 1;
  return `${base} ${n}`;
}

/**
 * Adds a box of `kind` with a fresh id (`n1`, `n2`, …), labelled with `options.label` or the kind's
 * name, at `options.x`/`options.y` (clamped) or else at a spot that overlaps no other box. The new
 * box is the last of `nodes`. Returns `diagram` itself when it already holds the maximum of boxes.
 */
export function addNode(
  diagram: Diagram,
  kind: DiagramNodeKind,
  options: { label?: string; x?: number; y?: number } = {},
): Diagram {
  if (diagram.nodes.length >= DIAGRAM_LIMITS.nodes) return diagram;
  const { x, y } =
    options.x !== undefined && options.y !== undefined && Number.isFinite(options.x) && Number.isFinite(options.y)
      ? clampPosition(options.x, options.y)
      : findFreeSpot(diagram.nodes);
  const label = truncate((options.label ?? defaultLabel(diagram, kind)).trim(), DIAGRAM_LIMITS.nodeLabel);
  return { ...diagram, nodes: [...diagram.nodes, { id: nextId('n', diagram.nodes), label, kind, x, y }] };
}

/** Moves box `id` to (`x`, `y`), clamped inside the canvas. Returns `diagram` itself when nothing changes. */
export function moveNode(diagram: Diagram, id: string, x: number, y: number): Diagram {
  const node = diagram.nodes.find((n) => n.id === id);
  if (!node || !Number.isFinite(x) || !Number.isFinite(y)) return diagram;
  const position = clampPosition(x, y);
  if (node.x === position.x && node.y === position.y) return diagram;
  return { ...diagram, nodes: diagram.nodes.map((n) => (n.id === id ? { ...n, ...position } : n)) };
}

/** Sets box `id`'s label, trimmed and cut to the schema's 80 characters. Returns `diagram` itself when nothing changes. */
export function renameNode(diagram: Diagram, id: string, label: string): Diagram {
  const next = truncate(label.trim(), DIAGRAM_LIMITS.nodeLabel);
  const node = diagram.nodes.find((n) => n.id === id);
  if (!node || node.label === next) return diagram;
  return { ...diagram, nodes: diagram.nodes.map((n) => (n.id === id ? { ...n, label: next } : n)) };
}

/** Removes box `id` and every arrow from or to it. Returns `diagram` itself when there is no such box. */
export function removeNode(diagram: Diagram, id: string): Diagram {
  if (!diagram.nodes.some((n) => n.id === id)) return diagram;
  return {
    ...diagram,
    nodes: diagram.nodes.filter((n) => n.id !== id),
    edges: diagram.edges.filter((e) => e.from !== id && e.to !== id),
  };
}

/**
 * Adds an arrow `from` → `to` with a fresh id (`e1`, `e2`, …) as the last of `edges`. Returns
 * `diagram` itself for a self-loop, a missing box, an arrow that already exists in that direction,
 * or when the diagram holds the maximum of arrows. (The reverse arrow is allowed: request and reply.)
 */
export function connect(diagram: Diagram, from: string, to: string, label = ''): Diagram {
  if (from === to || diagram.edges.length >= DIAGRAM_LIMITS.edges) return diagram;
  const ids = new Set(diagram.nodes.map((n) => n.id));
  if (!ids.has(from) || !ids.has(to)) return diagram;
  if (diagram.edges.some((e) => e.from === from && e.to === to)) return diagram;
  const edge = { id: nextId('e', diagram.edges), from, to, label: truncate(label.trim(), DIAGRAM_LIMITS.edgeLabel) };
  return { ...diagram, edges: [...diagram.edges, edge] };
}

/** Removes arrow `id`. Returns `diagram` itself when there is no such arrow. */
export function removeEdge(diagram: Diagram, id: string): Diagram {
  if (!diagram.edges.some((e) => e.id === id)) return diagram;
  return { ...diagram, edges: diagram.edges.filter((e) => e.id !== id) };
}

/** Sets arrow `id`'s label (empty removes it), trimmed and cut to 60 characters. Returns `diagram` itself when nothing changes. */
export function relabelEdge(diagram: Diagram, id: string, label: string): Diagram {
  const next = truncate(label.trim(), DIAGRAM_LIMITS.edgeLabel);
  const edge = diagram.edges.find((e) => e.id === id);
  if (!edge || edge.label === next) return diagram;
  return { ...diagram, edges: diagram.edges.map((e) => (e.id === id ? { ...e, label: next } : e)) };
}

/** The diagram as one line of text: "Components: API (Service), …; Connections: API → Users (reads), …". */
export function describeDiagram(diagram: Diagram): string {
  const names = new Map(diagram.nodes.map((n) => [n.id, n.label || 'untitled']));
  const components = diagram.nodes.map((n) => `${n.label || 'untitled'} (${DIAGRAM_KIND_LABELS[n.kind]})`);
  const connections = diagram.edges.map(
    (e) => `${names.get(e.from) ?? e.from} → ${names.get(e.to) ?? e.to}${e.label ? ` (${e.label})` : ''}`,
  );
  return `Components: ${components.join(', ') || 'none'}; Connections: ${connections.join(', ') || 'none'}`;
}
