import {
  Fragment,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { DIAGRAM_NODE_KINDS, type Diagram } from '../../shared/mocks.js';
import './diagram-editor.css';

export type DiagramNode = Diagram['nodes'][number];
export type DiagramEdge = Diagram['edges'][number];
export type DiagramNodeKind = DiagramNode['kind'];

/** The logical drawing area; the SVG scales it to the container's width. Node `x`/`y` are box top-left corners in it. */
export const CANVAS_WIDTH = 960;
export const CANVAS_HEIGHT = 540;
export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 64;

/** The `Diagram` schema's limits (src/shared/mocks.ts); the helpers below never produce a diagram beyond them. */
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

// ---------------------------------------------------------------- pure state helpers

interface Point {
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

// ---------------------------------------------------------------- geometry shared by the editor and the export

interface ShapePath {
  d: string;
  /** Filled outline; otherwise a stroke-only detail line. */
  body: boolean;
  dashed?: boolean;
}

interface TextBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const W = NODE_WIDTH;
const H = NODE_HEIGHT;

function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  return (
    `M${x + r},${y} H${x + w - r} A${r},${r} 0 0 1 ${x + w},${y + r} V${y + h - r} ` +
    `A${r},${r} 0 0 1 ${x + w - r},${y + h} H${x + r} A${r},${r} 0 0 1 ${x},${y + h - r} V${y + r} ` +
    `A${r},${r} 0 0 1 ${x + r},${y} Z`
  );
}

/** Each kind's outline (in box coordinates) and the area its text fits in. */
const KIND_SHAPES: Record<DiagramNodeKind, { paths: ShapePath[]; text: TextBox }> = {
  client: {
    paths: [{ d: roundedRect(0, 0, W, H, H / 2), body: true }],
    text: { left: 22, right: W - 22, top: 4, bottom: H - 4 },
  },
  service: {
    paths: [{ d: roundedRect(0, 0, W, H, 8), body: true }],
    text: { left: 10, right: W - 10, top: 4, bottom: H - 4 },
  },
  database: {
    paths: [
      { d: `M0,9 A${W / 2},9 0 0 1 ${W},9 V${H - 9} A${W / 2},9 0 0 1 0,${H - 9} Z`, body: true },
      { d: `M0,9 A${W / 2},9 0 0 0 ${W},9`, body: false },
    ],
    text: { left: 10, right: W - 10, top: 17, bottom: H - 2 },
  },
  cache: {
    paths: [{ d: roundedRect(0, 0, W, H, 8), body: true, dashed: true }],
    text: { left: 10, right: W - 10, top: 4, bottom: H - 4 },
  },
  queue: {
    paths: [
      { d: roundedRect(0, 0, W, H, 6), body: true },
      { d: `M${W - 36},0 V${H} M${W - 26},0 V${H} M${W - 16},0 V${H}`, body: false },
    ],
    text: { left: 8, right: W - 40, top: 4, bottom: H - 4 },
  },
  storage: {
    paths: [
      {
        d: `M0,5 Q0,0 5,0 H50 L60,10 H${W - 5} Q${W},10 ${W},15 V${H - 5} Q${W},${H} ${W - 5},${H} H5 Q0,${H} 0,${H - 5} Z`,
        body: true,
      },
      { d: 'M0,10 H60', body: false },
    ],
    text: { left: 10, right: W - 10, top: 12, bottom: H - 2 },
  },
  cdn: {
    paths: [
      {
        d: `M24,${H} A18,18 0 0 1 14,30 A22,22 0 0 1 50,14 A40,40 0 0 1 108,16 A18,18 0 0 1 136,34 A16,16 0 0 1 128,${H} Z`,
        body: true,
      },
    ],
    text: { left: 18, right: W - 14, top: 16, bottom: H - 2 },
  },
  'load-balancer': {
    paths: [{ d: `M18,0 H${W - 18} L${W},${H / 2} L${W - 18},${H} H18 L0,${H / 2} Z`, body: true }],
    text: { left: 20, right: W - 20, top: 4, bottom: H - 4 },
  },
  external: {
    paths: [
      { d: roundedRect(0, 0, W, H, 4), body: true },
      { d: roundedRect(4, 4, W - 8, H - 8, 2), body: false },
    ],
    text: { left: 12, right: W - 12, top: 6, bottom: H - 6 },
  },
};

const LABEL_FONT_SIZE = 13;
const LABEL_LINE_HEIGHT = 15;
const CAPTION_FONT_SIZE = 9;
const EDGE_FONT_SIZE = 12;
/** Rough average glyph width of a UI sans-serif, as a share of the font size (no DOM to measure in the export). */
const GLYPH_WIDTH = 0.56;

/** Word-wraps `text` into at most `maxLines` lines of `maxChars`, ending with "…" when it is cut. */
function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > maxChars) {
      if (current) lines.push(current);
      current = '';
      lines.push(rest.slice(0, maxChars));
      rest = rest.slice(maxChars);
    }
    if (!rest) continue;
    if (!current) current = rest;
    else if (current.length + 1 + rest.length <= maxChars) current += ` ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${last.length >= maxChars ? last.slice(0, maxChars - 1) : last}…`;
  return kept;
}

