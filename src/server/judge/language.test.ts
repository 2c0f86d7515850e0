import { describe, expect, it } from 'vitest';
import { analyse } from './language.js';
import { listedTermClauses } from './lists.js';
import { keyOf } from './words.js';

/** The words of `text` (as written) that satisfy `test`. */
function wordsWhere(text: string, test: (word: ReturnType<typeof analyse>['words'][number]) => boolean): string[] {
  return analyse(text)
    .words.filter(test)
    .map((w) => w.text);
}
const negated = (text: string) => wordsWhere(text, (w) => w.negatedBy !== null);
const disclaimed = (text: string) => wordsWhere(text, (w) => w.disclaimed);

describe('keys', () => {
  it('fold forms and spellings of a word to one key, whatever the part of speech', () => {
    expect(new Set(['index', 'indexes', 'indexing', 'indexed'].map((w) => keyOf(w))).size).toBe(1);
    expect(keyOf('authorisation')).toBe(keyOf('authorization'));
    expect(keyOf('slower')).toBe(keyOf('slow'));
    expect(keyOf('Data')).toBe(keyOf('data'));
    expect(keyOf('db')).toBe(keyOf('database'));
    // "one" is a number, not the preposition "on".
    expect(keyOf('one')).not.toBe(keyOf('on'));
  });

  it('keep identifiers and big-O notation as one word', () => {
    const words = analyse('It runs in O(log n) time with JSON.parse and has_many.').words.map((w) => w.text);
    expect(words).toEqual(expect.arrayContaining(['O(log n)', 'JSON.parse', 'has_many']));
    expect(analyse('Call JSON.parse on it. Then stop.').sentences).toHaveLength(2);
  });
});

describe('negation', () => {
  it('reaches to the end of the clause after "not" and "never", and no further', () => {
    expect(negated("Indexes don't speed up writes, but they speed up reads.")).toEqual(['speed', 'up', 'writes']);
    expect(negated('Never store passwords with reversible encryption.')).toEqual([
      'store',
      'passwords',
      'with',
      'reversible',
      'encryption',
    ]);
  });

  it('treats "prevent" and "stop" as ordinary verbs, not negations', () => {
    expect(negated('Parameterised queries prevent SQL injection and stop attacks.')).toEqual([]);
  });

  it('lets "without" and a late "no" deny only the noun phrase after them', () => {
    expect(negated('Without an index the database scans every row.')).toEqual(['an', 'index']);
    expect(negated('If there is no index the database scans every row.')).toEqual(['index']);
  });

  it('lets "no", "none" and "nothing" as the subject deny the clause, and "no need for" what follows', () => {
    expect(negated('Nothing is applied.')).toEqual(['is', 'applied']);
    expect(negated('There is no need for an idempotent consumer.')).toEqual(
      expect.arrayContaining(['idempotent', 'consumer']),
    );
  });

  it('denies the subject of a negated value ("doesn\'t matter", "is not needed", "doesn\'t help")', () => {
    expect(negated("Indexes don't help WHERE clauses.")).toEqual(['Indexes', 'do', 'help', 'WHERE', 'clauses']);
    expect(negated("HttpOnly doesn't matter.")).toContain('HttpOnly');
    expect(negated('The salt is not needed.')).toContain('salt');
    // Other predicates leave the subject alone.
    expect(negated('Parameterised queries do not prevent injection.')).not.toContain('queries');
  });

  it('denies only the subject of a negated value, not a relative clause or a fronted phrase before it', () => {
    expect(negated('`404 Not Found` covers anything that does not exist.')).toEqual(['does', 'exist']);
    expect(negated('Hash IPs where full ones are not needed.')).toEqual(['full', 'ones', 'are', 'needed']);
    expect(negated('Across several instances an in-process lock is not enough.')).not.toContain('instances');
    expect(negated('The order of the middleware does not matter.')).toEqual(
      expect.arrayContaining(['order', 'middleware']),
    );
  });

  it('reads no negation in names and code, and ends one inside a condition or a negated participle', () => {
    expect(negated('Bloom filters give false positives, never false negatives.')).toEqual(['false', 'negatives']);
    expect(negated('`WHERE NOT EXISTS` and `verify=False`, with a 404 Not Found for the rest.')).toEqual([]);
    expect(negated('SET NOT NULL scans the whole table.')).toEqual([]);
    expect(negated('This is NOT true.')).toContain('true');
    expect(negated('If it cannot, PostgreSQL refuses new writes.')).toEqual([]);
    expect(negated('Keys not listed are dropped and logged.')).toEqual(['listed']);
  });

  it('stops at "and" when a new subject follows', () => {
    expect(negated("pg_dump isn't enough and a replica would replay the DELETE.")).not.toContain('replica');
  });
});

