import { describe, expect, it } from 'vitest';
import { loadCurriculum } from '../content/load-content.js';
import { CONTENT_DIR } from '../paths.js';
import { answerJudgeFor } from './answer.js';
import { contrariesOf } from './contrasts.js';
import { compilePhrase } from './phrases.js';

const curriculum = await loadCurriculum(CONTENT_DIR);
const judge = answerJudgeFor(curriculum.questions);
const statusOf = (questionId: string, pointId: string, answer: string) =>
  judge.judge(questionId, answer).points.find((p) => p.id === pointId)?.status;

describe('a key fact said the other way round', () => {
  it('is contradicted, though no misconception of the question foresees it', () => {
    const answer = 'At-most-once is when the consumer acks after processing the message.';
    expect(statusOf('message-queue-delivery-semantics', 'at-most-once', answer)).toBe('contradicted');
  });

  it('shows the words that say it the other way round', () => {
    const answer = 'The client generates the id and the timestamps and sends them in the body.';
    const point = judge.judge('crud-api-for-a-resource', answer).points.find((p) => p.id === 'server-owned-fields')!;
    expect(point.status).toBe('contradicted');
    expect(point.evidence.map((s) => answer.slice(s.start, s.end)).join(' ')).toBe('client generates');
  });

  it('is not a contradiction when only hedged', () => {
    const answer = 'Maybe the client generates the id, I am not certain.';
    expect(statusOf('crud-api-for-a-resource', 'server-owned-fields', answer)).toBe('missed');
  });

  it('leaves a point said the right way covered', () => {
    const answer = 'At-most-once means you ack before processing, so a crash loses the message.';
    expect(statusOf('message-queue-delivery-semantics', 'at-most-once', answer)).toBe('covered');
  });
});

describe('contrariesOf', () => {
  it('swaps one word at a time for its opposite', () => {
    const keys = contrariesOf(compilePhrase('ack before processing')).map((c) => c.keys.join(' '));
    expect(keys).toEqual([compilePhrase('ack after processing').keys.join(' ')]);
  });

  it('gives a one-word phrase none, and leaves a word alone whose opposite the phrase also holds', () => {
    expect(contrariesOf(compilePhrase('stateless'))).toEqual([]);
    expect(contrariesOf(compilePhrase('client and server'))).toEqual([]);
  });
});
