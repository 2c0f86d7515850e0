import type { Analysis } from './language.js';
import { findPhrase, type CompiledPhrase } from './phrases.js';
import { FILLER_WORDS, keyOf } from './words.js';

/**
 * The reasoning a system design gives, counted where it is attached to a decision. A reason word
 * or a figure anywhere in the text proves nothing: "- Redis" then "because…, instead of…, to avoid
 * failure" on a line of its own, or a bare line of numbers, is decoration. A reason counts when it
 * sits in the same sentence or bullet as a component the rubric names, and the clause after it says
 * something specific ("because reads outnumber writes 100 to 1", not "because it scales"); the
 * same reason said again of every component counts less each time. A figure counts when it is used:
 * in the sentence of a component, or leading somewhere ("… = 500k ops/s", "so 8 shards").
 */

/** Words that give a reason or weigh a choice: a design that says why, not only what. */
const REASON =
  /\b(?:because|so that|since|which means|to avoid|otherwise|at the cost of|trade-?off|instead of|rather than|in exchange|the downside|the risk|if (?:the|a|one|we)\b[^.]{0,80}\b(?:then|we|it)|fails?|failure|fallback|falls back|degrades?|bottleneck|hot (?:key|spot|partition)|so we|which lets|that way)\b|(?<=,\s?)so\b/gi;

/** Words any reason can say of any component: a clause of only these says nothing specific. */
const GENERIC_REASON_WORDS = new Set(
  (
    'scale scales scaling scalable scalability fast faster fastest quick quickly speed slow reliable reliability ' +
    'robust resilient resilience available availability performance performant efficient efficiency ' +
    'fail fails failing failure failures fallback problem problems issue issues bottleneck bottlenecks ' +
    'good better best great simple simpler easy easier works work working needed need needs use used ' +
    'cheap cheaper cost costs secure safe safer flexible modern industry standard proven popular ' +
    'everything anything things thing stuff way ways tool tools job right load high low lot lots ' +
    'microservice microservices monolith legacy stack cloud native system systems solution solutions ' +
    'latency throughput low stays stay keep keeps considered resilience failover redundancy redundant'
  ).split(' '),
);

/** What a figure leads to in its sentence: an equation, an arrow, a consequence. */
const CONSEQUENCE =
  /=|→|->|\b(?:so|which means|that means|meaning|therefore|hence|needs?|requires?|enough|fits?|i\.e\.)\b/i;

/** A specific reason clause needs at least this many words beyond filler and generic ones. */
const SPECIFIC_WORDS = 2;
/** Each further use of the same reason clause counts this factor less than the one before. */
const REPEAT_FACTOR = 0.5;

/** Reason words that name a problem, whose cause is said before them. */
const PROBLEM =
  /^(?:fails?|failure|bottleneck|hot (?:key|spot|partition)|degrades?|trade-?off|the risk|the downside)$/i;

/** Words and figures ("a 404", "100:1") of a reason clause. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'-]*/gu;

/** The words of a clause that are neither filler nor said of any component. */
function specificWords(clause: string): string[] {
  return (clause.toLowerCase().match(WORD) ?? []).filter(
    (w) => w.length > 1 && !FILLER_WORDS.has(w) && !GENERIC_REASON_WORDS.has(w),
  );
}

/** A sentence, or a line of one (a bullet), of the design: the unit a reason must share with a component. */
interface Unit {
  start: number;
  end: number;
}

function unitsOf(analysis: Analysis): Unit[] {
  const units: Unit[] = [];
  for (const sentence of analysis.sentences) {
    let start = sentence.start;
    const text = analysis.text.slice(sentence.start, sentence.end);
    for (const line of text.split('\n')) {
      units.push({ start, end: start + line.length });
      start += line.length + 1;
    }
  }
  return units;
}

interface DesignReasoning {
  /** Reasons attached to a component with a specific clause, repeats discounted. */
  reasons: number;
  /** How many of the design's figures are used. */
  usedEstimates: number;
}

/**
 * The reasons and used figures of a design's text. `phrases` are the rubric's compiled phrases (the
 * components and ideas it names); `estimates` finds the figures in a piece of text.
 */
export function reasoningOf(
  analysis: Analysis,
  phrases: readonly CompiledPhrase[],
  estimates: (text: string) => string[],
): DesignReasoning {
  const units = unitsOf(analysis);
  const unitAt = (offset: number) => units.findIndex((u) => offset >= u.start && offset < u.end + 1);
  // A unit names a component when it has a whole rubric phrase, or a word that carries one ("the
  // counter" for "sliding-window counter").
  const rubricKeys = new Set(phrases.flatMap((phrase) => phrase.keys));
  const named = new Set<number>();
  for (const phrase of phrases)
    for (const match of findPhrase(analysis, phrase)) {
      const first = analysis.words[match.words[0]!];
      if (match.polarity === 'asserted' && first) named.add(unitAt(first.start));
    }
  for (const word of analysis.words) if (rubricKeys.has(word.key)) named.add(unitAt(word.start));
  const seen = new Map<string, number>();
  let reasons = 0;
  let usedEstimates = 0;
  units.forEach((unit, index) => {
    const text = analysis.text.slice(unit.start, unit.end);
    if (named.has(index)) {
      for (const match of text.matchAll(REASON)) {
        // The clause the reason word opens, up to the end of the sentence or the next reason word;
        // a problem named after its cause ("the counter is a single point of failure") reads back.
        const rest = text.slice(match.index + match[0].length);
        let words = specificWords(rest.split(/[;.!?]/)[0]!.split(new RegExp(REASON.source, 'i'))[0]!);
        if (words.length < SPECIFIC_WORDS && PROBLEM.test(match[0])) words = specificWords(text.slice(0, match.index));
        if (words.length < SPECIFIC_WORDS) continue;
        // The same clause said of another component is the same reason: key it without the rubric's words.
        const own = [...new Set(words.filter((w) => !rubricKeys.has(keyOf(w))))];
        const key = (own.length > 0 ? own : words).sort().join(' ');
        const repeats = seen.get(key) ?? 0;
        seen.set(key, repeats + 1);
        reasons += REPEAT_FACTOR ** repeats;
      }
    }
    // A figure is used when its sentence draws something from it or gives a reason with it.
    const figures = estimates(text).length;
    if (figures > 0 && (CONSEQUENCE.test(text) || new RegExp(REASON.source, 'i').test(text))) usedEstimates += figures;
  });
  return { reasons, usedEstimates };
}
