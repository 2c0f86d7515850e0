import { describe, expect, it } from 'vitest';
import { loadCurriculum } from '../content/load-content.js';
import { CONTENT_DIR } from '../paths.js';
import { answerJudgeFor } from './answer.js';
import { topicKeys, TopicModel } from './topic.js';

const curriculum = await loadCurriculum(CONTENT_DIR);
const judge = answerJudgeFor(curriculum.questions);

describe('the share of an answer foreign to its question', () => {
  const bank = new TopicModel(
    [
      { id: 'indexes', text: 'A btree index keeps keys sorted; the planner weighs selectivity of the data.' },
      { id: 'caching', text: 'A cdn keeps cached data near users until the ttl runs out or an etag changes.' },
      { id: 'queues', text: 'A broker keeps messages of the data until a consumer acknowledges them.' },
    ].map(({ id, text }) => ({ id, keys: topicKeys(text) })),
  );
  const foreign = (questionId: string, answer: string) => bank.read(questionId, topicKeys(answer)).foreign;

  it('is 0 for an answer in its question’s words and 1 for one entirely in another’s', () => {
    expect(foreign('indexes', 'btree selectivity planner')).toBe(0);
    expect(foreign('indexes', 'cdn ttl etag')).toBe(1);
  });

  it('weighs a word by its rarity: a rare foreign word counts for more than a common shared one', () => {
    expect(foreign('indexes', 'cdn data')).toBeGreaterThan(0.5);
    expect(foreign('indexes', 'cdn btree')).toBeCloseTo(0.5);
  });

  it('counts each word once: saying the foreign word again does not make the answer more foreign', () => {
    expect(foreign('indexes', 'btree cdn')).toBe(foreign('indexes', 'btree cdn, the cdn, the cdn'));
  });

  it('counts, in the same reading, the distinct rare words the answer shares with its own question', () => {
    const shared = (answer: string, minIdf: number) => bank.read('indexes', topicKeys(answer), minIdf).sharedRare;
    // "data" is in every question's material, "btree" and "planner" in one, "cdn" not in this one.
    expect(shared('btree planner btree data cdn', bank.idf('btree'))).toBe(2);
    expect(shared('btree planner data', bank.idf('data'))).toBe(3);
    expect(shared('btree planner', Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe('answers about something else', () => {
  it('calls a one-line aside off-topic, not weak, however short', () => {
    expect(judge.judge('how-indexes-work', 'I went hiking last weekend and the weather was lovely.').verdict).toBe(
      'off-topic',
    );
  });

  it('calls a short answer to a neighbouring question off-topic: it reads far more like that one', () => {
    const answer =
      'Two transactions each hold a row lock the other needs, so neither can go on; the database detects the cycle and aborts one of them, which then retries.';
    expect(judge.judge('how-indexes-work', answer).verdict).toBe('off-topic');
  });

  it('calls a bare list of unrelated terms off-topic, not a weak list of keywords', () => {
    const result = judge.judge('preventing-sql-injection', '- sourdough\n- rye\n- baguette\n- focaccia');
    expect(result.verdict).toBe('off-topic');
    expect(result.reasons.join(' ')).toMatch(/something other than what was asked/);
  });
});

describe('weak answers about the topic stay weak', () => {
  it('keeps a vague answer in plain words weak, though few of its words are the question’s', () => {
    const vague: [string, string][] = [
      ['acid-properties', 'It is about making the database reliable and safe so you do not lose things.'],
      [
        'long-running-operations-async',
        'I would make it asynchronous, maybe with a queue or something, so the client does not wait.',
      ],
    ];
    for (const [questionId, answer] of vague) expect(judge.judge(questionId, answer).verdict, questionId).toBe('weak');
  });

  it('keeps "I don’t know" weak even when little of it names the topic', () => {
    expect(judge.judge('how-a-cdn-works', 'Honestly I am not sure, I have never had to deal with that.').verdict).toBe(
      'weak',
    );
  });
});
