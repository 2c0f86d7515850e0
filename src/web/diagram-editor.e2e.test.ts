import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, startBrowserApp } from '../../test/browser.js';

/**
 * The system-design diagram editor in the onsite stage of a mock, driven by mouse and keyboard: what
 * each interaction does to the diagram (its one-line summary), what it says to screen readers (the
 * live region) and where focus goes.
 */
let browser: Browser;
let baseUrl: string;
let app: BrowserApp;

beforeAll(async () => {
  app = await startBrowserApp({ mode: 'personal' });
  ({ browser, baseUrl } = app);
});
afterAll(async () => app?.close());

interface Editor {
  page: Page;
  editor: Locator;
  summary: () => Promise<string | null>;
  said: () => Promise<string | null>;
  focused: () => Promise<string | null>;
  box: (name: string) => Locator;
  button: (name: string) => Locator;
}

/** A fresh onsite stage, begun, with the boxes given as [kind, name] added and named through the editor. */
async function openEditor(boxes: [string, string][]): Promise<Editor> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  await page.goto(`${baseUrl}/mocks?stage=onsite`);
  await page.getByRole('button', { name: 'Start these stages' }).click();
  await page.waitForURL(/\/mocks\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: /^Begin: start the/ }).click();
  const editor = page.locator('.diagram-editor').first();
  const e: Editor = {
    page,
    editor,
    summary: () => editor.locator('.diagram-summary').textContent(),
    said: () => editor.getByRole('status').textContent(),
    focused: () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null),
    box: (name) => editor.getByRole('button', { name, exact: true }),
    button: (name) => editor.getByRole('button', { name, exact: true }),
  };
  for (const [kind, name] of boxes) {
    await editor.getByLabel('Kind of box').selectOption(kind);
    await e.button('Add box').click();
    await expect.poll(e.focused).toMatch(/^Name of /);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await expect.poll(e.summary).toContain(`${name} (`);
  }
  return e;
}

const transformOf = (box: Locator) => box.getAttribute('transform');

