import type { Verdict } from '../../shared/judgement.js';
import type { VerdictModel } from './fit.js';
import { VERDICT_MODEL } from './verdict-model.js';

/**
 * The verdict on a typed answer, from the evidence the judge gathered. A small multinomial logistic
 * model weighs the measures below (fitted on the tuning part of the labelled evaluation set by
 * `npm run feedback:fit`); rules that a candidate must be able to rely on then override it: an
 * answer with a wrong claim is never strong (nor off-topic), and one that mostly lists terms or
 * disclaims knowledge is weak.
 */

export interface Evidence {
  /** Share of key points covered, partly covered counting half. */
  coverage: number;
  /** Share of key points covered outright, and only partly (named in a list, hedged). */
  covered: number;
  partly: number;
  /** Wrong claims the rubric names, found asserted. */
  misconceptions: number;
  /** Key points the answer denies. */
  contradicted: number;
  /** Share of the answer's words that are bare terms in lists. */
  listed: number;
  /** Share of the answer's words inside "I don't know…" stretches. */
  disclaimed: number;
  /** Share of the answer's words inside "maybe…" stretches. */
  hedged: number;
  /** Similarity to the question's own material, 0..1. */
  topicOwn: number;
  /** Similarity to its own question over similarity to the closest other question of the bank. */
  topicRatio: number;
  /** 1 when the own question is the most similar in the bank. */
  topicRank: number;
  /** Share of the answer's words (by rarity) that its question's material never uses, 0..1. */
  topicForeign: number;
  /** Similarity to the closest other question of the bank, 0..1. */
  topicElsewhere: number;
  /** Meaningful words in the answer. */
  words: number;
  /** Common mistakes the answer warns against. */
  warnings: number;
  /** Distinct rare words of the question's own material that the answer uses. */
  specific: number;
  /**
   * Share of the answer's meaningful words (counting absolutes that are otherwise filler, "just")
   * that claim without exception and are not negated ("always", "never", "just", "basically",
   * "automatically"; not "not always"): confidently wrong answers overclaim, in words no
   * misconception has to foresee. See `absoluteShare`.
   */
  absolutes: number;
  /** How near the answer comes in its own words to the points it does not cover, 0..1 (see `statementAffinity`). */
  affinity: number;
  /** Whether the answer takes back what it said ("Just kidding, the opposite is true"); false when absent. */
  retracted?: boolean;
  /** Share of the answer's function words that are English, 0..1 (see `englishShare`); 1 when absent. */
  english?: number;
}

/**
 * The measures the model reads, in its order, each turned into a number on a sensible scale.
 * `none` (no key point found at all) lets the linear model draw the line it cannot draw on the
 * coverage share alone: covering nothing is what separates weak and off-topic answers from a short
 * partial one that gets one point right. The topic's rank among the bank's questions is left out:
 * it is a coarse copy of `topicRatio`, and with `none` and `topicElsewhere` in its place the model
 * cross-validates better at 3, 5 and 10 folds by held-out question (86.2, 86.2, 86.3 % against
 * 85.7, 85.4, 85.9 %).
 */
export const MODEL_INPUTS: Record<string, (e: Evidence) => number> = {
  coverage: (e) => e.coverage,
  none: (e) => (e.coverage === 0 ? 1 : 0),
  covered: (e) => e.covered,
  partly: (e) => e.partly,
  misconceptions: (e) => Math.min(3, e.misconceptions),
  contradicted: (e) => Math.min(2, e.contradicted),
  absolutes: (e) => Math.min(0.15, e.absolutes),
  affinity: (e) => e.affinity,
  warnings: (e) => Math.min(2, e.warnings),
  listed: (e) => e.listed,
  topicOwn: (e) => e.topicOwn,
  topicRatio: (e) => Math.min(3, e.topicRatio),
  topicElsewhere: (e) => e.topicElsewhere,
  topicForeign: (e) => e.topicForeign,
  words: (e) => Math.log(1 + Math.min(400, e.words)),
  specific: (e) => Math.min(30, e.specific),
};

export const MODEL_CLASSES = ['strong', 'partial', 'weak', 'off-topic'] as const satisfies readonly Verdict[];