interface NodeText {
  caption: { x: number; y: number; text: string };
  lines: { x: number; y: number; text: string }[];
}

/** Baselines (in box coordinates) of the kind caption and the wrapped label, centred in the kind's text area. */
function layoutNodeText(node: DiagramNode): NodeText {
  const box = KIND_SHAPES[node.kind].text;
  const maxChars = Math.max(4, Math.floor((box.right - box.left) / (LABEL_FONT_SIZE * GLYPH_WIDTH)));
  const lines = wrapText(node.label || 'untitled', maxChars, 2);
  const blockHeight = CAPTION_FONT_SIZE + 3 + lines.length * LABEL_LINE_HEIGHT;
  const top = box.top + (box.bottom - box.top - blockHeight) / 2;
  const x = (box.left + box.right) / 2;
  return {
    caption: { x, y: top + CAPTION_FONT_SIZE - 1, text: DIAGRAM_KIND_LABELS[node.kind].toUpperCase() },
    lines: lines.map((text, i) => ({ x, y: top + CAPTION_FONT_SIZE + 3 + i * LABEL_LINE_HEIGHT + 11, text })),
  };
}

interface EdgeGeometry {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  labelX: number;
  labelY: number;
}

/** Where a ray from `p` (inside the box at `box`) along `d` leaves the box. */
function exitPoint(p: Point, d: Point, box: Point): Point {
  let t = Infinity;
  if (d.x > 0) t = Math.min(t, (box.x + W - p.x) / d.x);
  if (d.x < 0) t = Math.min(t, (box.x - p.x) / d.x);
  if (d.y > 0) t = Math.min(t, (box.y + H - p.y) / d.y);
  if (d.y < 0) t = Math.min(t, (box.y - p.y) / d.y);
  return Number.isFinite(t) ? { x: p.x + d.x * t, y: p.y + d.y * t } : p;
}

/**
 * A straight arrow from the edge of the box at `from` to the edge of the box at `to` (top-left
 * corners). When the reverse arrow exists too, both shift sideways so they don't sit on each other.
 * Null when the boxes overlap too much for an arrow to show between them.
 */
function edgeGeometry(from: Point, to: Point, bidirectional: boolean): EdgeGeometry | null {
  const a = { x: from.x + W / 2, y: from.y + H / 2 };
  const b = { x: to.x + W / 2, y: to.y + H / 2 };
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (length < 1) return null;
  const d = { x: (b.x - a.x) / length, y: (b.y - a.y) / length };
  const normal = { x: -d.y, y: d.x };
  const shift = bidirectional ? 7 : 0;
  const a2 = { x: a.x + normal.x * shift, y: a.y + normal.y * shift };
  const b2 = { x: b.x + normal.x * shift, y: b.y + normal.y * shift };
  const start = exitPoint(a2, d, from);
  const end = exitPoint(b2, { x: -d.x, y: -d.y }, to);
  const span = (end.x - start.x) * d.x + (end.y - start.y) * d.y;
  if (span < 8) return null;
  const labelShift = bidirectional ? 12 : 0;
  return {
    x1: start.x,
    y1: start.y,
    x2: end.x - d.x * 2,
    y2: end.y - d.y * 2,
    labelX: (start.x + end.x) / 2 + normal.x * labelShift,
    labelY: (start.y + end.y) / 2 + normal.y * labelShift + EDGE_FONT_SIZE / 3,
  };
}

