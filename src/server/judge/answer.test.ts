import { describe, expect, it } from 'vitest';
import { loadCurriculum } from '../content/load-content.js';
import { CONTENT_DIR } from '../paths.js';
import { absoluteShare, answerJudgeFor, conceptFollowUp } from './answer.js';
import { analyse } from './language.js';

const curriculum = await loadCurriculum(CONTENT_DIR);
const judge = answerJudgeFor(curriculum.questions);
const quote = (text: string, spans: { start: number; end: number }[]) =>
  spans.map((s) => text.slice(s.start, s.end)).join(' ');

describe('the examples that showed keyword matching was not judging', () => {
  it('calls an answer that disclaims every idea weak, with nothing covered', () => {
    const answer =
      'I have no idea how indexes work. I have never heard of a B-tree, never used EXPLAIN, and I do not know what a composite index or selectivity is.';
    const result = judge.judge('how-indexes-work', answer);
    expect(result.verdict).toBe('weak');
    expect(result.points.every((p) => p.status === 'missed')).toBe(true);
  });

  it('catches swapped authentication and authorisation and swapped 401 and 403, and shows the corrections', () => {
    const answer =
      'Authorization is when the user logs in and proves who they are, and authentication decides what they are allowed to do. ' +
      'If the user is not logged in you return 403 Forbidden, and if they are logged in but lack permission you return 401 Unauthorized.';
    const result = judge.judge('api-authn-vs-authz', answer);
    expect(result.verdict).toBe('weak');
    expect(result.misconceptions.length).toBeGreaterThanOrEqual(2);
    expect(result.misconceptions.every((m) => m.correction.length > 0)).toBe(true);
  });

  it('calls a confidently wrong account of ACID weak and credits none of its words', () => {
    const answer =
      'ACID is not about transactions at all. Atomicity means each row is stored in one disk block, consistency means replicas always agree, ' +
      'isolation means each table lives in its own file, and durability means the disk is RAID.';
    const result = judge.judge('acid-properties', answer);
    expect(result.verdict).toBe('weak');
    expect(result.misconceptions.length).toBeGreaterThanOrEqual(1);
  });

  it('calls "parameterised queries do not prevent injection" weak, with the correction', () => {
    const answer =
      'Parameterised queries do not prevent SQL injection; the only fix is to escape quotes by hand in every string you concatenate.';
    const result = judge.judge('preventing-sql-injection', answer);
    expect(result.verdict).toBe('weak');
    expect(result.misconceptions.length).toBeGreaterThanOrEqual(1);
    expect(result.points.find((p) => p.status === 'covered')).toBeUndefined();
  });

  it('credits a correct answer that warns against a mistake instead of flagging the mistake', () => {
    const answer =
      'Use a slow, salted hash like Argon2id or bcrypt, with a unique random salt per user stored next to the hash. ' +
      'Never store passwords with reversible encryption such as AES, and never use a fast hash like MD5 or SHA-256. ' +
      'Tune the work factor so one hash takes a noticeable fraction of a second, and rehash on login when you raise it. ' +
      'Compare in constant time and rate-limit logins.';
    const result = judge.judge('storing-passwords-securely', answer);
    expect(result.misconceptions).toEqual([]);
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(['strong', 'partial']).toContain(result.verdict);
  });

  it('recognises a plain-words account of ACID as at least partial', () => {
    const answer =
      'If the transfer fails halfway, none of it sticks: either both accounts change or neither does. ' +
      "Two people withdrawing at the same moment don't trip over each other or see half-finished work. " +
      'The rules you set, like no negative balance, are never broken. ' +
      'And once the bank says done, a power cut right after does not lose it.';
    const result = judge.judge('acid-properties', answer);
    expect(['strong', 'partial']).toContain(result.verdict);
    expect(result.misconceptions).toEqual([]);
  });
});

