import { describe, expect, it } from 'vitest';
import { judgeScreen } from './screen.js';
import { loadScreen } from './prompts.fixture.js';

const intro = await loadScreen('tell-me-about-yourself');

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

describe('judgeScreen', () => {
  it('gives a focused, well-sized answer full marks and nothing to fix', () => {
    const feedback = judgeScreen(intro, GOOD_INTRO);

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
    const feedback = judgeScreen(intro, SHORT_INTRO);

    expect(feedback.words).toBe(12);
    expect(feedback.length).toBe('too-short');
    expect(feedback.checklist.find((p) => p.id === 'background')?.covered).toBe(false);
    expect(feedback.tips[0]).toMatch(/^Add what is missing, starting with: Sketches how you got here/);
    expect(feedback.tips.some((tip) => tip.startsWith('Say more: aim for 120–300 words'))).toBe(true);
  });

  it('tells a rambling answer to cut, split its sentences and drop its fillers', () => {
    const feedback = judgeScreen(intro, RAMBLING_INTRO);

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
    const good = judgeScreen(intro, GOOD_INTRO).score;
    const rambling = judgeScreen(intro, RAMBLING_INTRO).score;
    const short = judgeScreen(intro, SHORT_INTRO).score;
    expect(good).toBeGreaterThan(rambling);
    expect(rambling).toBeGreaterThan(short);
  });

  it('gives an empty answer a zero score without dividing by zero', () => {
    const feedback = judgeScreen(intro, '   ');
    expect(feedback).toMatchObject({ words: 0, sentences: 0, averageSentenceWords: 0, score: 0, length: 'too-short' });
  });
});
