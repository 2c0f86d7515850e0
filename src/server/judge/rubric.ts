import type { KeyPoint, Misconception, Pitfall } from '../../shared/curriculum.js';
import type { MisconceptionResult, PointResult, PointStatus, Span } from '../../shared/judgement.js';
import type { Analysis } from './language.js';
import { listedTermClauses } from './lists.js';
import { saidOf } from './subjects.js';
import { contrariesOf } from './contrasts.js';
import { keysOf } from './words.js';
import { advisedAgainst, deniedOutright, takesBack } from './denial.js';
import { bestMatch, compilePhrase, findPhrase, spansOf, type CompiledPhrase, type PhraseMatch } from './phrases.js';

/**
 * A rubric read against an analysed answer: which key points it asserts, and which wrong claims it
 * makes or warns against. Shared by every judge (concept answers, designs, recruiter screens).
 */

export interface PreparedPoint {
  id: string;
  statement: string;
  phrases: CompiledPhrase[];
  /** The phrases with a word swapped for its opposite: asserted, they contradict the point. */
  contraries: CompiledPhrase[];
}

export interface PreparedClaim {
  claim: string;
  correction: string;
  phrases: CompiledPhrase[];
  kind: MisconceptionResult['kind'];
}

export function preparePoints(points: readonly Pick<KeyPoint, 'id' | 'statement' | 'phrases'>[]): PreparedPoint[] {
  return points.map((point) => {
    const phrases = point.phrases.map((phrase) => compilePhrase(phrase)).filter((p) => p.keys.length > 0);
    return { id: point.id, statement: point.statement, phrases, contraries: phrases.flatMap(contrariesOf) };
  });
}

/**
 * Misconceptions as written, and pitfalls through their phrases of two or more meaningful words (a
 * pitfall's one-word phrase names a topic, not the mistake).
 */
export function prepareClaims(
  misconceptions: readonly Misconception[],
  pitfalls: readonly Pitfall[] = [],
): PreparedClaim[] {
  return [
    ...misconceptions.map((m) => ({
      claim: m.claim,
      correction: m.correction,
      phrases: m.phrases.map((p) => compilePhrase(p, { claim: true })).filter((p) => p.keys.length > 0),
      kind: 'misconception' as const,
    })),
    ...pitfalls
      .map((p) => ({
        claim: p.text,
        correction: '',
        phrases: p.phrases
          .map((phrase) => compilePhrase(phrase, { claim: true }))
          .filter((phrase) => phrase.keys.length >= 2),
        kind: 'pitfall' as const,
      }))
      .filter((p) => p.phrases.length > 0),
  ];
}

/** Where a point was found, for judges that read several texts at once (a design's boxes and prose). */
interface PointReading {
  status: PointStatus;
  phrase: string | null;
  evidence: Span[];
  /** The compared thing the answer said the point of instead, when it swapped them (see `subjects.ts`). */
  saidOf?: string;
}

/** Which of a question's compared things a point is about, and all of them. */
interface PointSubject {
  own: string;
  terms: ReadonlyMap<string, string>;
}

const MISSED: PointReading = { status: 'missed', phrase: null, evidence: [] };
const STATUS_RANK: Record<PointStatus, number> = { covered: 3, partly: 2, contradicted: 1, missed: 0 };

/**
 * A point is covered by an asserted phrase outside a bare list of terms, unless the answer also
 * takes that claim back (see `takesBack`: "X. Actually no, X is not true", "X, but that is wrong");
 * named only in such a list, or only hedged, it is partly covered; denied by a phrase of two or
 * more words, or asserted with a word swapped for its opposite ("flushed after commit returns"),
 * and never asserted, contradicted.
 */