describe('verdicts', () => {
  it('call an answer about another topic off-topic even when it shares vocabulary', () => {
    const answer =
      '200 OK is for success, 201 Created when a resource is made, 204 when there is no body, 400 for bad input, ' +
      '401 when you are not logged in, 403 when you are not allowed, 404 when it does not exist, 409 on a conflict, ' +
      '429 when rate limited and 500 for server errors.';
    expect(judge.judge('http-caching-headers-for-apis', answer).verdict).toBe('off-topic');
  });

  it('call an answer that mostly says what the candidate does not know weak, not off-topic', () => {
    const answer =
      "Not really sure what you call this kind of problem, could it be something with the network? I would probably add a loading spinner so people don't click twice. I don't really know which tools people use for it.";
    const result = judge.judge('race-conditions-and-atomics', answer);
    expect(result.verdict).toBe('weak');
    expect(result.reasons.join(' ')).toMatch(/do not know/);
  });

  it('call a list of keywords weak however many rubric terms it names', () => {
    const answer =
      'B-tree, sorted, full table scan, O(log n), selectivity, composite index, WHERE clause, join columns, write overhead, EXPLAIN ANALYZE, index scan.';
    const result = judge.judge('how-indexes-work', answer);
    expect(result.verdict).toBe('weak');
    expect(result.reasons.join(' ')).toMatch(/lists terms/);
  });

  it('keep an otherwise strong answer with one wrong claim from strong, and say why', () => {
    const answer =
      'An index is a separate structure kept sorted, usually a B-tree, whose entries point at the rows, so a lookup walks a few levels ' +
      'down the tree in O(log n) instead of a full table scan. Index the columns used in selective WHERE filters, joins and ORDER BY. ' +
      'Check with EXPLAIN ANALYZE that the planner uses it. Indexes have no cost on writes, so add one to every column.';
    const result = judge.judge('how-indexes-work', answer);
    expect(result.verdict).not.toBe('strong');
    expect(result.misconceptions.length).toBeGreaterThan(0);
    expect(result.reasons.join(' ')).toMatch(/wrong claim/);
  });

  it('show the words that are evidence for each covered point', () => {
    const answer = 'Without an index the database has to do a full table scan and read every row.';
    const result = judge.judge('how-indexes-work', answer);
    const point = result.points.find((p) => p.id === 'avoids-full-scan')!;
    expect(point.status).toBe('covered');
    expect(quote(answer, point.evidence).length).toBeGreaterThan(0);
    expect(result.points.filter((p) => p.status === 'missed').every((p) => p.evidence.length === 0)).toBe(true);
  });

  it('lower the suggested rating after a hint', () => {
    const answer = judge.judge('how-indexes-work', 'x').verdict;
    expect(answer).toBe('weak');
    const q = curriculum.questions.find((x) => x.id === 'how-indexes-work')!;
    expect(judge.judge(q.id, q.answer).suggestedRating).toBeGreaterThan(
      judge.judge(q.id, q.answer, { hintUsed: true }).suggestedRating,
    );
  });
});

describe('questions that compare things', () => {
  it('reads who each statement is about, so the right words said of the wrong thing are a swap, not credit', () => {
    const answer =
      'A semaphore is the strict lock: only one thread at a time can hold it, and only the owner may release it. ' +
      'A mutex is the counting one. It holds N permits, so ten threads can call the partner API at once.';
    const result = judge.judge('mutex-vs-semaphore', answer);
    expect(result.verdict).not.toBe('strong');
    expect(result.points.find((p) => p.id === 'mutex')?.status).toBe('contradicted');
    expect(result.points.find((p) => p.id === 'semaphore')?.status).toBe('contradicted');
    const swaps = result.misconceptions.map((m) => m.claim);
    expect(swaps).toContain('Says of semaphore what is true of mutex.');
    expect(swaps).toContain('Says of mutex what is true of semaphore.');
    expect(result.misconceptions.find((m) => m.claim.startsWith('Says of mutex'))?.correction).toMatch(/permits/);
  });

  it('treats a two-word name ("worker threads") as one side of the comparison, named by either word', () => {
    const answer =
      'Cluster is what you use for CPU-heavy jobs: when a request needs a thumbnail you fork a cluster process to do the image resizing. ' +
      'Threads are for serving more HTTP connections across the cores.';
    const result = judge.judge('node-worker-threads-vs-cluster', answer);
    expect(result.points.find((p) => p.id === 'cpu-vs-io')?.status).toBe('contradicted');
    expect(result.misconceptions.map((m) => m.claim)).toContain('Says of cluster what is true of workers.');
    expect(result.verdict).not.toBe('strong');
  });

  it('does not call a correct contrast a swap, whichever thing a sentence names first', () => {
    const answer =
      'Unlike a semaphore, a mutex lets only one thread at a time into the critical section, and only the owner unlocks it. ' +
      'A semaphore holds N permits: acquire decrements and blocks at zero, release increments, and any thread can release. ' +
      'It does not give one thread exclusive access. So a mutex guards shared mutable state and a semaphore limits concurrency, ' +
      'like ten concurrent calls to a partner API; release in a finally block.';
    const result = judge.judge('mutex-vs-semaphore', answer);
    expect(result.misconceptions).toEqual([]);
    expect(result.points.find((p) => p.id === 'mutex')?.status).toBe('covered');
    expect(result.points.find((p) => p.id === 'semaphore')?.status).toBe('covered');
  });
});

describe('wrong claims that rest on "just"', () => {
  it('need the "just": an ownership check against the logged-in user is not "just check they are logged in"', () => {
    const right =
      "That is an IDOR. The endpoint trusts the id in the URL: check that the order's customer_id matches the logged-in user before returning it.";
    expect(judge.judge('idor-broken-access-control', right).misconceptions).toEqual([]);
    const wrong = 'It is fine as long as you just check they are logged in before returning the order.';
    expect(judge.judge('idor-broken-access-control', wrong).misconceptions.map((m) => m.claim)).toContain(
      'Requiring the user to be logged in fixes it.',
    );
  });
});

