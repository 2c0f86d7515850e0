import { describe, expect, it } from 'vitest';
import { EMPTY_DIAGRAM, type Diagram } from '../../shared/diagram.js';
import { judgeDesign } from './design.js';
import { loadDesign } from './prompts.fixture.js';

const shortener = await loadDesign('url-shortener');

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

describe('judgeDesign', () => {
  it('covers most of the rubric for a strong senior design and asks little', () => {
    const feedback = judgeDesign(shortener, 'senior', STRONG_SENIOR_DESIGN, EMPTY_DIAGRAM);

    expect(feedback.points.every((p) => !p.stretch)).toBe(true);
    expect(feedback.coverage).toBeGreaterThanOrEqual(0.9);
    expect(feedback.score).toBeGreaterThanOrEqual(0.75);
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
    const weak = judgeDesign(shortener, 'junior', WEAK_JUNIOR_DESIGN, EMPTY_DIAGRAM);
    const strong = judgeDesign(shortener, 'junior', STRONG_SENIOR_DESIGN, EMPTY_DIAGRAM);
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
    const junior = judgeDesign(shortener, 'junior', WEAK_JUNIOR_DESIGN, EMPTY_DIAGRAM);
    const juniorPoints = shortener.rubric.filter((p) => p.level === 'junior');

    expect(junior.points.filter((p) => !p.stretch).map((p) => p.id)).toEqual(juniorPoints.map((p) => p.id));
    expect(junior.points.find((p) => p.id === 'hot-links')?.stretch).toBe(true);
    expect(junior.sections.reduce((sum, s) => sum + s.total, 0)).toBe(juniorPoints.length);
    const stretchFollowUps = junior.points.filter((p) => p.stretch).map((p) => p.followUp);
    expect(junior.followUps.some((q) => stretchFollowUps.includes(q))).toBe(false);

    // A junior who covers every junior point scores full marks without a word on senior topics.
    const juniorComplete = `Scope: custom alias and expiry. It is read heavy with low latency. A POST endpoint
    creates links and the redirect endpoint returns 302. A links table keyed by primary key. Postgres works since it's a single-key lookup.`;
    const complete = judgeDesign(shortener, 'junior', juniorComplete, EMPTY_DIAGRAM);
    expect(complete.coverage).toBe(1);
    expect(complete.followUps).toEqual([]);
    expect(complete.points.find((p) => p.id === 'hot-links')).toMatchObject({ stretch: true, covered: false });
    // The same text as a senior's design leaves most of the rubric expected and missed.
    expect(judgeDesign(shortener, 'senior', juniorComplete, EMPTY_DIAGRAM).coverage).toBeLessThan(0.5);
  });

  it('counts the diagram: a cache node covers the caching point on its own', () => {
    const withoutCache = judgeDesign(shortener, 'mid', '', EMPTY_DIAGRAM);
    expect(withoutCache.points.find((p) => p.id === 'read-cache')?.covered).toBe(false);

    const diagram: Diagram = {
      nodes: [node('c', 'client', 'Browser'), node('h', 'cache', 'Hot links'), node('q', 'queue', 'Clicks')],
      edges: [{ id: 'e1', from: 'c', to: 'h', label: 'GET /{code}' }],
    };
    const feedback = judgeDesign(shortener, 'mid', '', diagram);

    expect(feedback.points.find((p) => p.id === 'read-cache')?.covered).toBe(true);
    expect(feedback.points.find((p) => p.id === 'async-analytics')?.covered).toBe(true);
    expect(feedback.score).toBeGreaterThan(withoutCache.score);
    expect(feedback.diagram).toEqual({ nodes: 3, edges: 1, kinds: ['client', 'cache', 'queue'] });
  });

  it('reads edge labels and does not join words across two boxes', () => {
    const diagram: Diagram = {
      nodes: [node('a', 'service', 'consistent'), node('b', 'service', 'hashing')],
      edges: [{ id: 'e', from: 'a', to: 'b', label: 'Kafka click events' }],
    };
    const feedback = judgeDesign(shortener, 'mid', '', diagram);

    expect(feedback.points.find((p) => p.id === 'async-analytics')?.covered).toBe(true);
    expect(feedback.points.find((p) => p.id === 'sharding')?.covered).toBe(false);
  });
});