describe('disclaimers and hedges', () => {
  it('mark what the candidate says they do not know, to the end of the sentence', () => {
    expect(disclaimed('I have no idea how indexes work. B-trees are sorted.')).toEqual([
      'no',
      'idea',
      'how',
      'indexes',
      'work',
    ]);
    expect(disclaimed('Honestly, no idea what a B-tree is.').length).toBeGreaterThan(0);
  });

  it('stay disclaimers with a degree word inside, and cover having never built the thing', () => {
    expect(disclaimed("I don't really know what a vector clock is.")).toContain('vector');
    expect(disclaimed("Honestly I'm not quite sure how the leader is elected.")).toContain('leader');
    expect(disclaimed("I haven't designed a rate limiter before.")).toContain('limiter');
    expect(disclaimed("The job isn't really built for retries, so I'd add a queue.")).toEqual([]);
  });

  it('are not disclaimers when the answer describes someone else', () => {
    expect(disclaimed("The client doesn't know whether the charge happened, so it retries.")).toEqual([]);
  });

  it('hedge the rest of the clause after a "maybe" inside a sentence, and the whole sentence after one that opens it', () => {
    expect(wordsWhere('It is a B-tree, maybe a hash one, I think.', (w) => w.hedged)).toEqual(['a', 'hash', 'one']);
    expect(wordsWhere('Maybe it is a B-tree, I think.', (w) => w.hedged)).toEqual([
      'it',
      'is',
      'a',
      'B',
      'tree',
      'I',
      'think',
    ]);
  });
});

describe('clauses', () => {
  const clausesOf = (text: string) => {
    const { words } = analyse(text);
    return [...new Set(words.map((w) => w.clause))].map((c) =>
      words
        .filter((w) => w.clause === c)
        .map((w) => w.text)
        .join(' '),
    );
  };

  it('split at commas and contrasting conjunctions', () => {
    expect(clausesOf('401 means unauthenticated, whereas 403 means forbidden.')).toEqual([
      '401 means unauthenticated',
      'whereas 403 means forbidden',
    ]);
  });

  it('start a new clause at "and" when an upper-case keyword is the next subject, but keep keyword pairs together', () => {
    expect(clausesOf('WHERE filters rows before the grouping happens and HAVING removes groups after it.')).toEqual([
      'WHERE filters rows before the grouping happens',
      'and HAVING removes groups after it',
    ]);
    expect(clausesOf('PUT and DELETE are safe methods.')).toEqual(['PUT and DELETE are safe methods']);
  });

  it('keep a conditional and a relative clause with the words they belong to', () => {
    expect(clausesOf('If readiness fails, the pod is restarted.')).toEqual(['If readiness fails the pod is restarted']);
    expect(clausesOf('Files go to the CDN, which is the primary store.')).toEqual([
      'Files go to the CDN which is the primary store',
    ]);
  });

  it('find bare lists of terms', () => {
    const analysis = analyse('pgvector, HNSW, IVFFlat, cosine similarity, hybrid search, BM25. It depends on scale.');
    const listed = listedTermClauses(analysis);
    expect(analysis.words.filter((w) => listed.has(w.clause)).map((w) => w.text)).toEqual([
      'pgvector',
      'HNSW',
      'IVFFlat',
      'cosine',
      'similarity',
      'hybrid',
      'search',
      'BM25',
    ]);
  });
});