/** Rules over the model, from what the verdict promises (README, "How answers are judged"). */
export const RULES = {
  /** When this share of an answer's words lists bare terms, it is weak. */
  mostly: 0.5,
  /**
   * When this share of an answer's words sits inside "I don't know…" stretches, it is weak: every
   * tuning answer past it was labelled weak (17 of 17), while strong answers that admit one gap stay under it.
   */
  disclaims: 0.2,
  /** Below this coverage a strong verdict says the rubric's words were not found (paraphrase). */
  confirmed: 0.4,
  /** An answer with no wrong claim that covers this share of the rubric is at least partial, however short. */
  partialFloor: 0.8,
  /**
   * An answer with no wrong claim that covers this share of the rubric outright, in at least
   * `strongWords` meaningful words, is strong however terse its style: on the tuning part, 83 of 84
   * such answers were labelled strong (the model, which rewards length, called 5 terse ones partial).
   */
  strongFloor: 0.9,
  strongWords: 30,
  /**
   * An answer with no wrong claim, no denied key point and no "I don't know" that covers no key point, uses at most
   * `unrelatedSpecific` of the question's rare words, and has this share of its words (by rarity)
   * foreign to the question's material is off-topic whatever the model says, a bare list included.
   * The model reads short answers as weak, so a two-line aside about something else came out weak.
   * On the tuning part all 44 answers within these bounds were labelled off-topic (18 of the 22
   * unrelated ones); the most foreign on-topic answers without a key point scored 0.78–0.79
   * (shallow, incomplete, confidently wrong), and the three past 0.8 use two or three of the
   * question's rare words.
   */
  unrelatedForeign: 0.8,
  unrelatedSpecific: 1,
  /** Fewer meaningful words than this name no subject to be about ("x", "pass"): such an answer is weak. */
  unrelatedWords: 3,
  /**
   * An answer with no wrong claim, no denied key point and no "I don't know" that covers no key point, and reads at
   * least this much like another question of the bank and no more than `elsewhereRatio` as much
   * like its own, is about that other question: off-topic whatever the model says. On the tuning
   * part all 49 such answers were labelled off-topic; the on-topic answers nearest to it (a
   * mostly wrong one, a shallow one) were 0.21 and 0.17 like their closest other question.
   */
  elsewhere: 0.25,
  elsewhereRatio: 0.4,
  /** An answer with this share of its words hedged ("maybe", "some say" opening its sentences) is never strong. */
  hedgedMost: 0.5,
  /** A strong answer covers at least this share of the rubric (partly covered counting half). */
  strongCoverage: 0.2,
  /** Under this similarity to its own question over the closest other one, and this coverage, an answer is not strong. */
  otherQuestionRatio: 0.8,
  otherQuestionCoverage: 0.5,
  /** Under this share of English function words an answer is mostly in another language. */
  english: 0.5,
} as const;

/** The model's score for each verdict (higher is more likely). */
export function modelScores(evidence: Evidence, model: VerdictModel = VERDICT_MODEL): Record<Verdict, number> {
  const inputs = model.inputs.map((name, i) => {
    const value = MODEL_INPUTS[name]!(evidence);
    return (value - model.mean[i]!) / model.scale[i]!;
  });
  return Object.fromEntries(
    MODEL_CLASSES.map((verdict, k) => [
      verdict,
      model.bias[k]! + inputs.reduce((sum, x, i) => sum + x * model.weights[i]![k]!, 0),
    ]),
  ) as Record<Verdict, number>;
}

