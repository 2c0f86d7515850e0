import { CANVAS_HEIGHT, CANVAS_WIDTH, DIAGRAM_LIMITS, type Point } from './diagram-model.js';
import type { DiagramEditing } from './diagram-interaction.js';

const percent = (n: number, of: number) => `${(n / of) * 100}%`;

/**
 * The text field over a box or an arrow that edits its label. Enter and Escape say how it closes
 * (`onCloseKey`) and then blur it; every close, by key or by leaving the field, goes through `onBlur`.
 */
export function DiagramInlineEditor({
  editing,
  anchor,
  name,
  onDraftChange,
  onCloseKey,
  onBlur,
}: {
  editing: DiagramEditing;
  /** The label's centre in canvas coordinates. */
  anchor: Point;
  /** Accessible name, e.g. `Name of API`. */
  name: string;
  onDraftChange: (draft: string) => void;
  onCloseKey: (how: 'commit-and-return' | 'cancel') => void;
  onBlur: () => void;
}) {
  return (
    <input
      className="diagram-inline-input"
      style={{
        // Kept inside the canvas (which clips) however close to its edge the box is.
        left: `clamp(min(6rem, 45%), ${percent(anchor.x, CANVAS_WIDTH)}, calc(100% - min(6rem, 45%)))`,
        top: `clamp(1.1rem, ${percent(anchor.y, CANVAS_HEIGHT)}, calc(100% - 1.1rem))`,
      }}
      aria-label={name}
      placeholder={editing.type === 'edge' ? 'e.g. reads, HTTPS, events' : undefined}
      maxLength={editing.type === 'node' ? DIAGRAM_LIMITS.nodeLabel : DIAGRAM_LIMITS.edgeLabel}
      value={editing.draft}
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => onDraftChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' && event.key !== 'Escape') return;
        event.preventDefault();
        onCloseKey(event.key === 'Enter' ? 'commit-and-return' : 'cancel');
        event.currentTarget.blur();
      }}
      onBlur={onBlur}
    />
  );
}