export function readPoint(
  analysis: Analysis,
  point: PreparedPoint,
  listed = listedTermClauses(analysis),
  wrongClauses: ReadonlySet<number> = new Set(),
  subject?: PointSubject,
): PointReading {
  let fallback: { status: PointStatus; match: PhraseMatch } | null = null;
  let swapped: { match: PhraseMatch; saidOf: string } | null = null;
  let covered: PointReading | null = null;
  /** Phrases the answer asserts, and matches of two or more words that it negates (read once the loop is done). */
  const asserted = new Set<string>();
  const negated: PhraseMatch[] = [];
  for (const phrase of point.phrases) {
    const found = findPhrase(analysis, phrase);
    // Said of another of the things the question compares, the words show the candidate swapped them.
    const all = found.filter((m) => {
      if (!subject || m.polarity !== 'asserted') return true;
      const said = saidOf(analysis, m, subject.terms);
      if (said.size === 0 || said.has(subject.own)) return true;
      swapped ??= { match: m, saidOf: [...said][0]! };
      return false;
    });
    // Words used to make a wrong claim are not evidence of knowing the point.
    const wrong = all.find((m) => wrongClauses.has(m.clause));
    const matches = all.filter((m) => !wrongClauses.has(m.clause));
    if (wrong && matches.length === 0 && !fallback) fallback = { status: 'contradicted', match: wrong };
    if (phrase.keys.length >= 2) negated.push(...matches.filter((m) => m.polarity === 'negated'));
    const match = matches.find((m) => m.polarity === 'asserted' && !listed.has(m.clause)) ?? bestMatch(matches);
    if (!match) continue;
    if (match.polarity === 'asserted' && !listed.has(match.clause)) {
      asserted.add(phrase.text);
      covered ??= { status: 'covered', phrase: phrase.text, evidence: spansOf(analysis, match) };
      continue;
    }
    if ((match.polarity === 'hedged' || match.polarity === 'asserted') && fallback?.status !== 'partly') {
      fallback = { status: 'partly', match };
    }
    if (match.polarity === 'negated' && phrase.keys.length >= 2 && !fallback && !advisedAgainst(analysis, match)) {
      fallback = { status: 'contradicted', match };
    }
  }
  const denied = covered
    ? negated.find((m) => takesBack(analysis, m, point.statement, asserted))
    : negated.find((m) => deniedOutright(analysis, m) && !advisedAgainst(analysis, m));
  if (denied) return { status: 'contradicted', phrase: denied.phrase, evidence: spansOf(analysis, denied) };
  if (covered) return covered;
  fallback ??= contraryOf(analysis, point, listed);
  if (fallback) {
    return { status: fallback.status, phrase: fallback.match.phrase, evidence: spansOf(analysis, fallback.match) };
  }
  const swap = swapped as { match: PhraseMatch; saidOf: string } | null;
  return swap
    ? {
        status: 'contradicted',
        phrase: swap.match.phrase,
        evidence: spansOf(analysis, swap.match),
        saidOf: swap.saidOf,
      }
    : MISSED;
}

/** Where the answer asserts the contrary of a point (not hedged, denied or named in a list of terms). */
function contraryOf(
  analysis: Analysis,
  point: PreparedPoint,
  listed: ReadonlySet<number>,
): { status: PointStatus; match: PhraseMatch } | null {
  for (const contrary of point.contraries) {
    const match = findPhrase(analysis, contrary).find((m) => m.polarity === 'asserted' && !listed.has(m.clause));
    if (match) return { status: 'contradicted', match };
  }
  return null;
}

/** The best reading of a point across several texts; evidence is kept only from `evidenceFrom`. */
export function readPointAcross(analyses: readonly Analysis[], point: PreparedPoint, evidenceFrom = 0): PointReading {
  let best = MISSED;
  analyses.forEach((analysis, index) => {
    const reading = readPoint(analysis, point);
    if (STATUS_RANK[reading.status] > STATUS_RANK[best.status]) {
      best = index === evidenceFrom ? reading : { ...reading, evidence: [] };
    }
  });
  return best;
}

export function toPointResult(point: PreparedPoint, { saidOf: _, ...reading }: PointReading): PointResult {
  return { id: point.id, statement: point.statement, ...reading };
}

/** Said before a mistake in its sentence, these turn naming it into warning against it: "avoid…", "instead of…". */
const WARNING_BEFORE = keysOf(
  'avoid instead rather unlike stop beware careful against myth misconception mistake pitfall trap antipattern never disagree'.split(
    ' ',
  ),
);
/**
 * Said after the start of a mistake in its clause, these judge it: "… is a myth", "… is broken",
 * "credential stuffing is different from brute force".
 */
const WARNING_AFTER = keysOf(
  'mistake myth misconception wrong bad dangerous insecure unsafe vulnerable risky antipattern pitfall trap broken deprecated obsolete weak harmful false incorrect untrue misleading impossible unrealistic unachievable illusion naive fallacy different differ distinct confuse confusion'.split(
    ' ',
  ),
);
/** Said before a claim, these words attribute it to others: "people think…", "a common myth is…". */
const ATTRIBUTION_KEYS = keysOf('think believe assume claim say'.split(' '));
const OTHERS_KEYS = keysOf('people others everyone many some myth misconception belief folk'.split(' '));
/** "… is different from <mistake>", "a different attack from <mistake>" contrasts the answer with the mistake. */
const DIFFERENT = keysOf(['different', 'differs', 'distinct']);
/** How far before a mistake (in words of its sentence) a warning still reaches. */
const WARNING_REACH = 8;

