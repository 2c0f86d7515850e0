import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  BehaviouralPromptFrontMatter,
  DesignPromptFrontMatter,
  ScreenPromptFrontMatter,
  type BehaviouralPrompt,
  type DesignPrompt,
  type ScreenPrompt,
} from '../../shared/mock-content.js';
import { EMPTY_DIAGRAM, type Diagram, type StarFeedback, type StarPart } from '../../shared/mocks.js';
import { parseFrontMatter } from '../content/front-matter.js';
import { CONTENT_DIR } from '../paths.js';
import { conceptFollowUp, designFeedback, screenFeedback, starFeedback } from './feedback.js';

async function loadContent<S extends z.ZodType>(
  folder: string,
  id: string,
  schema: S,
): Promise<{ value: z.output<S>; body: string }> {
  const file = path.join(CONTENT_DIR, folder, `${id}.md`);
  const parsed = parseFrontMatter(file, await readFile(file, 'utf8'), schema);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('\n'));
  return { value: parsed.value, body: parsed.body };
}

async function loadBehavioural(id: string): Promise<BehaviouralPrompt> {
  const { value, body } = await loadContent('behavioural-prompts', id, BehaviouralPromptFrontMatter);
  return { ...value, example: body };
}

const screenFile = await loadContent('screen-prompts', 'tell-me-about-yourself', ScreenPromptFrontMatter);
const intro: ScreenPrompt = { ...screenFile.value, guidance: screenFile.body };
const incident = await loadBehavioural('production-incident');
const designFile = await loadContent('design-prompts', 'url-shortener', DesignPromptFrontMatter);
const shortener: DesignPrompt = { ...designFile.value, reference: designFile.body };

// ---------------------------------------------------------------- recruiter screen

const GOOD_INTRO = `I'm currently a backend engineer at a logistics company, on the team that owns the
shipment-tracking APIs. Most of my work is in Go and Postgres, and I also look after our event
pipeline. I studied physics at university and moved into software through a data analyst role, so I
have been doing backend work for about four years now. Last year I led the move of our tracking
events from polling to a queue. That cut p99 latency on the tracking API by sixty percent and let us
retire three cron jobs. I also designed the idempotency layer for our webhook deliveries, which
stopped duplicate notifications to customers. What I enjoy most is the reliability side of
distributed systems: retries, ordering and what happens when things fail. I'm now looking for a
role with more ownership of system design on a larger platform, which is what drew me to this one.`;

const SHORT_INTRO = `I'm a backend developer. I like Go and I've built some APIs.`;

const RAMBLING_INTRO = `So um basically I'm a developer and I guess I have been doing this for a while now, you know, and I kind of started out doing some frontend stuff at a small agency where we basically did websites for local businesses and restaurants and things like that and I was just doing whatever came up which was honestly a lot of WordPress and some jQuery and then after a couple of years there I sort of moved over to a bigger company where I actually started doing more backend things like writing some APIs in Node and dealing with databases and that kind of stuff. Um, and then honestly I was there for quite a while and I did a lot of different things, like I was on the payments team for a bit and then I moved to the search team and I basically worked on the indexing side of things which was actually pretty interesting because we had a lot of data and it was kind of slow, you know, and we had to figure out how to make it faster, and I guess we did that eventually by adding some caching and some background jobs. Then I was also on the platform team for a bit where I just did a lot of on-call and, uh, infrastructure type work with Kubernetes and Terraform and stuff, which was fine but honestly not really what I wanted to be doing long term, you know, because I really like building product features more than maintaining clusters. Then there was a reorg and, um, things kind of changed a lot and my manager left and the team got split up and it was honestly just a bit chaotic for a while so I started thinking about what I actually want to do next and, uh, basically that is kind of where I am now, I guess, just looking around at different options and seeing what is out there and what might be a good fit for me at this point.`;