const BUZZWORD_DESIGN = `Requirements: highly scalable, highly available, low latency, cloud native.

High-level: microservices on Kubernetes with autoscaling. Redis cache, Kafka, a CDN, DynamoDB, sharding,
consistent hashing, CQRS, an API gateway and a load balancer. Base62 short codes.

Bottlenecks: use sharding and horizontal scaling so there are no bottlenecks.

Trade-offs: consistency vs availability. Use the right tool for the job.`;

describe('judgeDesign: reasoning, numbers and wrong claims', () => {
  it('scores a list of fashionable components under half of a strong design for the same prompt', () => {
    for (const level of ['mid', 'senior'] as const) {
      const strong = judgeDesign(shortener, level, STRONG_SENIOR_DESIGN, EMPTY_DIAGRAM);
      const buzzword = judgeDesign(shortener, level, BUZZWORD_DESIGN, EMPTY_DIAGRAM);
      expect(buzzword.score).toBeLessThan(strong.score / 2);
      expect(buzzword.tips).toContainEqual(expect.stringMatching(/^Put numbers on it/));
    }
  });

  it('gives no reasoning credit to named components, a line of reason words or a line of bare figures', () => {
    const strong = judgeDesign(shortener, 'senior', STRONG_SENIOR_DESIGN, EMPTY_DIAGRAM);
    const terms = shortener.rubric.map((point) => `- ${point.phrases[0]}`).join('\n');
    const padded = judgeDesign(
      shortener,
      'senior',
      `${terms}
- 50M MAU, 30k reads/s, 12 TB, p95 80 ms
- chosen because of resilience, so that latency stays low, rather than a legacy stack, with failover, trade-offs considered`,
      EMPTY_DIAGRAM,
    );
    expect(padded.score).toBeLessThan(strong.score / 2);
  });

  it('discounts one generic reason repeated for every component', () => {
    const strong = judgeDesign(shortener, 'senior', STRONG_SENIOR_DESIGN, EMPTY_DIAGRAM);
    const say = (reason: string) =>
      shortener.rubric.map((point) => `We picked ${point.phrases[0]} ${reason}.`).join(' ') +
      ' 50M MAU, 30k reads/s, 12 TB, p95 80 ms.';
    // A reason that says nothing specific earns nothing, said once or fifteen times.
    expect(
      judgeDesign(shortener, 'senior', say('because it is reliable and performant'), EMPTY_DIAGRAM).score,
    ).toBeLessThan(strong.score / 2);
    // A specific reason pasted onto every component counts less each time it repeats.
    expect(
      judgeDesign(shortener, 'senior', say('because mobile clients retry redirects aggressively'), EMPTY_DIAGRAM).score,
    ).toBeLessThan(strong.score * 0.7);
  });

  it('recognises capacity estimates written in the text', () => {
    const text = `About 100M new links a month is ~40 writes/s on average, ~400 writes/s at peak; reads are
    100x that, so roughly 40,000 req/s. Storage: 500 bytes a link, about 3 TB over five years. Egress
    stays near 300 Mbps. We expect 10M DAU.`;
    const feedback = judgeDesign(shortener, 'mid', text, EMPTY_DIAGRAM);
    expect(feedback.estimates).toEqual(
      expect.arrayContaining([
        '~40 writes/s',
        '~400 writes/s',
        '40,000 req/s',
        '500 bytes',
        '3 TB',
        '300 Mbps',
        '10M DAU',
      ]),
    );
  });

  it('names a CDN used as the primary store as a misconception, with its correction', () => {
    const wrong = judgeDesign(
      shortener,
      'mid',
      'Redirect pages are pushed to the CDN, which is the primary store, so we do not need a database.',
      EMPTY_DIAGRAM,
      [
        {
          claim: 'The CDN is the primary store.',
          phrases: ['CDN is the primary store'],
          correction: 'A CDN is a cache.',
        },
      ],
    );
    expect(wrong.misconceptions).toEqual([
      { claim: 'The CDN is the primary store.', correction: 'A CDN is a cache.', quote: 'CDN … is … primary … store' },
    ]);
    const right = judgeDesign(
      shortener,
      'mid',
      'The CDN is never the primary store: it caches redirects in front of the database.',
      EMPTY_DIAGRAM,
      [
        {
          claim: 'The CDN is the primary store.',
          phrases: ['CDN is the primary store'],
          correction: 'A CDN is a cache.',
        },
      ],
    );
    expect(right.misconceptions).toEqual([]);
  });
});
