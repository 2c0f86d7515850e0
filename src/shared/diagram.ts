import { z } from 'zod';
import { SingleLineText } from './text.js';

/**
 * The system-design diagram: boxes and arrows a candidate draws in the design round. The web
 * editor draws it, the server stores it with the mock and the design judge reads it.
 */

export const DIAGRAM_NODE_KINDS = [
  'client',
  'service',
  'database',
  'cache',
  'queue',
  'storage',
  'cdn',
  'load-balancer',
  'external',
] as const;

/** Boxes and arrows a candidate draws in the design round; saved with the attempt. */
export const Diagram = z.object({
  nodes: z
    .array(
      z.object({
        id: SingleLineText(40).min(1),
        label: SingleLineText(80),
        kind: z.enum(DIAGRAM_NODE_KINDS),
        x: z.number().finite().min(-10_000).max(10_000),
        y: z.number().finite().min(-10_000).max(10_000),
      }),
    )
    .max(80),
  edges: z
    .array(
      z.object({
        id: SingleLineText(40).min(1),
        from: SingleLineText(40).min(1),
        to: SingleLineText(40).min(1),
        label: SingleLineText(60),
      }),
    )
    .max(160),
});
export type Diagram = z.output<typeof Diagram>;
export const EMPTY_DIAGRAM: Diagram = { nodes: [], edges: [] };