/**
 * Whether a mistake is warned against rather than made: a warning word shortly before it in its
 * sentence ("the thing to avoid: every worker retrying at once"), a judgement after it in its
 * clause ("… is a myth", "… is different from brute force"), or a claim attributed to others.
 */
function warnedAgainst(analysis: Analysis, match: PhraseMatch): boolean {
  const matched = new Set(match.words);
  const first = match.words[0]!;
  const sentence = analysis.sentences[match.sentence]!;
  let attribution = false;
  let others = false;
  for (let i = sentence.from; i < sentence.to; i++) {
    if (matched.has(i)) continue;
    const word = analysis.words[i]!;
    const warning =
      WARNING_BEFORE.has(word.key) ||
      (word.key === 'stop' && opensClause(analysis, i)) ||
      (word.key === 'push' && analysis.words[i + 1]?.key === 'back') ||
      (DIFFERENT.has(word.key) && [1, 2].some((k) => analysis.words[i + k]?.key === 'from'));
    if (
      i < first &&
      warning &&
      (introducesList(analysis, word, first) || (first - i <= WARNING_REACH && reaches(analysis, word, match.clause)))
    )
      return true;
    if (i > first && word.clause === match.clause && WARNING_AFTER.has(word.key)) return true;
    if (i < first) {
      attribution ||= ATTRIBUTION_KEYS.has(word.key);
      others ||= OTHERS_KEYS.has(word.key);
    }
  }
  return attribution && others;
}

/**
 * A warning that a colon follows before the mistake heads a list of things to avoid, and covers
 * every item of it however long: "Things I'd avoid: a rewrite with no evidence, or a redesign with
 * no cost attached."
 */
function introducesList(analysis: Analysis, warning: Analysis['words'][number], first: number): boolean {
  const between = analysis.text.slice(warning.end, analysis.words[first]!.start);
  const colon = between.indexOf(':');
  return colon >= 0 && !/[.;!?]/.test(between.slice(colon + 1));
}

/** "Stop storing passwords in plain text" warns; "we stopped the rollout" does not. */
function opensClause(analysis: Analysis, i: number): boolean {
  return i === 0 || analysis.words[i - 1]!.clause !== analysis.words[i]!.clause;
}

/**
 * A warning before a mistake covers it in the same clause ("avoid retrying in a loop"), or across a
 * colon ("the thing to avoid: every worker retrying at once"), not in a later clause of its own.
 */
function reaches(analysis: Analysis, warning: Analysis['words'][number], clause: number): boolean {
  if (warning.clause === clause) return true;
  const next = analysis.words.find((w) => w.clause === clause);
  return next !== undefined && analysis.text.slice(warning.end, next.start).includes(':');
}

interface ClaimReading {
  misconceptions: MisconceptionResult[];
  /** Clauses in which a wrong claim is asserted. */
  wrongClauses: Set<number>;
  /** Mistakes the answer warns against or denies: credit, not a fault. */
  warnings: { text: string; evidence: Span[] }[];
}

/**
 * The wrong claims an answer asserts (in the claim's word order, not denied, not warned against,
 * not attributed to others) and those it rightly warns against.
 */
export function readClaims(analysis: Analysis, claims: readonly PreparedClaim[]): ClaimReading {
  const misconceptions: MisconceptionResult[] = [];
  const warnings: ClaimReading['warnings'] = [];
  const wrongClauses = new Set<number>();
  for (const claim of claims) {
    const matches = claim.phrases.flatMap((phrase) => findPhrase(analysis, phrase, { ordered: true }));
    const assertedAll = matches.filter((m) => m.polarity === 'asserted' && !warnedAgainst(analysis, m));
    for (const m of assertedAll) wrongClauses.add(m.clause);
    const asserted = assertedAll[0];
    if (asserted) {
      misconceptions.push({
        kind: claim.kind,
        claim: claim.claim,
        correction: claim.correction,
        evidence: spansOf(analysis, asserted),
      });
      continue;
    }
    const warned = matches.find((m) => m.polarity === 'negated' || warnedAgainst(analysis, m));
    if (warned) warnings.push({ text: claim.claim, evidence: spansOf(analysis, warned) });
  }
  return { misconceptions, warnings, wrongClauses };
}