describe('screenFeedback', () => {
  it('gives a focused, well-sized answer full marks and nothing to fix', () => {
    const feedback = screenFeedback(intro, GOOD_INTRO);

    expect(feedback.length).toBe('good');
    expect(feedback.targetWords).toEqual(intro.words);
    expect(feedback.checklist.every((point) => point.covered)).toBe(true);
    expect(feedback.fillers).toEqual([]);
    expect(feedback.sentences).toBe(8);
    expect(feedback.averageSentenceWords).toBeCloseTo(feedback.words / 8, 1);
    expect(feedback.score).toBe(1);
    expect(feedback.tips).toEqual([]);
  });

  it('asks a too-short answer for more and names the first point it misses', () => {
    const feedback = screenFeedback(intro, SHORT_INTRO);

    expect(feedback.words).toBe(12);
    expect(feedback.length).toBe('too-short');
    expect(feedback.checklist.find((p) => p.id === 'background')?.covered).toBe(false);
    expect(feedback.tips[0]).toMatch(/^Add what is missing, starting with: Sketches how you got here/);
    expect(feedback.tips.some((tip) => tip.startsWith('Say more: aim for 120–300 words'))).toBe(true);
  });

  it('tells a rambling answer to cut, split its sentences and drop its fillers', () => {
    const feedback = screenFeedback(intro, RAMBLING_INTRO);

    expect(feedback.length).toBe('too-long');
    const fillers = Object.fromEntries(feedback.fillers.map((f) => [f.word, f.count]));
    expect(fillers).toMatchObject({ um: 3, uh: 2, basically: 4, 'you know': 3, 'I guess': 3 });
    // "that kind of stuff" is ordinary usage, not a hedge.
    expect(fillers['kind of']).toBe(4);
    expect(fillers).not.toHaveProperty('like');
    expect(feedback.checklist.find((p) => p.id === 'concrete-achievement')?.covered).toBe(false);
    expect(feedback.tips).toEqual([
      'Add the one thing missing: Gives one or two concrete things you built or improved, ideally with a number.',
      expect.stringMatching(/^Cut it to about 210 words/),
      expect.stringMatching(/^Split long sentences: 4 run past 30 words/),
      expect.stringMatching(/^Drop the fillers such as "basically" \(4×\)/),
    ]);
  });

  it('scores a good answer above a rambling one, and both above a too-short one', () => {
    const good = screenFeedback(intro, GOOD_INTRO).score;
    const rambling = screenFeedback(intro, RAMBLING_INTRO).score;
    const short = screenFeedback(intro, SHORT_INTRO).score;
    expect(good).toBeGreaterThan(rambling);
    expect(rambling).toBeGreaterThan(short);
  });

  it('gives an empty answer a zero score without dividing by zero', () => {
    const feedback = screenFeedback(intro, '   ');
    expect(feedback).toMatchObject({ words: 0, sentences: 0, averageSentenceWords: 0, score: 0, length: 'too-short' });
  });
});

// ---------------------------------------------------------------- behavioural (STAR)

const STRONG_LABELLED = `**Situation.** At my last job I was the backend engineer on a four-person team running the checkout API for an online grocer. Before a big holiday sale, p99 latency during peaks had crept up to 2 seconds.

**Task.** I was asked to get p99 under 300 ms before the sale, six weeks away, without a rewrite.

**Action.** I started by profiling the slowest endpoints and found an N+1 query that loaded prices one product at a time. I rewrote it as a single join and added a composite index, then I put the price lookups behind a Redis cache with a 60-second TTL. I load-tested at three times the previous peak, found the connection pool was too small, and raised it after checking the database could take it. I also set up a dashboard and an alert on p99 so the team would see regressions early.

**Result.** p99 fell from 2 s to 180 ms and the sale ran with zero checkout incidents, saving an estimated $40k in abandoned carts. I learned to measure before optimising, and since then I profile first on every performance ticket.`;

