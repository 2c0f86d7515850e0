import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, screenshot, startBrowserApp } from '../../test/browser.js';

let browser: Browser;
let baseUrl: string;
let app: BrowserApp;
/** The server's clock follows real time, plus an offset the test moves to run timers out. */
let offset = 0;

beforeAll(async () => {
  app = await startBrowserApp({ mode: 'personal' }, (testApp) => {
    Object.defineProperty(testApp.clock, 'now', { get: () => new Date(Date.now() + offset), configurable: true });
  });
  ({ browser, baseUrl } = app);
});
afterAll(async () => app?.close());

const STAR = `Situation: At my last job our checkout API timed out every evening at peak.
Task: I was on call and had to stop the timeouts before the weekend sale.
Action: I read the traces and found a query scanning the whole orders table. I wrote a migration adding an index,
tested it on a copy of production and rolled it out behind a flag. I added a p99 latency alert and wrote a runbook.
Result: p99 fell from 4 seconds to 180 ms and we had zero timeouts in the sale. I learned to ship an alert with every fix.`;

const stageHeading = (page: Page) => page.locator('#stage-heading').textContent();

async function begin(page: Page, stage: string) {
  await expect.poll(() => stageHeading(page)).toBe(stage);
  await page.getByRole('button', { name: /^Begin: start the/ }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Finish this stage' }).count()).toBe(1);
}

async function finishStage(page: Page, next: string | null) {
  await page.getByRole('button', { name: 'Finish this stage' }).click();
  if (next) await expect.poll(() => stageHeading(page)).toBe(next);
}

const saved = (page: Page) =>
  expect.poll(() => page.locator('.save-state').allTextContents()).not.toContain('Unsaved changes');

describe('mock interviews in Chromium', () => {
  it('runs a full mid-level loop with a friend interviewing on another device, and ends in a scorecard', async () => {
    const candidate = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await candidate.newPage();
    await page.goto(`${baseUrl}/mocks`);
    await page.getByLabel('Mid-level').check();
    await page.getByRole('button', { name: 'Start the full loop' }).click();
    await page.waitForURL(/\/mocks\/[0-9a-f-]{36}$/);
    const mockUrl = page.url();

    // The friend opens the interviewer link in their own browser.
    await page.getByRole('button', { name: 'Practise with a friend' }).click();
    const link = await page.getByTestId('interviewer-link').inputValue();
    const friend = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const interviewer = await friend.newPage();
    await interviewer.goto(link);
    await expect.poll(() => interviewer.getByTestId('live-status').textContent()).toBe('Live');
    // Before the candidate begins, the friend's view says what will happen instead of an empty pane.
    expect(await interviewer.getByTestId('interviewer-waiting').textContent()).toContain(
      'Waiting for the candidate to start',
    );
    await expect.poll(() => page.getByText('Interviewer connected').count()).toBe(1);

    // 1. Recruiter screen: an answer gets feedback; the friend sees it as it is typed.
    await begin(page, 'Recruiter screen');
    const first = page.locator('.mock-item').first();
    await first
      .getByLabel('Your answer')
      .fill(
        'I am a backend engineer at a payments company; I currently own our ledger service in Go and Postgres. ' +
          'Before that I built APIs in Node.js for three years. Next I want to work on distributed systems at scale.',
      );
    await saved(page);
    await expect.poll(() => interviewer.locator('.candidate-answer').first().textContent()).toContain('ledger service');
    expect(await interviewer.locator('.guide').count()).toBeGreaterThan(0);
    expect(await page.locator('.guide').count()).toBe(0);
    await first.getByRole('button', { name: 'Get feedback' }).click();
    await expect.poll(() => first.getByTestId('screen-feedback').count()).toBe(1);
    await finishStage(page, 'Online assessment');

    // 2. Online assessment: a timed set of labs, here finished early.
    await begin(page, 'Online assessment');
    await page.getByRole('link', { name: 'Open the timed labs' }).click();
    await expect.poll(() => page.getByTestId('countdown').textContent()).toMatch(/^\d+:\d\d$/);
    expect(await page.getByRole('tab').count()).toBe(2);
    await page.getByRole('button', { name: 'Finish now' }).click();
    await page.getByRole('button', { name: 'Yes, finish' }).click();
    await expect.poll(() => page.getByTestId('assessment-score').textContent()).toMatch(/^Score: 0%/);
    // Untouched editors held the starter: the result says so rather than "nothing was written".
    expect(await page.locator('.card').first().textContent()).toContain('still held the starter code');
    await page.getByRole('link', { name: 'Back to the mock interview' }).click();
    await expect.poll(() => stageHeading(page)).toBe('Technical interviews');
    expect(await page.locator('.stage-steps li', { hasText: 'Online assessment' }).textContent()).toContain('done');

    // 3. Technical: a weak answer draws the follow-up that probes what it missed.
    await begin(page, 'Technical interviews');
    const concept = page.locator('.mock-item').first();
    await concept.getByLabel('Your answer').fill('I am not sure.');
    await concept.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect.poll(() => concept.getByTestId('follow-up').textContent()).toBe('What would you do next?');
    await concept.getByLabel('Your answer to the follow-up').fill('The main point is the key idea.');
    await concept.getByRole('button', { name: 'Answer the follow-up' }).click();
    await expect.poll(() => concept.getByText('1 of 1 key points (100%)').count()).toBe(1);
    const coding = page.locator('.mock-item', { hasText: 'Live coding' });
    await coding.getByLabel(/Narrate your thinking/).fill('I clarify the inputs, then use a map for O(1) lookups.');
    await coding.getByRole('button', { name: 'I’m done coding' }).click();
    await expect.poll(() => coding.getByText('Your narration').count()).toBe(1);
    await finishStage(page, 'Behavioural interview');

    // 4. Behavioural: STAR feedback; a reload mid-stage keeps the typing; the timer runs out.
    await begin(page, 'Behavioural interview');
    const star = page.locator('.mock-item').first();
    await star.getByLabel('Your answer').fill(STAR);
    await star.getByRole('button', { name: 'Get feedback' }).click();
    await expect.poll(() => star.getByTestId('star-feedback').count()).toBe(1);
    expect(await star.locator('.star-table tr.missed').count()).toBe(0);
    const second = page.locator('.mock-item').nth(1);
    await second.getByLabel('Your answer').fill('We shipped it together and the team was happy.');
    await saved(page);
    await page.reload();
    await expect
      .poll(() => page.locator('.mock-item').nth(1).getByLabel('Your answer').inputValue())
      .toBe('We shipped it together and the team was happy.');
    // The friend sends a follow-up; it appears on the candidate's screen.
    await interviewer.getByLabel('Send the candidate a hint or follow-up').fill('What was your part in it?');
    await interviewer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('interviewer-messages').textContent())
      .toContain('What was your part in it?');
    await screenshot(page, 'mock-behavioural');
    // Time passes: three seconds before the end, then the page's timer reaches zero by itself.
    const [minutes, seconds] = (await page.getByTestId('stage-countdown').textContent())!.split(':').map(Number);
    offset += (minutes! * 60 + seconds! - 4) * 1000;
    await page.reload();
    await expect.poll(() => page.getByTestId('stage-countdown').textContent()).toMatch(/^0:0[0-4]$/);
    await expect.poll(() => stageHeading(page), { timeout: 15_000 }).toBe('Final / onsite');
    expect(await page.locator('.stage-steps li', { hasText: 'Behavioural interview' }).textContent()).toContain(
      'time ran out',
    );
    // The autosaved answer was graded at zero: "we" dominates and there is no number in the result.
    const late = page.locator('.previous-stage .mock-item').nth(1);
    expect(await late.getByTestId('star-feedback').textContent()).toContain('no number in the result');

    // 5. Onsite system design: write, draw, calculate, check coverage.
    await begin(page, 'Final / onsite');
    const design = page.locator('.mock-item').first();
    await design
      .getByLabel('1. Requirements')
      .fill('Functional: create short links and redirect. Non-functional: low latency redirects, high availability.');
    await design
      .getByLabel('3. Bottlenecks')
      .fill('Reads dominate, so a Redis cache and a CDN absorb hot links; shard the database by short code.');
    await design
      .getByLabel('4. Trade-offs')
      .fill('A 302 redirect keeps analytics at the cost of more traffic than 301.');
    await design.getByLabel('Daily active users').fill('50m');
    for (const [kind, name] of [
      ['service', 'API'],
      ['cache', 'Redis'],
      ['database', 'Postgres'],
    ] as const) {
      await design.getByLabel('Kind of box').selectOption(kind);
      await design.getByRole('button', { name: 'Add box' }).click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
    }
    await design.getByRole('button', { name: 'Connect' }).click();
    await design.getByRole('button', { name: /API$/ }).click();
    await design.getByRole('button', { name: /Redis$/ }).click();
    await expect.poll(() => design.getByText(/Connections: API → Redis/).count()).toBe(1);
    await saved(page);
    await expect.poll(() => interviewer.getByRole('button', { name: 'Cache: Redis', exact: true }).count()).toBe(1);
    await design.getByRole('button', { name: 'Check my design against the rubric' }).click();
    await expect.poll(() => design.getByTestId('design-feedback').count()).toBe(1);
    await screenshot(page, 'mock-design');

    // The friend scores ownership; then the last stage ends and the scorecard appears.
    await interviewer
      .getByRole('group', { name: /Ownership/ })
      .getByLabel('4')
      .check();
    await expect
      .poll(() =>
        interviewer
          .getByRole('group', { name: /Ownership/ })
          .getByLabel('4')
          .isChecked(),
      )
      .toBe(true);
    await finishStage(page, null);
    await expect.poll(() => page.getByRole('heading', { name: 'Scorecard' }).count()).toBe(1);
    const ownership = page.locator('tr[data-signal="ownership"]');
    expect(await ownership.textContent()).toContain('interviewer: 4');
    expect(await page.getByRole('list', { name: 'Recommendation per level' }).locator('li').count()).toBe(2);
    // Every rating's evidence links to an answer on the page.
    const hrefs = await page.locator('.evidence a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) expect(await page.locator(href!).count(), href!).toBe(1);
    await screenshot(page, 'mock-scorecard');
    await page.locator('.scorecard').screenshot({ path: 'screenshots/mock-scorecard-panel.png' });

    // On a phone the evidence reads as lines of text, not a word per line, and the diagram stays legible.
    await page.setViewportSize({ width: 390, height: 844 });
    const evidenceCell = page.locator('tr[data-signal] td[data-label="Evidence"]').first();
    await expect.poll(async () => (await evidenceCell.boundingBox())?.width ?? 0).toBeGreaterThan(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const diagram = page.locator('.diagram-canvas svg').first();
    expect((await diagram.boundingBox())!.width).toBeGreaterThanOrEqual(640);
    await screenshot(page, 'mock-scorecard-phone');
    await page.setViewportSize({ width: 1400, height: 1000 });

    // Past scorecards are listed and charted.
    await page.goto(`${baseUrl}/mocks`);
    await expect.poll(() => page.locator('.recharts-line').count()).toBeGreaterThan(1);
    expect(await page.getByRole('link', { name: /\d/ }).first().getAttribute('href')).toBe(new URL(mockUrl).pathname);
    await candidate.close();
    await friend.close();
  }, 180_000);

  it('rehearses one stage straight from the stages guide', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/stages`);
    await page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: /Behavioural interview/ }) })
      .getByRole('link', { name: 'Rehearse this stage' })
      .click();
    await page.waitForURL(/\/mocks\?stage=behavioural$/);
    const stageBox = (name: string) => page.getByRole('checkbox', { name });
    await expect.poll(() => stageBox('Behavioural interview').isChecked()).toBe(true);
    expect(await stageBox('Recruiter screen').isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Start these stages' }).click();
    await page.waitForURL(/\/mocks\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.getByRole('list', { name: 'Stages' }).getByRole('listitem').allTextContents())
      .toEqual(['Behavioural interview']);
    await page.close();
  });
});