function edgeLabelText(label: string): string {
  return wrapText(label, 26, 1)[0] ?? '';
}

/** Positions clamped into the canvas, as drawn (stored data may hold any position within the schema's range). */
function placedPositions(diagram: Diagram): Map<string, Point> {
  return new Map(diagram.nodes.map((n) => [n.id, clampPosition(n.x, n.y)]));
}

function bidirectionalEdges(diagram: Diagram): Set<string> {
  const keys = new Set(diagram.edges.map((e) => `${e.from}\u0000${e.to}`));
  return new Set(diagram.edges.filter((e) => keys.has(`${e.to}\u0000${e.from}`)).map((e) => e.id));
}

// ---------------------------------------------------------------- standalone SVG

/** Light-theme colours of each kind; diagram-editor.css holds the same values as CSS variables (plus dark ones). */
const KIND_EXPORT_COLORS: Record<DiagramNodeKind, string> = {
  client: '#2f5bd3',
  service: '#1d1f23',
  database: '#1f7a4d',
  cache: '#8a5a00',
  queue: '#6b3fa0',
  storage: '#0e6f7a',
  cdn: '#1b6fa8',
  'load-balancer': '#a03f5c',
  external: '#5b616b',
};
const EXPORT_TEXT = '#1d1f23';
const EXPORT_MUTED = '#5b616b';
const EXPORT_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, sans-serif";

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** `hex` mixed with white, `share` of the colour: the light tint a box is filled with. */
function tint(hex: string, share: number): string {
  const channel = (i: number) => {
    const value = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);
    return Math.round(255 + (value - 255) * share)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The diagram as a standalone SVG document: every colour, font and stroke is an attribute on the
 * element, so it renders the same outside the page (an <img>, a canvas for PNG export, a file).
 * The view box is cropped to the boxes with a margin, on a white background.
 */
export function diagramToSvg(diagram: Diagram): string {
  const positions = placedPositions(diagram);
  const margin = 24;
  let [minX, minY, maxX, maxY] = [0, 0, CANVAS_WIDTH, CANVAS_HEIGHT];
  if (positions.size > 0) {
    const all = [...positions.values()];
    minX = Math.min(...all.map((p) => p.x)) - margin;
    minY = Math.min(...all.map((p) => p.y)) - margin;
    maxX = Math.max(...all.map((p) => p.x + W)) + margin;
    maxY = Math.max(...all.map((p) => p.y + H)) + margin;
  }
  const width = maxX - minX;
  const height = maxY - minY;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${minX} ${minY} ${width} ${height}" font-family="${escapeXml(EXPORT_FONT)}">`,
    '<title>System design diagram</title>',
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 Z" fill="${EXPORT_MUTED}"/></marker></defs>`,
    `<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  const bidirectional = bidirectionalEdges(diagram);
  const labels: string[] = [];
  for (const edge of diagram.edges) {
    const from = positions.get(edge.from);
    const to = positions.get(edge.to);
    const geometry = from && to ? edgeGeometry(from, to, bidirectional.has(edge.id)) : null;
    if (!geometry) continue;
    out.push(
      `<line x1="${round(geometry.x1)}" y1="${round(geometry.y1)}" x2="${round(geometry.x2)}" y2="${round(geometry.y2)}" stroke="${EXPORT_MUTED}" stroke-width="1.6" marker-end="url(#arrow)"/>`,
    );
    if (edge.label) {
      labels.push(
        `<text x="${round(geometry.labelX)}" y="${round(geometry.labelY)}" text-anchor="middle" font-size="${EDGE_FONT_SIZE}" fill="${EXPORT_TEXT}" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${escapeXml(edgeLabelText(edge.label))}</text>`,
      );
    }
  }
  for (const node of diagram.nodes) {
    const position = positions.get(node.id) ?? { x: 0, y: 0 };
    const color = KIND_EXPORT_COLORS[node.kind];
    const text = layoutNodeText(node);
    out.push(`<g transform="translate(${position.x} ${position.y})">`);
    out.push(`<title>${escapeXml(`${DIAGRAM_KIND_LABELS[node.kind]}: ${node.label}`)}</title>`);
    for (const path of KIND_SHAPES[node.kind].paths) {
      out.push(
        `<path d="${path.d}" fill="${path.body ? tint(color, 0.08) : 'none'}" stroke="${color}" stroke-width="1.6"${path.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    }
    out.push(
      `<text x="${text.caption.x}" y="${round(text.caption.y)}" text-anchor="middle" font-size="${CAPTION_FONT_SIZE}" font-weight="600" letter-spacing="0.7" fill="${color}">${escapeXml(text.caption.text)}</text>`,
    );
    for (const line of text.lines) {
      out.push(
        `<text x="${line.x}" y="${round(line.y)}" text-anchor="middle" font-size="${LABEL_FONT_SIZE}" font-weight="500" fill="${EXPORT_TEXT}">${escapeXml(line.text)}</text>`,
      );
    }
    out.push('</g>');
  }
  out.push(...labels, '</svg>');
  return out.join('\n');
}

