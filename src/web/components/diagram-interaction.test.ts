import { describe, expect, it } from 'vitest';
import {
  type DiagramAction,
  type DiagramInteraction,
  diagramInteraction,
  initialDiagramInteraction,
} from './diagram-interaction.js';
import type { DiagramNode } from './diagram-model.js';

const api: DiagramNode = { id: 'n1', label: 'API', kind: 'service', x: 0, y: 0 };
const cache: DiagramNode = { id: 'n2', label: '', kind: 'cache', x: 200, y: 0 };

/** The state after `actions`, from the initial state or `from`. */
function after(actions: DiagramAction[], from: DiagramInteraction = initialDiagramInteraction): DiagramInteraction {
  return actions.reduce(diagramInteraction, from);
}

describe('diagramInteraction', () => {
  it('starts with nothing selected, the service kind and no message', () => {
    expect(initialDiagramInteraction).toMatchObject({
      kind: 'service',
      selection: null,
      connecting: false,
      editing: null,
      announcement: '',
    });
  });

  it('selects an added box, opens its name for editing, closes the clear confirmation and says so', () => {
    const state = after([{ type: 'clearAsked' }, { type: 'nodeAdded', node: api }]);
    expect(state.selection).toEqual({ type: 'node', id: 'n1' });
    expect(state.editing).toEqual({ type: 'node', id: 'n1', draft: 'API' });
    expect(state.confirmingClear).toBe(false);
    expect(state.announcement).toBe('Added Service "API". Type a name and press Enter.');
  });

  it('names a deleted box with its kind and its arrows, deselects it, and forgets it as the start box', () => {
    const picked = after([
      { type: 'connectToggled' },
      { type: 'sourcePicked', id: 'n2', name: 'untitled' },
      { type: 'selected', item: { type: 'node', id: 'n2' } },
    ]);
    const state = after([{ type: 'nodeDeleted', node: cache, arrows: 2 }], picked);
    expect(state.announcement).toBe('Deleted Cache "untitled" and 2 connections.');
    expect(state.selection).toBeNull();
    expect(state.source).toBeNull();
    expect(after([{ type: 'nodeDeleted', node: api, arrows: 1 }]).announcement).toBe(
      'Deleted Service "API" and 1 connection.',
    );
    expect(after([{ type: 'nodeDeleted', node: api, arrows: 0 }], picked)).toMatchObject({
      announcement: 'Deleted Service "API".',
      source: 'n2',
    });
  });

  it('names a deleted arrow by its ends and deselects it', () => {
    const state = after([
      { type: 'selected', item: { type: 'edge', id: 'e1' } },
      { type: 'edgeDeleted', from: 'API', to: 'Users' },
    ]);
    expect(state.selection).toBeNull();
    expect(state.announcement).toBe('Deleted connection API → Users.');
  });

  it('toggles connect mode, forgetting the start box each way', () => {
    const on = after([{ type: 'connectToggled' }]);
    expect(on).toMatchObject({
      connecting: true,
      announcement: 'Connect mode: choose the box the arrow starts from.',
    });
    const off = after([{ type: 'sourcePicked', id: 'n1', name: 'API' }, { type: 'connectToggled' }], on);
    expect(off).toMatchObject({ connecting: false, source: null, announcement: 'Connect mode off.' });
  });

  it('walks an arrow from its start box to its end box, then waits for the next start', () => {
    const picked = after([{ type: 'connectToggled' }, { type: 'sourcePicked', id: 'n1', name: 'API' }]);
    expect(picked.source).toBe('n1');
    expect(picked.announcement).toBe('Arrow from "API": now choose the box it points to.');
    const joined = after([{ type: 'connected', from: 'API', to: 'Redis', added: true, full: false }], picked);
    expect(joined).toMatchObject({
      connecting: true,
      source: null,
      announcement: 'Connected "API" to "Redis". Choose the next start box, or press Escape to stop.',
    });
    expect(after([{ type: 'sourceCleared' }], picked)).toMatchObject({
      source: null,
      announcement: 'Start box cleared. Choose the box the arrow starts from.',
    });
  });

  it('says why an arrow was not added: it exists, or the diagram is full', () => {
    const picked = after([{ type: 'connectToggled' }, { type: 'sourcePicked', id: 'n1', name: 'API' }]);
    const exists = after([{ type: 'connected', from: 'API', to: 'Redis', added: false, full: false }], picked);
    expect(exists).toMatchObject({ source: null, announcement: '"API" already points to "Redis".' });
    const full = after([{ type: 'connected', from: 'API', to: 'Redis', added: false, full: true }], picked);
    expect(full.announcement).toBe('The diagram holds the most arrows it can.');
  });

  it('undoes one level per Escape: the start box, then connect mode, then the selection', () => {
    const start = after([
      { type: 'selected', item: { type: 'node', id: 'n1' } },
      { type: 'connectToggled' },
      { type: 'sourcePicked', id: 'n1', name: 'API' },
    ]);
    const once = after([{ type: 'escaped' }], start);
    expect(once).toMatchObject({ source: null, connecting: true, selection: { type: 'node', id: 'n1' } });
    const twice = after([{ type: 'escaped' }], once);
    expect(twice).toMatchObject({ connecting: false, announcement: 'Connect mode off.' });
    expect(twice.selection).not.toBeNull();
    expect(after([{ type: 'escaped' }], twice).selection).toBeNull();
  });

  it('forgets the selection and the start box when the background is pressed', () => {
    const state = after([
      { type: 'connectToggled' },
      { type: 'sourcePicked', id: 'n1', name: 'API' },
      { type: 'selected', item: { type: 'node', id: 'n1' } },
      { type: 'backgroundPressed' },
    ]);
    expect(state).toMatchObject({ selection: null, source: null, connecting: true });
  });

  it('asks before clearing, and clearing resets the selection and says so', () => {
    const asked = after([{ type: 'selected', item: { type: 'node', id: 'n1' } }, { type: 'clearAsked' }]);
    expect(asked.confirmingClear).toBe(true);
    expect(after([{ type: 'clearCancelled' }], asked)).toMatchObject({
      confirmingClear: false,
      selection: { type: 'node', id: 'n1' },
    });
    expect(after([{ type: 'cleared' }], asked)).toMatchObject({
      confirmingClear: false,
      selection: null,
      source: null,
      announcement: 'Cleared the diagram.',
    });
  });

  it('edits a label as a draft until the editor closes', () => {
    const open = after([
      { type: 'editStarted', item: { type: 'edge', id: 'e1' }, draft: 'reads' },
      { type: 'draftChanged', draft: 'reads, HTTPS' },
    ]);
    expect(open.editing).toEqual({ type: 'edge', id: 'e1', draft: 'reads, HTTPS' });
    expect(after([{ type: 'editFinished' }], open).editing).toBeNull();
  });

  it('ignores a draft when no editor is open', () => {
    expect(diagramInteraction(initialDiagramInteraction, { type: 'draftChanged', draft: 'x' })).toBe(
      initialDiagramInteraction,
    );
  });

  it('draws a dragged box where the pointer is until the drag ends', () => {
    const dragging = after([
      { type: 'dragMoved', id: 'n1', x: 10, y: 20 },
      { type: 'dragMoved', id: 'n1', x: 30, y: 40 },
    ]);
    expect(dragging.drag).toEqual({ id: 'n1', x: 30, y: 40 });
    expect(after([{ type: 'dragEnded' }], dragging).drag).toBeNull();
  });

  it('tracks an export: busy while it runs, then a message or an error', () => {
    const failed = after([{ type: 'exportStarted' }, { type: 'exportFailed' }]);
    expect(failed).toMatchObject({ exporting: false, exportFailed: true });
    const retried = after([{ type: 'exportStarted' }], failed);
    expect(retried).toMatchObject({ exporting: true, exportFailed: false });
    expect(after([{ type: 'exportSucceeded' }], retried)).toMatchObject({
      exporting: false,
      exportFailed: false,
      announcement: 'Downloaded design.png.',
    });
  });

  it('keeps the chosen kind for the next box', () => {
    expect(
      after([
        { type: 'kindChosen', kind: 'queue' },
        { type: 'nodeAdded', node: api },
      ]).kind,
    ).toBe('queue');
  });
});