const STRONG_UNLABELLED = `At my last job I was on call for the payments team when our checkout API started timing out on a Monday morning. About a fifth of checkout requests were failing and support was getting flooded. As the on-call engineer I had to stop the customer impact first and then find the cause. I opened an incident channel and asked a teammate to handle updates so I could focus. I checked the dashboards and saw the connection pool pinned at its maximum while database CPU was low. I traced it to that morning's deploy, which called a slow fraud service inside a transaction, so I rolled it back. Then I moved the call outside the transaction, gave it a 500 ms timeout and added an alert on pool saturation. As a result the outage lasted 22 minutes and we refunded all 140 failed checkouts within the hour. I learned never to hold a transaction open across a network call.`;

const MISSING_RESULT = `At my last job our nightly data export kept failing and the analytics team was blocked most mornings. I was asked to make it reliable. I read through the job's logs and found it ran out of memory on large customers. I rewrote the export to stream rows in batches instead of loading everything at once. Then I added retries with backoff and a check that alerts the on-call engineer if the export is late. I also wrote a runbook and handed it over to the data team.`;

const MISSING_SITUATION_TASK = `I profiled the endpoint and found an N+1 query on the orders table. I rewrote it as a single join and added an index on customer_id. Then I added a regression test that fails if the query count grows. As a result the page went from 4 seconds to 300 ms, and I learned to check query counts in code review.`;

const WE_DOMINATES = `At my last company we had a monolith that took an hour to deploy. We needed to ship faster. We split the build into parallel stages, we cached dependencies and we moved the tests to run on every commit. We also set up canary releases. As a result our deploys went from 60 minutes to 12 minutes and we ship several times a day now.`;

const LONG_SITUATION = `At my previous job we had a legacy billing system that had been written ten years earlier by a contractor who had long since left. The code was in an old version of PHP and there were no tests at all. Our team was small, there were only three of us, and we also looked after the customer portal and the internal admin tools. The billing runs happened on the first of each month and they were often late because the batch job was slow. The finance team was unhappy because invoices went out days late and customers complained. There was also a lot of pressure from management because of an upcoming audit. My task was to make the monthly billing run finish on time. I added an index to the invoices table. As a result the run finished in 2 hours instead of 2 days, and I learned to look for the simplest fix first.`;

const RESULT_WITHOUT_NUMBER = `At my last job two senior engineers disagreed about whether to adopt GraphQL, and the debate was stalling our roadmap. I was asked by my manager to help the team reach a decision. I wrote a one-page comparison of both options, set up a short session where each side presented, and proposed a two-week spike on a single endpoint. I then shared the spike's findings with the whole team. In the end we agreed to keep REST for now, and both engineers said they felt heard. I learned that writing the options down takes the heat out of a disagreement.`;

function part(feedback: StarFeedback, name: StarPart) {
  return feedback.parts.find((p) => p.part === name)!;
}

function missingParts(feedback: StarFeedback): StarPart[] {
  return feedback.parts.filter((p) => !p.present).map((p) => p.part);
}