/** The verdict and the reasons a candidate is shown for it. */
export function decide(
  evidence: Evidence,
  model: VerdictModel = VERDICT_MODEL,
): { verdict: Verdict; reasons: string[] } {
  if (evidence.words === 0) return { verdict: 'weak', reasons: ['The answer says nothing yet.'] };
  const scores = modelScores(evidence, model);
  let verdict = MODEL_CLASSES.reduce((best, v) => (scores[v] > scores[best] ? v : best), MODEL_CLASSES[0] as Verdict);
  const reasons: string[] = [];
  if (evidence.misconceptions > 0) {
    // A wrong claim is never strong, and an answer that makes one is about this topic.
    if (verdict === 'strong') verdict = 'partial';
    if (verdict === 'off-topic') verdict = 'weak';
    reasons.push(
      evidence.misconceptions === 1
        ? 'It makes a wrong claim (see the correction), which an interviewer would pick up on.'
        : 'It makes several wrong claims (see the corrections).',
    );
  }
  if (evidence.disclaimed >= RULES.disclaims) {
    verdict = 'weak';
    reasons.push('Much of the answer says what you do not know.');
  }
  // About something else however it is put, a list of unrelated terms included; an answer that
  // makes a wrong claim, denies a key fact or disclaims knowledge of the topic is about the topic.
  const unrelated =
    evidence.misconceptions === 0 &&
    evidence.contradicted === 0 &&
    evidence.disclaimed < RULES.disclaims &&
    evidence.coverage === 0 &&
    evidence.words >= RULES.unrelatedWords &&
    ((evidence.topicForeign >= RULES.unrelatedForeign && evidence.specific <= RULES.unrelatedSpecific) ||
      (evidence.topicElsewhere >= RULES.elsewhere && evidence.topicRatio <= RULES.elsewhereRatio));
  if (evidence.listed >= RULES.mostly && !unrelated) {
    verdict = 'weak';
    reasons.push('Most of it lists terms without saying what they do or why they matter.');
  }
  const clean =
    evidence.misconceptions === 0 && evidence.listed < RULES.mostly && evidence.disclaimed < RULES.disclaims;
  if (unrelated) verdict = 'off-topic';
  if (clean && evidence.coverage >= RULES.partialFloor && (verdict === 'weak' || verdict === 'off-topic'))
    verdict = 'partial';
  if (clean && evidence.covered >= RULES.strongFloor && evidence.words >= RULES.strongWords) verdict = 'strong';
  if (verdict === 'strong') {
    const cap = strongCap(evidence);
    if (cap) {
      verdict = 'partial';
      reasons.push(cap);
    }
  }
  if (evidence.retracted) {
    verdict = 'weak';
    reasons.push('It takes back what it said, so it shows none of the key points.');
  }
  if ((evidence.english ?? 1) < RULES.english) {
    // Only English is judged: an answer in another language is never strong, and, being about the
    // question in words the topic model cannot read, not off-topic either.
    if (verdict !== 'weak') verdict = 'weak';
    reasons.push('Only English answers are judged, and this one is mostly in another language: answer in English.');
  }
  if (verdict === 'off-topic') reasons.push('The answer is about something other than what was asked.');
  if (verdict === 'strong') {
    reasons.unshift(
      evidence.coverage >= RULES.confirmed
        ? 'It covers the key points, in enough depth, without a wrong claim.'
        : 'It reads as a thorough, on-topic answer without a wrong claim, but in words the rubric does not list: check the points marked missed against the model answer.',
    );
  }
  if (reasons.length === 0) {
    reasons.push(
      verdict === 'partial'
        ? evidence.coverage >= 0.6
          ? 'It names most key points but says little about each: an interviewer expects the how and the why.'
          : 'It covers some of the key points; the missed ones are listed.'
        : 'It says little that shows the key points.',
    );
  }
  return { verdict, reasons };
}

/**
 * Why an answer the model calls strong is not, if it is not: strong needs evidence, and a denial,
 * hedging or an answer to another question is not that. The model weighs length and rare words,
 * which repetition and a neighbouring question's strong answer supply without showing a key point.
 */
function strongCap(evidence: Evidence): string | null {
  if (evidence.contradicted > 0) return 'It denies a key point (marked), which an interviewer would pick up on.';
  if (evidence.hedged >= RULES.hedgedMost)
    return 'Most of it is hedged ("maybe", "some say"): say what you know plainly.';
  if (evidence.coverage < RULES.strongCoverage)
    return 'It names too few of the key points for a strong answer: check the points marked missed against the model answer.';
  if (evidence.topicRatio < RULES.otherQuestionRatio && evidence.coverage < RULES.otherQuestionCoverage)
    return 'It reads more like an answer to another question than to this one.';
  return null;
}

/** The Again/Hard/Good/Easy rating to preselect: from the verdict and coverage, one lower after a hint. */
export function suggestRating(verdict: Verdict, coverage: number, hintUsed: boolean): 1 | 2 | 3 | 4 {
  let rating: 1 | 2 | 3 | 4 = verdict === 'strong' ? (coverage >= 0.85 ? 4 : 3) : verdict === 'partial' ? 2 : 1;
  if (hintUsed && rating > 2) rating = (rating - 1) as 2 | 3;
  return rating;
}