/** Draws standalone SVG markup onto a canvas at `scale` and returns it as a PNG. Browser only. */
async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(image.naturalWidth * scale);
  canvas.height = Math.ceil(image.naturalHeight * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('Canvas 2D is unavailable');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, image.naturalWidth, image.naturalHeight);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------------------------------------------------------------- the editor

export interface DiagramEditorProps {
  value: Diagram;
  onChange: (diagram: Diagram) => void;
  /** Shows the diagram (focusable, exportable) without editing tools. */
  readOnly?: boolean;
  /** Accessible name of the canvas, e.g. "Design diagram for a URL shortener". */
  label: string;
}

type DiagramSelection = { type: 'node' | 'edge'; id: string };
type Editing = DiagramSelection & { draft: string };
type Focusable = HTMLElement | SVGElement | null | undefined;

const ARROW_STEPS: Record<string, Point> = {
  ArrowLeft: { x: -10, y: 0 },
  ArrowRight: { x: 10, y: 0 },
  ArrowUp: { x: 0, y: -10 },
  ArrowDown: { x: 0, y: 10 },
};

const percent = (n: number, of: number) => `${(n / of) * 100}%`;

/**
 * A system-design diagram editor: boxes of a few kinds joined by labelled arrows, drawn in SVG on a
 * 960×540 canvas scaled to the container's width. Controlled: every edit calls `onChange` with a new
 * diagram built by the pure helpers above (a drag calls it once, on release). Works with a mouse,
 * touch (pointer events) and the keyboard, and announces additions and deletions to screen readers.
 */