describe('warnings against a mistake, in the shapes people write them', () => {
  const claimsOf = (questionId: string, answer: string) => {
    const result = judge.judge(questionId, answer);
    return { wrong: result.misconceptions.map((m) => m.claim), warned: result.warnings.map((w) => w.text) };
  };

  it('covers every item of a list that a warning introduces with a colon, however long the list', () => {
    const { wrong, warned } = claimsOf(
      'idor-broken-access-control',
      'The handler loads order 1042 by id without checking the owner. Load by id and owner, return 404 otherwise, and test it per endpoint. ' +
        'Mistakes to avoid: hiding the buttons in the front-end, trusting the id in the path, or deciding to make the ids random and calling it done.',
    );
    expect(wrong).toEqual([]);
    expect(warned).toContain('Proposing UUIDs or hashed IDs as the fix.');
  });

  it('reads "I would push back on …" as a warning', () => {
    const { wrong, warned } = claimsOf(
      'idor-broken-access-control',
      'Scope every query by the current user, with WHERE id = $1 AND owner_id = $2, and return 404. I would push back on switching to UUIDs as the fix.',
    );
    expect(wrong).toEqual([]);
    expect(warned).toContain('Proposing UUIDs or hashed IDs as the fix.');
  });

  it('reads "… is a different attack from <mistake>" as a contrast, not the mistake', () => {
    const { wrong } = claimsOf(
      'brute-force-and-credential-stuffing',
      'Credential stuffing is a different attack from trying lots of passwords against one account: it replays leaked pairs across many IPs, so per-IP limits miss it.',
    );
    expect(wrong).toEqual([]);
  });

  it('keeps the small words of a wrong claim that would shrink to a negation and one word', () => {
    // "not my design" must not be found in "I was not proud of the design".
    const { wrong } = claimsOf(
      'system-you-would-redesign',
      'I was not proud of the design I shipped for our imports: the request parsed the whole file. I would move it to a queue with workers, and accept the cost of running them.',
    );
    expect(wrong).toEqual([]);
    const blame = claimsOf('system-you-would-redesign', 'Honestly it was not my design, management forced us into it.');
    expect(blame.wrong).toContain('Blaming others for the design without owning any part of it.');
  });
});

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

describe('measures the verdict weighs beyond the rubric phrases', () => {
  it('counts the words of an answer that claim without exception', () => {
    const measured = (answer: string) => judge.gather('testing-async-code', answer).evidence.absolutes;
    const overclaiming =
      'Jest always waits for every promise automatically, so you basically never need await; assertions in .then() just run.';
    const careful =
      'Return or await the promise so the runner waits for it, and assert rejections with expect().rejects.';
    expect(measured(overclaiming)).toBeGreaterThan(0.2);
    expect(measured(careful)).toBe(0);
  });

  it('does not count a negated absolute: "not always" claims no absolute', () => {
    const measured = (answer: string) => absoluteShare(analyse(answer));
    expect(measured('An index is not always faster, and a cache does not make everything instant.')).toBe(0);
    expect(measured('An index is always faster.')).toBeGreaterThan(0);
  });

  it('counts an absolute that is otherwise filler ("just") among the words it is a share of', () => {
    // "Indexes just work": the meaningful words are "indexes" and "work"; "just" counts on both sides.
    expect(absoluteShare(analyse('Indexes just work.'))).toBeCloseTo(1 / 3);
    // Counted on one side only, two "just"s against one meaningful word made a share of 2.
    expect(absoluteShare(analyse('It just, just works.'))).toBeCloseTo(2 / 3);
  });

  it('finds how near plain words come to a key point whose phrases the answer does not use', () => {
    const measured = (answer: string) => judge.gather('percentiles-vs-averages', answer).evidence.affinity;
    expect(measured('Averages hide the outliers.')).toBeGreaterThan(0);
    expect(measured('I do not know what a tail is and the mean never mixes anything.')).toBe(0);
    expect(measured('Kubernetes schedules pods onto nodes.')).toBe(0);
  });
});

describe('advice', () => {
  it('reads "never use a fast hash" as a warning, not a denial that fast hashes are the problem', () => {
    const answer = 'Hash with Argon2id, and never use fast hashes like MD5 or SHA-256.';
    const point = judge.judge('storing-passwords-securely', answer).points.find((p) => p.id === 'fast-hash-problem');
    expect(point?.status).not.toBe('contradicted');
  });

  it('still reads a negated statement of fact as denying the point', () => {
    const answer = 'MD5 and SHA-256 are not fast hashes, so cracking them takes years.';
    const point = judge.judge('storing-passwords-securely', answer).points.find((p) => p.id === 'fast-hash-problem');
    expect(point?.status).toBe('contradicted');
  });
});
