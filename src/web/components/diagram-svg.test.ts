import { describe, expect, it } from 'vitest';
import { type Diagram, EMPTY_DIAGRAM } from '../../shared/diagram.js';
import { CANVAS_HEIGHT, CANVAS_WIDTH, NODE_HEIGHT } from './diagram-model.js';
import { diagramToSvg } from './diagram-svg.js';

describe('diagramToSvg', () => {
  const diagram: Diagram = {
    nodes: [
      { id: 'n1', label: 'Web <app> & co', kind: 'client', x: 40, y: 40 },
      { id: 'n2', label: 'Orders DB', kind: 'database', x: 400, y: 200 },
      { id: 'n3', label: 'Far away', kind: 'cdn', x: 9000, y: -9000 },
    ],
    edges: [
      { id: 'e1', from: 'n1', to: 'n2', label: 'writes "orders" <SQL>' },
      { id: 'e2', from: 'n2', to: 'n1', label: '' },
    ],
  };

  it('produces one standalone SVG document with the labels, escaped', () => {
    const svg = diagramToSvg(diagram);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<svg[\s>]/g)).toHaveLength(1);
    expect(svg).toContain('Web &lt;app&gt; &amp; co');
    expect(svg).toContain('Orders DB');
    expect(svg).toContain('writes &quot;orders&quot; &lt;SQL&gt;');
    expect(svg).not.toContain('<app>');
    expect(svg).not.toContain('<SQL>');
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
  });

  it('carries its styles inline: no classes, no CSS variables', () => {
    const svg = diagramToSvg(diagram);
    expect(svg).not.toContain('class=');
    expect(svg).not.toContain('var(--');
    expect(svg).toMatch(/fill="#[0-9a-f]{6}"/);
    expect(svg).toContain('marker-end="url(#arrow)"');
    expect(svg.match(/<line /g)).toHaveLength(2);
  });

  it('keeps the tags balanced', () => {
    const svg = diagramToSvg(diagram);
    const stack: string[] = [];
    for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
      if (selfClosing) continue;
      if (closing) expect(stack.pop()).toBe(name);
      else stack.push(name!);
    }
    expect(stack).toEqual([]);
  });

  it('crops to the boxes, drawing out-of-range positions inside the canvas', () => {
    const svg = diagramToSvg(diagram);
    const [, x, y, width, height] = /viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg)!.map(Number);
    expect(x).toBe(16);
    expect(y).toBe(-24);
    expect(x! + width!).toBe(CANVAS_WIDTH + 24);
    expect(y! + height!).toBe(200 + NODE_HEIGHT + 24);
  });

  it('renders an empty diagram as a blank canvas', () => {
    const svg = diagramToSvg(EMPTY_DIAGRAM);
    expect(svg).toContain(`viewBox="0 0 ${CANVAS_WIDTH} ${CANVAS_HEIGHT}"`);
    expect(svg).not.toContain('<g ');
  });
});