describe('diagram editor in Chromium', () => {
  it('adds a box selected and ready to name, and says so', async () => {
    const e = await openEditor([]);
    await e.editor.getByLabel('Kind of box').selectOption('cache');
    await e.button('Add box').click();
    await expect.poll(e.said).toBe('Added Cache "Cache". Type a name and press Enter.');
    expect(await e.focused()).toBe('Name of Cache');
    await e.page.keyboard.press('Control+A');
    await e.page.keyboard.type('Redis');
    await e.page.keyboard.press('Enter');
    await expect.poll(e.summary).toBe('Components: Redis (Cache); Connections: none');
    await e.page.close();
  });

  it('moves a box with the arrow keys and by dragging, once per drop', async () => {
    const e = await openEditor([['service', 'API']]);
    const api = e.box('Service: API');
    const start = await transformOf(api);
    await api.click();
    await e.page.keyboard.press('ArrowRight');
    await e.page.keyboard.press('ArrowDown');
    const [, x, y] = /translate\((\d+) (\d+)\)/.exec(start!)!.map(Number);
    await expect.poll(() => transformOf(api)).toBe(`translate(${x! + 10} ${y! + 10})`);

    const moved = await transformOf(api);
    const rect = (await api.boundingBox())!;
    await e.page.mouse.move(rect.x + 20, rect.y + 20);
    await e.page.mouse.down();
    await e.page.mouse.move(rect.x + 120, rect.y + 140, { steps: 5 });
    await expect.poll(() => api.getAttribute('class')).toContain('dragging');
    await e.page.mouse.up();
    await expect.poll(() => api.getAttribute('class')).not.toContain('dragging');
    expect(await transformOf(api)).not.toBe(moved);
    await e.page.close();
  });

  it('connects boxes in connect mode and says why an arrow is refused', async () => {
    const e = await openEditor([
      ['service', 'API'],
      ['cache', 'Redis'],
    ]);
    await e.button('Connect').click();
    await expect.poll(e.said).toBe('Connect mode: choose the box the arrow starts from.');
    await e.box('Service: API').click();
    await expect.poll(e.said).toBe('Arrow from "API": now choose the box it points to.');
    await e.box('Service: API').click();
    await expect.poll(e.said).toBe('Start box cleared. Choose the box the arrow starts from.');
    await e.box('Service: API').click();
    await e.box('Cache: Redis').click();
    await expect.poll(e.summary).toBe('Components: API (Service), Redis (Cache); Connections: API → Redis');
    expect(await e.said()).toBe('Connected "API" to "Redis". Choose the next start box, or press Escape to stop.');
    await e.box('Service: API').click();
    await e.box('Cache: Redis').click();
    await expect.poll(e.said).toBe('"API" already points to "Redis".');
    await e.page.close();
  });

  it('backs out one step per Escape: the start box, connect mode, then the selection', async () => {
    const e = await openEditor([
      ['service', 'API'],
      ['cache', 'Redis'],
    ]);
    await e.button('Connect').click();
    await e.box('Service: API').click();
    await expect.poll(() => e.box('Service: API').getAttribute('class')).toContain('source');
    await e.page.keyboard.press('Escape');
    await expect.poll(() => e.box('Service: API').getAttribute('class')).not.toContain('source');
    expect(await e.button('Connect').getAttribute('aria-pressed')).toBe('true');
    await e.page.keyboard.press('Escape');
    await expect.poll(() => e.button('Connect').getAttribute('aria-pressed')).toBe('false');
    expect(await e.said()).toBe('Connect mode off.');
    expect(await e.button('Rename').isEnabled()).toBe(true);
    await e.page.keyboard.press('Escape');
    await expect.poll(() => e.button('Rename').isEnabled()).toBe(false);
    await e.page.close();
  });

  it('labels an arrow in place and returns focus to it; Escape cancels a rename; an emptied name keeps the old', async () => {
    const e = await openEditor([
      ['service', 'API'],
      ['database', 'DB'],
    ]);
    // Below its neighbour, so the arrow runs on a slant: a level one has no height to double-click.
    await e.box('Database: DB').click();
    for (let i = 0; i < 10; i++) await e.page.keyboard.press('ArrowDown');
    await e.button('Connect').click();
    await e.box('Service: API').click();
    await e.box('Database: DB').click();
    await e.page.keyboard.press('Escape');
    await e.box('Connection: API → DB').dblclick();
    await expect.poll(e.focused).toBe('Label of the arrow API → DB');
    await e.page.keyboard.type('writes');
    await e.page.keyboard.press('Enter');
    await expect.poll(e.summary).toContain('Connections: API → DB (writes)');
    expect(await e.focused()).toBe('Connection: API → DB (writes)');

    await e.box('Database: DB').dblclick();
    await e.page.keyboard.type('zzz');
    await e.page.keyboard.press('Escape');
    await expect.poll(e.focused).toBe('Database: DB');
    await e.page.keyboard.press('Enter');
    await e.page.keyboard.press('Control+A');
    await e.page.keyboard.press('Backspace');
    await e.page.keyboard.press('Enter');
    await expect.poll(e.focused).toBe('Database: DB');
    expect(await e.summary()).toContain('DB (Database)');
    await e.page.close();
  });

  it('deletes a box with its arrows by key, then clears everything after confirming', async () => {
    const e = await openEditor([
      ['service', 'API'],
      ['cache', 'Redis'],
      ['database', 'DB'],
    ]);
    await e.button('Connect').click();
    await e.box('Service: API').click();
    await e.box('Cache: Redis').click();
    await e.box('Cache: Redis').click();
    await e.box('Service: API').click();
    await e.page.keyboard.press('Escape');
    await e.box('Service: API').click();
    await e.page.keyboard.press('Delete');
    await expect.poll(e.summary).toBe('Components: Redis (Cache), DB (Database); Connections: none');
    expect(await e.said()).toBe('Deleted Service "API" and 2 connections.');
    expect(await e.focused()).toBe('System design diagram');

    await e.button('Clear').click();
    await e.button('Cancel').click();
    await expect.poll(e.focused).toBe(null);
    expect(await e.page.evaluate(() => document.activeElement?.textContent)).toBe('Clear');
    await e.button('Clear').click();
    await e.button('Clear all').click();
    await expect.poll(e.summary).toBe('Components: none; Connections: none');
    expect(await e.said()).toBe('Cleared the diagram.');
    await e.page.close();
  });

  it('exports the diagram as design.png', async () => {
    const e = await openEditor([['service', 'API']]);
    const download = e.page.waitForEvent('download');
    await e.button('Export PNG').click();
    expect((await download).suggestedFilename()).toBe('design.png');
    await expect.poll(e.said).toBe('Downloaded design.png.');
    await e.page.close();
  });
});