describe('starFeedback', () => {
  it('splits a labelled answer at its labels and finds nothing to fix', () => {
    const feedback = starFeedback(incident, 'mid', STRONG_LABELLED);

    expect(missingParts(feedback)).toEqual([]);
    expect(part(feedback, 'situation').excerpt).toMatch(/^At my last job I was the backend engineer/);
    expect(part(feedback, 'task').excerpt).toBe(
      'I was asked to get p99 under 300 ms before the sale, six weeks away, without a rewrite.',
    );
    expect(part(feedback, 'action').excerpt).toMatch(/^I started by profiling/);
    expect(part(feedback, 'action').excerpt!.length).toBeLessThanOrEqual(101);
    expect(part(feedback, 'result').excerpt).toMatch(/^p99 fell from 2 s to 180 ms/);
    expect(feedback.resultNumbers).toEqual(expect.arrayContaining(['2 s', '180 ms', '$40k']));
    expect(feedback).toMatchObject({ balanced: true, measurableResult: true, reflection: true, score: 1, tips: [] });
    expect(feedback.ownership.we).toBe(0);
    expect(feedback.ownership.ratio).toBe(1);
    // Labels are structure, not content.
    expect(part(feedback, 'situation').words).toBe(36);
  });

  it.each([
    ['Situation: / Task: / Action: / Result:', ['Situation:', 'Task:', 'Action:', 'Result:']],
    ['S: / T: / A: / R:', ['S:', 'T:', 'A:', 'R:']],
    ['Situation - / Task - / Action - / Result -', ['Situation -', 'Task -', 'Action -', 'Result -']],
    ['lower-case, in one paragraph', ['situation:', 'task:', 'action:', 'result:']],
  ])('recognises labels written as %s', (_name, labels) => {
    const [s, t, a, r] = labels as [string, string, string, string];
    const sections = [
      `${s} Our reports page was timing out for large customers.`,
      `${t} I had to fix it before the quarterly reviews.`,
      `${a} I added pagination and moved the export to a background job.`,
      `${r} Timeouts dropped to zero.`,
    ];
    const answer = labels[0] === 'situation:' ? sections.join(' ') : sections.join('\n\n');
    const feedback = starFeedback(incident, 'mid', answer);

    expect(missingParts(feedback)).toEqual([]);
    expect(part(feedback, 'task').excerpt).toBe('I had to fix it before the quarterly reviews.');
    expect(part(feedback, 'result').excerpt).toBe('Timeouts dropped to zero.');
  });

  it.each(['situation', 'task', 'action', 'result'] as const)(
    'notices a labelled answer without its %s and says what to add',
    (missing) => {
      const paragraphs = STRONG_LABELLED.split('\n\n').filter(
        (paragraph) => !paragraph.toLowerCase().startsWith(`**${missing}.**`),
      );
      const feedback = starFeedback(incident, 'mid', paragraphs.join('\n\n'));

      expect(missingParts(feedback)).toEqual([missing]);
      expect(feedback.score).toBeLessThan(1);
      expect(feedback.tips.join(' ').toLowerCase()).toContain(missing === 'action' ? 'what you' : missing);
    },
  );

  it('splits an unlabelled answer sensibly by its cues and position', () => {
    const feedback = starFeedback(incident, 'mid', STRONG_UNLABELLED);

    expect(missingParts(feedback)).toEqual([]);
    expect(part(feedback, 'situation').excerpt).toMatch(/^At my last job I was on call/);
    expect(part(feedback, 'task').excerpt).toMatch(/^As the on-call engineer I had to stop/);
    expect(part(feedback, 'action').excerpt).toMatch(/^I opened an incident channel/);
    expect(part(feedback, 'result').excerpt).toMatch(/^As a result the outage lasted 22 minutes/);
    expect(feedback.resultNumbers).toContain('22 minutes');
    expect(feedback).toMatchObject({ balanced: true, measurableResult: true, reflection: true, tips: [] });
  });

  it('notices a missing result and asks for one', () => {
    const feedback = starFeedback(incident, 'mid', MISSING_RESULT);

    expect(missingParts(feedback)).toEqual(['result']);
    expect(feedback.measurableResult).toBe(false);
    expect(feedback.tips).toEqual([expect.stringMatching(/^End with the result/)]);
  });

  it('notices a missing situation and task when the answer starts with the action', () => {
    const feedback = starFeedback(incident, 'mid', MISSING_SITUATION_TASK);

    expect(missingParts(feedback)).toEqual(['situation', 'task']);
    expect(part(feedback, 'action').excerpt).toMatch(/^I profiled the endpoint/);
    expect(feedback.tips).toEqual([
      expect.stringMatching(/^Open with the situation/),
      expect.stringMatching(/^Say what your task was/),
    ]);
  });

  it('asks for "I" when "we" dominates', () => {
    const feedback = starFeedback(incident, 'mid', WE_DOMINATES);

    expect(feedback.ownership.we).toBeGreaterThan(feedback.ownership.i);
    expect(feedback.ownership.ratio).toBeLessThan(0.5);
    expect(feedback.tips).toContainEqual(expect.stringMatching(/^Say "I" for what you did: you said "we" \d+ times/));
    expect(feedback.tips).toContainEqual(expect.stringMatching(/^Close with what you learned/));
  });

  it('flags a long set-up and a thin action as unbalanced', () => {
    const feedback = starFeedback(incident, 'mid', LONG_SITUATION);

    expect(missingParts(feedback)).toEqual([]);
    expect(part(feedback, 'situation').share).toBeGreaterThan(0.5);
    expect(feedback.actionShare).toBeLessThan(0.35);
    expect(feedback.balanced).toBe(false);
    expect(feedback.tips).toEqual([
      expect.stringMatching(/^Shorten the set-up: the situation and task take \d+% of your answer/),
      expect.stringMatching(/^Say more about what you did: the action is only \d+% of your answer/),
    ]);
  });

  it('asks for a number when the result has none', () => {
    const feedback = starFeedback(incident, 'mid', RESULT_WITHOUT_NUMBER);

    expect(part(feedback, 'result').excerpt).toMatch(/^In the end we agreed/);
    expect(feedback.measurableResult).toBe(false);
    expect(feedback.resultNumbers).toEqual([]);
    expect(feedback.tips).toEqual([expect.stringMatching(/^Put a number on the result/)]);
  });

  it('counts only quantities in the result, in many forms', () => {
    const situation = 'At my last job our search page took 9 seconds to load for 2,000 users.';
    const result =
      'As a result it was 40% faster, 2x cheaper, saved $10k a month and 3 hours of toil, with p99 of 200 ms.';
    const feedback = starFeedback(incident, 'mid', `${situation} I rewrote the query. ${result}`);

    expect(feedback.resultNumbers).toEqual(['40%', '2x', '$10k', '3 hours', 'p99 of 200 ms']);
  });

  it('scores strong answers above flawed ones', () => {
    const score = (answer: string) => starFeedback(incident, 'mid', answer).score;
    for (const weak of [MISSING_RESULT, MISSING_SITUATION_TASK, WE_DOMINATES, LONG_SITUATION, RESULT_WITHOUT_NUMBER]) {
      expect(score(STRONG_LABELLED)).toBeGreaterThan(score(weak));
      expect(score(STRONG_UNLABELLED)).toBeGreaterThan(score(weak));
    }
  });

  it("quotes the prompt's expectation for the chosen level", () => {
    expect(starFeedback(incident, 'junior', STRONG_LABELLED).levelExpectation).toBe(incident.strongAnswer.junior);
    expect(starFeedback(incident, 'senior', STRONG_LABELLED).levelExpectation).toBe(incident.strongAnswer.senior);
  });

  it('finds all four parts in every example answer in the content, with and without its labels', async () => {
    const ids = (await readdir(path.join(CONTENT_DIR, 'behavioural-prompts'))).map((f) => f.replace(/\.md$/, ''));
    for (const id of ids) {
      const prompt = await loadBehavioural(id);
      const unlabelled = prompt.example.replace(/\*\*(?:Situation|Task|Action|Result)\.\*\*\s*/g, '');
      for (const answer of [prompt.example, unlabelled]) {
        expect(missingParts(starFeedback(prompt, 'mid', answer)), id).toEqual([]);
      }
    }
  });

  it('reports an empty answer as missing everything without dividing by zero', () => {
    const feedback = starFeedback(incident, 'mid', '');
    expect(missingParts(feedback)).toEqual(['situation', 'task', 'action', 'result']);
    expect(feedback).toMatchObject({ words: 0, actionShare: 0, score: 0, ownership: { i: 0, we: 0, ratio: 0 } });
  });
});