export function DiagramEditor({ value, onChange, readOnly = false, label }: DiagramEditorProps) {
  const idBase = useId().replace(/[^\w-]/g, '');
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

  const [kind, setKind] = useState<DiagramNodeKind>('service');
  const [selection, setSelection] = useState<DiagramSelection | null>(null);
  const [connecting, setConnecting] = useState(false);
  const [source, setSource] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [drag, setDrag] = useState<{ id: string; x: number; y: number } | null>(null);
  const [confirmingClear, setConfirmingClear] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [exporting, setExporting] = useState(false);
  const [exportFailed, setExportFailed] = useState(false);

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
  const nodesFull = value.nodes.length >= DIAGRAM_LIMITS.nodes;
  const edgesFull = value.edges.length >= DIAGRAM_LIMITS.edges;
  const editable = !readOnly;
  const nameOf = (id: string) => nodesById.get(id)?.label || 'untitled';

  function commit(next: Diagram, message?: string) {
    if (next !== value) onChange(next);
    if (message) setAnnouncement(message);
  }

  function focusLater(target: () => Focusable) {
    pendingFocus.current = target;
  }

  function addBox() {
    const next = addNode(value, kind);
    const node = next.nodes.at(-1);
    if (next === value || !node) return;
    commit(next, `Added ${DIAGRAM_KIND_LABELS[kind]} "${node.label}". Type a name and press Enter.`);
    setSelection({ type: 'node', id: node.id });
    setConfirmingClear(false);
    editClose.current = 'commit';
    editOpen.current = true;
    setEditing({ type: 'node', id: node.id, draft: node.label });
  }

  function deleteSelection() {
    if (!selected) return;
    if (selected.type === 'node') {
      const node = nodesById.get(selected.id);
      const arrows = value.edges.filter((e) => e.from === selected.id || e.to === selected.id).length;
      const also = arrows ? ` and ${arrows} connection${arrows === 1 ? '' : 's'}` : '';
      commit(
        removeNode(value, selected.id),
        `Deleted ${node ? DIAGRAM_KIND_LABELS[node.kind] : 'box'} "${nameOf(selected.id)}"${also}.`,
      );
      if (source === selected.id) setSource(null);
    } else {
      const edge = edgesById.get(selected.id);
      commit(
        removeEdge(value, selected.id),
        edge ? `Deleted connection ${nameOf(edge.from)} → ${nameOf(edge.to)}.` : undefined,
      );
    }
    setSelection(null);
    focusLater(() => svgRef.current);
  }

  function toggleConnecting() {
    const on = !connecting;
    setConnecting(on);
    setSource(null);
    setAnnouncement(on ? 'Connect mode: choose the box the arrow starts from.' : 'Connect mode off.');
  }

  function pickForConnection(node: DiagramNode) {
    if (!source || !nodesById.has(source)) {
      setSource(node.id);
      setAnnouncement(`Arrow from "${nameOf(node.id)}": now choose the box it points to.`);
      return;
    }
    if (source === node.id) {
      setSource(null);
      setAnnouncement('Start box cleared. Choose the box the arrow starts from.');
      return;
    }
    const next = connect(value, source, node.id);
    const from = nameOf(source);
    const to = nameOf(node.id);
    if (next !== value) {
      commit(next, `Connected "${from}" to "${to}". Choose the next start box, or press Escape to stop.`);
    } else {
      setAnnouncement(edgesFull ? 'The diagram holds the most arrows it can.' : `"${from}" already points to "${to}".`);
    }
    setSource(null);
  }

  function clearAll() {
    commit({ nodes: [], edges: [] }, 'Cleared the diagram.');
    setConfirmingClear(false);
    setSelection(null);
    setSource(null);
    focusLater(() => svgRef.current);
  }

  async function exportPng() {
    setExporting(true);
    setExportFailed(false);
    try {
      downloadBlob(await svgToPng(diagramToSvg(value)), 'design.png');
      setAnnouncement('Downloaded design.png.');
    } catch {
      setExportFailed(true);
    } finally {
      setExporting(false);
    }
  }

  function startEditing(item: DiagramSelection) {
    if (readOnly) return;
    const text = item.type === 'node' ? nodesById.get(item.id)?.label : edgesById.get(item.id)?.label;
    if (text === undefined) return;
    editClose.current = 'commit';
    editOpen.current = true;
    setEditing({ ...item, draft: text });
  }

  function finishEditing() {
    // Blur can fire twice (Enter blurs, then the input unmounts): close once.
    if (!editing || !editOpen.current) return;
    editOpen.current = false;
    const how = editClose.current;
    editClose.current = 'commit';
    setEditing(null);
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
    setSelection({ type: 'node', id: node.id });
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
    setDrag({ id: start.id, ...clampPosition(p.x - start.grab.x, p.y - start.grab.y) });
  }

  function onNodePointerUp(event: ReactPointerEvent<SVGGElement>) {
    const start = dragStart.current;
    if (!start || start.pointerId !== event.pointerId) return;
    dragStart.current = null;
    setDrag(null);
    const p = toCanvas(event);
    if (start.moved && p) commit(moveNode(value, start.id, p.x - start.grab.x, p.y - start.grab.y));
  }

  function cancelDrag() {
    dragStart.current = null;
    setDrag(null);
  }

  function onCanvasPointerDown(event: ReactPointerEvent<SVGSVGElement>) {
    const target = event.target as Element;
    if (target !== event.currentTarget && !target.classList.contains('diagram-background')) return;
    setSelection(null);
    setSource(null);
  }

  // ------------------------------------------------ keyboard

  function onCanvasKeyDown(event: ReactKeyboardEvent<SVGSVGElement>) {
    if (event.key === 'Escape') {
      if (source) setSource(null);
      else if (connecting) toggleConnecting();
      else if (selected) setSelection(null);
      else return;
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
      setSelection({ type: 'node', id: node.id });
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
      setSelection({ type: 'edge', id: edge.id });
      if (event.key === 'Enter') startEditing({ type: 'edge', id: edge.id });
    }
  }

  // ------------------------------------------------ render

  const drawnEdges = value.edges.flatMap((edge) => {
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
    ? { x: editingNode.x + W / 2, y: editingNode.y + H / 2 }
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
                onChange={(event) => setKind(event.target.value as DiagramNodeKind)}
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
                onClick={addBox}
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
              onClick={toggleConnecting}
              disabled={!connecting && (value.nodes.length < 2 || edgesFull)}
              title={edgesFull ? `A diagram holds at most ${DIAGRAM_LIMITS.edges} arrows` : undefined}
            >
              Connect
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => selected && startEditing(selected)}
              disabled={!selected}
            >
              Rename
            </button>
            <button type="button" className="button small" onClick={deleteSelection} disabled={!selected}>
              Delete
            </button>
          </>
        ) : null}
        <button type="button" className="button small" onClick={() => void exportPng()} disabled={exporting}>
          {exporting ? 'Exporting…' : 'Export PNG'}
        </button>
        {editable ? (
          confirmingClear ? (
            <span className="diagram-confirm" role="group" aria-label="Confirm clearing the diagram">
              <span>
                Remove all {value.nodes.length} boxes and {value.edges.length} arrows?
              </span>
              <button type="button" className="button small danger" onClick={clearAll}>
                Clear all
              </button>
              <button
                type="button"
                className="button small"
                autoFocus
                onClick={() => {
                  setConfirmingClear(false);
                  focusLater(() => clearButtonRef.current);
                }}
              >
                Cancel
              </button>
            </span>
          ) : (
            <button
              ref={clearButtonRef}
              type="button"
              className="button small"
              onClick={() => setConfirmingClear(true)}
              disabled={value.nodes.length === 0 && value.edges.length === 0}
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
            {drawnEdges.map(({ edge, geometry, isSelected, text }) => (
              <g key={edge.id} className={`diagram-edge${isSelected ? ' selected' : ''}`}>
                <line
                  className="diagram-edge-line"
                  x1={geometry.x1}
                  y1={geometry.y1}
                  x2={geometry.x2}
                  y2={geometry.y2}
                  markerEnd={`url(#${idBase}-arrow${isSelected ? '-selected' : ''})`}
                />
                {text && !(editing?.type === 'edge' && editing.id === edge.id) ? (
                  <text className="diagram-edge-label" x={geometry.labelX} y={geometry.labelY} textAnchor="middle">
                    {text}
                  </text>
                ) : null}
              </g>
            ))}
          </g>

          <g className="diagram-nodes">
            {value.nodes.map((node) => {
              const position = positions.get(node.id) ?? node;
              const isSelected = selected?.type === 'node' && selected.id === node.id;
              const isSource = sourceNode?.id === node.id;
              const isEditing = editing?.type === 'node' && editing.id === node.id;
              const text = layoutNodeText(node);
              const classes = [
                'diagram-node',
                isSelected && 'selected',
                isSource && 'source',
                drag?.id === node.id && 'dragging',
              ].filter(Boolean);
              const box = (
                <g
                  ref={(element) => {
                    if (element) nodeElements.current.set(node.id, element);
                    return () => {
                      nodeElements.current.delete(node.id);
                    };
                  }}
                  className={classes.join(' ')}
                  data-kind={node.kind}
                  transform={`translate(${position.x} ${position.y})`}
                  role="button"
                  tabIndex={0}
                  aria-label={`${DIAGRAM_KIND_LABELS[node.kind]}: ${node.label || 'untitled'}`}
                  onFocus={() => setSelection({ type: 'node', id: node.id })}
                  onPointerDown={(event) => onNodePointerDown(event, node)}
                  onPointerMove={onNodePointerMove}
                  onPointerUp={onNodePointerUp}
                  onPointerCancel={cancelDrag}
                  onLostPointerCapture={cancelDrag}
                  onClick={() => {
                    if (connecting && editable) pickForConnection(node);
                  }}
                  onDoubleClick={() => {
                    if (!connecting) startEditing({ type: 'node', id: node.id });
                  }}
                  onKeyDown={(event) => onNodeKeyDown(event, node)}
                >
                  <title>{`${DIAGRAM_KIND_LABELS[node.kind]}: ${node.label || 'untitled'}`}</title>
                  <rect className="diagram-node-ring" x={-6} y={-6} width={W + 12} height={H + 12} rx={12} />
                  {KIND_SHAPES[node.kind].paths.map((path, i) => (
                    <path
                      key={i}
                      d={path.d}
                      className={`${path.body ? 'diagram-node-body' : 'diagram-node-detail'}${path.dashed ? ' dashed' : ''}`}
                    />
                  ))}
                </g>
              );
              return (
                <Fragment key={node.id}>
                  {box}
                  {/* The words drawn on the box sit outside the focusable group: its name
                      (aria-label) says them once, and axe finds no visible text missing from it. */}
                  <g
                    className="diagram-node-text"
                    data-kind={node.kind}
                    transform={`translate(${position.x} ${position.y})`}
                    aria-hidden="true"
                  >
                    <text className="diagram-node-kind" x={text.caption.x} y={text.caption.y} textAnchor="middle">
                      {text.caption.text}
                    </text>
                    {isEditing ? null : (
                      <text className="diagram-node-label" textAnchor="middle">
                        {text.lines.map((line, i) => (
                          <tspan key={i} x={line.x} y={line.y}>
                            {line.text}
                          </tspan>
                        ))}
                      </text>
                    )}
                  </g>
                </Fragment>
              );
            })}
          </g>

          {/* The arrows' focus and click targets sit above the boxes (so Tab reaches boxes first and
              arrows after them) while the arrows themselves are drawn beneath. */}
          <g className="diagram-edge-handles">
            {drawnEdges.map(({ edge, geometry, text }) => (
              <g
                key={edge.id}
                ref={(element) => {
                  if (element) edgeElements.current.set(edge.id, element);
                  return () => {
                    edgeElements.current.delete(edge.id);
                  };
                }}
                className="diagram-edge-handle"
                role="button"
                tabIndex={0}
                aria-label={`Connection: ${nameOf(edge.from)} → ${nameOf(edge.to)}${edge.label ? ` (${edge.label})` : ''}`}
                onFocus={() => setSelection({ type: 'edge', id: edge.id })}
                onPointerDown={(event) => {
                  if (event.button !== 0) return;
                  event.currentTarget.focus({ preventScroll: true });
                  setSelection({ type: 'edge', id: edge.id });
                }}
                onDoubleClick={() => startEditing({ type: 'edge', id: edge.id })}
                onKeyDown={(event) => onEdgeKeyDown(event, edge)}
              >
                <line
                  className="diagram-edge-hit"
                  x1={geometry.x1}
                  y1={geometry.y1}
                  x2={geometry.x2}
                  y2={geometry.y2}
                />
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
            ))}
          </g>
        </svg>

        {editing && editorAnchor ? (
          <input
            className="diagram-inline-input"
            style={{
              // Kept inside the canvas (which clips) however close to its edge the box is.
              left: `clamp(min(6rem, 45%), ${percent(editorAnchor.x, CANVAS_WIDTH)}, calc(100% - min(6rem, 45%)))`,
              top: `clamp(1.1rem, ${percent(editorAnchor.y, CANVAS_HEIGHT)}, calc(100% - 1.1rem))`,
            }}
            aria-label={
              editing.type === 'node'
                ? `Name of ${nameOf(editing.id)}`
                : `Label of the arrow ${editingEdge ? `${nameOf(editingEdge.from)} → ${nameOf(editingEdge.to)}` : ''}`
            }
            placeholder={editing.type === 'edge' ? 'e.g. reads, HTTPS, events' : undefined}
            maxLength={editing.type === 'node' ? DIAGRAM_LIMITS.nodeLabel : DIAGRAM_LIMITS.edgeLabel}
            value={editing.draft}
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            onChange={(event) => setEditing({ ...editing, draft: event.target.value })}
            onKeyDown={(event) => {
              if (event.key !== 'Enter' && event.key !== 'Escape') return;
              event.preventDefault();
              editClose.current = event.key === 'Enter' ? 'commit-and-return' : 'cancel';
              event.currentTarget.blur();
            }}
            onBlur={finishEditing}
          />
        ) : null}
      </div>

      <p className="diagram-summary small">{describeDiagram(value)}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
