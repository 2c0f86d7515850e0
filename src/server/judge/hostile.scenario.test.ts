import { describe, expect, it } from 'vitest';
import { loadCurriculum } from '../content/load-content.js';
import { CONTENT_DIR } from '../paths.js';
import { answerJudgeFor } from './answer.js';
import { analyse } from './language.js';
import { normaliseMapped } from './text.js';
import { evidenceOf } from './evidence.fixture.js';
import { decide, RULES } from './verdict.js';

/**
 * Answers written to fool the typed judge (the red team's findings 1–6), in words of our own: the
 * judge must read what an answer says, not which rubric words it contains.
 */

const curriculum = await loadCurriculum(CONTENT_DIR);
const judge = answerJudgeFor(curriculum.questions);

/** A strong account of ACID, one sentence per key point. */
const ACID = [
  'Picture moving 80 dollars between two savings accounts in one transaction.',
  'Atomicity: the debit and the credit both happen or neither does, so after a crash halfway the database rolls back and leaves no partial updates.',
  'Consistency: the transaction takes the data from one valid state to another, so a check constraint that keeps the balance from going below zero refuses the commit.',
  "Isolation: two transfers running at the same time do not interfere; the isolation level decides how much of the other's half-finished work you see, and Read Committed, the default, still allows a lost update unless you lock the row.",
  'Durability: once the commit returns it survives a power cut, because the write-ahead log was flushed to disk first.',
].join(' ');
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const sentences = (text: string) => text.split(/(?<=[.!?])\s+/);
const statuses = (text: string) => judge.judge('acid-properties', text).points.map((p) => p.status);