// ---------------------------------------------------------------- system design

const STRONG_SENIOR_DESIGN = `Requirements: shorten a URL and redirect, plus custom alias and expiry, with click analytics;
editing targets is a non-goal. It is read heavy, about 100:1, so redirects need low latency (p99 under
50 ms) and high availability. API: a POST endpoint /api/links returns the code; GET /{code} answers 302
with a Location header.

Data: a links table with the code as primary key and a long url column; the redirect is one key value
lookup. Codes: app servers lease an id block from a counter service and base62-encode it, 7 characters.

Bottlenecks: Redis in front of the store, cache aside, with a high hit ratio. Shard the store by
consistent hashing on the code. Viral links become a hot key, so add an in process cache with a short
TTL and request coalescing. The counter is a single point of failure, so servers lease ranges and keep
minting while it is down. Click events go to Kafka asynchronously. Metrics and alerting on redirect p99
and error rate against an SLO.

Trade-offs: 301 is a permanent redirect cached by the browser, so we lose clicks; I pick 302. DynamoDB
suits single-key lookups, though Postgres would work. Replicas are eventually consistent, so on create
we populate cache on create to avoid a 404. Sequential codes are enumerable, so permute them with a
Feistel bijection.`;

const WEAK_JUNIOR_DESIGN = `The user sends the long link to a server, which saves it and gives back a short
link. When someone opens the short link, the server finds the original and sends them there.`;

