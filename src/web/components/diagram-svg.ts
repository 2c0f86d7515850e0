/**
 * How a diagram looks: each kind's shape, the text layout inside a box, where an arrow runs, and
 * the standalone SVG (and PNG) export. The editor and the export draw from the same geometry.
 */
import type { Diagram } from '../../shared/diagram.js';
import {
  CANVAS_HEIGHT,
  CANVAS_WIDTH,
  clampPosition,
  DIAGRAM_KIND_LABELS,
  type DiagramNode,
  type DiagramNodeKind,
  NODE_HEIGHT,
  NODE_WIDTH,
  type Point,
} from './diagram-model.js';

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
export const KIND_SHAPES: Record<DiagramNodeKind, { paths: ShapePath[]; text: TextBox }> = {
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
export const EDGE_FONT_SIZE = 12;
/** Rough average glyph width of a UI sans-serif, as a share of the font size (no DOM to measure in the export). */
export const GLYPH_WIDTH = 0.56;

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
export function layoutNodeText(node: DiagramNode): NodeText {
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

export interface EdgeGeometry {
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
export function edgeGeometry(from: Point, to: Point, bidirectional: boolean): EdgeGeometry | null {
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

export function edgeLabelText(label: string): string {
  return wrapText(label, 26, 1)[0] ?? '';
}

/** Positions clamped into the canvas, as drawn (stored data may hold any position within the schema's range). */
export function placedPositions(diagram: Diagram): Map<string, Point> {
  return new Map(diagram.nodes.map((n) => [n.id, clampPosition(n.x, n.y)]));
}

export function bidirectionalEdges(diagram: Diagram): Set<string> {
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
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
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

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