describe('typed answers are read normalised, with spans into what was typed', () => {
  it('reads apostrophe and quote look-alikes, invisible characters, accents, look-alike letters and fullwidth forms as plain text', () => {
    expect(normaliseMapped('it isn\u2019t, it doesn\u02BCt, it can\uFF07t').text).toBe(
      "it isn't, it doesn't, it can't",
    );
    expect(normaliseMapped('\u201Cquoted\u201D and don`t').text).toBe('"quoted" and don\'t');
    expect(normaliseMapped('n\u200Bo\u00ADt and \uFF4E\uFF4F\uFF54').text).toBe('not and not');
    expect(normaliseMapped('n\u043Et, n\u03BFt, n0t, ec2, 0x0A').text).toBe('not, not, not, ec2, 0x0A');
    expect(normaliseMapped('n\u0336o\u0336t na\u00EFve').text).toBe('not naive');
    // A Cyrillic word stays Cyrillic: only look-alikes inside Latin words are mapped.
    expect(normaliseMapped('\u043D\u0435\u0442').text).toBe('\u043D\u0435\u0442');
  });

  it('maps every normalised character back to the one typed', () => {
    const typed = 'a\u200Bb \uFB01x';
    const { text, from, to } = normaliseMapped(typed);
    expect(text).toBe('ab fix');
    expect(from).toEqual([0, 2, 3, 4, 4, 5]);
    expect(to).toEqual([1, 3, 4, 5, 5, 6]);
  });

  it('judges a denial typed with a phone keyboard as it judges the same denial typed in ASCII', () => {
    const ascii =
      "Atomicity doesn't roll back anything and it isn't all or nothing. Durability doesn't survive a power cut. Isolation isn't about concurrent transactions.";
    for (const apostrophe of ['\u2019', '\u02BC', '\uFF07', '\u00B4']) {
      const typed = ascii.replace(/'/g, apostrophe);
      expect(statuses(typed)).toEqual(statuses(ascii));
      expect(judge.judge('acid-properties', typed).verdict).toBe(judge.judge('acid-properties', ascii).verdict);
    }
    const hidden = ascii.replace(/n't/g, ' n\u200Bo\u0442');
    expect(statuses(hidden)).toEqual(statuses(ascii.replace(/n't/g, ' not')));
  });

  it('quotes evidence from the text as typed, invisible characters and all', () => {
    const typed = 'Atomicity: the whole thing is all or\u200B nothing, the database r\u043Ells back.';
    const result = judge.judge('acid-properties', typed);
    const atomicity = result.points.find((p) => p.id === 'atomicity')!;
    expect(atomicity.status).toBe('covered');
    const quoted = atomicity.evidence.map((s) => typed.slice(s.start, s.end));
    expect(quoted.join(' ')).toMatch(/^(?:all or\u200B nothing|r\u043Ells back)|all|nothing|r\u043Ells/);
    for (const span of atomicity.evidence) expect(typed.slice(span.start, span.end).trim()).not.toBe('');
  });
});

describe('denial by framing, retraction or quotation', () => {
  it.each([
    ['myth', (s: string) => `It is a widespread myth that ${lower(s)}`],
    ['wrongly believed', (s: string) => `Plenty of juniors wrongly believe that ${lower(s)}`],
    ['not the case', (s: string) => `It is not the case that ${lower(s)}`],
    ['untrue after', (s: string) => `${s.replace(/[.!?]$/, '')}, and that is untrue.`],
  ])('does not call an answer strong when every sentence is framed as false (%s)', (_, frame) => {
    const framed = sentences(ACID).map(frame).join(' ');
    const result = judge.judge('acid-properties', framed);
    expect(result.verdict).not.toBe('strong');
    expect(result.points.filter((p) => p.status === 'covered').length).toBeLessThanOrEqual(1);
  });

  it.each([
    'Scratch that: none of this is true.',
    'I am kidding, obviously; the reverse of all that is the case.',
    'Please disregard everything I wrote above.',
  ])('calls a strong answer taken back weak (%s)', (retraction) => {
    const result = judge.judge('acid-properties', `${ACID}\n\n${retraction}`);
    expect(result.verdict).toBe('weak');
    expect(result.reasons.join(' ')).toMatch(/takes back/);
  });

  it('calls a strong answer quoted from someone else and then rejected weak', () => {
    const quoted = `A blog post I read said: "${ACID}" I disagree with every word of it.`;
    expect(judge.judge('acid-properties', quoted).verdict).toBe('weak');
  });

  it('credits no key point that the answer calls irrelevant or a myth', () => {
    const weak = 'ACID is a database thing. I mostly use MongoDB so I do not worry about it.';
    const appended = [
      weak,
      'The idea of all or nothing is irrelevant here.',
      'The claim "a valid state, respecting constraints" is a myth.',
      'Talk of the isolation level is simply wrong.',
      'Saying a commit survives a power cut is false.',
    ].join(' ');
    const result = judge.judge('acid-properties', appended);
    expect(result.verdict).not.toBe('strong');
    expect(result.points.filter((p) => p.status === 'covered')).toEqual([]);
  });

  it.each([
    ['sorted-structure', "B-trees aren't what an index uses; an index is a hash of every value."],
    ['sorted-structure', 'A B-tree, contrary to what many think, is not what an index is built on.'],
    ['sorted-structure', 'A B-tree has nothing to do with indexes.'],
    ['avoids-full-scan', 'A full table scan is not what an index avoids.'],
  ])('does not credit %s to a subject the sentence denies ("X is not what…") (%s)', (point, answer) => {
    const result = judge.judge('how-indexes-work', answer);
    expect(result.points.find((p) => p.id === point)!.status).not.toBe('covered');
    expect(result.verdict).toBe('weak');
  });

  const items = sentences(ACID).slice(1);
  it.each([
    ['None of the following is true:', 'bullets'],
    ['All of these are myths:', 'bullets'],
    ['Common misconceptions about ACID:', 'sentences'],
    ['Things that are not true:', 'a paragraph'],
  ])('denies the whole list that "%s" heads (%s)', (head, form) => {
    const list =
      form === 'bullets'
        ? `${head}\n\n${items.map((s) => `- ${s}`).join('\n')}`
        : form === 'sentences'
          ? `${head} ${items.join(' ')}`
          : `${head}\n\n${items.join(' ')}`;
    const result = judge.judge('acid-properties', list);
    expect(result.points.filter((p) => p.status === 'covered')).toEqual([]);
    expect(result.verdict).not.toBe('strong');
  });

  it('ends a denied list where the answer turns back to its own claims', () => {
    const answer = `All of these are myths:\n${items
      .slice(0, 2)
      .map((s) => `- ${s}`)
      .join('\n')}\n\nIn reality, ${lower(items.at(-1)!)}`;
    const statuses = judge.judge('acid-properties', answer).points;
    expect(statuses.find((p) => p.id === 'atomicity')!.status).not.toBe('covered');
    expect(statuses.find((p) => p.id === 'durability')!.status).toBe('covered');
  });

  const durability = 'a commit survives a power cut once the write-ahead log is flushed to disk';
  it.each([
    `I doubt that ${durability}.`,
    `I seriously doubt ${durability}.`,
    `People used to think that ${durability}.`,
    `${durability.charAt(0).toUpperCase()}${durability.slice(1)}. That is an old idea.`,
    `${durability.charAt(0).toUpperCase()}${durability.slice(1)}, but that's an outdated view.`,
    `The old idea that ${durability} no longer holds.`,
  ])('reads doubt and distance as denial (%s)', (answer) => {
    expect(judge.judge('acid-properties', answer).points.find((p) => p.id === 'durability')!.status).not.toBe(
      'covered',
    );
  });

  it('still credits a point said with "no doubt"', () => {
    const answer = `There is no doubt that ${durability}.`;
    expect(judge.judge('acid-properties', answer).points.find((p) => p.id === 'durability')!.status).toBe('covered');
  });

  it('still finds a wrong claim that carries its own judgement ("the order is irrelevant")', () => {
    const answer = 'Honestly the order of the middleware is irrelevant: Django calls every one of them anyway.';
    const result = judge.judge('django-middleware', answer);
    expect(result.misconceptions.length).toBeGreaterThan(0);
    expect(result.verdict).toBe('weak');
  });

  it('still credits an answer that names a relative clause "wrong" or a rule "false"', () => {
    const answer = `${ACID} A 422 response should say which field is wrong.`;
    expect(judge.judge('acid-properties', answer).verdict).toBe('strong');
  });
});

describe('a denied key point and hedging block strong', () => {
  it('contradicts a point the answer denies outright, and is not strong', () => {
    const withoutDurability = sentences(ACID).slice(0, -1).join(' ');
    const answer = `${withoutDurability} Durability, though, is not about surviving a power cut: a crash can lose a commit.`;
    const result = judge.judge('acid-properties', answer);
    expect(result.points.find((p) => p.id === 'durability')!.status).toBe('contradicted');
    expect(result.verdict).not.toBe('strong');
  });

  it.each([
    'Actually no, durability does not survive a power cut.',
    'Actually no, it does not survive a power cut.',
    'Then again, that is not true.',
    'Actually, that is wrong.',
  ])('contradicts a point the answer states and then takes back, and is not strong (%s)', (takeBack) => {
    const result = judge.judge('acid-properties', `${ACID} ${takeBack}`);
    expect(result.points.find((p) => p.id === 'durability')!.status).toBe('contradicted');
    expect(result.verdict).not.toBe('strong');
  });

  it.each([
    'If the log were not flushed first, a commit would not survive a power cut.',
    'Why does a commit not survive a power cut on a cheap disk that lies about fsync? Because the flush never reaches the platter.',
    'Keep the log on its own disk, so a commit does not fail to survive a power cut.',
    'A disk cache that does not survive a power cut must be battery-backed or switched off.',
  ])('keeps a point covered where the answer only says it in a negative shape (%s)', (negative) => {
    const result = judge.judge('acid-properties', `${ACID} ${negative}`);
    expect(result.points.find((p) => p.id === 'durability')!.status).toBe('covered');
    expect(result.verdict).toBe('strong');
  });

  it('hedges the whole sentence a hedge opens, past its first clause', () => {
    const analysis = analyse('Perhaps the log is flushed first, so the commit survives a crash.');
    const words = analysis.words.filter((w) => w.text !== 'Perhaps' && /\w/.test(w.text));
    expect(words.every((w) => w.hedged)).toBe(true);
    const later = analyse('The log is flushed first, so perhaps the commit survives a crash.');
    expect(later.words.find((w) => w.text === 'log')!.hedged).toBe(false);
  });

  it('does not call an answer whose sentences mostly open with a hedge strong', () => {
    const hedged = sentences(ACID)
      .map((s, i) => `${['Perhaps', 'Some say', 'Maybe', 'I think maybe', 'Possibly'][i]} ${lower(s)}`)
      .join(' ');
    expect(judge.judge('acid-properties', hedged).verdict).not.toBe('strong');
  });
});

/** Evidence the model reads as strong: long, specific, on topic. */
const strongLooking = evidenceOf({
  listed: 0,
  topicOwn: 0.45,
  topicRatio: 2.5,
  words: 120,
  specific: 14,
  absolutes: 0.01,
});

describe('strong needs evidence', () => {
  it('counts a sentence said again once', () => {
    const once = judge.gather('acid-properties', ACID).evidence.words;
    const pasted = Array.from({ length: 7 }, () => ACID).join('\n\n');
    expect(judge.gather('acid-properties', pasted).evidence.words).toBe(once);
  });

  it('does not call a weak answer pasted many times strong', () => {
    const weak =
      'Transactions are a database feature. Atomicity is one of the letters. You use BEGIN and COMMIT and the database handles the rest for you.';
    expect(judge.judge('acid-properties', Array.from({ length: 9 }, () => weak).join('\n\n')).verdict).not.toBe(
      'strong',
    );
  });

  it('never calls an answer strong that covers too little of the rubric, or that answers another question', () => {
    expect(decide(strongLooking).verdict).toBe('strong');
    expect(decide({ ...strongLooking, coverage: RULES.strongCoverage / 2, covered: 0.1 }).verdict).toBe('partial');
    expect(decide({ ...strongLooking, contradicted: 1 }).verdict).toBe('partial');
    expect(decide({ ...strongLooking, hedged: RULES.hedgedMost }).verdict).toBe('partial');
    // Long and specific, but much more like another question than its own, with little of its rubric.
    const elsewhere = {
      ...strongLooking,
      topicOwn: 0.5,
      topicElsewhere: 0.6,
      topicRatio: 0.7,
      words: 300,
      specific: 30,
      coverage: 0.45,
      covered: 0.45,
    };
    expect(decide(elsewhere).verdict).toBe('partial');
    expect(decide(elsewhere).reasons.join(' ')).toMatch(/another question/);
  });

  it('does not call another question’s strong answer strong', () => {
    const indexes =
      'A B-tree index keeps the indexed column sorted in a balanced tree, so the database finds a row in logarithmic time instead of scanning the whole table. ' +
      'A composite index on (customer_id, created_at) serves filters on the leading column and range scans on the second; column order matters. ' +
      'Indexes cost write speed and disk space, and the planner skips an index when selectivity is low. Check with EXPLAIN ANALYZE whether it does an index scan or a sequential scan.';
    expect(judge.judge('how-indexes-work', indexes).verdict).toBe('strong');
    expect(judge.judge('acid-properties', indexes).verdict).not.toBe('strong');
  });
});

describe('answers in other languages', () => {
  it('calls a correct answer in French weak, not off-topic, and says only English is judged', () => {
    const french =
      "L'atomicité signifie que toutes les opérations d'une transaction réussissent ou aucune : le moteur fait un rollback. " +
      "La cohérence garantit que la base passe d'un état valide à un autre et respecte les contraintes. " +
      "L'isolation fait que les transactions concurrentes ne voient pas le travail à moitié fait des autres, selon le niveau d'isolation. " +
      "La durabilité garantit qu'une transaction validée survit à une panne de courant, car le journal est écrit sur disque avant la fin du commit.";
    const result = judge.judge('acid-properties', french);
    expect(result.verdict).toBe('weak');
    expect(result.reasons.join(' ')).toMatch(/Only English/);
  });

  it('reads a German or Portuguese negation in an answer mixed with English terms', () => {
    for (const negation of ['nicht', 'não']) {
      const mixed = `Durability: a commit ${negation} survives a power cut, it is ${negation} flushed to disk.`;
      expect(judge.judge('acid-properties', mixed).points.find((p) => p.id === 'durability')!.status).not.toBe(
        'covered',
      );
    }
  });
});