const node = (id: string, kind: Diagram['nodes'][number]['kind'], label: string): Diagram['nodes'][number] => ({
  id,
  kind,
  label,
  x: 0,
  y: 0,
});

describe('designFeedback', () => {
  it('covers most of the rubric for a strong senior design and asks little', () => {
    const feedback = designFeedback(shortener, 'senior', STRONG_SENIOR_DESIGN, EMPTY_DIAGRAM);

    expect(feedback.points.every((p) => !p.stretch)).toBe(true);
    expect(feedback.score).toBeGreaterThanOrEqual(0.9);
    expect(feedback.sections.map((s) => s.section)).toEqual([
      'requirements',
      'high-level',
      'bottlenecks',
      'trade-offs',
    ]);
    expect(feedback.sections.reduce((sum, s) => sum + s.total, 0)).toBe(shortener.rubric.length);
    expect(feedback.followUps.length).toBeLessThanOrEqual(1);
  });

  it('scores a weak junior design low and asks about requirements first', () => {
    const weak = designFeedback(shortener, 'junior', WEAK_JUNIOR_DESIGN, EMPTY_DIAGRAM);
    const strong = designFeedback(shortener, 'junior', STRONG_SENIOR_DESIGN, EMPTY_DIAGRAM);
    const followUpOf = (id: string) => shortener.rubric.find((p) => p.id === id)!.followUp;

    expect(weak.score).toBeLessThan(0.3);
    expect(strong.score).toBeGreaterThan(weak.score);
    expect(weak.followUps).toEqual([
      followUpOf('functional-scope'),
      followUpOf('non-functional-numbers'),
      followUpOf('api-shape'),
    ]);
  });

  it('treats points above the candidate level as stretch: credit if covered, no penalty if missed', () => {
    const junior = designFeedback(shortener, 'junior', WEAK_JUNIOR_DESIGN, EMPTY_DIAGRAM);
    const juniorPoints = shortener.rubric.filter((p) => p.level === 'junior');

    expect(junior.points.filter((p) => !p.stretch).map((p) => p.id)).toEqual(juniorPoints.map((p) => p.id));
    expect(junior.points.find((p) => p.id === 'hot-links')?.stretch).toBe(true);
    expect(junior.sections.reduce((sum, s) => sum + s.total, 0)).toBe(juniorPoints.length);
    const stretchFollowUps = junior.points.filter((p) => p.stretch).map((p) => p.followUp);
    expect(junior.followUps.some((q) => stretchFollowUps.includes(q))).toBe(false);

    // A junior who covers every junior point scores full marks without a word on senior topics.
    const juniorComplete = `Scope: custom alias and expiry. It is read heavy with low latency. A POST endpoint
    creates links and the redirect endpoint returns 302. A links table keyed by primary key. I would use Postgres.`;
    const complete = designFeedback(shortener, 'junior', juniorComplete, EMPTY_DIAGRAM);
    expect(complete.score).toBe(1);
    expect(complete.followUps).toEqual([]);
    expect(complete.points.find((p) => p.id === 'hot-links')).toMatchObject({ stretch: true, covered: false });
    // The same text as a senior's design leaves most of the rubric expected and missed.
    expect(designFeedback(shortener, 'senior', juniorComplete, EMPTY_DIAGRAM).score).toBeLessThan(0.5);
  });

  it('counts the diagram: a cache node covers the caching point on its own', () => {
    const withoutCache = designFeedback(shortener, 'mid', '', EMPTY_DIAGRAM);
    expect(withoutCache.points.find((p) => p.id === 'read-cache')?.covered).toBe(false);

    const diagram: Diagram = {
      nodes: [node('c', 'client', 'Browser'), node('h', 'cache', 'Hot links'), node('q', 'queue', 'Clicks')],
      edges: [{ id: 'e1', from: 'c', to: 'h', label: 'GET /{code}' }],
    };
    const feedback = designFeedback(shortener, 'mid', '', diagram);

    expect(feedback.points.find((p) => p.id === 'read-cache')).toMatchObject({ covered: true, matchedPhrase: 'cache' });
    expect(feedback.points.find((p) => p.id === 'async-analytics')).toMatchObject({
      covered: true,
      matchedPhrase: 'queue',
    });
    expect(feedback.score).toBeGreaterThan(withoutCache.score);
    expect(feedback.diagram).toEqual({ nodes: 3, edges: 1, kinds: ['client', 'cache', 'queue'] });
  });

  it('reads edge labels and does not join words across two boxes', () => {
    const diagram: Diagram = {
      nodes: [node('a', 'service', 'consistent'), node('b', 'service', 'hashing')],
      edges: [{ id: 'e', from: 'a', to: 'b', label: 'Kafka click events' }],
    };
    const feedback = designFeedback(shortener, 'mid', '', diagram);

    expect(feedback.points.find((p) => p.id === 'async-analytics')?.covered).toBe(true);
    expect(feedback.points.find((p) => p.id === 'sharding')?.covered).toBe(false);
  });
});

