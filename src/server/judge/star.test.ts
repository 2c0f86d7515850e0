import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAR_PARTS, type StarPart } from '../../shared/ids.js';
import type { StarFeedback } from '../../shared/mock-feedback.js';
import { CONTENT_DIR } from '../paths.js';
import { loadBehavioural } from './prompts.fixture.js';
import { STAR_FEATURES } from './star-features.js';
import { STAR_MODEL } from './star-model.js';
import { judgeStar, readStarSentences } from './star.js';

const incident = await loadBehavioural('production-incident');

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

describe('judgeStar', () => {
  it('splits a labelled answer at its labels and finds nothing to fix', () => {
    const feedback = judgeStar(incident, 'mid', STRONG_LABELLED);

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
    const feedback = judgeStar(incident, 'mid', answer);

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
      const feedback = judgeStar(incident, 'mid', paragraphs.join('\n\n'));

      expect(missingParts(feedback)).toEqual([missing]);
      expect(feedback.score).toBeLessThan(1);
      expect(feedback.tips.join(' ').toLowerCase()).toContain(missing === 'action' ? 'what you' : missing);
    },
  );

  it('splits an unlabelled answer sensibly by its cues and position', () => {
    const feedback = judgeStar(incident, 'mid', STRONG_UNLABELLED);

    expect(missingParts(feedback)).toEqual([]);
    expect(part(feedback, 'situation').excerpt).toMatch(/^At my last job I was on call/);
    expect(part(feedback, 'task').excerpt).toMatch(/^As the on-call engineer I had to stop/);
    expect(part(feedback, 'action').excerpt).toMatch(/^I opened an incident channel/);
    expect(part(feedback, 'result').excerpt).toMatch(/^As a result the outage lasted 22 minutes/);
    expect(feedback.resultNumbers).toContain('22 minutes');
    expect(feedback).toMatchObject({ balanced: true, measurableResult: true, reflection: true, tips: [] });
  });

  it('reads an unlabelled story in its order: numbers in the scene are not results, what follows the last action is', () => {
    const sentences = readStarSentences(
      'The nightly billing export ran for six hours and delayed invoices for 3,000 customers every month. ' +
        'I was asked to get it under an hour. ' +
        'I profiled it, found it fetched each customer separately, and rewrote it as one streaming query. ' +
        'Since the change the export takes 25 minutes and nobody has chased an invoice.',
    );
    expect(sentences.map((s) => s.part)).toEqual(['situation', 'task', 'action', 'result']);
  });

  it('hears goals set for others, choices that fell to the candidate, and outcomes said as nothing lost', () => {
    const parts = (text: string) => readStarSentences(text).map((s) => s.part);
    expect(
      parts('We ran the billing API for a small payments company. I wanted every squad on the shared retry library.'),
    ).toEqual(['situation', 'task']);
    expect(parts('I led the backend work and had to choose between a quick patch and a proper fix.')).toEqual(['task']);
    expect(parts('Needed it under a second.')).toEqual(['task']);
    expect(parts('I replayed the queue from the dead-letter topic. No payments were lost.')).toEqual([
      'action',
      'result',
    ]);
  });

  it('hears a task the candidate took on without naming it one ("I figured I\'d just fix it", "I signed up to…")', () => {
    const parts = (text: string) => readStarSentences(text).map((s) => s.part);
    expect(
      parts(
        "Nobody owned our onboarding docs and new hires took two weeks to get a local setup running. I figured I'd just fix it. I rewrote the guide and scripted the seeding. Setup now takes half a day.",
      ),
    ).toEqual(['situation', 'task', 'action', 'result']);
    expect(
      parts(
        'Our deploys kept failing on flaky tests. I signed up to get the pipeline green again. I quarantined the flaky tests. Deploys passed every day that month.',
      ),
    ).toEqual(['situation', 'task', 'action', 'result']);
  });

  it('hears a task set by a deadline the team was given ("we had two weeks to…")', () => {
    const parts = (text: string) => readStarSentences(text).map((s) => s.part);
    expect(
      parts(
        'Our billing run kept timing out at month-end. We had two weeks to fix it before the next run. I profiled the job and added the missing index. The run dropped from five hours to forty minutes.',
      ),
    ).toEqual(['situation', 'task', 'action', 'result']);
  });

  it('reads the scene of a hypothetical answer as its situation, and the answer as hypothetical', () => {
    const answer =
      'If a product manager asked me for better search with no detail, I would ask what complaints started it. ' +
      'I would review their pull requests the same day and explain the why. ' +
      'That should get them shipping on their own within a couple of months.';
    expect(readStarSentences(answer)[0]!.part).toBe('situation');
    expect(judgeStar(incident, 'mid', answer).hypothetical).toBe(true);
  });

  it('keeps a result told first when it says it is the outcome', () => {
    const sentences = readStarSentences(
      'In the end we shipped her design, not mine. ' +
        'I was asked to settle how we model loan state. ' +
        'I built both designs in a two-day spike and compared them on the audit scenarios.',
    );
    expect(sentences[0]!.part).toBe('result');
  });

  it('reads parts the cues alone misread, from the part model (a result said as before and after, a task in a deadline)', () => {
    const parts = (text: string) => readStarSentences(text).map((s) => s.part);
    expect(
      parts(
        'The quarterly billing run kept missing its window. ' +
          'Because I had written most of the billing code, the manager wanted me to get it back on schedule. ' +
          'I split the run by region and ran the regions in parallel. ' +
          'It finished in three hours instead of eleven.',
      ),
    ).toEqual(['situation', 'task', 'action', 'result']);
    expect(
      parts(
        'Our search index rebuild took all night and often failed halfway. ' +
          'The fix had to land before the holiday freeze, and I was the only one who knew the indexer. ' +
          'I changed it to rebuild incrementally from the change log. ' +
          'Rebuilds now take twelve minutes.',
      ),
    ).toEqual(['situation', 'task', 'action', 'result']);
  });

  it('uses a part model fitted for the features it is given', () => {
    expect(STAR_MODEL.inputs).toEqual(STAR_FEATURES);
    expect(STAR_MODEL.weights).toHaveLength(STAR_FEATURES.length);
    for (const row of STAR_MODEL.weights) expect(row).toHaveLength(STAR_PARTS.length);
  });

  it('notices a missing result and asks for one', () => {
    const feedback = judgeStar(incident, 'mid', MISSING_RESULT);

    expect(missingParts(feedback)).toEqual(['result']);
    expect(feedback.measurableResult).toBe(false);
    expect(feedback.tips).toEqual([expect.stringMatching(/^End with the result/)]);
  });

  it('notices a missing situation and task when the answer starts with the action', () => {
    const feedback = judgeStar(incident, 'mid', MISSING_SITUATION_TASK);

    expect(missingParts(feedback)).toEqual(['situation', 'task']);
    expect(part(feedback, 'action').excerpt).toMatch(/^I profiled the endpoint/);
    expect(feedback.tips).toEqual([
      expect.stringMatching(/^Open with the situation/),
      expect.stringMatching(/^Say what your task was/),
    ]);
  });

  it('asks for "I" when "we" dominates', () => {
    const feedback = judgeStar(incident, 'mid', WE_DOMINATES);

    expect(feedback.ownership.we).toBeGreaterThan(feedback.ownership.i);
    expect(feedback.ownership.ratio).toBeLessThan(0.5);
    expect(feedback.tips).toContainEqual(expect.stringMatching(/^Say "I" for what you did: you said "we" \d+ times/));
    expect(feedback.tips).toContainEqual(expect.stringMatching(/^Close with what you learned/));
  });

  it('flags a long set-up and a thin action as unbalanced', () => {
    const feedback = judgeStar(incident, 'mid', LONG_SITUATION);

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
    const feedback = judgeStar(incident, 'mid', RESULT_WITHOUT_NUMBER);

    expect(part(feedback, 'result').excerpt).toMatch(/^In the end we agreed/);
    expect(feedback.measurableResult).toBe(false);
    expect(feedback.resultNumbers).toEqual([]);
    expect(feedback.tips).toEqual([expect.stringMatching(/^Put a number on the result/)]);
  });

  it('counts only quantities in the result, in many forms', () => {
    const situation = 'At my last job our search page took 9 seconds to load for 2,000 users.';
    const result =
      'As a result it was 40% faster, 2x cheaper, saved $10k a month and 3 hours of toil, with p99 of 200 ms.';
    const feedback = judgeStar(incident, 'mid', `${situation} I rewrote the query. ${result}`);

    expect(feedback.resultNumbers).toEqual(['40%', '2x', '$10k', '3 hours', 'p99 of 200 ms']);
  });

  it('scores strong answers above flawed ones', () => {
    const score = (answer: string) => judgeStar(incident, 'mid', answer).score;
    for (const weak of [MISSING_RESULT, MISSING_SITUATION_TASK, WE_DOMINATES, LONG_SITUATION, RESULT_WITHOUT_NUMBER]) {
      expect(score(STRONG_LABELLED)).toBeGreaterThan(score(weak));
      expect(score(STRONG_UNLABELLED)).toBeGreaterThan(score(weak));
    }
  });

  it("quotes the prompt's expectation for the chosen level", () => {
    expect(judgeStar(incident, 'junior', STRONG_LABELLED).levelExpectation).toBe(incident.strongAnswer.junior);
    expect(judgeStar(incident, 'senior', STRONG_LABELLED).levelExpectation).toBe(incident.strongAnswer.senior);
  });

  it('finds all four parts in every example answer in the content, with and without its labels', async () => {
    const ids = (await readdir(path.join(CONTENT_DIR, 'behavioural-prompts'))).map((f) => f.replace(/\.md$/, ''));
    for (const id of ids) {
      const prompt = await loadBehavioural(id);
      const unlabelled = prompt.example.replace(/\*\*(?:Situation|Task|Action|Result)\.\*\*\s*/g, '');
      for (const answer of [prompt.example, unlabelled]) {
        expect(missingParts(judgeStar(prompt, 'mid', answer)), id).toEqual([]);
      }
    }
  });

  it('reads a story told in the present tense, or framed as a habit or a scene to picture, as hypothetical', () => {
    const stories = [
      // Present tense with no past event at all.
      `Situation: I'm the platform engineer and the search cluster runs out of disk on a Friday evening.
Task: I'm expected to get search back before the weekend traffic.
Action: I delete the oldest indices, I add two data nodes and I move the snapshots to cold storage.
Result: Search is back in 40 minutes and disk use stays under 60%. I learned to alert on disk trends.`,
      // "Picture…" and "Say…" frames told in the present.
      `Picture the billing export failing at month end. Say the finance team can't send invoices.
I open the job logs, I rerun the export for the failed accounts and I add a retry with backoff.
Invoices go out the same day, 3,000 of them, and the retries cut manual reruns by 90%.`,
      // A usual approach, and a habit told in the past tense.
      `In general, I start with the dashboards when a queue backs up. I usually scaled the consumers first,
then I traced the slow handler and I added a timeout around the partner call. Lag dropped from 2 hours to 5 minutes.`,
      // Steps told to a generic "you".
      `Action: First you check the error budget. Then you freeze deploys and you roll back the last release.
Result: The error rate falls from 12% to 0.5% within half an hour, and I learned that freezes need an owner.`,
    ];
    for (const story of stories) {
      const feedback = judgeStar(incident, 'mid', story);
      expect(feedback.hypothetical, story).toBe(true);
      expect(feedback.score, story).toBeLessThanOrEqual(0.5);
    }
    // The same events told in the past stay real.
    const real = judgeStar(
      incident,
      'mid',
      `Situation: I was the platform engineer when the search cluster ran out of disk on a Friday evening.
Task: I was expected to get search back before the weekend traffic.
Action: I deleted the oldest indices, I added two data nodes and I moved the snapshots to cold storage.
Result: Search was back in 40 minutes and disk use stayed under 60%. I learned to alert on disk trends.`,
    );
    expect(real.hypothetical).toBe(false);
    expect(real.score).toBeGreaterThanOrEqual(0.8);
  });

  it('reads a real story told in the historic present, anchored in the past, as real', () => {
    const told = `Last year at my previous job our checkout API started timing out on a Monday morning, and about a fifth of payments failed.
So I walk into the incident call and I tell them we roll back first and debug after. I open the dashboards, I see the connection pool pinned at its maximum, and I trace it to that morning's deploy.
I roll it back, then I move the slow fraud call out of the transaction and add a 500 ms timeout.
Errors drop from 20% to zero within 15 minutes, and I learned never to hold a transaction open across a network call.`;
    const feedback = judgeStar(incident, 'mid', told);
    expect(feedback.hypothetical).toBe(false);
    expect(feedback.score).toBeGreaterThan(0.5);
    // An anchor in the past does not make "I would…" or a habit real.
    const would = `Last year at my previous job our checkout API started timing out. I would open an incident channel and I would roll back the deploy. Then I would move the fraud call out of the transaction. Errors would drop to zero.`;
    const habit = `At my previous job we had incidents every week. Usually I open the dashboards first. I usually roll back the last deploy and then I usually page the owning team. Errors typically drop within minutes.`;
    for (const story of [would, habit]) expect(judgeStar(incident, 'mid', story).hypothetical, story).toBe(true);
  });

  it('caps a story by the share of its actions that are vague, even when one step is concrete', () => {
    const answer = `Situation: Our nightly reconciliation job at a payments startup kept missing its 6 am deadline.
Task: I was asked to make it finish on time.
Action: I looked into it. I handled the problem. I made some changes and followed up. I added an index on the settlements table.
Result: The job finished by 4 am every night for a month, and I learned to measure first.`;
    const feedback = judgeStar(incident, 'mid', answer);
    expect(feedback.vagueActions.length).toBeGreaterThanOrEqual(3);
    expect(feedback.score).toBeLessThanOrEqual(0.6);
    expect(feedback.tips).toContainEqual(expect.stringMatching(/^Say what you actually did/));
    // One vague step among several concrete ones costs little.
    const mostlyConcrete = answer.replace(
      'I looked into it. I handled the problem. I made some changes and followed up.',
      'I profiled the job and found a full scan of the settlements table. I split the run into hourly batches. I moved the report step to a replica.',
    );
    expect(judgeStar(incident, 'mid', mostlyConcrete).score).toBeGreaterThanOrEqual(0.8);
  });

  it('does not count a placeholder as a part: a part needs words that say something', () => {
    const feedback = judgeStar(
      incident,
      'mid',
      'Situation: things went wrong. Task: handle it. Action: I did stuff. Result: 200% better. Lessons learned.',
    );
    expect(missingParts(feedback)).toEqual(['situation', 'task', 'action', 'result']);
    expect(feedback.measurableResult).toBe(false);
    expect(feedback.score).toBeLessThan(0.5);
  });

  it('reports an empty answer as missing everything without dividing by zero', () => {
    const feedback = judgeStar(incident, 'mid', '');
    expect(missingParts(feedback)).toEqual(['situation', 'task', 'action', 'result']);
    expect(feedback).toMatchObject({ words: 0, actionShare: 0, score: 0, ownership: { i: 0, we: 0, ratio: 0 } });
  });
});