// ---------------------------------------------------------------- concept follow-ups

describe('conceptFollowUp', () => {
  const question = {
    keyPoints: [
      { id: 'signal', statement: 'Scale on the right signal.', phrases: ['queue depth'] },
      { id: 'cold-start', statement: 'Explain the cold start.', phrases: ['cold start'] },
      { id: 'headroom', statement: 'Keep headroom.', phrases: ['headroom'] },
    ],
    followUps: [
      { question: 'Would you scale to zero?', probes: 'headroom' },
      { question: 'Why is the first request slow?', probes: 'cold-start' },
      { question: 'What if two models share a GPU?', probes: undefined },
    ],
  };

  it('probes the first missed key point in key-point order, not follow-up order', () => {
    expect(conceptFollowUp(question, ['headroom', 'cold-start'])).toBe('Why is the first request slow?');
    expect(conceptFollowUp(question, ['headroom'])).toBe('Would you scale to zero?');
  });

  it('falls back to the first general follow-up when no missed point has a probe', () => {
    expect(conceptFollowUp(question, ['signal'])).toBe('What if two models share a GPU?');
    expect(conceptFollowUp(question, [])).toBe('What if two models share a GPU?');
    expect(conceptFollowUp(question, ['not-a-point'])).toBe('What if two models share a GPU?');
  });

  it('returns null when there is nothing suitable to ask', () => {
    expect(conceptFollowUp({ ...question, followUps: question.followUps.slice(0, 2) }, ['signal'])).toBeNull();
    expect(conceptFollowUp({ ...question, followUps: [] }, ['headroom'])).toBeNull();
  });
});
